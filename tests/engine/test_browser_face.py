"""The engine's JSON face never raises: whatever the page sends, it answers {"ok": false, "error": ...} in
plain words. These tests also run inside Pyodide under Node (tests/test_engine_in_pyodide.py), so they
use plain asserts and the standard library only."""

import json

from exercises.browser import handle

from .shipped import shipped_definitions

NESTED = "the request is nested too deeply (lists or objects inside each other); the limit is 64 levels"
NOT_AN_OBJECT = "the request must be a JSON object, with action, definition and data"


def reply(request):
    answer = handle(request)
    assert isinstance(answer, str)
    return json.loads(answer)


def refused(request):
    answer = reply(request)
    assert answer["ok"] is False, answer
    assert set(answer) == {"ok", "error"}
    assert "Traceback" not in answer["error"]
    return answer["error"]


def quiz_request(**fields):
    return json.dumps({"action": "score", "definition": shipped_definitions()["parts-of-the-house"],
                       "data": {"answers": {}}, **fields})


def test_deeply_nested_json_under_the_size_limit_is_refused():
    assert refused("[" * 100_000 + "]" * 100_000) == NESTED
    assert refused("[" * 500_000) == NESTED  # never closed
    inside = quiz_request()[:-1] + ', "more": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "}"
    assert refused(inside) == NESTED


def test_text_that_is_not_json_is_refused():
    assert refused("not json") == "the request is not valid JSON: Expecting value at line 1, column 1"
    assert refused("") == "the request is not valid JSON: Expecting value at line 1, column 1"
    assert refused('{"action": "score", "x": NaN}') == "the request is not valid JSON: the value NaN is not allowed"
    assert refused('{"x": ' + "9" * 5000 + "}") == "the request is not valid JSON: a number in it is too long to read"


def test_json_that_is_not_an_object_is_refused():
    for request in ("[]", "[1, 2]", '"text"', "5", "null", "true"):
        assert refused(request) == NOT_AN_OBJECT, request
    assert refused(None) == "the request must be JSON text"


def test_an_unknown_action_is_named():
    assert refused(quiz_request(action="dance")) == "a quiz cannot do 'dance'; it can only 'score'"
    assert refused(quiz_request(action=["score"])) == "a quiz cannot do '['score']'; it can only 'score'"
    roleplay = json.dumps({"action": "fly", "definition": shipped_definitions()["diabetes-review"]})
    assert refused(roleplay).startswith("a role-play cannot do 'fly'; it can do: scenario, step, report")


def test_a_request_over_the_size_limit_is_refused():
    assert refused(quiz_request(pad="x" * (1024 * 1024))) == "the request is too large"


def test_a_lone_surrogate_still_gives_a_reply_the_page_can_read():
    error = refused(quiz_request(data={"answers": {"\ud800": "x"}}))
    assert error == "there is no question '\ud800' in this quiz"


def test_a_definition_over_the_node_limit_is_refused_at_once():
    definition = dict(shipped_definitions()["diabetes-review"])
    count = 2000
    definition["start"] = "n0"
    definition["nodes"] = [{"id": f"n{i}", "says": "S", "choices": [
        {"id": "go", "say": "G", "next": f"n{i + 1}" if i < count - 1 else f"n{count - 2}", "feedback": "F",
         "best": True}]} for i in range(count)]
    error = refused(json.dumps({"action": "scenario", "definition": definition}))
    assert error.startswith("the exercise definition is not valid: nodes: has 2000 nodes; the limit is 100"), error
