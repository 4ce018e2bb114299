"""The "Parts of the house" quiz in Chromium: keyboard only, scored by the Python engine in the page."""

import pytest

from exercises.catalogue import load_valid
from exercises.quiz.score import score

from .engine import OWN_ENGINE
from .keyboard import tab_to

pytestmark = pytest.mark.browser

QUIZ = "exercises/parts-of-the-house/"
READY = '[data-exercise="parts-of-the-house"][data-engine-state="ready"]'
FAILED = '[data-exercise="parts-of-the-house"][data-engine-state="failed"]'


def quiz_model():
    return next(e.model for e in load_valid() if e.header.id == "parts-of-the-house")


def option_values(page, question_id):
    return page.eval_on_selector_all(f'select[name="{question_id}"] option', "os => os.map(o => o.value)")[1:]


def test_the_quiz_answered_with_the_keyboard_alone_shows_the_engines_score_and_feedback(page, site_url):
    page.goto(site_url + QUIZ)
    page.wait_for_selector(READY, timeout=60_000)
    model = quiz_model()
    # Choose, for each part, the choice at this position in the (shuffled) list: some right, some wrong.
    picks = {"centre": 0, "left-wall": 1, "right-wall": 2, "roof": 3, "foundations": 4}
    answers = {}
    for question in model.questions:
        select = f'select[name="{question.id}"]'
        tab_to(page, select)
        for _ in range(picks[question.id] + 1):
            page.keyboard.press("ArrowDown")
        answers[question.id] = option_values(page, question.id)[picks[question.id]]
        assert page.eval_on_selector(select, "s => s.value") == answers[question.id]
    tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-result]:not([hidden])")

    expected = score(model, answers, attempt=1)
    assert page.inner_text("[data-summary]") == expected["summary"]
    for result in expected["questions"]:
        item = page.locator(f'[data-question="{result["id"]}"]')
        assert item.get_attribute("data-verdict") == result["verdict"]
        feedback = item.locator("[data-feedback]").inner_text()
        assert feedback.split(": ", 1)[1] == result["feedback"].replace("Correct. ", "").replace("Not quite. ", "")
        assert item.locator("[data-more] a").is_visible()
    # Focus moves to the result, and the status line (a live region) says what happened.
    assert page.evaluate("document.activeElement.id") == "parts-of-the-house-result-heading"
    assert page.get_attribute("[data-status]", "aria-live") == "polite"
    assert f"{expected['score']} out of 5 right" in page.inner_text("[data-status]")
    if expected["score"] < 5:
        # The first try gives hints, not answers; the answers come on request, with the keyboard.
        assert expected["answers_shown"] is False
        tab_to(page, "[data-show-answers]")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('[data-show-answers]').hidden")
        shown = score(model, answers, reveal=True)
        assert page.inner_text("[data-summary]") == shown["summary"]
        wrong = next(r for r in shown["questions"] if not r["correct"])
        assert "The answer is" in page.inner_text(f'[data-question="{wrong["id"]}"] [data-feedback]')
    assert page.console_errors == []


def test_checking_with_answers_missing_says_which_and_gives_nothing_away(page, site_url):
    page.goto(site_url + QUIZ)
    page.wait_for_selector(READY, timeout=60_000)
    page.select_option('select[name="roof"]', "systems")
    page.click('button[type="submit"]')
    page.wait_for_function("() => document.querySelector('[data-status]').innerText.startsWith('Answer every question first')")
    status = page.inner_text("[data-status]")
    assert "The centre of the house" in status and "The roof" not in status.split("Not answered yet:")[1]
    assert page.locator("[data-result]").is_hidden()
    assert page.evaluate("document.activeElement.name") == "centre"
    assert page.get_attribute('[data-question="centre"]', "data-verdict") == "missing"
    assert page.get_attribute('[data-question="roof"]', "data-verdict") is None
    assert "The answer is" not in page.inner_text(".quiz__questions")


def test_a_second_try_shows_the_answers(page, site_url):
    page.goto(site_url + QUIZ)
    page.wait_for_selector(READY, timeout=60_000)
    model = quiz_model()
    wrong = {q.id: next(c.id for c in model.choices if c.id != q.answer) for q in model.questions}
    for qid, cid in wrong.items():
        page.select_option(f'select[name="{qid}"]', cid)
    page.click('button[type="submit"]')
    page.wait_for_selector("[data-result]:not([hidden])")
    assert "The answer is" not in page.inner_text(".quiz__questions")
    page.click('button[type="submit"]')
    page.wait_for_function("() => document.querySelector('[data-summary]').innerText.includes('The right answers are shown')")
    assert page.inner_text(".quiz__questions").count("The answer is") == 5


def test_the_choices_come_in_a_new_order(page, site_url):
    orders = set()
    for _ in range(3):
        page.goto(site_url + QUIZ)
        page.wait_for_selector(READY, timeout=60_000)
        orders.add(tuple(tuple(option_values(page, q.id)) for q in quiz_model().questions))
    assert len(orders) > 1
    choices = page.eval_on_selector_all(".quiz__choices li", "ls => ls.map(l => l.innerText)")
    assert sorted(choices) == sorted(c.text for c in quiz_model().choices)
    assert not any(text[:3] in ("A. ", "B. ") for text in choices)


def test_feedback_is_not_given_by_colour_alone(page, site_url):
    page.goto(site_url + QUIZ)
    page.wait_for_selector(READY, timeout=60_000)
    model = quiz_model()
    for q in model.questions:
        page.select_option(f'select[name="{q.id}"]', q.answer)
    page.select_option('select[name="roof"]', "commissioning")
    page.click('button[type="submit"]')
    page.wait_for_selector("[data-result]:not([hidden])")
    assert page.inner_text('[data-question="centre"] [data-feedback]').startswith("Correct:")
    assert page.inner_text('[data-question="roof"] [data-feedback]').startswith("Not quite:")
    # The learn-more link goes to the page about that part.
    page.click('[data-question="roof"] [data-more] a')
    assert page.url.endswith("/house/roof/")


def test_an_answer_sent_before_the_engine_is_ready_waits_and_says_so(page, site_url):
    held = []  # Pyodide's WebAssembly is held back until the answer has been sent (the engine starts fast)
    page.add_init_script(OWN_ENGINE)
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(site_url + QUIZ, wait_until="domcontentloaded")
    for q in quiz_model().questions:
        page.select_option(f'select[name="{q.id}"]', "conversation")
    assert page.get_attribute("[data-exercise]", "data-engine-state") == "loading"
    page.click('button[type="submit"]')
    assert "still starting" in page.inner_text("[data-status]")
    while not held:
        page.wait_for_timeout(100)
    for route in held:
        route.continue_()
    page.wait_for_selector("[data-result]:not([hidden])", timeout=60_000)
    assert "You got 1 out of 5 right" in page.inner_text("[data-summary]")


def test_the_exercise_text_and_controls_show_before_the_engine_starts(page, site_url):
    page.add_init_script(OWN_ENGINE)
    page.route("**/pyodide.asm.wasm", lambda route: None)  # never answered: the engine cannot start
    page.goto(site_url + QUIZ, wait_until="domcontentloaded")
    assert page.locator('select[name="centre"]').is_visible()
    assert "Care and support planning, the conversation" in page.inner_text(".quiz__choices")
    assert page.get_attribute("[data-exercise]", "data-engine-state") == "loading"


@pytest.mark.parametrize("breakage", ["missing", "wrong-type"])
def test_when_the_engine_cannot_start_the_learner_gets_a_message_and_a_printable_version(page, site_url, breakage):
    page.add_init_script("globalThis.houseOfCareEngineTimeoutMs = 8000;")
    page.add_init_script(OWN_ENGINE)
    if breakage == "missing":
        page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="not found"))
    else:
        page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(
            status=200, content_type="text/plain", body=b"\x00asm not really"))
    page.goto(site_url + QUIZ)
    page.wait_for_selector(FAILED, timeout=30_000)
    fallback = page.locator("[data-fallback]")
    assert fallback.is_visible()
    assert "could not start" in fallback.inner_text()
    assert page.locator("[data-print]").is_visible()
    answers = page.locator("[data-answers]")
    assert answers.is_visible()
    answers.locator("summary").click()
    assert "Responsive commissioning" in answers.inner_text()
    assert any("could not start" in e for e in page.console_errors)


def test_a_page_opened_as_a_file_says_it_must_be_served(page, built_site):
    page.goto((built_site / "exercises" / "parts-of-the-house" / "index.html").as_uri())
    page.wait_for_selector(FAILED, timeout=10_000)
    assert "opened as a file" in page.inner_text("[data-fallback]")


def test_answers_are_kept_in_this_browser_until_start_again(page, site_url):
    page.goto(site_url + QUIZ)
    page.wait_for_selector(READY, timeout=60_000)
    page.select_option('select[name="roof"]', "systems")
    page.reload()
    page.wait_for_selector(READY, timeout=60_000)
    assert page.eval_on_selector('select[name="roof"]', "s => s.value") == "systems"
    assert "Your earlier answers are filled in" in page.inner_text("[data-status]")
    page.click('.quiz__form button[type="reset"]')
    page.reload()
    page.wait_for_selector(READY, timeout=60_000)
    assert page.eval_on_selector('select[name="roof"]', "s => s.value") == ""
