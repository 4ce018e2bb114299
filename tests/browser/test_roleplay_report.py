"""What learners and localities finish with: the role-play report on screen, printed and saved; the report on a
phone; the trainer view on a projector; and answers kept out of the learners' site search."""

from __future__ import annotations

import json
import re
from html import escape

import pytest

from exercises.catalogue import load_valid


def entries(kind):
    return [e for e in load_valid() if e.header.type == kind]


def search_text(built_site) -> str:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return "\n".join(f"{doc['title']}\n{doc['text']}" for doc in index["docs"])


def indexed(text: str) -> str:
    """A piece of text as the theme's search index holds it: escaped, with whitespace run together."""
    return escape(" ".join(text.split()), quote=False)


def test_site_search_holds_no_trainer_answers(built_site):
    """Trainer views, quiz answers and reference scores are on the pages, but not in the learners' search."""
    found = search_text(built_site)
    assert "(on the best path)" not in found
    assert "Best choice." not in found
    assert "Observer checklist" not in found
    for entry in entries("roleplay"):
        model = entry.model
        assert f"Playing {model.person.name}" not in found, entry.header.id
        for node in model.nodes:
            if node.discussion:
                assert indexed(node.discussion) not in found, (entry.header.id, node.id)
            for choice in node.choices:
                assert indexed(choice.feedback) not in found, (entry.header.id, node.id, choice.id)
    for entry in entries("quiz"):
        for question in entry.model.questions:
            assert indexed(question.explanation) not in found, (entry.header.id, question.id)
    for entry in entries("plan-review"):
        for mark in entry.model.reference.values():
            assert indexed(mark.why) not in found, entry.header.id
    # The learner's own parts of the pages are still found.
    for entry in entries("roleplay"):
        assert indexed(entry.model.node(entry.model.start).says) in found, entry.header.id


# ---- in the browser -------------------------------------------------------------------------------

from exercises.roleplay import act  # noqa: E402

from .axe import run_axe  # noqa: E402
from .keyboard import tab_to  # noqa: E402

READY = '[data-exercise][data-engine-state="ready"]'


def model(ident):
    return next(e.model for e in load_valid() if e.header.id == ident)


def open_roleplay(page, site_url, ident, ready=True):
    page.goto(f"{site_url}exercises/roleplay/{ident}/")
    if ready:
        page.wait_for_selector(READY, timeout=60_000)


def click_through(page, choices, already=0):
    for n, choice in enumerate(choices, start=already + 1):
        page.click(f'[data-choice="{choice}"]')
        page.wait_for_function(
            "(n) => document.querySelectorAll('[data-transcript] > li').length === n", arg=n)


def saved_state(page, ident):
    raw = page.evaluate("(k) => localStorage.getItem(k)", f"house-of-care:v1:roleplay:{ident}")
    return json.loads(raw)["data"]


def document_texts(document):
    """Every piece of text in the engine's report document except the reflection (a box on screen)."""
    out = []
    for section in document["sections"]:
        out += [section["heading"]] if section["heading"] else []
        for block in section["blocks"]:
            if block["kind"] == "paragraph":
                out.append(block["text"])
            elif block["kind"] == "list":
                out += [item["text"] for item in block["items"]]
            elif block["kind"] == "scores":
                for row in block["rows"]:
                    out += [row["label"], row["points"], row["level_words"], row["step_label"], row["house_label"],
                            row["words"]]
            elif block["kind"] == "entries":
                for item in block["items"]:
                    out += [f"{p['label']}: {p['text']}" if p["label"] else p["text"] for p in item["lines"]]
            elif block["kind"] == "reflection":
                out += [block["label"], block["hint"]]
    return out


def download(page, selector, tmp_path):
    with page.expect_download() as info:
        page.click(selector)
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return info.value.suggested_filename, path.read_text(encoding="utf-8")


@pytest.mark.browser
def test_the_report_is_one_record_on_screen_printed_and_saved(page, site_url, tmp_path):
    ident = "diabetes-review"
    scenario = model(ident)
    weakest = act(scenario, "trainer", {})["weakest_path"]["choices"]
    open_roleplay(page, site_url, ident)
    click_through(page, weakest)
    page.wait_for_selector("[data-report]:not([hidden])")
    # The learner writes a reflection, with the keyboard; it is kept with their progress.
    tab_to(page, "textarea.roleplay__reflection-field")
    typed = "Ask what matters first.\nThen listen: <b>not</b> *tell*."
    page.keyboard.type(typed)
    page.wait_for_function("(t) => document.querySelector('.roleplay__reflection-print').textContent === t", arg=typed)
    state = saved_state(page, ident)
    assert state["reflection"] == typed and state["choices"] == weakest
    data = {"choices": weakest, "finished": state["finished"], "reflection": typed}
    expected = act(scenario, "report", data)

    # On screen: the title, the date and every section, including the better choices and the feedback.
    screen = page.inner_text("[data-report]")
    assert f"Role-play: {scenario.header.title}." in screen
    assert f"Finished on {expected['finished_words']}." in screen
    for text in document_texts(expected["document"]):
        assert " ".join(text.split()) in " ".join(screen.split()), text
    for heading in ("Where a better choice was open", "Habits to watch", "Your reflection",
                    "The conversation, with the feedback on each choice"):
        assert page.locator("[data-report] h4", has_text=heading).count() == 1, heading
    assert page.input_value("textarea.roleplay__reflection-field") == typed

    # Saved: plain text and Markdown, the engine's own file of the same document.
    for fmt, selector in (("text", '[data-save-report="text"]'), ("markdown", '[data-save-report="markdown"]')):
        name, text = download(page, selector, tmp_path)
        file = act(scenario, "report-file", {**data, "format": fmt})
        assert name == file["filename"] and text == file["text"], fmt
        assert "Where a better choice was open" in text and "Habits to watch" in text
        assert "Then listen" in text and expected["finished_words"] in text

    # Printed: the same words; the reflection as typed; no buttons, no box to type in, no focus ring.
    page.focus(f"#{ident}-report")
    page.emulate_media(media="print")
    page.evaluate("() => document.documentElement.classList.add('print-report')")
    assert page.locator(".roleplay__reflection-print").is_visible()
    assert page.inner_text(".roleplay__reflection-print") == typed
    assert not page.locator("textarea.roleplay__reflection-field").is_visible()
    for button in page.locator("[data-report] button").all():
        assert not button.is_visible()
    assert page.eval_on_selector(f"#{ident}-report", "h => getComputedStyle(h).outlineStyle") == "none"
    assert page.eval_on_selector("[data-report]", "r => getComputedStyle(r).borderTopStyle") == "none"
    printed = " ".join(page.inner_text("[data-report]").split())
    for text in document_texts(expected["document"])[:-1]:  # all but the hint below the box
        assert " ".join(text.split()) in printed, text
    assert not page.locator(".md-sidebar, [data-turn], .roleplay__trainer").first.is_visible()

    # Coming back later: the same report, date and reflection.
    page.emulate_media(media="screen")
    page.reload()
    page.wait_for_selector("[data-report]:not([hidden])", timeout=60_000)
    assert page.input_value("textarea.roleplay__reflection-field") == typed
    assert f"Finished on {expected['finished_words']}." in page.inner_text("[data-report]")
    assert page.console_errors == []


@pytest.mark.browser
def test_acceptable_and_poor_choices_look_different(page, site_url):
    """Words, an icon and a border style: never colour alone."""
    found = None
    for entry in load_valid():
        if entry.header.type != "roleplay":
            continue
        t = act(entry.model, "trainer", {})
        for n, s in enumerate(t["best_path"]["steps"]):
            node = next(o for o in t["outline"] if o["id"] == s["node"])
            ok = [c["id"] for c in node["choices"] if not c["best"] and c["total"] >= 0]
            poor = [c["id"] for c in node["choices"] if c["total"] < 0]
            if ok and poor:
                found = (entry.header.id, t["best_path"]["choices"][:n], ok[0], poor[0])
                break
        if found:
            break
    assert found, "a shipped scenario has a point with both an acceptable and a poor choice"
    ident, before, acceptable, poor = found
    open_roleplay(page, site_url, ident)
    click_through(page, before)

    def last_feedback():
        return page.eval_on_selector_all(".roleplay__feedback", """fs => { const f = fs[fs.length - 1];
            return {kind: f.dataset.kind, words: f.querySelector('strong').textContent,
                    icon: getComputedStyle(f.querySelector('.roleplay__kind'), '::before').content,
                    border: getComputedStyle(f).borderLeftStyle}; }""")

    looks = {}
    for choice in (acceptable, poor):
        click_through(page, [choice], already=len(before))
        looks[choice] = last_feedback()
        page.click("[data-back]")
        page.wait_for_function("(n) => document.querySelectorAll('[data-transcript] > li').length === n",
                               arg=len(before))
    a, p = looks[acceptable], looks[poor]
    assert (a["kind"], p["kind"]) == ("acceptable", "poor")
    assert a["words"] != p["words"] and a["icon"] != p["icon"] and a["border"] != p["border"]
    assert "better choice was open" in a["words"] and "Held the conversation back" in p["words"]
    if before:
        best = page.eval_on_selector(".roleplay__feedback", "f => [f.dataset.kind, getComputedStyle(f).borderLeftStyle]")
        assert best == ["best", "solid"]


BROKEN_WORDS = """(root) => {
  const broken = [], wide = [], breaking = [];
  const visible = (e) => e.getClientRects().length > 0 && !e.closest('thead');
  for (const e of [root, ...root.querySelectorAll('*')]) {
    if (!visible(e)) continue;
    const style = getComputedStyle(e);
    if (['break-all', 'break-word'].includes(style.wordBreak) || style.overflowWrap === 'anywhere') {
      breaking.push(e.tagName + ' ' + style.wordBreak + ' ' + style.overflowWrap);
    }
    const box = e.getBoundingClientRect();
    if (box.right > innerWidth + 0.5 || box.left < -0.5 || e.scrollWidth > e.clientWidth + 1 && style.overflowX === 'visible') {
      wide.push(`${e.tagName}.${e.className} ${Math.round(box.left)}-${Math.round(box.right)} ${e.scrollWidth}/${e.clientWidth}`);
    }
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || !visible(node.parentElement)) continue;
    const text = node.textContent;
    // Each run of letters and digits between spaces, hyphens and dashes must sit on one line.
    for (const match of text.matchAll(/[^\\s\\-\\u2010-\\u2015\\/]{2,}/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
      if (tops.size > 1) broken.push(match[0]);
      for (const r of range.getClientRects()) if (r.right > innerWidth + 0.5) wide.push('word: ' + match[0]);
    }
  }
  return {broken, wide, breaking, page: document.documentElement.scrollWidth};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("ident, path", [("frail-home-visit", "weakest_path"), ("heart-failure-copd", "best_path")])
def test_the_report_fits_a_390_px_phone(browser, site_url, ident, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce")
    page = context.new_page()
    choices = act(model(ident), "trainer", {})[path]["choices"]
    open_roleplay(page, site_url, ident)
    click_through(page, choices)
    page.wait_for_selector("[data-report]:not([hidden])")
    found = page.eval_on_selector("[data-report]", BROKEN_WORDS)
    assert found["broken"] == [], f"words broken across lines: {found['broken'][:10]}"
    assert found["wide"] == [], f"wider than the screen: {found['wide'][:10]}"
    assert found["breaking"] == [], found["breaking"][:5]
    assert found["page"] <= 390
    # One card per part, with the figures labelled; no box inside another box.
    parts = page.locator(".roleplay__part")
    assert parts.count() == len(model(ident).dimensions)
    assert parts.first.evaluate("p => getComputedStyle(p).display") == "block"
    assert parts.first.locator(".roleplay__cell-label").first.is_visible()
    for selector in ("[data-report]", ".roleplay__part", ".roleplay__scores"):
        sides = page.eval_on_selector(selector, "e => ['Left', 'Right', 'Bottom'].map(s => getComputedStyle(e)['border' + s + 'Style'])")
        assert sides == ["none", "none", "none"], selector
    assert run_axe(page) == [], "the report on a phone"
    context.close()


ROLEPLAYS = ["carer-joins", "diabetes-review", "frail-home-visit", "heart-and-mood", "heart-failure-copd",
             "pictures-and-colours"]


@pytest.mark.browser
def test_the_trainer_view_reads_on_a_1024_px_projector(browser, site_url):
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    assert sorted(ROLEPLAYS) == sorted(e.header.id for e in load_valid() if e.header.type == "roleplay")
    for ident in ROLEPLAYS:
        t = act(model(ident), "trainer", {})
        open_roleplay(page, site_url, ident, ready=False)
        page.click(".roleplay__trainer > summary")
        sizes = page.evaluate("""() => {
            const wrap = document.querySelector('.roleplay__diagram-wrap');
            const wide = [...document.querySelectorAll('.roleplay__trainer *')]
              .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > innerWidth).map(e => e.tagName);
            return {page: document.documentElement.scrollWidth, wrap: [wrap.scrollWidth, wrap.clientWidth], wide};
        }""")
        assert sizes["page"] <= 1024 and sizes["wrap"][0] <= sizes["wrap"][1] and sizes["wide"] == [], (ident, sizes)
        shown = " ".join(page.eval_on_selector(".roleplay__diagram", """s => [...s.querySelectorAll('text')]
            .map(t => t.children.length ? [...t.children].map(c => c.textContent).join(' ') : t.textContent)
            .join(' ')""").split())
        # Every line of words fits inside its box.
        overflowing = page.eval_on_selector(".roleplay__diagram", """s => [...s.querySelectorAll('g.roleplay__box')]
            .filter(g => Math.max(...[...g.querySelectorAll('tspan, .roleplay__box-note')].map(t => t.getComputedTextLength()))
                         > g.querySelector('rect').width.baseVal.value - 12)
            .map(g => g.textContent)""")
        assert overflowing == [], (ident, overflowing)
        for node in t["outline"]:
            assert f"{node['number']}. “" in shown
            if "-" in node["id"]:
                assert node["id"] not in shown, (ident, node["id"])
        for ending in t["endings"]:
            assert " ".join(ending["title"].split()) in shown, (ident, ending["title"])
        links = page.eval_on_selector_all(".roleplay__outline a", "as => as.map(a => a.textContent)")
        assert links and all(re.fullmatch(r"goes on to \d+: “.+”", a) for a in links), (ident, links[:3])
        key = page.locator(".roleplay__key li")
        assert key.count() == 5 and key.first.is_visible()
    context.close()


@pytest.mark.browser
def test_printed_role_cards_start_with_the_first_card_and_have_no_screen_borders(page, site_url):
    ident = "carer-joins"
    open_roleplay(page, site_url, ident, ready=False)
    page.click(".roleplay__trainer > summary")
    page.emulate_media(media="print")
    page.evaluate("() => document.documentElement.classList.add('print-cards')")
    cards = page.locator(".roleplay__cards .roleplay__card")
    assert cards.count() == len(act(model(ident), "trainer", {})["role_cards"]) + 1  # and the checklist
    breaks = cards.evaluate_all("cs => cs.map(c => getComputedStyle(c).breakBefore)")
    assert breaks[0] != "page" and all(b == "page" for b in breaks[1:]), breaks
    borders = cards.evaluate_all("cs => cs.map(c => getComputedStyle(c).borderTopStyle)")
    assert set(borders) == {"none"}
    # On paper: one page per card, the first starting with the heading, never a page with the heading alone.
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == cards.count()
