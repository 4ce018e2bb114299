// The exercise engine's module Web Worker: starts Pyodide, unpacks the `exercises` Python package,
// and answers JSON requests with JSON replies from exercises.browser.handle.
//
// Its settings come in its name (JSON: pyodide, engine, types), so it starts loading the moment it is
// created, without waiting for a first message from the page.

let handle = null;

function post(message) {
  self.postMessage(JSON.stringify(message));
}

async function start({ pyodide: base, engine, types }) {
  const t0 = performance.now();
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const [pyodide, archive] = await Promise.all([
    loadPyodide({ indexURL: base }),
    fetch(engine).then((response) => {
      if (!response.ok) throw new Error(`the engine file could not be fetched (${response.status}): ${engine}`);
      return response.arrayBuffer();
    }),
  ]);
  const t1 = performance.now();
  pyodide.unpackArchive(archive, "zip", { extractDir: "/home/pyodide/engine" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/engine')");
  const browser = pyodide.pyimport("exercises.browser");
  browser.warm_up(pyodide.toPy(types || []));
  handle = browser.handle;
  return { pyodideMs: Math.round(t1 - t0), engineMs: Math.round(performance.now() - t1) };
}

const started = (async () => {
  try {
    const timings = await start(JSON.parse(self.name));
    post({ type: "ready", timings });
  } catch (error) {
    post({ type: "failed", error: String((error && error.message) || error), detail: String(error && error.stack) });
    throw error;
  }
})();
started.catch(() => {});

self.addEventListener("message", async (event) => {
  let message;
  try {
    message = JSON.parse(event.data);
  } catch (error) {
    post({ type: "reply", id: null, reply: { ok: false, error: "the page sent a message that is not JSON" } });
    return;
  }
  if (message.type !== "call") return;
  let reply;
  try {
    await started;
    reply = JSON.parse(handle(JSON.stringify(message.request)));
  } catch (error) {
    reply = { ok: false, error: "the engine failed: " + String((error && error.message) || error) };
  }
  post({ type: "reply", id: message.id, reply });
});
