// Files the learner keeps or gives: saving text to this device, and reading files they choose.
// Nothing is sent anywhere. A file read is untrusted text: its size is capped, and callers hand it to
// the engine, never to the page as HTML.

export function saveText(filename, text) {
  const blob = new Blob([text], { type: "text/plain;charset=utf-8" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

// Reads the chosen files as text, one after another. Resolves to {texts, refused}: texts is a list of
// {name, text}; refused lists "name: reason" for each file not read (too large, or not text).
export async function readTextFiles(files, maxBytes) {
  const texts = [];
  const refused = [];
  for (const file of files) {
    if (file.size > maxBytes) {
      refused.push(`${file.name}: it is ${Math.round(file.size / 1024)} KB; a file can be at most ${Math.round(maxBytes / 1024)} KB`);
      continue;
    }
    try {
      texts.push({ name: file.name.slice(0, 80), text: await file.text() });
    } catch (error) {
      refused.push(`${file.name}: it could not be read as text`);
    }
  }
  return { texts, refused };
}
