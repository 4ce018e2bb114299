"""Finding your place (issue 14): a link straight to the conversation; a choice taken while the engine
starts shows as taken, with words beside it; "Start again" can be undone; the exercises page says which
exercises are done (with the result) and which are in progress."""

import time

import pytest

from .engine import OWN_ENGINE
from .keyboard import tab_to

pytestmark = pytest.mark.browser

READY = '[data-exercise][data-engine-state="ready"]'
ROLEPLAY = "exercises/roleplay/diabetes-review/"


def transcript_length(page):
    return page.locator("[data-transcript] > li").count()


def test_a_link_near_the_top_goes_to_the_conversation(page, site_url):
    page.goto(site_url + ROLEPLAY)
    page.wait_for_selector(READY, timeout=60_000)
    link = page.locator("[data-go-to-conversation] a")
    assert link.inner_text() == "Go to the conversation"
    target = link.get_attribute("href")
    assert page.locator(target).count() == 1
    tab_to(page, "[data-go-to-conversation] a")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{target}", timeout=5_000)  # Playwright learns of the new address a moment later


def test_a_choice_taken_while_the_engine_starts_shows_as_taken(page, site_url):
    def slow(route):
        time.sleep(4)
        route.continue_()

    page.add_init_script(OWN_ENGINE)
    page.route("**/pyodide.asm.wasm", slow)
    page.goto(site_url + ROLEPLAY, wait_until="domcontentloaded")
    page.wait_for_selector("[data-choice]")
    first = page.locator("[data-choice]").first
    choice = first.get_attribute("data-choice")
    assert page.get_attribute("[data-exercise]", "data-engine-state") == "loading"
    first.click()
    assert page.get_attribute(f'[data-choice="{choice}"]', "aria-pressed") == "true"
    assert "your choice is kept" in page.inner_text(".roleplay__waiting")
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_function("() => document.querySelectorAll('[data-transcript] > li').length === 1")
    assert page.locator(".roleplay__waiting").count() == 0
    assert page.console_errors == []


def test_start_again_can_be_undone(page, site_url):
    page.goto(site_url + ROLEPLAY)
    page.wait_for_selector(READY, timeout=60_000)
    for n in (1, 2):
        page.locator("[data-choice]").first.click()
        page.wait_for_function("(n) => document.querySelectorAll('[data-transcript] > li').length === n", arg=n)
    page.click("[data-restart]")
    page.wait_for_function("() => document.querySelectorAll('[data-transcript] > li').length === 0")
    notice = page.inner_text("[data-notice]")
    assert "started again" in notice and "Resuming" not in notice
    tab_to(page, "[data-notice] button")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('[data-transcript] > li').length === 2")
    assert "Your earlier conversation is back." in page.inner_text("[data-notice]")
    assert page.console_errors == []


def test_the_exercises_page_shows_what_is_done_and_what_is_in_progress(page, site_url):
    page.goto(site_url + "exercises/parts-of-the-house/")
    page.wait_for_selector(READY, timeout=60_000)
    for select in page.locator("select").all():
        select.select_option(index=1)
    page.click('[data-form] button[type="submit"]')
    page.wait_for_selector("[data-result]:not([hidden])")
    right = page.inner_text("[data-status]").split("Answers checked. ")[1].split(" right")[0]
    page.goto(site_url + ROLEPLAY)
    page.wait_for_selector(READY, timeout=60_000)
    page.locator("[data-choice]").first.click()
    page.wait_for_function("() => document.querySelectorAll('[data-transcript] > li').length === 1")

    page.goto(site_url + "exercises/")
    quiz_row = page.locator("table tr", has=page.locator('a[href="parts-of-the-house/"]'))
    assert f"Done: {right} right" in quiz_row.inner_text()
    roleplay_row = page.locator("table tr", has=page.locator('a[href="roleplay/diabetes-review/"]'))
    assert "In progress" in roleplay_row.inner_text()
    other = page.locator("table tr", has=page.locator('a[href="roleplay/carer-joins/"]'))
    assert "In progress" not in other.inner_text() and "Done" not in other.inner_text()
    assert page.console_errors == []
