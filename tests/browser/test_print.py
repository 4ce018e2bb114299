"""Pages print cleanly: navigation hidden, the address of each outside source shown."""

import pytest

pytestmark = pytest.mark.browser


def test_a_printed_page_hides_navigation_and_shows_source_addresses(page, site_url):
    page.goto(site_url + "sources/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none", selector
    external = page.locator('article a[href^="http"]').first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert external.get_attribute("href") in after


def test_the_printed_quiz_lists_every_question_and_the_answers(page, site_url):
    page.goto(site_url + "exercises/parts-of-the-house/")
    page.wait_for_selector("[data-exercise][data-engine-state]")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".quiz__label").count() == 5
    assert all(page.locator(".quiz__label").nth(i).is_visible() for i in range(5))
    assert page.eval_on_selector(".quiz__form .exercise__actions", "e => getComputedStyle(e).display") == "none"
    assert page.locator("[data-answers] li").first.is_visible()
