"""Session mode (issue 9 item 2): an exercise page opened with ?session is a projector screen for a trainer
running the exercise with a room. Answers and feedback are nowhere on the page (not in its visible text,
not in its accessibility tree) until the trainer reveals them, by key or by pointer; a role-play goes
decision by decision; the timer starts and pauses; the site's header and navigation are hidden; the
session plans' run-sheets open it with the segment's minutes; axe finds nothing; a learner's saved
progress on the same device is left exactly as it was."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import ROOT
from exercises.catalogue import load_valid
from exercises.registry import family
from exercises.site.sessions import read_sessions

from .axe import run_axe

pytestmark = pytest.mark.browser

QUIZ = "exercises/parts-of-the-house/"
ROLEPLAY = "exercises/roleplay/diabetes-review/"
PLAN = "exercises/plans/gary-diabetes-plan/"
READINESS = "local/readiness-check/"
READY = '[data-exercise][data-engine-state="ready"]'
ENGINE_WAIT = 60_000


def models():
    return {e.header.id: e.model for e in load_valid()}


def act(model, action, data):
    return family(model.header.type).act(model, action, data)


def open_session(page, url):
    page.goto(url)
    page.wait_for_selector("[data-session-content] h2")


def wait_for_engine(page):
    page.wait_for_selector(READY, state="attached", timeout=ENGINE_WAIT)


def seen(page):
    """What a sighted person and a screen reader can get at: the page's visible text and its accessibility tree."""
    return page.inner_text("body") + "\n" + page.locator("body").aria_snapshot()


def hidden_from_everyone(page, text):
    return text not in seen(page)


def option_key(page, text):
    """The number the trainer presses for the option whose words are `text` (the order is shuffled)."""
    for option in page.locator("[data-session-option]").all():
        if option.locator(".session__option-text").inner_text() == text:
            return option.get_attribute("data-session-option")
    raise AssertionError(f"no option {text!r} on screen")


def heading(page):
    return page.inner_text("#session-step")


def storage(page):
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]))")


# ---- the screen --------------------------------------------------------------------------------------

def test_session_mode_hides_the_site_around_the_exercise_and_lists_its_shortcuts(page, site_url):
    page.goto(site_url + QUIZ)
    page.click("[data-session-link]")  # every exercise page links to its session mode
    page.wait_for_selector("[data-session-content] h2")
    assert "?session=parts-of-the-house" in page.url
    for part in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                 ".md-content", "[data-exercise]"):
        assert page.locator(part).first.is_hidden(), part
    text = seen(page)
    assert "Skip to content" not in text and "Search" not in page.inner_text("body")
    assert page.inner_text("#session-title") == "Parts of the house"
    keys = page.inner_text("[data-session-keys]")
    for key in ("R", "N", "P", "T", "Esc"):
        assert re.search(rf"(^|\n){key}: ", keys), key
    assert page.locator("[data-session-shortcuts]").is_checked()
    # The way out is a link to the same page without ?session; Esc goes there too.
    leave = page.get_attribute("[data-session-leave]", "href")
    assert leave.endswith("/" + QUIZ) and "?" not in leave
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: "session" not in url)
    page.wait_for_selector("[data-exercise]")
    assert page.locator(".md-header").is_visible() and not page.locator(".session").count()
    assert page.console_errors == []


def test_the_site_is_hidden_from_the_first_paint_not_shown_and_then_hidden(page, site_url):
    """A room watching the projector never sees the ordinary page flash up before the session screen."""
    page.add_init_script("""
      window.__headerSeenBare = null;
      new MutationObserver((changes, observer) => {
        if (document.querySelector(".md-header")) {
          window.__headerSeenBare = !document.documentElement.classList.contains("session-mode");
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true });
    """)
    page.goto(site_url + ROLEPLAY + "?session=diabetes-review")
    page.wait_for_selector("[data-session-content] h2")
    assert page.evaluate("() => window.__headerSeenBare") is False
    # Without ?session the page is the ordinary one.
    page.goto(site_url + ROLEPLAY)
    assert page.locator(".md-header").is_visible()
    assert page.evaluate("() => document.documentElement.classList.contains('session-mode')") is False


def test_shortcuts_can_be_turned_off_and_then_no_key_acts_or_leaves_the_page(page, site_url):
    open_session(page, site_url + QUIZ + "?session=parts-of-the-house")
    first = heading(page)
    page.keyboard.press("n")
    page.wait_for_function("(first) => document.querySelector('#session-step').textContent !== first", arg=first)
    page.keyboard.press("p")
    page.wait_for_function("(first) => document.querySelector('#session-step').textContent === first", arg=first)
    page.focus("[data-session-shortcuts]")  # a form field: keys typed there are never shortcuts
    page.keyboard.press("n")
    assert heading(page) == first
    page.click("[data-session-shortcuts]")
    page.focus("#session-step")
    for key in ("n", "r", "1", "t", "p", "."):
        page.keyboard.press(key)
    assert heading(page) == first and "?session" in page.url  # not even the theme's "next page" key
    assert page.get_attribute("[data-session-option='1']", "aria-pressed") == "false"
    assert page.inner_text("[data-session-timer]") == "Start timer"
    assert "shortcuts are off" in page.inner_text("[data-session-status]")
    assert page.console_errors == []


def test_the_timer_starts_and_pauses_by_key_and_by_button_and_shows_the_segment(page, site_url):
    open_session(page, site_url + QUIZ + "?session=parts-of-the-house&minutes=15&segment=Quiz%20in%20pairs")
    clock = "[data-session-clock]"
    assert page.inner_text(clock) == "15:00"
    assert "Quiz in pairs" in page.inner_text("#session-timer-label")
    assert page.get_attribute(clock, "role") == "timer"
    page.keyboard.press("t")
    assert page.inner_text("[data-session-timer]") == "Pause timer"
    assert page.inner_text("[data-session-timer-note]") == "Timer started: 15 minutes left."
    assert page.get_attribute("[data-session-timer-note]", "aria-live") == "polite"
    page.wait_for_function("() => document.querySelector('[data-session-clock]').textContent !== '15:00'")
    page.keyboard.press("T")
    assert page.inner_text("[data-session-timer]") == "Start timer"
    assert page.get_attribute(clock, "data-state") == "stopped"
    assert page.inner_text("[data-session-timer-note]").startswith("Timer paused with 14 minutes")
    paused = page.inner_text(clock)
    assert re.fullmatch(r"14:5\d", paused)
    page.click("[data-session-timer]")
    assert page.get_attribute(clock, "data-state") == "running"
    page.click("[data-session-timer]")
    assert page.get_attribute(clock, "data-state") == "stopped"
    page.click("[data-session-timer-reset]")
    assert page.inner_text(clock) == "15:00" and page.inner_text("[data-session-timer-note]") == "Timer reset to 15 minutes."
    assert page.console_errors == []


def test_a_run_sheet_opens_session_mode_with_the_segments_minutes_and_title(page, site_url):
    exercises = {e.header.id: e.header for e in load_valid()}
    sessions = read_sessions(ROOT / "docs", exercises)
    plan = sessions["practice-taster"]
    segment = next(s for s in plan["segments"] if any(u["ref"] == "parts-of-the-house" for u in s["use"]))
    page.goto(site_url + "trainers/sessions/practice-taster/")
    links = page.locator('.session-run-sheet a[href*="session=parts-of-the-house"]')
    assert links.count() == 1
    query = parse_qs(urlsplit(links.get_attribute("href")).query)
    assert query == {"session": ["parts-of-the-house"], "minutes": [str(segment["minutes"])], "segment": [segment["title"]]}
    links.click()
    page.wait_for_selector("[data-session-content] h2")
    assert page.inner_text("#session-title") == "Parts of the house"
    assert page.inner_text("[data-session-clock]") == f"{segment['minutes']:02d}:00"
    assert segment["title"] in page.inner_text("#session-timer-label")
    # Every exercise that session mode runs is linked from the run-sheets; a page used is not.
    for ident in sessions:
        html = (page.context.request.get(site_url + f"trainers/sessions/{ident}/").text())
        for s in sessions[ident]["segments"]:
            for use in s["use"]:
                linked = f"?session={use['ref']}&amp;minutes={s['minutes']}&amp;segment=" in html
                assert linked == (use["kind"] == "exercise" and use["type"] != "plan-calibration"), (ident, use["ref"])
    assert page.console_errors == []


# ---- the quiz ----------------------------------------------------------------------------------------

def quiz_screens(page, model, picks, press):
    """Pick the room's answer to each question: `picks` maps a question id to the choice id to pick."""
    for n, question in enumerate(model.questions):
        assert heading(page) == question.prompt
        key = option_key(page, model.choice(picks[question.id]).text)
        press(key)
        assert page.get_attribute(f"[data-session-option='{key}']", "aria-pressed") == "true"
        assert "The room's choice" in page.inner_text(f"[data-session-option='{key}']")
        if n < len(model.questions) - 1:
            press("next")
            page.wait_for_function("(p) => document.querySelector('#session-step').textContent !== p",
                                   arg=question.prompt)


def test_the_quiz_reveals_nothing_until_the_trainer_presses_r(page, site_url):
    model = models()["parts-of-the-house"]
    picks = {q.id: q.answer for q in model.questions}
    picks["roof"] = "commissioning"  # one wrong
    open_session(page, site_url + QUIZ + "?session=parts-of-the-house")
    quiz_screens(page, model, picks, lambda key: page.keyboard.press("n" if key == "next" else key))
    wait_for_engine(page)
    for question in model.questions:
        assert hidden_from_everyone(page, question.explanation)
    for words in ("Correct", "Not quite", "The answer", "right"):
        assert hidden_from_everyone(page, words), words
    page.keyboard.press("r")
    page.wait_for_selector("[data-session-feedback]")
    expected = act(model, "score", {"answers": picks, "attempt": 1, "reveal": True})
    last = expected["questions"][-1]
    feedback = page.inner_text("[data-session-feedback]")
    assert feedback.startswith("Correct: " if last["correct"] else "Not quite: ")
    assert feedback.split(": ", 1)[1] == re.sub(r"^(Correct|Not quite)\. ", "", last["feedback"])
    assert page.evaluate("() => document.activeElement.matches('[data-session-feedback]')")
    assert f"{expected['score']} out of 5 right" in page.inner_text("[data-session-status]")
    # Back to the roof: the room's wrong answer, the right one marked in words, the engine's feedback.
    while heading(page) != "The roof":
        page.keyboard.press("p")
    roof = next(r for r in expected["questions"] if r["id"] == "roof")
    assert page.inner_text("[data-session-feedback]").startswith("Not quite: ")
    assert "The answer is" in page.inner_text("[data-session-feedback]")
    right = option_key(page, model.choice(roof["answer"]).text)
    assert "The answer" in page.inner_text(f"[data-session-option='{right}']")
    assert page.get_attribute(f"[data-session-option='{right}']", "aria-disabled") == "true"
    assert page.console_errors == []


def test_the_quiz_reveals_by_pointer_and_only_once_every_question_has_an_answer(page, site_url):
    model = models()["parts-of-the-house"]
    picks = {q.id: q.answer for q in model.questions}
    open_session(page, site_url + QUIZ + "?session=parts-of-the-house")
    wait_for_engine(page)
    page.click(f"[data-session-option='{option_key(page, model.choice(picks['centre']).text)}']")
    page.click("[data-session-reveal]")
    assert "Still to answer: question 2, 3, 4, 5" in page.inner_text("[data-session-status]")
    assert page.locator("[data-session-feedback]").count() == 0
    assert hidden_from_everyone(page, model.questions[0].explanation)
    page.click("[data-session-next]")
    for question in model.questions[1:]:
        page.wait_for_function("(p) => document.querySelector('#session-step').textContent === p", arg=question.prompt)
        page.click(f"[data-session-option='{option_key(page, model.choice(picks[question.id]).text)}']")
        assert hidden_from_everyone(page, question.explanation)
        page.click("[data-session-next]")
    page.wait_for_function("() => document.querySelector('#session-step').textContent === \"The room's answers\"")
    assert hidden_from_everyone(page, "out of 5")
    page.click("[data-session-reveal]")
    page.wait_for_selector("[data-session-feedback]")
    assert page.inner_text("[data-session-feedback]").startswith("Correct: ")
    assert heading(page) == model.questions[0].prompt
    page.click("[data-session-next]")
    assert model.questions[1].explanation in page.inner_text("[data-session-feedback]")
    while heading(page) != "The room's answers":
        page.click("[data-session-next]")
    assert page.inner_text("[data-session-result]") == "The room got 5 out of 5 right."
    assert page.console_errors == []


# ---- the role-play -----------------------------------------------------------------------------------

def test_the_role_play_steps_through_decisions_by_keyboard_with_feedback_hidden_until_revealed(page, site_url):
    model = models()["diabetes-review"]
    open_session(page, site_url + ROLEPLAY + "?session=diabetes-review")
    taken = []
    for decision in (1, 2, 3):
        step = act(model, "turn", {"choices": taken})
        assert heading(page) == f"Decision {decision}"
        assert f"“{step['node']['says']}”" in page.inner_text("[data-session-content]")
        texts = page.locator("[data-session-option] .session__option-text").all_inner_texts()
        assert texts == [c["say"] for c in step["choices"]]
        pick = 2 if decision == 1 else 1
        choice = step["choices"][pick - 1]["id"]
        after = act(model, "turn", {"choices": [*taken, choice]})
        feedback = after["history"][-1]["feedback"]
        page.keyboard.press("n")  # not before the feedback has been revealed
        assert heading(page) == f"Decision {decision}"
        page.keyboard.press(str(pick))
        assert page.get_attribute(f"[data-session-option='{pick}']", "aria-pressed") == "true"
        if decision == 1:
            wait_for_engine(page)
        assert hidden_from_everyone(page, feedback)
        assert hidden_from_everyone(page, after["history"][-1]["kind_words"])
        page.keyboard.press("r")
        page.wait_for_selector("[data-session-feedback]")
        shown = page.inner_text("[data-session-feedback]")
        assert shown == f"{after['history'][-1]['kind_words']}: {feedback}"
        taken.append(choice)
        page.keyboard.press("n")
        if after["ended"]:
            break
        page.wait_for_function("(n) => document.querySelector('#session-step').textContent === `Decision ${n}`",
                               arg=decision + 1)
    assert len(taken) >= 2
    # Back one decision: the room can choose again there, and its feedback is hidden again.
    page.keyboard.press("p")
    page.wait_for_function("() => document.querySelector('#session-step').textContent === 'Decision 3'")
    assert page.locator("[data-session-feedback]").count() == 0
    assert page.locator("[data-session-option][aria-pressed='true']").count() == 0
    assert page.console_errors == []


def test_the_role_play_reveals_by_pointer_and_ends_with_the_ending_and_the_report_in_short(page, site_url):
    model = models()["diabetes-review"]
    best = [s["choice"] for s in act(model, "trainer", {})["best_path"]["steps"]]
    open_session(page, site_url + ROLEPLAY + "?session=diabetes-review")
    wait_for_engine(page)
    taken = []
    for choice in best:
        step = act(model, "turn", {"choices": taken})
        index = [c["id"] for c in step["choices"]].index(choice)
        page.click(f"[data-session-option='{index + 1}']")
        page.click("[data-session-reveal]")
        page.wait_for_selector("[data-session-feedback]")
        taken.append(choice)
        page.click("[data-session-next]")
        page.wait_for_function("(n) => document.querySelector('#session-step').textContent !== `Decision ${n}`",
                               arg=len(taken))
    report = act(model, "report", {"choices": taken, "finished": None})
    assert heading(page) == "The conversation has ended"
    assert page.inner_text("[data-session-result]") == f"{report['ending']['title']} ({report['ending']['quality']} ending)"
    assert report["overview"] in page.inner_text("[data-session-content]")
    assert page.console_errors == []


# ---- the plan review ---------------------------------------------------------------------------------

def test_the_plan_review_shows_the_plan_then_hides_each_reference_score_until_revealed(page, site_url):
    model = models()["gary-diabetes-plan"]
    criteria = model.rubric.criteria
    open_session(page, site_url + PLAN + "?session=gary-diabetes-plan")
    assert heading(page) == model.document_title
    assert page.locator(".session__document").is_visible()
    for c in criteria:
        assert hidden_from_everyone(page, model.reference[c.id].why)
    # Keyboard: the first part.
    page.keyboard.press("n")
    page.wait_for_function("(t) => document.querySelector('#session-step').textContent === t", arg=criteria[0].title)
    page.keyboard.press("1")
    assert page.get_attribute("[data-session-option='1']", "aria-pressed") == "true"
    wait_for_engine(page)
    assert hidden_from_everyone(page, model.reference[criteria[0].id].why)
    assert hidden_from_everyone(page, "The reference score")
    page.keyboard.press("r")
    page.wait_for_selector("[data-session-feedback]")
    expected = act(model, "compare", {"scores": {criteria[0].id: 1}})["criteria"][0]
    assert page.inner_text("[data-session-feedback]") == (
        f"{expected['verdict_words']}: The room scored 1 ({expected['given_name']}). The reference score is "
        f"{expected['reference']} ({expected['reference_name']}). {expected['why']}")
    assert hidden_from_everyone(page, model.reference[criteria[1].id].why)  # one part at a time
    # Pointer: the second part.
    page.click("[data-session-next]")
    page.wait_for_function("(t) => document.querySelector('#session-step').textContent === t", arg=criteria[1].title)
    assert page.locator("[data-session-feedback]").count() == 0
    page.click("[data-session-option='2']")
    assert hidden_from_everyone(page, model.reference[criteria[1].id].why)
    page.click("[data-session-reveal]")
    page.wait_for_selector("[data-session-feedback]")
    assert model.reference[criteria[1].id].why in page.inner_text("[data-session-feedback]")
    # The last screen reveals the whole comparison at once.
    for _ in criteria[1:]:
        page.click("[data-session-next]")
    page.wait_for_function("() => document.querySelector('#session-step').textContent.startsWith(\"The room's scores\")")
    assert hidden_from_everyone(page, model.reference[criteria[-1].id].why)
    assert page.locator(".session__table").count() == 0
    page.click("[data-session-reveal]")
    page.wait_for_selector("[data-session-result]")
    whole = act(model, "compare", {"scores": {criteria[0].id: 1, criteria[1].id: 2}})
    assert page.inner_text("[data-session-result]").startswith(whole["summary"])
    assert page.locator(".session__table tbody tr").count() == len(criteria)
    assert page.console_errors == []


# ---- the readiness self-check ------------------------------------------------------------------------

def test_the_readiness_check_goes_part_by_part_and_hides_the_house_until_revealed(page, site_url):
    model = models()["house-readiness"]
    open_session(page, site_url + READINESS + "?session=house-readiness")
    first = model.parts[0]
    assert heading(page).startswith("Centre")
    assert page.locator("[data-session-statement]").count() == len(first.statements)
    # The team's answers to the first part by number keys: each goes to the next statement by itself.
    answers = {}
    keys = ["4", "3", "4", "2", "5", "4", "4", "3"]
    scale = ["not-started", "ideas", "nearly", "cracked", "dont-know"]
    for statement, key in zip(first.statements, keys):
        page.keyboard.press(key)
        answers[statement.id] = scale[int(key) - 1]
        box = page.locator(f"[data-session-statement='{statement.id}']")
        assert box.locator(f"[data-session-option='{key}']").get_attribute("aria-pressed") == "true"
    wait_for_engine(page)
    result = act(model, "check", {"answers": answers})
    assert page.locator("svg.readiness__house").count() == 0
    assert hidden_from_everyone(page, result["overall_words"])
    assert hidden_from_everyone(page, "Your house is only as ready")
    page.keyboard.press("n")
    page.wait_for_function("() => document.querySelector('#session-step').textContent.startsWith('Left wall')")
    page.keyboard.press("r")
    page.wait_for_selector("svg.readiness__house")
    assert heading(page) == "The house"
    assert page.inner_text("[data-session-result]") == result["overall_words"]
    title = page.locator("svg.readiness__house title").text_content()
    assert title.startswith("The room's house.") and result["parts"][0]["level_name"] in title
    assert page.console_errors == []


def test_the_readiness_check_reveals_by_pointer(page, site_url):
    model = models()["house-readiness"]
    open_session(page, site_url + READINESS + "?session=house-readiness")
    statement = model.parts[0].statements[0]
    page.click(f"[data-session-statement='{statement.id}'] [data-session-option='4']")
    wait_for_engine(page)
    result = act(model, "check", {"answers": {statement.id: "cracked"}})
    assert hidden_from_everyone(page, result["overall_words"])
    page.click("[data-session-reveal]")
    page.wait_for_selector("svg.readiness__house")
    assert page.inner_text("[data-session-result]") == result["overall_words"]
    assert page.evaluate("() => document.activeElement.id") == "session-step"  # the house in view, below it
    assert page.locator("svg.readiness__house").is_visible()
    assert page.console_errors == []


# ---- accessibility and the learner's own progress --------------------------------------------------

@pytest.mark.parametrize("path, pick", [
    (QUIZ + "?session=parts-of-the-house", None),
    (ROLEPLAY + "?session=diabetes-review", "1"),
    (PLAN + "?session=gary-diabetes-plan", "2"),
    (READINESS + "?session=house-readiness", "3"),
])
def test_axe_finds_nothing_in_session_mode_before_and_after_a_reveal(page, site_url, path, pick):
    open_session(page, site_url + path)
    wait_for_engine(page)
    assert page.console_errors == []
    assert run_axe(page) == []
    if path.startswith(PLAN):
        page.keyboard.press("n")
    if pick:
        page.keyboard.press(pick)
    else:
        model = models()["parts-of-the-house"]
        for n, question in enumerate(model.questions):
            page.keyboard.press(option_key(page, model.choice(question.answer).text))
            page.keyboard.press("n")
    page.keyboard.press("t")
    page.keyboard.press("r")
    page.wait_for_selector("[data-session-feedback], [data-session-result]")
    assert run_axe(page) == []
    # axe itself sets inline styles while it checks contrast, which the page's policy (rightly) blocks.
    assert [e for e in page.console_errors if not e.startswith("Applying inline style violates")] == []


def test_a_session_leaves_the_learners_saved_progress_and_results_untouched(page, site_url):
    # A learner on this device: half a quiz, and a role-play finished with its result recorded.
    page.goto(site_url + QUIZ)
    page.wait_for_selector(READY, timeout=ENGINE_WAIT)
    page.select_option('select[name="roof"]', "systems")
    page.goto(site_url + ROLEPLAY)
    page.wait_for_selector(READY, timeout=ENGINE_WAIT)
    page.click("[data-choices] [data-choice]")
    page.wait_for_function("() => document.querySelector('[data-transcript]').children.length === 1")
    before = storage(page)
    assert "house-of-care:v1:quiz:parts-of-the-house" in before
    assert "house-of-care:v1:roleplay:diabetes-review" in before

    # The same exercises run with a room in session mode, to the reveal.
    open_session(page, site_url + ROLEPLAY + "?session=diabetes-review")
    page.keyboard.press("3")
    page.keyboard.press("r")
    page.wait_for_selector("[data-session-feedback]")
    page.keyboard.press("n")
    page.wait_for_function("() => document.querySelector('#session-step').textContent === 'Decision 2'")
    model = models()["parts-of-the-house"]
    open_session(page, site_url + QUIZ + "?session=parts-of-the-house")
    for question in model.questions:
        page.keyboard.press(option_key(page, model.choice(question.answer).text))
        page.keyboard.press("n")
    page.keyboard.press("r")
    page.wait_for_selector("[data-session-feedback]")
    assert storage(page) == before

    # And the learner finds their quiz as they left it.
    page.goto(site_url + QUIZ)
    page.wait_for_selector(READY, timeout=ENGINE_WAIT)
    assert page.eval_on_selector('select[name="roof"]', "s => s.value") == "systems"
    assert page.eval_on_selector('select[name="centre"]', "s => s.value") == ""
    assert page.console_errors == []
