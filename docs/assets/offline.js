// On every page: registers the site's service worker (service-worker.js, at the site's root), so that after
// one visit the pages can be read offline, and, on a page that holds an exercise, asks it to keep what
// the exercises need too. It waits until the page has loaded (and, on an exercise page, until the engine
// has started) so that storing the site never slows the page the learner is looking at.

const ENGINE_WAIT_MS = 60000;

function engineSettled() {
  const settled = () => !document.querySelector('[data-exercise][data-engine-state="loading"]');
  if (settled()) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (settled()) done();
    });
    const timer = setTimeout(() => done(), ENGINE_WAIT_MS);
    function done() {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    }
    observer.observe(document.body, { attributes: true, subtree: true, attributeFilter: ["data-engine-state"] });
  });
}

function loaded() {
  return document.readyState === "complete"
    ? Promise.resolve()
    : new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
}

async function register() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const worker = new URL("../service-worker.js", import.meta.url);
  const scope = new URL("../", import.meta.url);
  if (worker.origin !== location.origin) return; // only ever this site's own worker
  const hasExercise = Boolean(document.querySelector("[data-exercise]"));
  await loaded();
  if (hasExercise) await engineSettled();
  await navigator.serviceWorker.register(worker.href, { scope: scope.href, type: "classic", updateViaCache: "none" });
  if (hasExercise) {
    const registration = await navigator.serviceWorker.ready;
    registration.active.postMessage({ type: "store-engine" });
  }
}

register().catch((error) => console.warn("[offline] This site could not be made available offline:", error));
