"""The engine starts from the build's memory snapshot, answers as the host engine does, draws fresh random
numbers on every load, and still starts (normally) when the snapshot is missing, cut short, made for
another Pyodide or does not restore."""

import gzip
import json
import shutil

import pytest

from exercises import browser as host_engine
from exercises.site import snapshot
from exercises.site.server import serve_in_background

from .engine import OWN_ENGINE, engine_eval, how_started, in_engine, stop_engine

pytestmark = pytest.mark.browser

QUIZ = "exercises/parts-of-the-house/"
ROLEPLAY = "exercises/roleplay/frail-home-visit/"


def definition(page) -> dict:
    return json.loads(page.locator("script[data-definition]").first.text_content())


def snapshot_file(site):
    found = list((site / "assets" / "engine").glob("snapshot-*.bin"))
    assert len(found) == 1, found
    return found[0]


def test_the_build_ships_one_snapshot_named_for_pyodide_and_the_engine(built_site):
    from exercises.site import runtime

    snap = snapshot_file(built_site)
    version = runtime.pyodide_version()
    assert snap.name.startswith(f"snapshot-{version}-")
    head, _, body = snap.read_bytes().partition(b"\n")
    magic, fmt, made_for, key, raw_length = head.decode().split(" ")
    assert (magic, fmt, made_for) == ("HOCSNAP", "2", version) and snap.name == f"snapshot-{version}-{key}.bin"
    packed = gzip.decompress(body)
    assert len(snapshot.unpack(packed)) == int(raw_length)
    assert len(packed) < 0.7 * int(raw_length)  # the zero pages are left out
    quiz = (built_site / QUIZ / "index.html").read_text(encoding="utf-8")
    assert f"assets/engine/{snap.name}" in quiz


def test_a_quiz_page_starts_from_the_snapshot_and_answers_as_the_host_engine(page, site_url):
    page.goto(site_url + QUIZ)
    assert how_started(page) == "snapshot"
    quiz = definition(page)
    choices = [c["id"] for c in quiz["choices"]]
    for n, answers in enumerate([{}, {q["id"]: choices[0] for q in quiz["questions"]},
                                 {q["id"]: q["answer"] for q in quiz["questions"]}]):
        request = {"action": "score", "definition": quiz, "data": {"answers": answers, "attempt": 1 + n % 2}}
        assert in_engine(page, request) == json.loads(host_engine.handle(json.dumps(request)))


def test_a_roleplay_page_starts_from_the_snapshot_and_walks_as_the_host_engine(page, site_url):
    page.goto(site_url + ROLEPLAY)
    assert how_started(page) == "snapshot"
    roleplay = definition(page)
    first = json.loads(host_engine.handle(json.dumps(
        {"action": "step", "definition": roleplay, "data": {"choices": []}})))["result"]["choices"][0]["id"]
    for request in ({"action": "scenario", "definition": roleplay, "data": {}},
                    {"action": "trainer", "definition": roleplay, "data": {}},
                    {"action": "step", "definition": roleplay, "data": {"choices": []}},
                    {"action": "step", "definition": roleplay, "data": {"choices": [first]}}):
        answer = in_engine(page, request)
        assert answer == json.loads(host_engine.handle(json.dumps(request)))
        assert answer["ok"], answer
    # The learner's first choice, clicked in the page, is answered by the restored engine.
    page.click(f'[data-choice="{first}"]')
    page.wait_for_function("() => document.querySelectorAll('[data-transcript] > li').length === 1")


def test_the_next_exercise_page_finds_the_engine_running_and_it_answers(browser, site_url):
    """A trainer moving from one exercise to the next does not wait for the engine again: the browser keeps
    the shared engine after the page that started it has gone, even with a content page in between."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + QUIZ)
    assert how_started(page) == "snapshot"
    page.goto(site_url + "house/")
    page.goto(site_url + ROLEPLAY)
    assert how_started(page) == "kept"
    assert page.evaluate("() => document.querySelector('[data-exercise]').dataset.engineState") == "ready"
    roleplay = definition(page)
    first = json.loads(host_engine.handle(json.dumps(
        {"action": "step", "definition": roleplay, "data": {"choices": []}})))["result"]["choices"][0]["id"]
    page.click(f'[data-choice="{first}"]')
    page.wait_for_function("() => document.querySelectorAll('[data-transcript] > li').length === 1")
    # A second tab shares it too, and each page's answers come back to that page.
    other = context.new_page()
    other.goto(site_url + QUIZ)
    assert how_started(other) == "kept"
    quiz = definition(other)
    request = {"action": "score", "definition": quiz, "data": {"answers": {}}}
    assert in_engine(other, request) == json.loads(host_engine.handle(json.dumps(request)))
    for question in quiz["questions"]:
        other.select_option(f'select[name="{question["id"]}"]', question["answer"])
    other.click('[data-exercise] button[type="submit"]')
    other.wait_for_selector("[data-result]:not([hidden])")
    page.click("[data-restart]")
    page.wait_for_function("() => document.querySelectorAll('[data-transcript] > li').length === 0")
    context.close()


def test_a_browser_without_shared_workers_starts_the_engine_in_the_page(browser, site_url):
    context = browser.new_context()
    context.add_init_script(OWN_ENGINE)
    page = context.new_page()
    page.goto(site_url + QUIZ)
    assert how_started(page) == "snapshot"
    assert len([w for w in page.workers if w.url.endswith("/engine-worker.js")]) == 1
    quiz = definition(page)
    request = {"action": "score", "definition": quiz, "data": {"answers": {}}}
    assert in_engine(page, request) == json.loads(host_engine.handle(json.dumps(request)))
    page.goto(site_url + ROLEPLAY)
    assert how_started(page) == "snapshot"  # each page starts its own
    context.close()


def test_when_the_shared_engine_cannot_start_the_page_starts_its_own(browser, site_url):
    """A browser whose shared worker cannot run the engine's script (here: one that loads a missing file)."""
    context = browser.new_context()
    context.add_init_script("""{
      const Shared = globalThis.SharedWorker;
      globalThis.SharedWorker = function (url, options) { return new Shared(new URL("/no-such-worker.js", url), options); };
    }""")
    page = context.new_page()
    notes = []
    page.on("console", lambda m: notes.append(m.text))
    page.goto(site_url + QUIZ)
    assert how_started(page) == "snapshot"
    assert any("this page starts its own" in n for n in notes), notes
    quiz = definition(page)
    request = {"action": "score", "definition": quiz, "data": {"answers": {}}}
    assert in_engine(page, request) == json.loads(host_engine.handle(json.dumps(request)))
    context.close()


def test_after_a_start_that_hung_the_next_page_starts_the_engine_afresh(browser, built_site):
    """A shared engine stuck waiting for a file must not hold the pages after it: it gives up with the page."""
    import threading

    from exercises.site.server import Handler

    hold, released = threading.Event(), threading.Event()

    class Holding(Handler):
        def do_GET(self):
            if hold.is_set() and self.path.split("?")[0].endswith(".wasm"):
                released.wait(60)  # this request never gets its file
                return
            super().do_GET()

    server, url = serve_in_background(built_site, handler_class=Holding)
    try:
        context = browser.new_context(service_workers="block")
        context.add_init_script("globalThis.houseOfCareEngineTimeoutMs = 4000;")
        page = context.new_page()
        hold.set()
        page.goto(url + QUIZ)
        page.wait_for_selector('[data-exercise][data-engine-state="failed"]', timeout=20_000)
        hold.clear()  # the network is back; the first request is still hanging
        page.goto(url + QUIZ)
        assert how_started(page) == "snapshot"
        context.close()
    finally:
        released.set()
        server.shutdown()


def test_two_page_loads_draw_different_random_numbers(browser, site_url):
    drawn = []
    for _ in range(2):
        context = browser.new_context()
        page = context.new_page()
        page.goto(site_url + QUIZ)
        assert how_started(page) == "snapshot"
        drawn.append(engine_eval(page, "() => self.houseOfCareEngine.pyodide.runPython('import random; random.random()')"))
        context.close()
    assert drawn[0] != drawn[1]


def _broken_copies():
    def missing(path):
        path.unlink()

    def cut_short(path):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])

    def other_version(path):
        head, _, body = path.read_bytes().partition(b"\n")
        parts = head.split(b" ")
        parts[2] = b"0.26.4"
        path.write_bytes(b" ".join(parts) + b"\n" + body)

    def does_not_restore(path):
        head, _, body = path.read_bytes().partition(b"\n")
        raw = bytearray(snapshot.unpack(gzip.decompress(body)))
        for at in range(0, len(raw), 4096):  # the right size and format, but memory no Pyodide can use
            raw[at:at + 16] = b"\xff" * 16
        path.write_bytes(head + b"\n" + gzip.compress(snapshot.pack(bytes(raw)), compresslevel=1))

    def records_overrun(path):
        head, _, _ = path.read_bytes().partition(b"\n")
        size = int(head.split(b" ")[-1])
        path.write_bytes(head + b"\n" + gzip.compress(snapshot.RECORD.pack(size - 4, 64) + bytes(64)))

    def not_gzip(path):
        head, _, _ = path.read_bytes().partition(b"\n")
        path.write_bytes(head + b"\n" + b"\x1f\x8b not really gzip" * 100)

    return {"missing": missing, "cut short": cut_short, "another Pyodide version": other_version,
            "does not restore": does_not_restore, "not gzip": not_gzip, "a record past the end": records_overrun}


@pytest.fixture(scope="module")
def broken_sites(built_site, tmp_path_factory):
    """One copy of the site for each way the snapshot can be broken, each with its own server."""
    served = {}
    servers = []
    for name, breaking in _broken_copies().items():
        site = tmp_path_factory.mktemp("broken") / "site"
        shutil.copytree(built_site, site)
        breaking(snapshot_file(site))
        server, url = serve_in_background(site)
        servers.append(server)
        served[name] = url
    yield served
    for server in servers:
        server.shutdown()


@pytest.mark.parametrize("broken", list(_broken_copies()))
def test_a_broken_snapshot_falls_back_to_a_normal_start_that_works(browser, broken_sites, broken):
    context = browser.new_context()
    page = context.new_page()
    notes = []
    page.on("console", lambda m: notes.append(m.text) if m.type == "warning" else None)
    page.goto(broken_sites[broken] + QUIZ)
    assert how_started(page) == "normal start"
    assert any("snapshot could not be used" in n for n in notes), notes
    quiz = definition(page)
    request = {"action": "score", "definition": quiz,
               "data": {"answers": {q["id"]: q["answer"] for q in quiz["questions"]}}}
    assert in_engine(page, request) == json.loads(host_engine.handle(json.dumps(request)))
    # The learner notices nothing: the page's own controls work.
    status = page.locator("[data-exercise] [data-status]").first.text_content()
    assert "ready" in status
    context.close()


def test_a_site_built_without_node_starts_the_engine_normally(browser, tmp_path):
    from conftest import build_site

    site = tmp_path / "site"
    done = build_site(site, env={"HOC_NODE": "/nonexistent/node", "HOC_CACHE_DIR": str(tmp_path / "cache")})
    assert done.returncode == 0, done.stderr
    server, url = serve_in_background(site)
    try:
        context = browser.new_context()
        page = context.new_page()
        fetched = []
        page.on("request", lambda r: fetched.append(r.url))
        page.goto(url + QUIZ)
        assert how_started(page) == "normal start"
        assert not [u for u in fetched if "snapshot" in u]
        context.close()
    finally:
        server.shutdown()


UNPACKED = "house-of-care-unpacked-"
UNPACKED_KEPT = """async () => {
  for (let i = 0; i < 150; i++) {
    const names = (await caches.keys()).filter((n) => n.startsWith("%s"));
    if (names.length && (await (await caches.open(names[0])).keys()).length) return names;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}""" % UNPACKED


def test_a_second_visit_restores_this_browsers_unpacked_copy(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + ROLEPLAY)
    assert how_started(page) == "snapshot"
    assert engine_eval(page, "() => self.houseOfCareEngine.fromCopy") is False
    kept = page.evaluate(UNPACKED_KEPT)
    assert kept == [UNPACKED + snapshot_file_name(page)], kept
    stop_engine(page)  # as the browser does a while after the learner has left the site's pages
    page.reload()
    assert how_started(page) == "snapshot"
    assert engine_eval(page, "() => self.houseOfCareEngine.fromCopy") is True
    roleplay = definition(page)
    request = {"action": "step", "definition": roleplay, "data": {"choices": []}}
    assert in_engine(page, request) == json.loads(host_engine.handle(json.dumps(request)))
    context.close()


def test_a_spoilt_unpacked_copy_is_forgotten_and_the_engine_still_starts(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    notes = []
    page.on("console", lambda m: notes.append(m.text) if m.type == "warning" else None)
    page.goto(site_url + QUIZ)
    how_started(page)
    [name] = page.evaluate(UNPACKED_KEPT)
    page.evaluate("""async (name) => {
      const cache = await caches.open(name);
      const [key] = await cache.keys();
      const kept = await cache.match(key);
      await cache.put(key, new Response("not the engine's memory", { headers: kept.headers }));
    }""", name)
    stop_engine(page)
    page.reload()
    assert how_started(page) == "normal start"
    assert any("snapshot could not be used" in n for n in notes), notes
    assert page.evaluate("async (name) => caches.has(name)", name) is False  # the next visit fetches it again
    context.close()


def snapshot_file_name(page) -> str:
    config = json.loads(page.locator("#exercise-runtime").text_content())
    return config["snapshot"].rsplit("/", 1)[-1].removesuffix(".bin")


def test_the_themes_script_waits_for_the_engine_and_search_then_works(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script("""
      window.__order = [];
      new MutationObserver(() => {
        if (document.querySelector('[data-exercise][data-engine-state="ready"]') && !window.__order.includes("ready"))
          window.__order.push("ready");
        if (document.querySelector('script[src*="assets/javascripts/bundle."]:not([type])')
            && !window.__order.includes("theme")) window.__order.push("theme");
      }).observe(document, { subtree: true, childList: true, attributes: true });
    """)
    page.goto(site_url + ROLEPLAY)
    how_started(page)
    page.wait_for_function("() => window.__order.includes('theme')")
    assert page.evaluate("() => window.__order") == ["ready", "theme"]
    page.wait_for_function("() => typeof window.component$ !== 'undefined'")
    page.keyboard.press("/")
    page.keyboard.type("review")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    # A content page loads the theme's script as usual.
    page.goto(site_url + "house/")
    assert page.locator('script[type="text/x-after-engine"]').count() == 0
    context.close()


def test_over_a_slow_line_a_first_visit_starts_normally_rather_than_wait_for_the_snapshot(browser, built_site):
    """The snapshot saves about 2 s of work but is 6 MB more on a first visit: when it comes too slowly to
    be worth it, the engine starts normally at once, with a note, not a warning."""
    import time

    from exercises.site.server import Handler

    class SlowSnapshot(Handler):
        def copyfile(self, source, outputfile):
            if not self.path.split("?")[0].endswith(".bin"):
                return super().copyfile(source, outputfile)
            try:
                while chunk := source.read(32 * 1024):  # about 200 KB a second: 30 s for the snapshot
                    outputfile.write(chunk)
                    outputfile.flush()
                    time.sleep(0.15)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the worker stopped reading, as it should

    server, url = serve_in_background(built_site, handler_class=SlowSnapshot)
    try:
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        notes = []
        page.on("console", lambda m: notes.append((m.type, m.text)))
        started = time.monotonic()
        page.goto(url + QUIZ)
        assert how_started(page) == "normal start"
        assert time.monotonic() - started < 20  # not the 30 s the snapshot would have taken
        assert any(kind == "info" and "starts normally this time" in text for kind, text in notes), notes
        assert not any(kind == "warning" and "snapshot" in text for kind, text in notes), notes
        quiz = definition(page)
        request = {"action": "score", "definition": quiz, "data": {"answers": {}}}
        assert in_engine(page, request) == json.loads(host_engine.handle(json.dumps(request)))
        context.close()
    finally:
        server.shutdown()
