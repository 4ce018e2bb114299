// The exercise engine's module Web Worker: starts Pyodide, unpacks the `exercises` Python package,
// and answers JSON requests with JSON replies from exercises.browser.handle.
//
// Its settings come in its name (JSON: pyodide, engine, snapshot, types), so it starts loading the moment
// it is created, without waiting for a first message from the page.
//
// Start-up: when the build made a memory snapshot (exercises/site/snapshot.py), the worker restores it,
// which skips CPython's start-up and the engine's imports. If the snapshot is missing, cut short, made for
// another Pyodide, or does not restore within SNAPSHOT_MS, the worker says so in the console and starts
// normally: the learner sees no difference except speed. On a slow connection (the browser reports 3G or
// slower, or the learner asked to save data) a first visit starts normally, because the snapshot's 6 MB
// would cost more time than it saves; the snapshot is then fetched in the background, so the next visit
// restores it from the browser's cache.

let handle = null;

// How long fetching and restoring the snapshot may take before the worker starts normally instead.
const SNAPSHOT_MS = 12000;
const SNAPSHOT_FORMAT = "1";

function post(message) {
  self.postMessage(JSON.stringify(message));
}

function fetchBytes(url, what, signal) {
  return fetch(url, { signal }).then((response) => {
    if (!response.ok) throw new Error(`the ${what} could not be fetched (${response.status}): ${url}`);
    return response.arrayBuffer();
  });
}

// What the browser says about the connection. Its downlink estimate is not used: Chromium reported
// 1.55 Mbps for a server on the same machine, and caps it at 10.
function slowConnection() {
  const connection = self.navigator && navigator.connection;
  if (!connection) return false;
  return Boolean(connection.saveData) || ["slow-2g", "2g", "3g"].includes(connection.effectiveType);
}

// Whether the snapshot is already in this browser (the offline cache, or the HTTP cache).
async function snapshotStored(url) {
  try {
    if (self.caches && (await caches.match(url))) return true;
  } catch (error) { /* no Cache Storage here (an opaque origin, or private browsing) */ }
  try {
    const response = await fetch(url, { cache: "only-if-cached", mode: "same-origin" });
    if (response.ok) {
      response.body && response.body.cancel();
      return true;
    }
  } catch (error) { /* not cached */ }
  return false;
}

// The snapshot's bytes, checked: "HOCSNAP <format> <pyodide version> <hash> <raw length>\n" then gzip.
async function readSnapshot(url, version, signal) {
  const bytes = new Uint8Array(await fetchBytes(url, "snapshot", signal));
  const end = bytes.indexOf(10);
  if (end < 0 || end > 200) throw new Error("the snapshot file has no header");
  const [magic, format, madeFor, , rawLength] = new TextDecoder().decode(bytes.subarray(0, end)).split(" ");
  if (magic !== "HOCSNAP" || format !== SNAPSHOT_FORMAT) throw new Error("the snapshot file is not in a known format");
  if (madeFor !== version) throw new Error(`the snapshot was made for Pyodide ${madeFor}, not ${version}`);
  let body = bytes.subarray(end + 1);
  if (body[0] === 0x1f && body[1] === 0x8b) { // still gzip (a host may already have undone it)
    const stream = new Blob([body]).stream().pipeThrough(new DecompressionStream("gzip"));
    body = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  if (body.length !== Number(rawLength)) {
    throw new Error(`the snapshot is cut short (${body.length} of ${rawLength} bytes)`);
  }
  return body;
}

function within(ms, promise, onTimeout) {
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`the snapshot did not restore within ${ms / 1000} seconds`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Make the restored or fresh interpreter ready to answer: the engine's files, and the engine itself.
function prepare(pyodide, archive, types, fromSnapshot) {
  pyodide.unpackArchive(archive, "zip", { extractDir: "/home/pyodide/engine" });
  if (fromSnapshot) {
    // The snapshot holds the random state it was made with: every restore would draw the same numbers.
    pyodide.runPython("import random; random.seed()");
  } else {
    pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/engine')");
  }
  const browser = pyodide.pyimport("exercises.browser");
  browser.warm_up(pyodide.toPy(types || []));
  return browser.handle;
}

async function start({ pyodide: base, engine, snapshot, types }) {
  const t0 = performance.now();
  const archive = fetchBytes(engine, "engine file");
  archive.catch(() => {}); // awaited below; a failure is reported there
  let useSnapshot = Boolean(snapshot);
  let fetchLater = false;
  if (useSnapshot && slowConnection() && !(await snapshotStored(snapshot))) {
    useSnapshot = false;
    fetchLater = true;
  }
  const { loadPyodide, version } = await import(new URL("pyodide.mjs", base).href);
  let how = "normal start";
  let pyodide = null;
  let pyodideMs = 0;
  let engineMs = 0;
  if (useSnapshot) {
    const abort = new AbortController();
    try {
      const attempt = (async () => {
        // Handed over still loading: Pyodide fetches and compiles its WebAssembly meanwhile.
        const bytes = readSnapshot(snapshot, version, abort.signal);
        bytes.catch(() => {});
        const restored = await loadPyodide({ indexURL: base, _loadSnapshot: bytes });
        const t1 = performance.now();
        pyodideMs = t1 - t0;
        handle = prepare(restored, await archive, types, true);
        engineMs = performance.now() - t1;
        return restored;
      })();
      attempt.catch(() => {});
      pyodide = await within(SNAPSHOT_MS, attempt, () => abort.abort());
      how = "snapshot";
    } catch (error) {
      handle = null;
      console.warn("[exercises] The engine's snapshot could not be used, so the engine starts normally:",
        String((error && error.message) || error));
    }
  }
  if (!pyodide) {
    pyodide = await loadPyodide({ indexURL: base });
    const t2 = performance.now();
    pyodideMs = t2 - t0;
    handle = prepare(pyodide, await archive, types, false);
    engineMs = performance.now() - t2;
  }
  // For tests and the benchmark: how the engine started, and the engine itself.
  self.houseOfCareEngine = { how, pyodide, handle: (request) => handle(request) };
  if (fetchLater) {
    // For the next visit: into the browser's cache (and the offline cache, if the site has one).
    fetch(snapshot).then((response) => response.arrayBuffer()).catch(() => {});
  }
  return { how, pyodideMs: Math.round(pyodideMs), engineMs: Math.round(engineMs) };
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
