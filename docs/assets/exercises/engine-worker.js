// The exercise engine's module worker: starts Pyodide, unpacks the `exercises` Python package, and
// answers JSON requests with JSON replies from exercises.browser.handle.
//
// Pages start it as a shared worker where the browser has them (a plain worker otherwise; see
// overrides/main.html), asking the browser to keep it for a while after the last page using it has gone.
// The next exercise page then finds the engine already running and is ready at once, instead of starting
// Pyodide again: moving from one role-play to the next no longer waits for the engine. Every page talks
// to it through its own port; each request is answered on the port it came from.
//
// Its settings come in its name (JSON: pyodide, engine, snapshot, worker), so it starts loading the moment
// it is created, without waiting for a first message; a rebuild changes the name, and so starts a new one.
// Each page then sends the exercise types it holds ("warm-up"), which are imported once it is ready.
//
// Start-up: when the build made a memory snapshot (exercises/site/snapshot.py), the worker restores it,
// which skips CPython's start-up and the engine's imports. Its size comes first, so Pyodide instantiates
// while the rest arrives and is unpacked; after a first start the browser keeps the unpacked copy, and the
// next visits read that instead. If the snapshot is missing, cut short, made for
// another Pyodide, or does not restore within SNAPSHOT_MS, the worker says so in the console and starts
// normally: the learner sees no difference except speed. On a slow connection (the browser reports 3G or
// slower, or the learner asked to save data), or when the snapshot is seen to arrive too slowly (Pace), a
// first visit starts normally, because the snapshot's 6 MB would cost more time than it saves; the
// snapshot is then fetched in the background, so the next visit restores it from the browser's cache.

let running = null; // once started: { browser: the exercises.browser module, pyodide }

// How long fetching and restoring the snapshot may take before the worker starts normally instead.
const SNAPSHOT_MS = 12000;
const SNAPSHOT_FORMAT = "2";
// How long after the engine is ready the unpacked copy of the snapshot is stored.
const KEEP_AFTER_MS = 1500;

const shared = typeof SharedWorkerGlobalScope === "function" && self instanceof SharedWorkerGlobalScope;
const waiting = []; // pages connected before the engine settled
let settled = null; // what each page is told once the engine is ready or has failed

function send(port, message) {
  port.postMessage(JSON.stringify(message));
}

// A console note, also sent to the pages waiting: a shared worker's console is not the page's.
function note(level, ...parts) {
  console[level](...parts);
  const text = parts.map(String).join(" ");
  if (shared) for (const port of waiting) send(port, { type: "note", level, text });
}

function settle(message) {
  if (settled) return;
  settled = message;
  for (const port of waiting.splice(0)) send(port, message);
}

// A shared engine whose start hangs (a file that never comes) would hold every later page too: it gives
// up when the pages waiting for it do ("give-up-after", their time limit), and goes, so that the next
// page starts afresh.
let givingUp = null;

function giveUpAfter(ms) {
  if (!shared || settled || givingUp || !Number.isFinite(ms)) return;
  givingUp = setTimeout(() => {
    if (settled) return;
    settle({ type: "failed", error: `the engine did not start within ${Math.round(ms / 1000)} seconds` });
    self.close();
  }, Math.max(0, ms - performance.now()));
}

function connect(port) {
  port.addEventListener("message", (event) => answer(port, event.data));
  if (port !== self) port.start();
  if (!settled) waiting.push(port);
  else if (settled.type === "ready") send(port, { ...settled, timings: { ...settled.timings, kept: true } });
  else send(port, settled);
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

// The snapshot, read as it arrives: "HOCSNAP <format> <pyodide version> <hash> <raw length>\n" then its
// records (see Unpacker), compressed with gzip. The header gives the size at once, so Pyodide can
// instantiate its WebAssembly while the rest is still arriving and being unpacked into `memory`; `filled`
// settles when every byte is in place and checked.
const MAX_SNAPSHOT_BYTES = 1024 * 1024 * 1024;

function sizeFrom(header, version) {
  const [magic, format, madeFor, , rawText] = header.split(" ");
  if (magic !== "HOCSNAP" || format !== SNAPSHOT_FORMAT) throw new Error("the snapshot file is not in a known format");
  if (madeFor !== version) throw new Error(`the snapshot was made for Pyodide ${madeFor}, not ${version}`);
  const rawLength = Number(rawText);
  if (!Number.isSafeInteger(rawLength) || rawLength <= 0 || rawLength > MAX_SNAPSHOT_BYTES) {
    throw new Error("the snapshot's header gives no usable size");
  }
  return rawLength;
}

async function openSnapshot(url, version, signal) {
  const copy = await unpackedCopy(url);
  if (copy) {
    const memory = new Uint8Array(sizeFrom(copy.headers.get(COPY_HEADER) || "", version));
    // Read whole, in one piece: a stream of small pieces from the cache kept this thread busy for longer.
    const filled = copy.arrayBuffer().then((buffer) => {
      const unpacker = new Unpacker(memory);
      unpacker.push(new Uint8Array(buffer));
      unpacker.end();
    });
    return { memory, filled, fromCopy: true, keep: null };
  }
  const asked = performance.now();
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`the snapshot could not be fetched (${response.status}): ${url}`);
  const reader = response.body.getReader();
  const pace = new Pace(asked, Number(response.headers.get("Content-Length")) || 0);
  let head = new Uint8Array(0);
  let end = -1;
  let done = false;
  while (!done && (end < 0 || head.length < end + 3)) { // the header, and two bytes to tell gzip by
    const chunk = await reader.read();
    done = chunk.done;
    if (!done) head = joined(head, chunk.value);
    end = head.indexOf(10);
    if ((end < 0 && head.length > 200) || end > 200) throw new Error("the snapshot file has no header");
  }
  if (end < 0) throw new Error("the snapshot file has no header");
  const header = new TextDecoder().decode(head.subarray(0, end));
  const memory = new Uint8Array(sizeFrom(header, version));
  const rest = head.subarray(end + 1);
  let body = new ReadableStream({
    start(controller) { if (rest.length) controller.enqueue(rest); },
    async pull(controller) {
      const chunk = await reader.read();
      if (chunk.done) return controller.close();
      controller.enqueue(chunk.value);
      const late = pace.late(chunk.value.length);
      if (late) {
        reader.cancel().catch(() => {});
        controller.error(late);
      }
    },
    cancel(reason) { return reader.cancel(reason); },
  });
  let keep = null;
  if (rest[0] === 0x1f && rest[1] === 0x8b) { // (not gzip: a host has undone it)
    body = body.pipeThrough(new DecompressionStream("gzip"));
    if (self.caches) {
      const [one, two] = body.tee();
      body = one;
      keep = collected(two).then((blob) => ({ blob, header }));
      keep.catch(() => {});
    }
  }
  return { memory, filled: fill(memory, body), fromCopy: false, keep };
}

// Whether the snapshot arrives fast enough to be worth waiting for. It saves about 2 s of processor time,
// but on a first visit it is 6 MB more to download. Measured on a first visit to the quiz (Chromium's
// network throttling, 20 ms latency), always taking the snapshot against a normal start: 100 Mbit/s
// 3.0 s against 4.5 s; 40 Mbit/s 5.5 s against 6.1 s; 20 Mbit/s 9.7 s against 9.1 s; 10 Mbit/s 18.6 s
// against 14.3 s, while the browser said "4g" every time. So once the first part has come, the time the
// whole file will take is projected from it (early on it shares the line with Pyodide's own files, so
// the projection is cautious); if that is more than SLOW_SNAPSHOT_MS, the engine starts normally and the
// snapshot is fetched for the next visit. With this rule: 100 Mbit/s 3.0 s (snapshot); 60 Mbit/s 5.1 s,
// 40 Mbit/s 6.2 s, 20 Mbit/s 9.1 s, 10 Mbit/s 14.5 s (each a normal start, as fast as one).
const SLOW_SNAPSHOT_MS = 5000;
const PACE_BYTES = 512 * 1024;
const PACE_MS = 700;

class SlowSnapshot extends Error {}

class Pace {
  constructor(asked, total) {
    this.asked = asked;
    this.total = total; // 0 when the server does not say: then nothing is projected
    this.received = 0;
    this.checked = !total;
  }

  late(bytes) {
    this.received += bytes;
    const elapsed = performance.now() - this.asked;
    if (this.checked || (this.received < PACE_BYTES && elapsed < PACE_MS)) return null;
    this.checked = true;
    const projected = (elapsed * this.total) / this.received;
    if (projected <= SLOW_SNAPSHOT_MS) return null;
    return new SlowSnapshot(`the snapshot would take about ${Math.round(projected / 1000)} s to download`);
  }
}

// The unpacked copy of the snapshot this browser keeps after a first start from it, so later visits skip
// unzipping 15 MB. Kept in a cache named after the snapshot, which the service worker removes when a
// rebuild brings another snapshot; the snapshot's header goes with it as a response header.
const UNPACKED_PREFIX = "house-of-care-unpacked-";
const COPY_HEADER = "X-House-Of-Care-Snapshot";

function unpackedCacheName(url) {
  return UNPACKED_PREFIX + new URL(url).pathname.split("/").pop().replace(/\.bin$/, "");
}

function unpackedKey(url) {
  return url + "?unpacked";
}

async function unpackedCopy(url) {
  try {
    if (!self.caches) return null;
    return (await caches.match(unpackedKey(url), { cacheName: unpackedCacheName(url) })) || null;
  } catch (error) {
    return null; // no Cache Storage here (private browsing, or an opaque origin)
  }
}

async function collected(stream) {
  const parts = [];
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return new Blob(parts);
    parts.push(value);
  }
}

async function keepUnpacked(url, { blob, header }) {
  const name = unpackedCacheName(url);
  await (await caches.open(name)).put(unpackedKey(url), new Response(blob, { headers: { [COPY_HEADER]: header } }));
  for (const other of await caches.keys()) {
    if (other.startsWith(UNPACKED_PREFIX) && other !== name) await caches.delete(other);
  }
}

async function forgetUnpacked(url) {
  try {
    if (self.caches) await caches.delete(unpackedCacheName(url));
  } catch (error) { /* nothing kept */ }
}

function joined(a, b) {
  const both = new Uint8Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return both;
}

// Writes the unpacked snapshot into `memory` (zeros to start with): records of an offset and a length
// (uint32, little-endian) followed by that many bytes, in order, ending with (memory size, 0). Zero pages
// have no record (exercises/site/snapshot.py, pack), so only half of the memory is unpacked.
class Unpacker {
  constructor(memory) {
    this.memory = memory;
    this.head = new Uint8Array(8);
    this.view = new DataView(this.head.buffer);
    this.headBytes = 0;
    this.at = 0; // where the current record's next byte goes
    this.left = 0; // bytes of the current record still to come
    this.done = false;
  }

  push(bytes) {
    let i = 0;
    while (i < bytes.length) {
      if (this.done) throw new Error("the snapshot goes on after its end");
      if (this.left > 0) {
        const n = Math.min(this.left, bytes.length - i);
        this.memory.set(bytes.subarray(i, i + n), this.at);
        this.at += n;
        this.left -= n;
        i += n;
        continue;
      }
      const n = Math.min(8 - this.headBytes, bytes.length - i);
      this.head.set(bytes.subarray(i, i + n), this.headBytes);
      this.headBytes += n;
      i += n;
      if (this.headBytes < 8) continue;
      this.headBytes = 0;
      const offset = this.view.getUint32(0, true);
      const length = this.view.getUint32(4, true);
      if (length === 0) {
        if (offset !== this.memory.length) throw new Error("the snapshot's end does not match its header");
        this.done = true;
      } else if (offset < this.at || offset + length > this.memory.length) {
        throw new Error("the snapshot's records are out of order or too long");
      } else {
        this.at = offset;
        this.left = length;
      }
    }
  }

  end() {
    if (!this.done) throw new Error("the snapshot is cut short");
  }
}

async function fill(memory, stream) {
  const unpacker = new Unpacker(memory);
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    unpacker.push(value);
  }
  unpacker.end();
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

const ENGINE_DIR = "/home/pyodide/engine";

// A fresh interpreter: the engine's files, then the engine itself.
function prepareFresh(pyodide, archive) {
  pyodide.unpackArchive(archive, "zip", { extractDir: ENGINE_DIR });
  pyodide.runPython(`import sys; sys.path.insert(0, '${ENGINE_DIR}')`);
  return pyodide.pyimport("exercises.browser");
}

// A restored interpreter already holds the engine and every family (imported when the snapshot was
// made), so it can answer at once. Its files, which only a module imported later would read, are unpacked
// by the returned function, called just after "ready" is sent and before any request is taken.
function prepareRestored(pyodide, archive) {
  // The snapshot holds the random state it was made with: every restore would draw the same numbers.
  pyodide.runPython("import random; random.seed()");
  const browser = pyodide.pyimport("exercises.browser");
  const afterReady = () => pyodide.unpackArchive(archive, "zip", { extractDir: ENGINE_DIR });
  return { browser, afterReady };
}

async function start({ pyodide: base, engine, snapshot }) {
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
  let afterReady = null;
  let browser = null; // the engine's Python module, exercises.browser
  let read = null; // the snapshot as opened: whether it came from the unpacked copy, and what to keep
  if (useSnapshot) {
    const abort = new AbortController();
    try {
      const attempt = (async () => {
        const opened = openSnapshot(snapshot, version, abort.signal);
        opened.then((o) => { read = o; }, () => {});
        const filled = opened.then((o) => o.filled);
        filled.catch(() => {});
        // Pyodide waits for fsInit before it restores the memory: by then every byte is in place.
        // If unpacking fails, fsInit never returns and the race below gives up on this start.
        const loading = loadPyodide({
          indexURL: base,
          _loadSnapshot: opened.then((o) => o.memory),
          fsInit: () => filled.catch(() => new Promise(() => {})),
        });
        loading.catch(() => {});
        const restored = await Promise.race([loading, filled.then(() => loading)]);
        const t1 = performance.now();
        pyodideMs = t1 - t0;
        ({ browser, afterReady } = prepareRestored(restored, await archive));
        engineMs = performance.now() - t1;
        return restored;
      })();
      attempt.catch(() => {});
      pyodide = await within(SNAPSHOT_MS, attempt, () => abort.abort());
      how = "snapshot";
    } catch (error) {
      browser = null;
      if (error instanceof SlowSnapshot) {
        note("info", `[exercises] The engine starts normally this time, as ${error.message}; it is fetched for the next visit.`);
        fetchLater = true;
      } else {
        note("warn", "[exercises] The engine's snapshot could not be used, so the engine starts normally:",
          String((error && error.message) || error));
      }
      if (read && read.fromCopy) forgetUnpacked(snapshot);
      read = null;
      afterReady = null;
    }
  }
  if (!pyodide) {
    pyodide = await loadPyodide({ indexURL: base });
    const t2 = performance.now();
    pyodideMs = t2 - t0;
    browser = prepareFresh(pyodide, await archive);
    engineMs = performance.now() - t2;
  }
  // For tests and the benchmark: how the engine started, and the engine itself.
  running = { browser, pyodide };
  self.houseOfCareEngine = { how, fromCopy: Boolean(read && read.fromCopy), pyodide,
    handle: (request) => browser.handle(request) };
  if (read && read.keep) {
    // Once the learner has the page to themselves: a few hundred milliseconds of storing, off their path.
    const keep = read.keep;
    setTimeout(() => keep.then((kept) => keepUnpacked(snapshot, kept)).catch(() => {}), KEEP_AFTER_MS);
  }
  if (fetchLater) {
    // For the next visit: into the browser's cache (and the offline cache, if the site has one).
    fetch(snapshot).then((response) => response.arrayBuffer()).catch(() => {});
  }
  return { timings: { how, fromCopy: Boolean(read && read.fromCopy), pyodideMs: Math.round(pyodideMs),
    engineMs: Math.round(engineMs) }, afterReady };
}

const started = (async () => {
  try {
    const { timings, afterReady } = await start(JSON.parse(self.name));
    settle({ type: "ready", timings });
    if (afterReady) {
      try {
        afterReady();
      } catch (error) { // the engine still answers from memory; only a later import could miss a file
        console.warn("[exercises] The engine's files could not be unpacked:", String((error && error.message) || error));
      }
    }
  } catch (error) {
    settle({ type: "failed", error: String((error && error.message) || error), detail: String(error && error.stack) });
    // A shared engine that could not start goes, so that the next page tries again.
    if (shared) setTimeout(() => self.close(), 1000);
    throw error;
  }
})();
started.catch(() => {});

// A page's message: the exercise types it holds ("warm-up"), its time limit ("give-up-after"), or a
// request ("call").
async function answer(port, data) {
  let message;
  try {
    message = JSON.parse(data);
  } catch (error) {
    send(port, { type: "reply", id: null, reply: { ok: false, error: "the page sent a message that is not JSON" } });
    return;
  }
  if (message.type === "give-up-after") return giveUpAfter(Number(message.ms));
  if (message.type === "warm-up") {
    try {
      await started;
      if (Array.isArray(message.types)) running.browser.warm_up(running.pyodide.toPy(message.types));
    } catch (error) { /* a failed start is told to the page; a family that does not import is told on use */ }
    return;
  }
  if (message.type !== "call") return;
  let reply;
  try {
    await started;
    reply = JSON.parse(running.browser.handle(JSON.stringify(message.request)));
  } catch (error) {
    reply = { ok: false, error: "the engine failed: " + String((error && error.message) || error) };
  }
  send(port, { type: "reply", id: message.id, reply });
}

if (shared) self.addEventListener("connect", (event) => connect(event.ports[0]));
else connect(self);
