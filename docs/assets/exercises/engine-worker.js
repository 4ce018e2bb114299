// The exercise engine's module Web Worker: starts Pyodide, unpacks the `exercises` Python package,
// and answers JSON requests with JSON replies from exercises.browser.handle.

let handle = null;

function post(message) {
  self.postMessage(JSON.stringify(message));
}

async function start({ pyodide: base, engine }) {
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const [pyodide, archive] = await Promise.all([
    loadPyodide({ indexURL: base }),
    fetch(engine).then((response) => {
      if (!response.ok) throw new Error(`the engine file could not be fetched (${response.status}): ${engine}`);
      return response.arrayBuffer();
    }),
  ]);
  pyodide.unpackArchive(archive, "zip", { extractDir: "/home/pyodide/engine" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/engine')");
  handle = pyodide.pyimport("exercises.browser").handle;
}

self.addEventListener("message", async (event) => {
  let message;
  try {
    message = JSON.parse(event.data);
  } catch (error) {
    post({ type: "failed", error: "the page sent a message that is not JSON" });
    return;
  }
  if (message.type === "init") {
    try {
      await start(message);
      post({ type: "ready" });
    } catch (error) {
      post({ type: "failed", error: String((error && error.message) || error), detail: String(error && error.stack) });
    }
  } else if (message.type === "call") {
    let reply;
    try {
      reply = JSON.parse(handle(JSON.stringify(message.request)));
    } catch (error) {
      reply = { ok: false, error: "the engine failed: " + String((error && error.message) || error) };
    }
    post({ type: "reply", id: message.id, reply });
  }
});
