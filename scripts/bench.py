"""The benchmark behind scripts/bench. Prints a table of medians; targets are checked, not asserted."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exercises.site import runtime  # noqa: E402
from exercises.site.server import Handler, serve_in_background  # noqa: E402

def _test_helpers():
    """The browser tests' engine helpers (tests/browser/engine.py), loaded by path: "tests" is no package."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("engine_helpers", ROOT / "tests" / "browser" / "engine.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_helpers = _test_helpers()
wait_until_quiet, OWN_ENGINE = _helpers.wait_until_quiet, _helpers.OWN_ENGINE

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
CONTENT_PAGE = "house/"
EXERCISE_PAGE = "exercises/parts-of-the-house/"
ROLEPLAY_PAGE = "exercises/roleplay/frail-home-visit/"
BARE_PAGE = "bench-bare/"
# Each page kind is visited four times (see visit_four_times): a first visit; a second in the same browser
# session (the engine an earlier page started may still be running); a third in which the page starts its
# own engine, as in a browser without shared workers (and as every visit did before the engine was shared);
# and a visit after the browser was closed and opened again.
VISITS = ("cold", "warm", "own", "restart")
READINESS_PAGE = "local/readiness-check/"

BARE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide</title></head>
<body><p>Loading Pyodide only.</p><script type="module">
const worker = new Worker(new URL("worker.js", import.meta.url), {type: "module"});
worker.onmessage = () => document.body.dataset.engineState = "ready";
worker.postMessage(new URL("../PYODIDE/", location.href).href);
</script></body></html>"""

BARE_WORKER = """self.onmessage = async (event) => {
  const { loadPyodide } = await import(new URL("pyodide.mjs", event.data).href);
  await loadPyodide({ indexURL: event.data });
  self.postMessage("ready");
};"""

# Records when the engine becomes ready, in ms since navigation started.
READY_PROBE = """
new MutationObserver((changes, observer) => {
  for (const c of changes) {
    if (c.target.dataset && c.target.dataset.engineState === "ready") {
      window.__engineReadyAt = performance.now();
      observer.disconnect();
    }
  }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-engine-state"]});
"""


# Waits (up to 60 s) until the site's service worker is active and has stored what the exercises need,
# as a learner's browser will have done by their next visit.
SERVICE_WORKER_DONE = """async () => {
  if (!navigator.serviceWorker) return false;
  await navigator.serviceWorker.ready;
  for (let i = 0; i < 600; i++) {
    const names = await caches.keys();
    const engine = names.find((n) => n.startsWith("house-of-care-engine-"));
    if (engine && (await (await caches.open(engine)).keys()).length > 0) {
      const pending = (await (await caches.open(engine)).keys()).length;
      await new Promise((r) => setTimeout(r, 300));
      if ((await (await caches.open(engine)).keys()).length === pending) return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}"""


# Waits (up to 15 s) until the engine worker has kept its unpacked copy of the snapshot, which it does a
# moment after the engine is ready on a first visit (docs/assets/exercises/engine-worker.js).
UNPACKED_COPY_KEPT = """async () => {
  for (let i = 0; i < 150; i++) {
    const names = (await caches.keys()).filter((n) => n.startsWith("house-of-care-unpacked-"));
    if (names.length && (await (await caches.open(names[0])).keys()).length > 0) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}"""


class CountingHandler(Handler):
    counter: dict = {}
    lock = threading.Lock()

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        with self.lock:
            self.counter["bytes"] = self.counter.get("bytes", 0) + len(data)


def build(site_dir: Path, extra_env: dict | None = None) -> float:
    started = time.perf_counter()
    config = os.environ.get("HOC_MKDOCS_CONFIG", str(ROOT / "mkdocs.yml"))
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(site_dir)],
                          cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})},
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"The site build failed:\n{done.stderr}")
    return time.perf_counter() - started


def add_bare_page(site_dir: Path) -> None:
    bare = site_dir / BARE_PAGE
    bare.mkdir(parents=True, exist_ok=True)
    version = runtime.pyodide_version()
    (bare / "index.html").write_text(BARE_HTML.replace("PYODIDE", f"assets/pyodide/{version}"))
    (bare / "worker.js").write_text(BARE_WORKER)


def readiness_exports(teams: int) -> list[tuple[str, str]]:
    """Generated readiness exports, one per team: (file name, JSON text). Empty with no question set."""
    import json
    import random

    from exercises.catalogue import load_valid
    from exercises.readiness.model import ANSWERS

    check = next((e.model for e in load_valid() if e.header.type == "readiness"), None)
    if check is None:
        return []
    rng = random.Random(1)
    out = []
    for n in range(teams):
        answers = {s.id: rng.choice(ANSWERS) for s in check.statements()}
        out.append((f"team-{n}.json", json.dumps({
            "format": "house-of-care-readiness", "version": 1, "questions": check.header.id,
            "team": f"Practice {n}", "checks": [{"date": "2026-10-01", "answers": answers}]})))
    return out


def rollup_seconds(teams: int) -> float:
    """`python -m exercises aggregate` over a folder of generated readiness exports (one per team)."""
    exports = readiness_exports(teams)
    if not exports:
        return float("nan")  # no readiness question set in this content
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in exports:
            Path(tmp, name).write_text(text)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "exercises", "aggregate", tmp], cwd=ROOT, capture_output=True)
        assert done.returncode == 0, done.stderr
        return time.perf_counter() - started


def browser_rollup_seconds(browser, url: str, teams: int) -> float:
    """The same roll-up on the self-check's page: files chosen, "Pool the files" pressed, until the result shows."""
    exports = readiness_exports(teams)
    if not exports:
        return float("nan")
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + READINESS_PAGE)
    page.wait_for_selector('[data-engine-state="ready"]', timeout=120_000)
    page.set_input_files("[data-rollup-files]", files=[
        {"name": name, "mimeType": "application/json", "buffer": text.encode()} for name, text in exports])
    started = time.perf_counter()
    page.click("[data-rollup]")
    page.wait_for_selector("[data-rollup-result]:not([hidden])", timeout=300_000)
    seconds = time.perf_counter() - started
    context.close()
    return seconds


def median(values):
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = max(1, args.runs)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        build_times = [build(site_dir) for _ in range(runs)]
        add_bare_page(site_dir)
        if not list((site_dir / "assets" / "engine").glob("snapshot-*.bin")):
            sys.exit("The build made no snapshot (is Node installed?): nothing to compare.")
        plain_dir = Path(tmp) / "plain"  # the same site built without the snapshot
        build(plain_dir, {"HOC_SNAPSHOT": "off"})
        CountingHandler.counter = {}
        servers, urls = [], {}
        for variant, folder in (("snapshot", site_dir), ("no snapshot", plain_dir)):
            server, urls[variant] = serve_in_background(folder, handler_class=CountingHandler)
            servers.append(server)
        url = urls["snapshot"]

        results: dict[str, list[float]] = {}

        def record(key, value):
            results.setdefault(key, []).append(value)

        def visit_four_times(p, key, page_url, service_worker):
            """A first visit in a fresh profile (cold); once the offline copy is stored, a second one in the same
            browser session (warm: an exercise page finds the engine an earlier page started, if the browser
            kept it); a third in which the page starts its own engine (own: from the stored snapshot); then
            the browser is closed and opened again on the same profile, and a last visit has to start the
            engine again (restart). The profile is on disk, as a learner's is: an in-memory (incognito)
            profile's HTTP cache does not keep Pyodide's 9.6 MB WebAssembly file, so the bare page would
            fetch it again every time."""
            profile = tempfile.mkdtemp(prefix="bench-profile-")
            context = None
            for visit in VISITS:
                if context is None or visit == "restart":
                    if context is not None:
                        context.close()
                    context = p.chromium.launch_persistent_context(
                        profile, executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=CHROMIUM_ARGS)
                    page = context.pages[0] if context.pages else context.new_page()
                    page.add_init_script(READY_PROBE)
                if visit == "own":
                    page.add_init_script(OWN_ENGINE)
                CountingHandler.counter["bytes"] = 0
                page.goto(page_url)
                page.wait_for_function("() => window.__engineReadyAt !== undefined", timeout=120_000)
                record(f"{key} ready {visit} (ms)", page.evaluate("() => window.__engineReadyAt"))
                record(f"{key} started {visit}", page.evaluate("() => globalThis.houseOfCareEngineStart?.how ?? ''"))
                wait_until_quiet(page)  # not "networkidle", which never comes on a page with a shared worker
                if visit == "cold":
                    fcp = page.evaluate(
                        "() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1")
                    record(f"{key} text visible (ms)", fcp)
                    if service_worker and not page.evaluate(SERVICE_WORKER_DONE):
                        print(f"note: the offline copy was not stored after {key}'s first visit", file=sys.stderr)
                    if key.endswith(" snapshot") and not key.endswith("no snapshot") \
                            and not page.evaluate(UNPACKED_COPY_KEPT):
                        print(f"note: the unpacked snapshot was not kept after {key}'s first visit", file=sys.stderr)
                record(f"{key} bytes {visit}", CountingHandler.counter["bytes"])
            context.close()
            shutil.rmtree(profile, ignore_errors=True)

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                        args=CHROMIUM_ARGS)
            for _ in range(runs):
                for name, path in (("quiz", EXERCISE_PAGE), ("role-play", ROLEPLAY_PAGE)):
                    for variant in ("snapshot", "no snapshot"):
                        visit_four_times(p, f"{name} {variant}", urls[variant] + path, True)
                visit_four_times(p, "bare", url + BARE_PAGE, False)
                context = browser.new_context()
                fetched = []
                context.on("request", lambda r: fetched.append(r.url))  # the service worker's requests too
                page = context.new_page()
                CountingHandler.counter["bytes"] = 0
                page.goto(url + CONTENT_PAGE)
                page.wait_for_load_state("networkidle")
                record("content page bytes", CountingHandler.counter["bytes"])
                page.evaluate("async () => { await navigator.serviceWorker.ready; }")
                page.wait_for_load_state("networkidle")
                record("content page bytes with offline copy", CountingHandler.counter["bytes"])
                page.reload()
                page.wait_for_load_state("networkidle")
                record("content page Pyodide files",
                       sum("/assets/pyodide/" in u or "/assets/engine/" in u for u in fetched))
                context.close()
            for teams in (1000, 10000):
                record(f"browser roll-up {teams}", browser_rollup_seconds(browser, url, teams))
            browser.close()
        for server in servers:
            server.shutdown()

    started = {k: sorted(set(v)) for k, v in results.items() if " started " in k}
    m = {k: median(v) for k, v in results.items() if " started " not in k}
    rollups = {n: median([rollup_seconds(n) for _ in range(min(runs, 3))]) for n in (1000, 10000)}
    rows = [
        ("site build (s)", f"{median(build_times):.2f}", ""),
        ("readiness roll-up of 1,000 exports, command line (s)", f"{rollups[1000]:.2f}", "< 1"),
        ("readiness roll-up of 10,000 exports, command line (s)", f"{rollups[10000]:.2f}", "about 10 x the above"),
        ("readiness roll-up of 1,000 exports, in the browser (s)", f"{m['browser roll-up 1000']:.2f}", "< 3"),
        ("readiness roll-up of 10,000 exports, in the browser (s)", f"{m['browser roll-up 10000']:.2f}",
         "about 10 x the above"),
        ("exercise text visible, first contentful paint (ms)", f"{m['quiz snapshot text visible (ms)']:.0f}", "< 1000"),
    ]
    for visit in VISITS:
        rows.append((f"bare Pyodide page ready, {visit} (ms)", f"{m[f'bare ready {visit} (ms)']:.0f}", ""))
    for name in ("quiz", "role-play"):
        for variant in ("snapshot", "no snapshot"):
            key = f"{name} {variant}"
            for visit in VISITS:
                ready = m[f"{key} ready {visit} (ms)"]
                target = "" if variant == "no snapshot" else ("<= 1.00" if visit == "cold" else "<= 0.30")
                how = "/".join(started[f"{key} started {visit}"])
                rows.append((f"{name} engine ready, {variant}, {visit} ({how}) (ms)", f"{ready:.0f}", ""))
                rows.append((f"  ratio to bare, {visit}", f"{ready / m[f'bare ready {visit} (ms)']:.2f}", target))
    for key in ("quiz snapshot", "quiz no snapshot", "role-play snapshot", "bare"):
        rows.append((f"bytes, {key}, first visit (with the offline copy)", f"{m[f'{key} bytes cold']:,.0f}", ""))
        rows.append((f"bytes, {key}, second visit", f"{m[f'{key} bytes warm']:,.0f}", ""))
        rows.append((f"bytes, {key}, after a browser restart", f"{m[f'{key} bytes restart']:,.0f}", ""))
    rows += [
        ("bytes, content page (cold)", f"{m['content page bytes']:,.0f}", ""),
        ("bytes, content page and the offline copy of every page", f"{m['content page bytes with offline copy']:,.0f}",
         ""),
        ("Pyodide or engine files fetched for a content page (service worker too)",
         f"{m['content page Pyodide files']:.0f}", "0"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"\nMedians of {runs} runs on this machine ({os.cpu_count()} cores), Pyodide {runtime.pyodide_version()}\n")
    print(f"{'measure'.ljust(width)}  {'median':>12}  target")
    print(f"{'-' * width}  {'-' * 12}  ------")
    for name, value, target in rows:
        print(f"{name.ljust(width)}  {value:>12}  {target}")


if __name__ == "__main__":
    main()
