// The site's service worker: after one visit, every page can be read with the network off, and after a
// visit to any page that holds an exercise, every exercise works offline too. Registered by
// assets/offline.js; it sits at the site's root so that its scope is the whole site.
//
// MANIFEST (written in at build time by exercises/site/offline.py) lists the "core" (pages and the files
// they need) and the "engine" (Pyodide, the engine and its snapshot: kept only once a page holding an
// exercise has been opened, so a content page never downloads a byte of Pyodide). Each list is
// kept in a cache named after its hash: a rebuild installs a new worker, which stores the new lists and
// removes the caches of older builds. Nothing from another origin is ever handled or stored.
//
// Pages and other files are fetched from the network first (so a rebuilt page is seen at once) and from
// the cache when the network fails or takes more than NETWORK_WAIT_MS; files under versioned paths
// (Pyodide, the engine) come from the cache first, as they never change. A file the install stored is not
// stored again on each visit: a rebuild brings a new worker, which stores the new files.

const MANIFEST = null; // written by the build (exercises/site/offline.py)

const PREFIX = "house-of-care-";
const SCOPE = new URL(self.registration.scope);
const CORE = MANIFEST && `${PREFIX}core-${MANIFEST.version}`;
const ENGINE = MANIFEST && `${PREFIX}engine-${MANIFEST.engineVersion}`;
// The engine worker's unpacked copy of this build's snapshot (engine-worker.js) is kept; older ones go.
const UNPACKED = ((MANIFEST && MANIFEST.engine) || []).filter((path) => /(^|\/)snapshot-[^/]*\.bin$/.test(path))
  .map((path) => `${PREFIX}unpacked-${path.split("/").pop().replace(/\.bin$/, "")}`);
const VERSIONED = ["assets/pyodide/", "assets/engine/"].map((path) => new URL(path, SCOPE).href);

const absolute = (path) => new URL(path, SCOPE).href;
// What the install stored; a visit need not store it again (on every visit that was the page's twenty-odd
// files written again, which cost an exercise page about 0.06 s of its engine's start on two cores).
const STORED = new Set(((MANIFEST && MANIFEST.core) || []).map(absolute));

async function store(cacheName, paths, mode = "no-cache") {
  const cache = await caches.open(cacheName);
  const have = new Set((await cache.keys()).map((request) => request.url));
  for (const url of paths.map(absolute)) {
    if (have.has(url)) continue;
    // Pages are revalidated with the server, so a file the HTTP cache holds from an older build is not
    // kept; the engine's files have versioned names, so the copy the page has just loaded will do.
    const response = await fetch(new Request(url, { cache: mode, credentials: "same-origin" }));
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    await cache.put(url, response);
  }
}

async function storeEngine() {
  if (MANIFEST) await store(ENGINE, MANIFEST.engine, "default");
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    if (MANIFEST) await store(CORE, MANIFEST.core);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    const hadEngine = names.some((name) => name.startsWith(`${PREFIX}engine-`));
    await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CORE && name !== ENGINE
      && !UNPACKED.includes(name))
      .map((name) => caches.delete(name)));
    // Pages are fetched while this worker starts, not after (it is stopped when idle).
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable().catch(() => {});
    await self.clients.claim();
    // Exercises worked offline before this rebuild: keep it so (the new engine files, fetched now).
    if (hadEngine) await storeEngine().catch(() => {});
  })());
});

self.addEventListener("message", (event) => {
  if (event.origin && event.origin !== SCOPE.origin) return;
  if (event.data && event.data.type === "store-engine") {
    event.waitUntil(storeEngine().catch((error) => console.warn("[offline] The exercises could not be stored:", error)));
  }
});

async function fromCache(request) {
  const found = await caches.match(request, { ignoreSearch: true });
  if (found) return found;
  if (request.mode === "navigate") {
    const notFound = await caches.match(absolute("404.html"));
    if (notFound) return notFound;
  }
  return Response.error();
}

// How long the network may take before a stored copy answers instead: on a wifi that is connected but
// passes nothing (a training room's, often), a request can hang for a minute before it fails. Once it has
// been that slow, stored copies answer at once for STALLED_FOR_MS (or until the network answers again),
// so a page's files, each found only once the file before it has come, do not each wait 3 s.
const NETWORK_WAIT_MS = 3000;
const STALLED_FOR_MS = 30000;
let stalledAt = -Infinity;

async function networkFirst(request, preloaded) {
  const network = (async () => {
    // A page: the browser has already asked the network for it while this worker was starting.
    const response = (preloaded && (await preloaded)) || await fetch(request);
    stalledAt = -Infinity;
    const url = new URL(request.url);
    if (response.ok && response.type === "basic" && MANIFEST && !url.search && !STORED.has(url.href)) {
      const copy = response.clone();
      caches.open(CORE).then((cache) => cache.put(url.href, copy)).catch(() => {});
    }
    return response;
  })();
  network.catch(() => {}); // a failure is handled below
  let timer;
  const wait = Date.now() - stalledAt < STALLED_FOR_MS ? 0 : NETWORK_WAIT_MS;
  const slow = new Promise((resolve) => { timer = setTimeout(resolve, wait, null); });
  try {
    const answered = await Promise.race([network, slow]);
    if (answered) return answered;
    if (wait) stalledAt = Date.now();
    return (await caches.match(request, { ignoreSearch: true })) || await network;
  } catch (error) {
    return fromCache(request);
  } finally {
    clearTimeout(timer);
  }
}

async function cacheFirst(request) {
  const found = await caches.match(request);
  if (found) return found;
  const response = await fetch(request);
  if (response.ok && response.type === "basic" && MANIFEST && response.status === 200) {
    const copy = response.clone();
    caches.open(ENGINE).then((cache) => cache.put(request.url, copy)).catch(() => {});
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || request.headers.has("range")) return;
  const url = new URL(request.url);
  // Only this site's own files: anything else is left to the browser and never stored.
  if (url.origin !== SCOPE.origin || !url.href.startsWith(SCOPE.href)) return;
  if (request.cache === "only-if-cached") {
    event.respondWith(caches.match(request).then((found) => found || Response.error()));
    return;
  }
  const versioned = VERSIONED.some((prefix) => url.href.startsWith(prefix));
  const preloaded = request.mode === "navigate" ? event.preloadResponse : undefined;
  if (preloaded) preloaded.catch(() => {}); // offline: networkFirst then answers from the cache
  event.respondWith(versioned ? cacheFirst(request) : networkFirst(request, preloaded));
});
