"""Scoring an example plan, and pooling a group's codes, in Chromium: keyboard only, figures from the
Python engine in the page equal to the host's and the command line's."""

import json
import subprocess
import sys

import pytest

from exercises.catalogue import REPO_ROOT, load_valid
from exercises.plan_review.codes import encode
from exercises.plan_review.score import code_for, compare

from .keyboard import tab_to

pytestmark = pytest.mark.browser


def entry(type_name, ident=None):
    return next(e for e in load_valid() if e.header.type == type_name and (ident is None or e.header.id == ident))


def open_exercise(page, site_url, e):
    page.goto(site_url + e.header.site_path)
    page.wait_for_selector(f'[data-exercise="{e.header.id}"][data-engine-state="ready"]', timeout=60_000)


def test_a_plan_scored_with_the_keyboard_alone_shows_the_engines_comparison_and_a_code(page, site_url):
    e = entry("plan-review", "gary-diabetes-plan")
    plan = e.model
    open_exercise(page, site_url, e)
    picks = {c.id: n % (plan.rubric.top + 1) for n, c in enumerate(plan.rubric.criteria[:-1])}  # the last unscored
    for cid, level in picks.items():
        tab_to(page, f'input[name="{cid}"][value="0"]')
        page.keyboard.press("Space")
        for _ in range(level):
            page.keyboard.press("ArrowDown")
        assert page.is_checked(f'input[name="{cid}"][value="{level}"]')
    tab_to(page, '[data-form] button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-result]:not([hidden])")

    expected = compare(plan, picks)
    assert page.inner_text("[data-summary]").startswith(expected["summary"])
    assert page.evaluate("document.activeElement.id") == f"{e.header.id}-result-heading"
    rows = page.eval_on_selector_all("[data-compare] tbody tr", "rs => rs.map(r => [...r.cells].map(c => c.innerText))")
    assert [r[0] for r in rows] == [c["title"] for c in expected["criteria"]]
    assert [r[3] for r in rows] == [c["verdict_words"] for c in expected["criteria"]]
    for c in expected["criteria"]:
        item = page.locator(f'[data-criterion="{c["id"]}"]')
        assert item.get_attribute("data-verdict") == c["verdict"]
        assert c["why"] in item.locator("[data-feedback]").inner_text()  # words, not only a colour
    assert f"Same as the reference for {expected['exact']} of {expected['total']}" in page.inner_text("[data-status]")

    # A score code to share, made with the keyboard.
    tab_to(page, "[data-scorer]")
    page.keyboard.type("s.k")
    tab_to(page, "[data-make-code]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-code-box]:not([hidden])")
    assert page.inner_text("[data-code]") == code_for(plan, {"scores": picks, "scorer": "SK"})["code"]

    # Come back later: the scores and initials are still there.
    page.reload()
    page.wait_for_selector(f'[data-exercise="{e.header.id}"][data-engine-state="ready"]', timeout=60_000)
    for cid, level in picks.items():
        assert page.is_checked(f'input[name="{cid}"][value="{level}"]')
    assert page.input_value("[data-scorer]") == "s.k"
    assert "Your earlier scores are filled in." in page.inner_text("[data-status]")
    assert page.console_errors == []


def group_codes(plan, n):
    made = []
    for i in range(n):
        scores = {c.id: plan.reference[c.id].score for c in plan.rubric.criteria}
        c = plan.rubric.criteria[i % len(plan.rubric.criteria)]
        scores[c.id] = 0 if scores[c.id] else 1
        made.append(code_for(plan, {"scores": scores, "scorer": f"P{i}"})["code"])
    return made


def test_the_calibration_page_given_ten_codes_two_bad_reports_the_two_and_agrees_with_the_command_line(page, site_url):
    e = entry("plan-calibration")
    plan = e.model.plans[0]
    good = group_codes(plan, 8)
    bad = [good[0][:-2] + "ZZ", encode("OTHER", plan.rubric.version, "P9", plan.reference_scores())]
    lines = good[:4] + [bad[0]] + good[4:] + [bad[1]]
    open_exercise(page, site_url, e)
    tab_to(page, "[data-codes]")
    page.keyboard.insert_text("\n".join(lines))
    tab_to(page, '[data-form] button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-result]:not([hidden])")
    assert page.evaluate("document.activeElement.matches('[data-result] h3')")

    refused = page.eval_on_selector_all("[data-refused] li", "ls => ls.map(l => l.innerText)")
    assert len(refused) == 2
    assert refused[0].startswith("line 5") and "mistyped or changed" in refused[0]
    assert refused[1].startswith("line 10") and "was made for another plan (OTHER)" in refused[1]

    done = subprocess.run([sys.executable, "-m", "exercises", "calibrate", *lines, "--json"], capture_output=True,
                          text=True, cwd=REPO_ROOT)
    cli = json.loads(done.stdout)
    assert cli["used"] == 8 and page.inner_text("[data-summary]") == cli["summary"]
    figures = cli["plans"][0]["overall"]
    text = page.inner_text("[data-plans]")
    assert f"Fleiss' kappa: {figures['fleiss_kappa']:.2f}, {figures['kappa_reading']}" in text
    assert f"Krippendorff's alpha (ordinal): {figures['alpha']:.2f}, {figures['alpha_reading']}" in text
    for line in cli["plans"][0]["discuss_first"] + cli["plans"][0]["furthest"]:
        assert line in text
    # The chart has a name and a description, and the table holds its numbers.
    chart = page.locator(".chart")
    assert chart.get_attribute("role") == "img"
    assert "Spread of scores for" in page.text_content(".chart title")
    table = page.eval_on_selector_all(".calibration__table tbody tr", "rs => rs.map(r => [...r.cells].map(c => c.innerText))")
    assert [[int(x) for x in r[1:1 + len(plan.rubric.levels)]] for r in table] == \
        [c["counts"] for c in cli["plans"][0]["criteria"]]
    assert page.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_a_scored_plan_or_the_calibration_results(browser, site_url, scheme):
    from .axe import run_axe

    context = browser.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    e = entry("plan-review", "gary-diabetes-plan")
    open_exercise(page, site_url, e)
    for c in e.model.rubric.criteria:
        page.check(f'input[name="{c.id}"][value="1"]')
    page.click('[data-form] button[type="submit"]')
    page.wait_for_selector("[data-result]:not([hidden])")
    page.fill("[data-scorer]", "AB")
    page.click("[data-make-code]")
    page.wait_for_selector("[data-code-box]:not([hidden])")
    page.click("[data-answers] > summary")
    assert run_axe(page) == [], "a scored plan"

    cal = entry("plan-calibration")
    open_exercise(page, site_url, cal)
    page.fill("[data-codes]", "\n".join(group_codes(cal.model.plans[0], 5) + ["nonsense"]))
    page.click('[data-form] button[type="submit"]')
    page.wait_for_selector("[data-result]:not([hidden])")
    assert run_axe(page) == [], "the calibration results"
    context.close()
