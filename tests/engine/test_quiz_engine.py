"""The quiz engine, as the browser uses it. These tests also run inside Pyodide under Node
(tests/test_engine_in_pyodide.py), so they use plain asserts and the standard library only."""

import json

from exercises.browser import handle
from exercises.definition import load_definition
from exercises.quiz.score import AnswerError, score

from .shipped import shipped_definitions

RIGHT = {
    "centre": "conversation",
    "left-wall": "engaged-person",
    "right-wall": "committed-professionals",
    "roof": "systems",
    "foundations": "commissioning",
}


def parts_of_the_house():
    model, problems = load_definition(shipped_definitions()["parts-of-the-house"])
    assert problems == []
    return model


def test_all_right_scores_five_of_five():
    result = score(parts_of_the_house(), RIGHT)
    assert (result["score"], result["total"]) == (5, 5)
    assert result["summary"] == "You got all 5 right."
    assert all(q["verdict"] == "correct" for q in result["questions"])
    assert all(q["feedback"].startswith("Correct.") for q in result["questions"])


def test_a_swapped_wall_gets_a_hint_first_and_the_answer_on_the_second_try():
    answers = dict(RIGHT, **{"right-wall": "engaged-person"})
    first = score(parts_of_the_house(), answers)
    assert first["score"] == 4 and first["answers_shown"] is False
    right_wall = next(q for q in first["questions"] if q["id"] == "right-wall")
    assert right_wall["verdict"] == "incorrect"
    assert "The person and their carers are the left wall" in right_wall["feedback"]
    assert "Health and care professionals committed to working in partnership" not in right_wall["feedback"]
    assert "Have another go" in right_wall["feedback"]
    assert right_wall["learn_more"] == "house/right-wall.md"
    assert "change the answers marked “Not quite” and check again, or show the answers" in first["summary"]
    assert "below" not in first["summary"]
    for second in (score(parts_of_the_house(), answers, attempt=2), score(parts_of_the_house(), answers, reveal=True)):
        right_wall = next(q for q in second["questions"] if q["id"] == "right-wall")
        assert second["answers_shown"] is True
        assert "The answer is “Health and care professionals committed to working in partnership”" in right_wall["feedback"]
        assert "The right answers are shown with each question above." in second["summary"]


def test_every_question_must_be_answered_before_anything_is_given_away():
    result = score(parts_of_the_house(), {"centre": "conversation"})
    assert result["complete"] is False and result["score"] is None and result["questions"] == []
    assert [m["id"] for m in result["missing"]] == ["left-wall", "right-wall", "roof", "foundations"]
    assert result["summary"].startswith("Answer every question first. Not answered yet: The left wall,")
    nothing = score(parts_of_the_house(), {})
    assert nothing["complete"] is False and len(nothing["missing"]) == 5
    assert "conversation" not in json.dumps(nothing)  # no answer is in the reply


def test_answers_that_do_not_fit_the_quiz_are_refused_in_plain_words():
    quiz = parts_of_the_house()
    for bad, words in [
        ({"kitchen": "conversation"}, "there is no question 'kitchen'"),
        ({"roof": "chimney"}, "'chimney' is not one of the choices"),
        (["conversation"], "answers must be a mapping"),
    ]:
        try:
            score(quiz, bad)
        except AnswerError as error:
            assert words in str(error)
        else:
            raise AssertionError(f"{bad!r} was accepted")


def test_the_browser_face_answers_json_with_json():
    definition = shipped_definitions()["parts-of-the-house"]
    reply = json.loads(handle(json.dumps({"action": "score", "definition": definition, "data": {"answers": RIGHT}})))
    assert reply["ok"] is True
    assert reply["result"]["score"] == 5


def test_the_browser_face_refuses_bad_requests_without_crashing():
    definition = shipped_definitions()["parts-of-the-house"]
    cases = [
        ("not json", "Expecting value"),
        (json.dumps({"action": "score", "definition": {"id": "x"}, "data": {}}), "not valid"),
        (json.dumps({"action": "explode", "definition": definition, "data": {}}), "cannot do 'explode'"),
        ("x" * 1_100_000, "too large"),
    ]
    for request, words in cases:
        reply = json.loads(handle(request))
        assert reply["ok"] is False
        assert words in reply["error"], reply["error"]
