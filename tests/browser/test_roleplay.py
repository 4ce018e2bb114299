"""Role-plays in Chromium, keyboard only: the engine in the page decides, and its report equals the
host engine's for the same choices."""

import json

import pytest

from exercises.catalogue import load_valid
from exercises.roleplay import act

from .keyboard import tab_to

pytestmark = pytest.mark.browser

READY = '[data-exercise][data-engine-state="ready"]'


def model(ident):
    return next(e.model for e in load_valid() if e.header.id == ident)


def open_roleplay(page, site_url, ident):
    page.goto(f"{site_url}exercises/roleplay/{ident}/")
    page.wait_for_selector(READY, timeout=60_000)


def choose_with_keyboard(page, choice_id):
    tab_to(page, f'[data-choice="{choice_id}"]')
    page.keyboard.press("Enter")


def click_through(page, choices, already=0):
    """Click each choice in turn, waiting until the engine has drawn its answer before the next."""
    for n, choice in enumerate(choices, start=already + 1):
        page.click(f'[data-choice="{choice}"]')
        page.wait_for_function(
            "(n) => document.querySelectorAll('[data-transcript] > li').length === n", arg=n)


def play(page, scenario, choices):
    """Play the choices with the keyboard; after each, check focus and the announced feedback."""
    for n, choice in enumerate(choices, start=1):
        choose_with_keyboard(page, choice)
        expected = act(scenario, "step", {"choices": choices[:n]})
        feedback = expected["history"][-1]["feedback"]
        page.wait_for_function("(t) => document.querySelector('[data-status]').textContent.includes(t)",
                               arg=feedback[:60])
        if expected["ended"]:
            page.wait_for_selector("[data-report]:not([hidden])")
            assert page.evaluate("document.activeElement.textContent") == "Your report"
        else:
            # Focus moves to what the person says next, which is the engine's next node.
            assert page.evaluate("document.activeElement.matches('[data-says]')")
            assert expected["node"]["says"] in page.evaluate("document.activeElement.textContent")
        assert page.inner_text("[data-status]").startswith("Feedback: ")


def report_rows(page):
    """Each part's row of figures as the learner sees it (on a wide screen, without the cards' own labels)."""
    return page.eval_on_selector_all(
        ".roleplay__scores tbody tr:first-child", "rows => rows.map(r => [...r.children].map(c => c.innerText.trim()))")


def expected_rows(report):
    level = {"strong": "Strong", "some": "Some", "weak": "Needs work"}
    return [[d["label"], d["points"]["short"], level[d["level"]], d["step_label"], d["house_label"]]
            for d in report["dimensions"]]


def test_a_scenario_played_to_its_best_ending_with_the_keyboard(page, site_url):
    scenario = model("diabetes-review")
    best = act(scenario, "trainer", {})["best_path"]["choices"]
    open_roleplay(page, site_url, "diabetes-review")
    play(page, scenario, best)
    report = act(scenario, "report", {"choices": best})
    assert report["ending"]["quality"] == "good"
    text = page.inner_text("[data-report]")
    assert report["comparison"]["summary"] in text
    assert f"How it ended: {report['ending']['title']} (Good ending)" in text
    assert f"In all, you earned {report['points']['words']}." in text
    for item in report["ending"]["plan"]:
        assert item in text
    assert report_rows(page) == expected_rows(report)
    exchanges = page.eval_on_selector_all(".roleplay__entries--conversation > li", "ls => ls.map(l => l.textContent)")
    assert len(exchanges) == len(report["transcript"]) // 2 == len(report["exchanges"])
    # The report links each part to its step and its part of the house.
    hrefs = page.eval_on_selector_all(".roleplay__scores a", "as => as.map(a => a.getAttribute('href'))")
    assert "../../../process/conversation/" in hrefs and "../../../house/centre/" in hrefs
    assert page.console_errors == []


def test_skipping_the_safety_question_changes_the_ending_and_the_report_says_why(page, site_url):
    """Janet's plan without asking about her safety is not a good ending, however well it ends otherwise."""
    from exercises.roleplay.paths import arrivals

    scenario = model("heart-and-mood")
    detour = next(a for a in arrivals(scenario) if a.final.id != a.reached.id and a.reached.quality == "good")
    choices = list(detour.choices)
    open_roleplay(page, site_url, "heart-and-mood")
    click_through(page, choices)
    page.wait_for_selector("[data-report]:not([hidden])")
    report = act(scenario, "report", {"choices": choices})
    assert report["ending"]["quality"] != "good" and report["detours"]
    text = page.inner_text("[data-report]")
    assert f"Why it ended here: {report['detours'][0]['words']}" in text
    for m in report["moments"]:
        if m["essential"] and not m["happened"]:
            assert f"Not done: {m['label']} (a good ending needs this)" in text
    assert page.console_errors == []


def test_another_scenario_played_to_a_weak_ending_with_the_keyboard(page, site_url):
    scenario = model("heart-failure-copd")
    weakest = act(scenario, "trainer", {})["weakest_path"]["choices"]
    open_roleplay(page, site_url, "heart-failure-copd")
    play(page, scenario, weakest)
    report = act(scenario, "report", {"choices": weakest})
    assert report["ending"]["quality"] == "poor"
    assert "(Poor ending)" in page.inner_text("[data-report] h4")
    assert report_rows(page) == expected_rows(report)
    assert "Where a better choice was open" in page.inner_text("[data-report]")


def test_go_back_restart_and_resume_later(page, site_url):
    scenario = model("frail-home-visit")
    best = act(scenario, "trainer", {})["best_path"]["choices"]
    open_roleplay(page, site_url, "frail-home-visit")
    play(page, scenario, best[:2])
    assert page.locator("[data-transcript] > li").count() == 2
    tab_to(page, "[data-back]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('[data-transcript] > li').length === 1")
    assert page.evaluate("document.activeElement.matches('[data-says]')")
    # Come back later: the place is kept.
    page.reload()
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_function("() => document.querySelectorAll('[data-transcript] > li').length === 1")
    assert "continuing your conversation from where you left off" in page.inner_text("[data-notice]")
    assert page.inner_text("[data-notice] button") == "Start again instead"
    tab_to(page, "[data-restart]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('[data-transcript] > li').length === 0")
    first = act(scenario, "step", {"choices": []})["node"]["says"]
    assert first in page.inner_text("[data-says]")


def test_feedback_can_be_held_until_the_end(page, site_url):
    scenario = model("diabetes-review")
    best = act(scenario, "trainer", {})["best_path"]["choices"]
    open_roleplay(page, site_url, "diabetes-review")
    tab_to(page, "[data-hold]")
    page.keyboard.press("Space")
    assert page.is_checked("[data-hold]")
    choose_with_keyboard(page, best[0])
    page.wait_for_function("() => document.querySelector('[data-status]').textContent.includes('Your choice is recorded')")
    assert page.locator(".roleplay__feedback").count() == 0
    for n, choice in enumerate(best[1:], start=2):
        choose_with_keyboard(page, choice)
        page.wait_for_function("(n) => document.querySelectorAll('[data-transcript] > li').length === n", arg=n)
    page.wait_for_selector("[data-report]:not([hidden])")
    assert page.locator(".roleplay__feedback").count() == len(best)


@pytest.mark.parametrize("saved", ["{not json", json.dumps({"version": 1, "data": {"choices": "x"}}),
                                   json.dumps({"version": 1, "data": {"choices": ["no-such-choice"], "hold": False}})])
def test_old_or_corrupt_progress_is_set_aside_with_a_notice(page, site_url, saved):
    open_roleplay(page, site_url, "diabetes-review")
    page.evaluate("(v) => localStorage.setItem('house-of-care:v1:roleplay:diabetes-review', v)", saved)
    page.reload()
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-notice]').hidden")
    page.wait_for_function("() => !document.querySelector('[data-notice]').textContent.startsWith('Welcome back')")
    assert "set aside" in page.inner_text("[data-notice]")
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('house-of-care:set-aside:'))")
    assert len(kept) == 1
    assert page.locator("[data-choice]").count() > 0  # the conversation is there, from the start


def test_progress_from_an_older_version_is_set_aside(page, site_url):
    open_roleplay(page, site_url, "diabetes-review")
    page.evaluate("localStorage.setItem('house-of-care:v0:roleplay:diabetes-review', '[\"old\"]')")
    page.reload()
    page.wait_for_selector(READY, timeout=60_000)
    assert "older version" in page.inner_text("[data-notice]")
    assert page.evaluate("localStorage.getItem('house-of-care:v0:roleplay:diabetes-review')") is None


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_learner_and_trainer_views(browser, site_url, scheme):
    from .axe import run_axe

    scenario = model("carer-joins")
    best = act(scenario, "trainer", {})["best_path"]["choices"]
    # Reduced motion: axe then sees colours as they are, not halfway through a fade.
    context = browser.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    open_roleplay(page, site_url, "carer-joins")
    click_through(page, best[:1])
    assert run_axe(page) == [], "learner view, mid-conversation"
    page.click(".roleplay__trainer > summary")
    assert page.locator(".roleplay__outline").is_visible()
    assert page.locator(".roleplay__diagram").is_visible()
    assert run_axe(page) == [], "trainer view open"
    click_through(page, best[1:], already=1)
    page.wait_for_selector("[data-report]:not([hidden])")
    found = run_axe(page)
    assert found == [], f"the report: {found}"
    context.close()


def test_the_trainer_view_shows_paths_role_cards_and_checklist(page, site_url):
    scenario = model("carer-joins")
    trainer = act(scenario, "trainer", {})
    open_roleplay(page, site_url, "carer-joins")
    page.click(".roleplay__trainer > summary")
    text = page.inner_text(".roleplay__trainer")
    assert f"The best path (total score {trainer['best_path']['total']})" in text
    assert f"The weakest path (total score {trainer['weakest_path']['total']})" in text
    for card in trainer["role_cards"]:
        assert card["title"] in text
    assert page.locator(".roleplay__checklist tbody tr").count() == len(trainer["checklist"]["items"])
    assert page.locator(".roleplay__outline > li").count() == len(trainer["outline"])
    # "Print role cards" prints the cards alone.
    page.emulate_media(media="print")
    page.evaluate("document.documentElement.classList.add('print-cards')")
    assert not page.locator(".roleplay__outline").is_visible()
    assert page.locator(".roleplay__checklist").is_visible()


def test_the_report_can_be_saved_as_a_file(page, site_url, tmp_path):
    scenario = model("pictures-and-colours")
    best = act(scenario, "trainer", {})["best_path"]["choices"]
    open_roleplay(page, site_url, "pictures-and-colours")
    click_through(page, best)
    page.wait_for_selector("[data-report]:not([hidden])")
    with page.expect_download() as info:
        page.click('[data-save-report="text"]')
    path = tmp_path / "report.txt"
    info.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    report = act(scenario, "report", {"choices": best})
    assert report["comparison"]["summary"] in text
    assert all(item in text for item in report["ending"]["plan"])
