"""The Content-Security-Policy: every page carries one (first in <head>, inline scripts allowed only by their
hashes); no page or exercise in normal use trips it; a script or event handler slipped into a page is
blocked. Also the keyboard and form fixes that came with it: wide code blocks are reachable by keyboard,
and every form has a submit control (HTML_CodeSniffer H32) that neither shows nor breaks the theme."""

import re
from html.parser import HTMLParser

import pytest

from exercises.site import csp
from exercises.site.csp import PolicyError, add_policy, header_policy, page_policy, sha256_source

from .axe import run_axe
from .engine import engine_eval, wait_until_quiet

READY = '[data-exercise][data-engine-state="ready"]'
# Waits are written as functions: Playwright polls a bare expression with eval, which the policy forbids.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""
SUBMIT = "input[type=submit], input[type=image], button[type=submit]"  # HTML_CodeSniffer's H32 test


def built_pages(built_site):
    return [p for p in sorted(built_site.rglob("*.html"))
            if not p.relative_to(built_site).as_posix().startswith("assets/")]


class Inline(HTMLParser):
    """The text of every inline script that runs (not JSON data blocks), read independently of csp.py."""

    def __init__(self):
        super().__init__()
        self.scripts, self._open = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") in (None, "module", "text/javascript"):
            self._open = []

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.scripts.append("".join(self._open))
            self._open = None


# --- the built pages --------------------------------------------------------------------------------------

def test_every_page_carries_one_policy_first_in_its_head(built_site):
    pages = built_pages(built_site)
    assert len(pages) > 40 and any(p.name == "404.html" for p in pages)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert len(re.findall(r"http-equiv=\"Content-Security-Policy\"", html, re.I)) == 1, page
        head = html[html.index("<head>") + len("<head>"):]
        before = head[:head.index('<meta http-equiv="Content-Security-Policy"')]
        assert re.fullmatch(r'\s*<meta charset="utf-8">\s*', before), f"{page}: {before!r} comes first"
        policy = csp.meta_policy(html)
        directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
        script_src = directives["script-src"]
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, page
        assert not any(s in ("*", "http:", "https:", "data:", "blob:") for s in script_src), page
        assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"]
        assert directives["form-action"] == ["'self'"] and directives["default-src"] == ["'self'"]
        assert directives["connect-src"] == ["'self'"] and directives["worker-src"] == ["'self'"]
        assert "'wasm-unsafe-eval'" in script_src
        # Exactly this page's inline scripts are allowed, by hash, and nothing else.
        inline = Inline()
        inline.feed(html)
        assert inline.scripts, page
        assert sorted(s for s in script_src if s.startswith("'sha256-")) == sorted(
            {sha256_source(text) for text in inline.scripts}), page


def test_no_page_holds_an_event_handler_attribute_or_a_javascript_url(built_site):
    for page in built_pages(built_site):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.I), page
        assert "javascript:" not in html.lower().replace("text/javascript", ""), page


def test_the_policy_is_built_from_the_page_and_refuses_what_no_hash_can_allow():
    # The example from the CSP specification.
    assert sha256_source("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    page = ('<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
            "<script>alert('Hello, world.');</script><script type=\"application/json\">{}</script></head>"
            '<body><script src="a.js"></script></body></html>')
    built = add_policy(page, "docs/t.md")
    assert built.startswith('<!doctype html><html><head><meta charset="utf-8">\n    <meta http-equiv="Content'
                            '-Security-Policy" content="default-src \'self\'; script-src \'self\' '
                            "'wasm-unsafe-eval' 'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=';")
    assert header_policy(built.encode()) == f"{page_policy(page)}; frame-ancestors 'self'"
    assert header_policy() == f"{csp.BASE_POLICY}; frame-ancestors 'self'"
    for bad, named in [('<a href="#" onclick="go()">x</a>', "inline event handler"),
                       ('<img src="x" ONERROR="go()">', "inline event handler"),
                       ('<a href=" JavaScript:go()">x</a>', "javascript: URL"),
                       ('<a href="&#106;avascript:go()">x</a>', "javascript: URL"),
                       ('<p style="color: red">x</p>', "inline style")]:
        with pytest.raises(PolicyError, match=f"docs/t.md: .*{named}"):
            add_policy(page.replace("<body>", "<body>" + bad), "docs/t.md")
    with pytest.raises(PolicyError, match="already has"):
        add_policy(built, "docs/t.md")


def test_every_code_block_is_reachable_by_keyboard_without_javascript(built_site):
    html = (built_site / "exercises" / "roleplay-format" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r"<pre[^>]*>(?:<span></span>)?<code[^>]*>", html)
    assert blocks and all('tabindex="0"' in b for b in blocks)


# --- in the browser ---------------------------------------------------------------------------------------

def violations(page):
    return page.evaluate("window.__csp")


@pytest.mark.browser
def test_no_page_trips_the_policy(browser, site_url, site_pages, built_site):
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    found = {}
    for path in site_pages:
        page.goto(site_url + path)
        if page.locator("[data-exercise]").count():
            page.wait_for_selector(READY, timeout=60_000)
        wait_until_quiet(page)
        trouble = violations(page) + errors
        # HTML_CodeSniffer's H32: every form has a submit control.
        trouble += [f"form without submit: {f}" for f in page.evaluate(
            "(s) => [...document.forms].filter(f => !f.querySelector(s)).map(f => f.className)", SUBMIT)]
        if trouble:
            found[path or "/"] = trouble
        errors.clear()
    context.close()
    assert found == {}


@pytest.mark.browser
def test_exercises_in_use_trip_nothing_and_the_engine_runs_under_the_workers_own_policy(browser, site_url):
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(site_url + "exercises/parts-of-the-house/")
    page.wait_for_selector(READY, timeout=60_000)
    for select in page.locator("[data-exercise] select").all():
        select.select_option(index=1)
    page.click('[data-exercise] button[type="submit"]')
    page.wait_for_selector("[data-result]:not([hidden])")
    # The worker's script comes with the shared policy (a worker takes its policy from its own response),
    # and Pyodide started under it: inside the engine, eval is refused.
    worker_script = context.request.get(site_url + "assets/exercises/engine-worker.js")
    assert worker_script.headers.get("content-security-policy") == f"{csp.BASE_POLICY}; frame-ancestors 'self'"
    assert engine_eval(page, "() => { try { eval('1'); return 'ran'; } catch (error) { return error.name; } }") \
        == "EvalError"
    assert violations(page) == []

    page.goto(site_url + "exercises/roleplay/diabetes-review/")
    page.wait_for_selector(READY, timeout=60_000)
    page.locator("[data-choice]").first.click()
    page.wait_for_function("() => document.querySelectorAll('[data-transcript] > li').length === 1")
    page.click(".roleplay__trainer > summary")
    page.wait_for_selector(".roleplay__outline > li")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert violations(page) == []

    page.goto(site_url + "house/")
    page.keyboard.press("/")
    page.keyboard.type("roof")
    page.wait_for_selector(".md-search-result__item")  # search runs in its own worker
    assert violations(page) == []
    assert errors == []
    context.close()


@pytest.mark.browser
def test_a_script_or_event_handler_slipped_into_a_page_is_blocked(browser, site_url):
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.goto(site_url + "house/")
    page.evaluate("""() => {
      const script = document.createElement('script');
      script.textContent = 'window.__ran = (window.__ran || []).concat("script")';
      document.body.append(script);
      const box = document.createElement('div');
      box.innerHTML = '<img src="nowhere.png" onerror="window.__ran = (window.__ran || []).concat(\\'onerror\\')">';
      document.body.append(box);
      const button = document.createElement('button');
      button.setAttribute('onclick', 'window.__ran = (window.__ran || []).concat("onclick")');
      document.body.append(button);
      button.click();
      const link = document.createElement('a');
      link.href = 'javascript:window.__ran = (window.__ran || []).concat("javascript:")';
      link.textContent = 'link';
      document.body.append(link);
      link.click();
    }""")
    page.wait_for_function("() => window.__csp.length >= 4")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is None
    directives = {v.split()[0] for v in violations(page)}
    assert {"script-src-elem", "script-src-attr"} <= directives
    assert page.url == site_url + "house/"
    context.close()


@pytest.mark.browser
def test_wide_code_blocks_are_reachable_by_keyboard(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + "exercises/roleplay-format/")
    page.wait_for_load_state("networkidle")
    wide = page.evaluate("[...document.querySelectorAll('pre > code')]"
                         ".filter(c => c.scrollWidth > c.clientWidth).map(c => c.tabIndex)")
    assert wide and all(t == 0 for t in wide)
    assert [v for v in run_axe(page) if v["rule"] == "scrollable-region-focusable"] == []
    context.close()


@pytest.mark.browser
def test_the_palette_and_search_forms_have_an_inert_hidden_submit_that_breaks_nothing(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "house/")
    for form in ['[data-md-component="palette"]', ".md-search__form"]:
        button = page.locator(f"{form} input[type=submit]")
        assert button.count() == 1
        assert button.is_disabled() and button.get_attribute("tabindex") == "-1"
        assert button.get_attribute("aria-hidden") == "true"
        box = button.bounding_box()
        assert box is None or box["width"] <= 1 and box["height"] <= 1
    # Tabbing never stops on either button.
    for _ in range(40):
        page.keyboard.press("Tab")
        assert not page.evaluate("document.activeElement.matches('.hoc-inert-submit')")
    # The toggle still works, by mouse and by keyboard, and never reloads the page.
    page.goto(site_url + "house/")
    scheme = "document.body.dataset.mdColorScheme"
    before = page.evaluate(scheme)
    page.focus("#__palette_0")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => {scheme} !== '{before}'")
    page.locator("label[for^='__palette_']:visible").click()
    page.wait_for_function(f"() => {scheme} === '{before}'")
    assert page.url == site_url + "house/"
    # Search still shows results as you type, and Enter opens the first.
    page.keyboard.press("/")
    page.keyboard.type("roof")
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("Enter")
    page.wait_for_url("**/house/roof/**")
    context.close()
