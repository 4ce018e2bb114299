"""Every built page: no request leaves the site's origin, content pages load no Pyodide file,
and axe-core finds no accessibility violation (WCAG 2.2 A and AA rules), in light and dark schemes."""

import json

import pytest

from .axe import run_axe
from .engine import OWN_ENGINE, engine_eval, wait_until_quiet

pytestmark = pytest.mark.browser



def exercise_pages(built_site):
    return {p for p in (h.relative_to(built_site).as_posix() for h in built_site.rglob("index.html"))
            if "data-exercise=" in (built_site / p).read_text(encoding="utf-8")}


def load(page, url, is_exercise):
    page.goto(url)
    if is_exercise:
        page.wait_for_selector('[data-exercise][data-engine-state="ready"]', timeout=60_000)
    wait_until_quiet(page)


def test_every_request_of_every_page_goes_to_the_serving_origin(browser, site_url, site_pages, built_site):
    exercises = exercise_pages(built_site)
    offenders = []
    for path in site_pages:
        context = browser.new_context()
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("worker", lambda w: requests.append(w.url))
        load(page, site_url + path, path + "index.html" in exercises)
        offenders += [f"{path or '/'} -> {url}" for url in requests
                      if not (url.startswith(site_url) or url.startswith("data:") or url.startswith("blob:"))]
        context.close()
    assert offenders == []


def test_content_pages_download_no_pyodide_file(browser, site_url, site_pages, built_site):
    exercises = exercise_pages(built_site)
    assert exercises, "no page holds an exercise"
    for path in site_pages:
        if path + "index.html" in exercises:
            continue
        context = browser.new_context()
        page = context.new_page()
        fetched = []
        page.on("request", lambda r: fetched.append(r.url))
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        engine = [u for u in fetched if "/assets/pyodide/" in u or "/assets/engine/" in u or "/assets/exercises/" in u]
        assert engine == [], f"{path or '/'} loaded {engine}"
        context.close()


def test_exercise_pages_start_pyodide_from_the_site_itself(page, site_url, built_site):
    for path in sorted(exercise_pages(built_site)):
        load(page, site_url + path.removesuffix("index.html"), True)
        # What the engine (shared by the pages, so started by the first) fetched: all from the site itself.
        fetched = engine_eval(page, "() => performance.getEntriesByType('resource').map((e) => e.name)")
        assert any(u.startswith(site_url + "assets/pyodide/") and u.endswith(".wasm") for u in fetched), path
        assert [u for u in fetched if not u.startswith(site_url)] == [], path


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_reports_no_violation_on_any_page(browser, site_url, site_pages, built_site, scheme):
    exercises = exercise_pages(built_site)
    context = browser.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    found = {}
    for path in site_pages:
        load(page, site_url + path, path + "index.html" in exercises)
        violations = run_axe(page)
        if violations:
            found[path or "/"] = violations
    context.close()
    assert found == {}, json.dumps(found, indent=1)


def test_axe_reports_no_violation_after_the_quiz_is_checked_or_fails(browser, site_url):
    # No service worker: on the second load its offline copy would answer instead of the broken route.
    context = browser.new_context(reduced_motion="reduce", service_workers="block")
    page = context.new_page()
    load(page, site_url + "exercises/parts-of-the-house/", True)
    page.select_option('select[name="centre"]', "conversation")
    page.click('button[type="submit"]')  # answers missing: each is marked, nothing given away
    page.wait_for_selector('[data-question][data-verdict="missing"]')
    assert run_axe(page) == []
    for select in page.locator("select").all():
        select.select_option("conversation")  # one right, four with hints
    page.click('button[type="submit"]')
    page.wait_for_selector("[data-result]:not([hidden])")
    assert run_axe(page) == []
    page.add_init_script("globalThis.houseOfCareEngineTimeoutMs = 3000;")
    page.add_init_script(OWN_ENGINE)
    page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(site_url + "exercises/parts-of-the-house/")
    page.wait_for_selector('[data-engine-state="failed"]', timeout=20_000)
    assert run_axe(page) == []
    context.close()


def test_axe_reports_no_violation_at_phone_size(browser, site_url, built_site):
    """A phone-sized screen lays pages out differently (menus, targets): check one page of each kind."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  reduced_motion="reduce")
    page = context.new_page()
    found = {}
    for path in ["", "house/", "public/prepare/", "sources/", "exercises/parts-of-the-house/",
                 "exercises/roleplay/diabetes-review/"]:
        load(page, site_url + path, path.startswith("exercises/"))
        violations = run_axe(page)
        if violations:
            found[path or "/"] = violations
    context.close()
    assert found == {}, json.dumps(found, indent=1)
