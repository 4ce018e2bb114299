"""Offline after one visit: the service worker keeps every page after any visit, and what the exercises
need after a visit to a page holding one (never on a content page alone); with the server gone and the
browser offline, content pages, the quiz and a role-play load and work; on a network that answers nothing,
pages come from the offline copy within seconds; a rebuild's changed page is served, and the older build's
caches are removed."""

import json
import re
import shutil
import threading
import time

import pytest

from conftest import build_with
from exercises.catalogue import load_valid
from exercises.site.server import Handler, serve_in_background

from .engine import how_started, stop_engine

pytestmark = pytest.mark.browser

QUIZ = "exercises/parts-of-the-house/"
ROLEPLAY = "exercises/roleplay/frail-home-visit/"
CONTENT = ["", "house/", "glossary/"]
READY = '[data-exercise][data-engine-state="ready"]'
ENGINE_PATHS = ("/assets/pyodide/", "/assets/engine/")

# Waits (up to a minute) until the service worker is active, its caches hold `wanted` entries whose
# names start with each prefix, and no cache named in `gone` is left; returns {cache name: [url, ...]}.
CACHED = """async ([wanted, prefixes, gone]) => {
  await navigator.serviceWorker.ready;
  const read = async () => {
    const found = {};
    for (const name of await caches.keys()) {
      found[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
    }
    return found;
  };
  for (let i = 0; i < 600; i++) {
    const found = await read();
    const enough = prefixes.every((prefix, n) =>
      Object.entries(found).some(([name, urls]) => name.startsWith(prefix) && urls.length >= wanted[n]));
    if (enough && !gone.some((name) => name in found)) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return await read();
}"""


FETCHED = "async (url) => { try { return (await fetch(url)).ok; } catch { return false; } }"
# Fetches a URL through the page (so through the service worker) and waits until its cache holds it.
FETCHED_AND_KEPT = """async (url) => {
  if (!(await fetch(url)).ok) return false;
  for (let i = 0; i < 100; i++) {
    if (await caches.match(url)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}"""


def manifest(site) -> dict:
    text = (site / "service-worker.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const MANIFEST = (\{.*?\});", text).group(1))


class Site:
    """A copy of the built site served by its own server, which a test can stop (the network gone)."""

    def __init__(self, source, folder):
        self.folder = folder
        shutil.copytree(source, folder)
        self.server, self.url = serve_in_background(folder)

    def replace_with(self, source):
        shutil.rmtree(self.folder)
        shutil.copytree(source, self.folder)

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture
def site(built_site, tmp_path):
    served = Site(built_site, tmp_path / "served")
    yield served
    served.stop()


def cached(page, site_dir, engine=False, gone=()) -> dict:
    found = manifest(site_dir)
    wanted = [len(found["core"])] + ([len(found["engine"])] if engine else [])
    prefixes = [f"house-of-care-core-{found['version']}"] + (
        [f"house-of-care-engine-{found['engineVersion']}"] if engine else [])
    return page.evaluate(CACHED, [wanted, prefixes, list(gone)])


def go_offline(context, site):
    site.stop()
    context.set_offline(True)


def answer_the_quiz(page):
    quiz = next(e.model for e in load_valid() if e.header.id == "parts-of-the-house")
    for q in quiz.questions:
        page.select_option(f'select[name="{q.id}"]', q.answer)
    page.click('button[type="submit"]')
    page.wait_for_selector("[data-result]:not([hidden])")
    assert page.inner_text('[data-question="centre"] [data-feedback]').startswith("Correct:")


def play_the_first_choice(page):
    page.locator("[data-exercise] [data-choice]").first.click()
    page.wait_for_function("() => document.querySelectorAll('[data-transcript] > li').length === 1")


def test_a_content_page_keeps_every_page_offline_but_no_exercise_file(browser, site):
    context = browser.new_context()
    requested = []
    context.on("request", lambda r: requested.append(r.url))  # the service worker's requests too
    page = context.new_page()
    page.goto(site.url + "house/")
    caches = cached(page, site.folder)
    assert [u for u in requested if any(p in u for p in ENGINE_PATHS)] == []
    assert site.url + "glossary/" in requested  # it did fetch the other pages
    urls = [u for urls in caches.values() for u in urls]
    assert site.url + QUIZ in urls and site.url + "glossary/" in urls
    assert [u for u in urls if any(p in u for p in ENGINE_PATHS)] == []
    assert all(u.startswith(site.url) for u in urls)
    # Pages are asked for while the service worker starts (it is stopped when idle), and offline that
    # request fails and the page comes from the cache, as below.
    state = page.evaluate("async () => (await navigator.serviceWorker.ready).navigationPreload.getState()")
    assert state["enabled"] is True
    # A file the install left out (a search language) is kept once a page has fetched it online.
    left_out = sorted((site.folder / "assets/javascripts/lunr/min").glob("lunr.*.min.js"))[0]
    left_out = site.url + left_out.relative_to(site.folder).as_posix()
    assert left_out not in [site.url + u for u in manifest(site.folder)["core"]]
    assert page.evaluate(FETCHED_AND_KEPT, left_out) is True
    go_offline(context, site)
    for path in CONTENT:
        page.goto(site.url + path)
        assert page.locator("h1").first.is_visible()
    assert page.evaluate(FETCHED, left_out)
    # An exercise page's text is there, and, the engine not yet kept, the printable version is offered.
    page.goto(site.url + QUIZ)
    assert page.locator('select[name="roof"]').is_visible()
    page.wait_for_selector('[data-exercise][data-engine-state="failed"]', timeout=60_000)
    assert page.locator("[data-fallback]").first.is_visible()
    context.close()


def test_after_one_exercise_visit_every_page_and_exercise_works_offline(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url + QUIZ)
    page.wait_for_selector(READY, timeout=60_000)
    caches = cached(page, site.folder, engine=True)
    assert all(u.startswith(site.url) for urls in caches.values() for u in urls)
    stop_engine(page)  # so that the engine has to start offline
    go_offline(context, site)
    for path in CONTENT:
        page.goto(site.url + path)
        assert page.locator("h1").first.is_visible()
    page.goto(site.url + QUIZ)
    assert how_started(page) == "snapshot"  # started again offline, from the stored snapshot
    answer_the_quiz(page)
    page.goto(site.url + ROLEPLAY)
    page.wait_for_selector(READY, timeout=60_000)
    play_the_first_choice(page)
    context.close()


def test_after_a_rebuild_the_changed_page_is_served_and_old_caches_go(browser, site, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url + QUIZ)
    page.wait_for_selector(READY, timeout=60_000)
    before = manifest(site.folder)
    cached(page, site.folder, engine=True)

    marker = "This sentence was added by a rebuild."
    done = build_with(tmp_path / "rebuild", {"house/index.md": lambda text: text + f"\n\n{marker}\n"})
    assert done.returncode == 0, done.stderr
    site.replace_with(tmp_path / "rebuild" / "site")
    after = manifest(site.folder)
    assert after["version"] != before["version"]

    page.goto(site.url + "house/")
    assert marker in page.inner_text("main")  # online: the new page at once
    caches = cached(page, site.folder, engine=True, gone=[f"house-of-care-core-{before['version']}"])
    names = set(caches)
    assert f"house-of-care-core-{after['version']}" in names
    assert f"house-of-care-core-{before['version']}" not in names
    go_offline(context, site)
    page.goto(site.url + "house/")
    assert marker in page.inner_text("main")  # and offline, from the new build's cache
    page.goto(site.url + QUIZ)
    page.wait_for_selector(READY, timeout=60_000)
    answer_the_quiz(page)
    context.close()


def test_on_a_wifi_that_passes_nothing_a_page_comes_from_the_offline_copy_within_seconds(browser, built_site):
    """A connected network that answers nothing (a training room's wifi, often) must not leave a page
    waiting for the minute a request can take to fail: the stored copy answers after 3 s, and then at once
    for the page's other files; an exercise's engine starts from the stored copy."""
    stalled, released = threading.Event(), threading.Event()

    class Stalling(Handler):
        def do_GET(self):
            if stalled.is_set():
                released.wait(60)  # the request goes nowhere; the connection then closes unanswered
                return
            super().do_GET()

    server, url = serve_in_background(built_site, handler_class=Stalling)
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + QUIZ)
        page.wait_for_selector(READY, timeout=60_000)
        cached(page, built_site, engine=True)
        stop_engine(page)
        stalled.set()
        began = time.monotonic()
        page.goto(url + "glossary/", timeout=45_000)
        assert page.locator("h1").first.inner_text().startswith("Glossary")
        assert time.monotonic() - began < 12  # not 3 s for each file in turn, nor the minute they would take
        # An exercise works too: its engine starts from what the first visit stored.
        page.goto(url + ROLEPLAY, timeout=45_000)
        assert how_started(page) == "snapshot"
        play_the_first_choice(page)
        context.close()
    finally:
        released.set()
        server.shutdown()
