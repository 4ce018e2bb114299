"""The self-study path in Chromium: pages marked read with the keyboard, kept across reloads and pages;
an exercise finished counts as done with its result; progress saved as a file loads into a fresh browser;
a bad file is refused and nothing is lost; the CPD record holds the reflections and the results."""

import json

import pytest

from .keyboard import tab_to

pytestmark = pytest.mark.browser

PATH = "clinicians/path/"


def status(page):
    return page.inner_text("[data-path-status]")


def mark_read_with_keyboard(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_selector("[data-study-path-mark]:not([hidden]) button")
    tab_to(page, "[data-study-path-mark] button")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('[data-study-path-mark] button').getAttribute('aria-pressed') === 'true'")
    assert "marked as read" in page.inner_text("[data-study-path-mark] [role=status]")


def test_progress_is_kept_and_the_record_holds_reflections_and_results(page, site_url, tmp_path):
    mark_read_with_keyboard(page, site_url, "house/")
    # A finished exercise counts as done, with its result.
    page.goto(site_url + "exercises/parts-of-the-house/")
    page.wait_for_selector('[data-exercise][data-engine-state="ready"]', timeout=60_000)
    for select in page.locator("select").all():
        select.select_option(index=1)
    page.click('[data-form] button[type="submit"]')
    page.wait_for_selector("[data-result]:not([hidden])")
    score = page.inner_text("[data-status]").split("Answers checked. ")[1].split(" right")[0]

    page.goto(site_url + PATH)
    page.wait_for_function("() => document.querySelector('[data-path-status]').innerText.includes('You have done 2 of')")
    assert "Read on" in page.inner_text('[data-item="page:house/index.md"]')
    assert "Done on" in page.inner_text('[data-item="exercise:parts-of-the-house"]')
    assert f"{score} right" in page.inner_text('[data-item="exercise:parts-of-the-house"]')
    # The navigation shows the read page discreetly, in words for screen readers.
    assert page.locator('.md-nav__link[href="../../house/"] .study-path__tick').count() >= 1
    assert "(done)" in page.locator('.md-nav__link[href="../../house/"] .study-path__tick').first.text_content()

    tab_to(page, "#reflect-the-house-learnt")
    page.keyboard.type("The roof has to come first: <b>systems</b> before conversations.")
    page.fill("[data-learner]", "A. Nurse")
    page.reload()
    assert page.input_value("#reflect-the-house-learnt").startswith("The roof has to come first")
    assert page.input_value("[data-learner]") == "A. Nurse"

    for button, ext in (("[data-record-text]", "txt"), ("[data-record-markdown]", "md")):
        with page.expect_download() as done:
            page.click(button)
        record = open(done.value.path(), encoding="utf-8").read()
        assert done.value.suggested_filename.endswith(ext)
        assert "Name: A. Nurse" in record and "Record made:" in record
        assert "The roof has to come first: <b>systems</b> before conversations." in record
        assert "Parts of the house (about 5 minutes). Done on" in record and f"{score} right" in record
        assert "reflective accounts form" in record
    # Printing shows the record, drawn as text.
    page.evaluate("window.print = () => {}")
    page.click("[data-record-print]")
    assert "<b>systems</b>" in page.inner_text("[data-record]")
    assert page.locator("[data-record] b").count() == 0
    assert page.console_errors == []


def test_progress_saved_as_a_file_loads_in_a_fresh_browser_and_a_bad_file_loses_nothing(browser, page, site_url, tmp_path):
    mark_read_with_keyboard(page, site_url, "process/")
    page.goto(site_url + PATH)
    page.fill("#reflect-four-steps-change", "Send results before the conversation.")
    with page.expect_download() as done:
        page.click("[data-export]")
    saved = tmp_path / "progress.json"
    done.value.save_as(saved)

    fresh_context = browser.new_context()
    fresh = fresh_context.new_page()
    fresh.goto(site_url + PATH)
    fresh.wait_for_selector("[data-path-status]")
    before = fresh.inner_text("[data-path-status]")
    assert "You have done 0 of" in before
    # Bad files first: refused, with the reason, and nothing changes.
    data = json.loads(saved.read_text(encoding="utf-8"))
    for name, text, words in (
        ("notes.json", "just some notes", "not JSON"),
        ("other.json", json.dumps({"format": "something-else"}), "not a progress file"),
        ("future.json", json.dumps({**data, "version": 9}), "another version of this site"),
        ("tampered.json", json.dumps({**data, "read": {"house/": "yesterday-ish"}}), "not in the expected form"),
    ):
        fresh.set_input_files("[data-import]", files=[{"name": name, "mimeType": "application/json", "buffer": text.encode()}])
        fresh.wait_for_function("(n) => document.querySelector('[data-path-status]').innerText.includes(n)", arg=name)
        assert words in status(fresh) and "unchanged" in status(fresh)
        assert "Not read yet" in fresh.inner_text('[data-item="page:process/index.md"]')
    big = b"{" + b" " * (300 * 1024) + b"}"
    fresh.set_input_files("[data-import]", files=[{"name": "huge.json", "mimeType": "application/json", "buffer": big}])
    fresh.wait_for_function("() => document.querySelector('[data-path-status]').innerText.includes('huge.json')")
    assert "at most 256 KB" in status(fresh)
    assert fresh.input_value("#reflect-four-steps-change") == ""

    fresh.set_input_files("[data-import]", str(saved))
    fresh.wait_for_function("() => document.querySelector('[data-path-status]').innerText.includes('Loaded your progress')")
    assert "You have done 1 of" in status(fresh)
    assert fresh.input_value("#reflect-four-steps-change") == "Send results before the conversation."
    assert "Read on" in fresh.inner_text('[data-item="page:process/index.md"]')
    # It is kept there too: a reload keeps it.
    fresh.reload()
    assert "Read on" in fresh.inner_text('[data-item="page:process/index.md"]')
    fresh_context.close()
    assert page.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_the_path_page_or_a_marked_page(browser, site_url, scheme):
    from .axe import run_axe

    context = browser.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + "house/")
    page.wait_for_selector("[data-study-path-mark]:not([hidden]) button")
    page.click("[data-study-path-mark] button")
    assert run_axe(page) == [], "a page marked as read"
    page.goto(site_url + PATH)
    page.wait_for_selector("[data-path-status]")
    page.fill("#reflect-the-house-learnt", "Notes")
    assert run_axe(page) == [], "the path page"
    context.close()


def test_a_finished_role_play_is_done_on_the_path_with_its_ending_and_points(page, site_url):
    from exercises.catalogue import load_valid
    from exercises.roleplay import act

    from .test_roleplay import click_through, open_roleplay

    scenario = next(e.model for e in load_valid() if e.header.id == "diabetes-review")
    best = act(scenario, "trainer", {})["best_path"]["choices"]
    open_roleplay(page, site_url, "diabetes-review")
    click_through(page, best)
    page.wait_for_selector("[data-report]:not([hidden])")
    report = act(scenario, "report", {"choices": best})
    page.goto(site_url + PATH)
    item = page.inner_text('[data-item="exercise:diabetes-review"]')
    assert "Done on" in item and report["ending"]["title"] in item and "good ending" in item
    assert report["points"]["words"] in item
    assert page.console_errors == []
