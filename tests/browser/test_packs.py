"""The printable packs and the handbook in Chromium (issue 9 items 3 and 4): printed, they show no navigation,
header, footer or button; a participant pack shows no answer; each handbook chapter starts a page and links
are written out; the handbook prints to a PDF of more pages than it has chapters; axe finds nothing on screen;
the Print button prints."""

import re

import pytest

from test_packs import answers, entries, sessions, used

from .axe import run_axe

pytestmark = pytest.mark.browser

PACKS = [f"trainers/sessions/{ident}-{kind}-pack/" for ident in ("top-up-60", "practice-taster", "train-the-trainer")
         for kind in ("trainer", "participant")]
SITE_PARTS = (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer")


def printed(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # opens folded sections, as printing does


def assert_prints_without_site_parts_or_buttons(page):
    for selector in SITE_PARTS:
        for element in page.locator(selector).all():
            assert not element.is_visible(), selector
    assert page.locator("nav:visible").count() == 0
    visible = [b.inner_text() for b in page.locator("button").all() if b.is_visible()]
    assert visible == []


@pytest.mark.parametrize("path", PACKS)
def test_a_printed_pack_shows_no_navigation_or_buttons(page, site_url, path):
    printed(page, site_url + path)
    assert_prints_without_site_parts_or_buttons(page)
    assert page.locator("h1").is_visible()
    assert page.locator(".pack-cover").evaluate("e => getComputedStyle(e).breakAfter") == "page"


@pytest.mark.parametrize("ident", ["top-up-60", "top-up-90", "learning-set", "practice-taster", "train-the-trainer"])
def test_a_printed_participant_pack_shows_no_answer_and_the_trainer_pack_shows_them(page, site_url, ident):
    found = entries()
    secrets = [s for ex in used(sessions()[ident]) for s in answers(found[ex])]
    printed(page, site_url + f"trainers/sessions/{ident}-participant-pack/")
    shown = page.locator("article.md-content__inner").inner_text()  # text as rendered: hidden text is left out
    assert [s for s in secrets if s in shown] == []
    assert "Participant's copy" in shown
    printed(page, site_url + f"trainers/sessions/{ident}-trainer-pack/")
    shown = " ".join(page.locator("article.md-content__inner").inner_text().split())
    assert [s for s in secrets if " ".join(s.split()) not in shown] == []
    assert "Trainer's copy: contains answers" in shown


def test_each_handout_and_each_role_card_starts_a_printed_page(page, site_url):
    printed(page, site_url + "trainers/sessions/top-up-60-participant-pack/")
    assert page.locator('h2[id^="handout-"]').first.evaluate("e => getComputedStyle(e).breakBefore") == "page"
    cards = page.locator(".roleplay__card")
    assert cards.count() >= 4
    assert cards.nth(1).evaluate("e => getComputedStyle(e).breakBefore") == "page"


def test_the_print_button_prints_and_is_not_printed(page, site_url):
    page.add_init_script("window.print = () => { window.printedTimes = (window.printedTimes || 0) + 1; };")
    for path in ("trainers/sessions/top-up-60-trainer-pack/", "trainers/handbook/"):
        page.goto(site_url + path)
        button = page.locator("button[data-print-page]")
        assert button.is_visible()
        button.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("() => window.printedTimes") == 1
        page.emulate_media(media="print")
        assert not button.is_visible()
        page.emulate_media(media="screen")


def test_the_printed_handbook_starts_each_chapter_on_a_new_page_and_writes_out_links(page, site_url):
    printed(page, site_url + "trainers/handbook/")
    assert_prints_without_site_parts_or_buttons(page)
    chapters = page.locator(".handbook-chapter")
    assert chapters.count() > 40
    breaks = chapters.evaluate_all("all => all.map(e => getComputedStyle(e).breakBefore)")
    assert set(breaks) == {"page"}
    assert page.locator(".handbook-cover").evaluate("e => getComputedStyle(e).breakAfter") == "page"
    assert page.locator("[data-exercise], .exercise").count() == 0
    to_chapter = page.locator(".handbook-chapter a[data-print-to]").first
    after = to_chapter.evaluate("a => getComputedStyle(a, '::after').content")
    assert to_chapter.get_attribute("data-print-to") in after and "see" in after
    to_site = page.locator(".handbook-chapter a[data-print-site]").first
    assert to_site.get_attribute("data-print-site") in to_site.evaluate("a => getComputedStyle(a, '::after').content")
    outside = page.locator('.handbook-chapter a[href^="http"]').first
    assert outside.get_attribute("href") in outside.evaluate("a => getComputedStyle(a, '::after').content")


def test_the_handbook_prints_to_a_pdf_with_more_pages_than_chapters(page, site_url):
    page.goto(site_url + "trainers/handbook/")
    page.wait_for_load_state("networkidle")
    chapters = page.locator(".handbook-chapter").count()
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-")
    pages = int(re.findall(rb"/Count (\d+)", pdf)[-1])
    assert pages > chapters + 1  # a cover, the contents, and each chapter from a new page


def test_a_contents_link_and_a_link_between_chapters_lead_to_the_chapter(page, site_url):
    page.goto(site_url + "trainers/handbook/")
    page.click('.handbook-contents a[href="#ch-house-roof"]')
    assert page.evaluate("() => location.hash") == "#ch-house-roof"
    assert page.locator("#ch-house-roof h2").first.is_visible()
    link = page.locator('#ch-house a[href="#ch-house-roof"]').first
    link.click()
    assert page.locator("#ch-house-roof").evaluate("e => e.getBoundingClientRect().top < innerHeight")


@pytest.mark.parametrize("path", PACKS + ["trainers/handbook/", "trainers/sessions/top-up-60/"])
def test_axe_reports_no_violation_on_packs_and_the_handbook(browser, site_url, path):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert run_axe(page) == []
    context.close()
