"""The house readiness self-check in Chromium: answered with the keyboard alone, the house, the table and the
next steps equal the host engine's; two saved checks compared; an export that imports again; and a
coordinator's batch of ten files with three bad ones, reported file by file while the seven are pooled."""

import json

import pytest

from exercises.catalogue import load_valid
from exercises.readiness import act

from .keyboard import tab_to

pytestmark = pytest.mark.browser

ANSWERS = ["not-started", "ideas", "nearly", "cracked", "dont-know"]  # the order of the options after "Choose"


def entry():
    return next(e for e in load_valid() if e.header.type == "readiness")


def open_check(page, site_url, e):
    page.goto(site_url + e.header.site_path)
    page.wait_for_selector(f'[data-exercise="{e.header.id}"][data-engine-state="ready"]', timeout=60_000)


def some_answers(model, shift=0):
    """A spread of answers, different for each statement, with a "don't know" now and then."""
    return {s.id: ANSWERS[(n + shift) % len(ANSWERS)] for n, s in enumerate(model.statements())}


def status(page):
    return page.inner_text("[data-status]")


def test_the_self_check_answered_with_the_keyboard_alone_draws_the_engines_house_and_next_steps(page, site_url):
    e = entry()
    model = e.model
    open_check(page, site_url, e)
    answers = some_answers(model)
    for s in model.statements():
        tab_to(page, f'select[name="{s.id}"]')
        for _ in range(ANSWERS.index(answers[s.id]) + 1):  # from "Choose an answer" down the list
            page.keyboard.press("ArrowDown")
        assert page.input_value(f'select[name="{s.id}"]') == answers[s.id]
    tab_to(page, '[data-form] button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-result]:not([hidden])")
    assert page.evaluate("document.activeElement.matches('[data-result] h3')")

    expected = act(model, "check", {"answers": answers})
    # The house: a picture with a name that says every part's level in words, and the same as a table.
    title = page.text_content("[data-house] svg title")
    for p in expected["parts"]:
        assert f"{p['label'].split(':')[0]}: {p['level_name']}" in title
    rows = page.eval_on_selector_all("[data-house] table tbody tr", "rs => rs.map(r => [...r.cells].map(c => c.innerText))")
    assert rows == [[p["label"], p["level_name"], f"{p['in_place']} of {p['count']}"] for p in expected["parts"]]
    assert page.inner_text("[data-overall]") == expected["overall_words"]
    assert page.inner_text("[data-stage]").startswith(expected["stage_words"])
    steps = page.eval_on_selector_all("[data-actions] > li strong", "ss => ss.map(s => s.innerText)")
    assert steps == [f"{a['where']}: {a['text']}" for a in expected["actions"]]
    unsure = page.eval_on_selector_all("[data-unsure] li", "ls => ls.map(l => l.innerText)")
    assert unsure == [s["text"] for s in expected["dont_know"]] and unsure
    # Each next step has an owner to fill in, with a label.
    tab_to(page, "[data-actions] input")
    page.keyboard.type("Practice manager")
    assert page.evaluate("document.activeElement.labels[0].innerText").startswith("Who will do this?")
    assert expected["overall_name"] in status(page)

    # Come back later: the answers are still there.
    page.reload()
    page.wait_for_selector(f'[data-exercise="{e.header.id}"][data-engine-state="ready"]', timeout=60_000)
    assert all(page.input_value(f'select[name="{s}"]') == v for s, v in answers.items())
    assert "Your earlier answers and saved checks are here." in status(page)
    assert page.console_errors == []


def test_two_saved_checks_compared_and_an_export_that_imports_again(page, site_url, tmp_path):
    e = entry()
    model = e.model
    open_check(page, site_url, e)
    page.fill("[data-team]", "Canal Street Surgery")
    first, second = some_answers(model), some_answers(model, shift=2)
    for when, answers in (("2026-05-01", first), ("2026-11-01", second)):
        for sid, value in answers.items():
            page.select_option(f'select[name="{sid}"]', value)
        page.fill("[data-date]", when)
        page.click("[data-save]")
        assert f"This check is saved, dated {when}." in status(page)
    assert page.eval_on_selector_all("[data-checks] li", "ls => ls.length") == 2

    page.click("[data-compare]")
    page.wait_for_selector("[data-comparison]:not([hidden])")
    expected = act(model, "compare", {"before": first, "after": second})
    box = page.inner_text("[data-comparison]")
    assert "2026-05-01 compared with 2026-11-01" in box
    assert page.locator("[data-comparison] svg").count() == 2  # the two houses side by side
    rows = page.eval_on_selector_all("[data-comparison] table tbody tr", "rs => rs.map(r => [...r.cells].map(c => c.innerText))")
    assert rows == [[p["label"], p["before_name"], p["after_name"], p["change"]] for p in expected["parts"]]
    assert f"Compared: {len(expected['improved'])} statements improved, {len(expected['slipped'])} slipped." in status(page)

    with page.expect_download() as done:
        page.click("[data-export-json]")
    saved = tmp_path / done.value.suggested_filename
    done.value.save_as(saved)
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert exported["format"] == "house-of-care-readiness" and exported["version"] == 1
    assert exported["team"] == "Canal Street Surgery"
    assert [c["answers"] for c in exported["checks"]] == [first, second]

    # On another computer: a fresh browser imports the file and has both checks back.
    other = page.context.browser.new_context()
    fresh = other.new_page()
    open_check(fresh, site_url, e)
    fresh.set_input_files("[data-import]", str(saved))
    fresh.wait_for_function("() => document.querySelectorAll('[data-checks] li').length === 2")
    assert f"Imported 2 check(s) from {saved.name}" in fresh.inner_text("[data-status]")
    assert fresh.input_value("[data-team]") == "Canal Street Surgery"
    # A file that is not ours is refused, and the checks already there are kept.
    fresh.set_input_files("[data-import]", files=[{"name": "notes.json", "mimeType": "application/json",
                                                    "buffer": b'{"hello": 1}'}])
    fresh.wait_for_function("() => document.querySelector('[data-status]').innerText.includes('Not imported')")
    assert "notes.json" in fresh.inner_text("[data-status]")
    assert fresh.eval_on_selector_all("[data-checks] li", "ls => ls.length") == 2
    other.close()
    assert page.console_errors == []


def export_file(model, team, answers, date="2026-11-01"):
    text = act(model, "export", {"team": team, "checks": [{"date": date, "answers": answers}]})["json"]
    return text


def test_a_coordinator_pools_ten_files_and_three_bad_ones_are_reported_by_name(page, site_url):
    e = entry()
    model = e.model
    good = [(f"practice-{n}.json", export_file(model, f"Practice {n}", some_answers(model, shift=n))) for n in range(6)]
    # A name with markup is still a team's name: shown as text, never as HTML.
    good.append(("odd-name.json", export_file(model, '<img src=x onerror="window.hacked=1">', some_answers(model))))
    bad = [
        ("minutes.json", "These are the minutes of the meeting, not an export."),
        ("old-version.json", json.dumps({"format": "house-of-care-readiness", "version": 99, "questions": e.header.id,
                                         "team": "Old", "checks": []})),
        ("practice-0-again.json", export_file(model, "Practice 0", some_answers(model), date="2026-01-01")),
    ]
    files = good[:3] + bad[:1] + good[3:] + bad[1:]
    open_check(page, site_url, e)
    page.set_input_files("[data-rollup-files]", files=[
        {"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")} for name, text in files])
    tab_to(page, "[data-rollup]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-rollup-result]:not([hidden])")
    assert page.evaluate("document.activeElement.matches('[data-rollup-result]')")

    expected = act(model, "rollup", {"files": [{"name": n, "text": t} for n, t in files]})
    assert expected["teams"] == 7
    assert page.inner_text("[data-rollup-result] h4") == expected["summary"]
    refused = page.eval_on_selector_all("[data-rollup-result] h5 + ul li", "ls => ls.map(l => l.innerText)")[:3]
    assert [r.split(":")[0] for r in refused] == ["minutes.json", "old-version.json", "practice-0-again.json"]
    assert "not JSON" in refused[0] and "another version" in refused[1] and "practice-0.json is used" in refused[2]
    # The chart and the table hold the same counts as the engine.
    assert page.locator("[data-rollup-result] svg[role='img']").count() == 1
    table = page.eval_on_selector_all("[data-rollup-result] table", "ts => [...ts[0].tBodies[0].rows].map(r => [...r.cells].map(c => c.innerText))")
    assert [[int(x) for x in row[1:]] for row in table] == [p["counts"] for p in expected["parts"]]
    teams = page.eval_on_selector_all("[data-rollup-result] table", "ts => [...ts[1].tBodies[0].rows].map(r => r.cells[0].innerText)")
    assert teams == [r["team"] for r in expected["rows"]]
    assert '<img src=x onerror="window.hacked=1">' in teams
    assert page.evaluate("window.hacked") is None
    assert page.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_a_result_a_comparison_or_a_rollup(browser, site_url, scheme):
    from .axe import run_axe

    context = browser.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    e = entry()
    model = e.model
    open_check(page, site_url, e)
    for n, answers in enumerate((some_answers(model), some_answers(model, shift=3))):
        for sid, value in answers.items():
            page.select_option(f'select[name="{sid}"]', value)
        page.fill("[data-date]", f"2026-0{n + 1}-01")
        page.click("[data-save]")
    page.click('[data-form] button[type="submit"]')
    page.wait_for_selector("[data-result]:not([hidden])")
    page.click("[data-compare]")
    page.wait_for_selector("[data-comparison]:not([hidden])")
    page.set_input_files("[data-rollup-files]", files=[
        {"name": f"p{n}.json", "mimeType": "application/json",
         "buffer": export_file(model, f"P{n}", some_answers(model, shift=n)).encode("utf-8")} for n in range(4)])
    page.click("[data-rollup]")
    page.wait_for_selector("[data-rollup-result]:not([hidden])")
    assert run_axe(page) == [], "a result, a comparison and a roll-up"
    context.close()
