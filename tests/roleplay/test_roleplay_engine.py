"""The engine: replaying choices into the view-model, the report, and the trainer's view."""

from __future__ import annotations

import json

import pytest

from exercises import browser
from exercises.definition import load_definition
from exercises.roleplay import ChoiceError, act

# A small conversation with a carer who speaks once, a loop (garden -> quiet -> garden) whose effects
# add up to zero, and one ending of each quality.
MINI = {
    "id": "mini", "type": "roleplay", "title": "Mini", "page": "exercises/roleplay/mini.md",
    "summary": "A fictional test conversation.", "setting": "telephone",
    "person": {"name": "Ann Example", "age": 70, "conditions": ["COPD"], "home_life": "Lives with Bob.",
               "what_matters": "Her garden.", "role_notes": "Mention the garden only if asked."},
    "carer": {"name": "Bob Example", "relationship": "husband", "role_notes": "You worry about her."},
    "practitioner": {"role": "Practice nurse", "notes": "Has read the results."},
    "preparation": {"summary": "Results posted a week ago.", "results": ["Breathing test: as last year."],
                    "prompts": ["What would you like to talk about?"]},
    "dimensions": [
        {"id": "listening", "label": "Listening", "description": "Finding out what matters.", "min": -2, "max": 3,
         "step": "conversation", "house": "centre"},
        {"id": "follow-up", "label": "Follow-up", "description": "Agreeing what next.", "min": -1, "max": 1,
         "step": "review", "house": "roof"},
    ],
    "guidance": {"checked": "2026-11-22", "follows": [
        {"ref": "NICE NG115", "title": "COPD in over 16s", "used_for": "The review of her breathing."}]},
    "moments": [{"id": "heard-garden", "label": "heard about her garden", "at": ["garden"], "essential": True}],
    "start": "hello",
    "nodes": [
        {"id": "hello", "says": "Hello?", "context": "Ann answers the phone.", "choices": [
            {"id": "open", "say": "What would you like to talk about?", "next": "garden", "feedback": "Open.",
             "skills": ["open-question"], "effects": {"listening": 2}, "best": True},
            {"id": "tell", "say": "Your results are fine.", "next": "quiet", "feedback": "Telling.",
             "skills": ["telling"], "effects": {"listening": -1}}]},
        {"id": "quiet", "says": "She's gone quiet. It's the garden, really.", "speaker": "Bob Example",
         "discussion": "Who do you speak to now?", "choices": [
            {"id": "repair", "say": "Ann, what's on your mind?", "next": "garden", "feedback": "Repair.",
             "skills": ["repair"], "effects": {"listening": 1}, "best": True},
            {"id": "bye", "say": "That's all.", "next": "poor", "feedback": "Ends early.",
             "skills": ["closing-early"], "effects": {"listening": -1, "follow-up": -1}}]},
        {"id": "garden", "says": "My garden.", "choices": [
            {"id": "later", "say": "Let's see.", "next": "mixed", "feedback": "Vague.", "effects": {"follow-up": -1}},
            {"id": "pardon", "say": "Sorry, say that again?", "next": "quiet", "feedback": "Asking again.",
             "effects": {"listening": -1}},
            {"id": "plan", "say": "Shall we plan for it?", "next": "good", "feedback": "Plan.",
             "skills": ["goal-setting"], "effects": {"listening": 1, "follow-up": 1}, "best": True}]},
    ],
    "endings": [
        {"id": "good", "title": "A plan", "what_happened": "A plan.", "plan": ["Garden twice a week."],
         "quality": "good"},
        {"id": "mixed", "title": "Vague", "what_happened": "Vague.", "plan": "Nothing written.", "quality": "mixed"},
        {"id": "poor", "title": "Nothing", "what_happened": "Nothing.", "plan": "No plan.", "quality": "poor"},
    ],
}


@pytest.fixture(scope="module")
def model():
    m, found = load_definition(MINI)
    assert found == []
    return m


def step(model, choices):
    return act(model, "step", {"choices": choices})


# ---- step -------------------------------------------------------------------------------------


def test_the_start(model):
    view = step(model, [])
    assert view["node"] == {"id": "hello", "speaker": "Ann Example", "says": "Hello?",
                            "context": "Ann answers the phone."}
    assert view["choices"] == [{"id": "open", "say": "What would you like to talk about?"},
                               {"id": "tell", "say": "Your results are fine."}]
    assert view["history"] == []
    assert view["scores"] == {"listening": 0, "follow-up": 0}
    assert view["ended"] is False and view["ending"] is None and view["can_go_back"] is False
    assert view["taken"] == 0
    assert view["dimensions"][0] == {"id": "listening", "label": "Listening", "min": -2, "max": 3}


def test_missing_data_means_the_start(model):
    assert act(model, "step", {}) == step(model, [])
    assert act(model, "step", {"choices": None}) == step(model, [])


def test_a_choice_moves_on_and_records_feedback(model):
    view = step(model, ["tell"])
    assert view["node"]["id"] == "quiet"
    assert view["node"]["speaker"] == "Bob Example"
    assert view["history"] == [{
        "node": "hello", "speaker": "Ann Example", "says": "Hello?", "choice": "tell",
        "say": "Your results are fine.", "feedback": "Telling.", "skills": ["telling"],
        "effects": {"listening": -1}, "best": False,
    }]
    assert view["scores"] == {"listening": -1, "follow-up": 0}
    assert view["can_go_back"] is True


def test_going_back_is_dropping_the_last_choice(model):
    assert step(model, ["tell", "repair", "pardon"][:-1]) == step(model, ["tell", "repair"])
    assert step(model, ["tell"]) != step(model, ["tell", "repair"])


def test_going_round_the_loop(model):
    view = step(model, ["open", "pardon", "repair", "pardon", "repair"])
    assert view["node"]["id"] == "garden"
    assert view["scores"] == {"listening": 2, "follow-up": 0}
    assert len(view["history"]) == 5


def test_the_end(model):
    view = step(model, ["open", "plan"])
    assert view["ended"] is True
    assert view["node"] is None and view["choices"] == []
    assert view["ending"] == {"id": "good", "title": "A plan", "quality": "good", "what_happened": "A plan.",
                              "plan": ["Garden twice a week."]}
    assert view["scores"] == {"listening": 3, "follow-up": 1}


@pytest.mark.parametrize("data, words", [
    ({"choices": ["open", "nope"]}, "choice 2, 'nope', is not one of the choices at node 'garden' "
                                    "(the choices there are: later, pardon, plan)"),
    ({"choices": ["open", "plan", "open"]}, "the conversation had already ended (“A plan”) after 2 choice(s), "
                                            "so choice 3, 'open', cannot follow"),
    ({"choices": "open"}, "'choices' must be a list of the choice ids taken so far, in order"),
    ({"choices": ["open", 3]}, "choice 2 in the list is not a choice id (expected text)"),
    ({"choices": ["open"] * 501}, "too many choices (501); a conversation takes at most 500"),
    (["open"], "the data must be a mapping with 'choices': the list of choice ids taken so far"),
])
def test_bad_choices_are_refused_in_plain_words(model, data, words):
    with pytest.raises(ChoiceError) as caught:
        act(model, "step", data)
    assert str(caught.value) == words
    assert isinstance(caught.value, ValueError)


def test_an_unknown_action_is_refused(model):
    with pytest.raises(ValueError, match="a role-play cannot do 'dance'; it can do: scenario, step, report, trainer"):
        act(model, "dance", {})


def test_the_scenario_does_not_give_away_what_matters(model):
    view = act(model, "scenario", {})
    assert view["person"] == {"name": "Ann Example", "age": 70, "conditions": ["COPD"], "home_life": "Lives with Bob."}
    assert view["setting_label"] == "By telephone"
    assert view["carer"] == {"name": "Bob Example", "relationship": "husband"}
    assert view["preparation"]["results"] == ["Breathing test: as last year."]
    assert [d["step_label"] for d in view["dimensions"]] == ["The conversation", "Review"]
    assert "garden" not in json.dumps(view).lower()


# ---- report -----------------------------------------------------------------------------------


def test_the_report_for_a_fixed_path(model):
    rep = act(model, "report", {"choices": ["tell", "repair", "later"]})
    assert rep["ending"]["id"] == "mixed"
    assert rep["ending"]["plan"] == ["Nothing written."]
    assert rep["total"] == -1 and rep["best_total"] == 4
    assert rep["overview"] == ("You reached a mixed ending: “Vague”. In all, you earned 0 of the 4 points the best "
                               "path earns: this path lost more points than it gained. At 2 of your 3 decisions a "
                               "better choice was open to you. Each is shown below with the best choice and why it "
                               "helps.")
    assert rep["points"]["short"] == "0 of 4 (lost more than it gained)"
    listening, follow_up = rep["dimensions"]
    assert (listening["score"], listening["best"], listening["level"]) == (0, 3, "weak")
    assert listening["words"] == ("You earned 0 of the 3 points the best path earns. This is the part to work on. "
                                  "What helped: “Ann, what's on your mind?” (1 point). "
                                  "What held it back: “Your results are fine.” (lost 1 point).")
    assert listening["level_words"] == "Needs work"
    assert (listening["step"], listening["house"], listening["house_page"]) == ("conversation", "centre",
                                                                                "house/centre.md")
    assert (follow_up["score"], follow_up["level"], follow_up["min"], follow_up["max"]) == (-1, "weak", -1, 1)
    assert [t["role"] for t in rep["transcript"]] == ["person", "practitioner", "carer", "practitioner",
                                                      "person", "practitioner"]
    assert rep["transcript"][2] == {"role": "carer", "speaker": "Bob Example", "context": "", "node": "quiet",
                                    "text": "She's gone quiet. It's the garden, really."}
    assert rep["transcript"][1]["speaker"] == "Practice nurse"
    assert [(k["id"], k["words"]) for k in rep["skills_used"]] == [
        ("repair", "Noticing a misstep and putting it right (once)")]
    assert [(k["id"], k["words"]) for k in rep["habits"]] == [
        ("telling", "Telling the person what to do instead of asking (once)")]
    cmp = rep["comparison"]
    assert cmp["same_as_best"] is False
    assert [d["matched"] for d in cmp["decisions"]] == [False, True, False]
    assert cmp["decisions"][0]["best"] == {"choice": "open", "say": "What would you like to talk about?",
                                           "feedback": "Open."}
    assert [s["choice"] for s in cmp["best_path"]] == ["open", "plan"]
    assert cmp["best_ending"]["quality"] == "good"


def test_the_report_for_the_best_path(model):
    rep = act(model, "report", {"choices": ["open", "plan"]})
    assert rep["comparison"]["same_as_best"] is True
    assert rep["comparison"]["summary"] == "You followed the best path at every decision."
    assert all(d["level"] == "strong" for d in rep["dimensions"])
    assert rep["dimensions"][0]["words"].startswith("You earned 3 of the 3 points the best path earns. What helped:")


def test_a_report_needs_an_ending(model):
    with pytest.raises(ChoiceError, match="the conversation has not ended yet"):
        act(model, "report", {"choices": ["open"]})


# ---- trainer ----------------------------------------------------------------------------------


def test_the_trainer_view(model):
    view = act(model, "trainer", {})
    assert [n["id"] for n in view["outline"]] == ["hello", "garden", "quiet"]
    garden = view["outline"][1]
    assert garden["on_best_path"] is True and garden["decision"] is True
    assert garden["choices"][1] == {"id": "pardon", "say": "Sorry, say that again?", "next": "quiet",
                                    "next_kind": "node", "skills": [], "feedback": "Asking again.",
                                    "effects": {"listening": -1}, "total": -1, "best": False}
    assert view["best_path"]["choices"] == ["open", "plan"]
    assert view["best_path"]["ending"]["id"] == "good" and view["best_path"]["total"] == 4
    assert view["weakest_path"]["choices"] == ["tell", "bye"]
    assert view["weakest_path"]["ending"]["quality"] == "poor" and view["weakest_path"]["total"] == -3
    assert view["discussion"] == [{"node": "quiet", "says": "She's gone quiet. It's the garden, really.",
                                   "question": "Who do you speak to now?", "on_best_path": False}]
    assert [e["reached_from"] for e in view["endings"]] == [[{"node": "garden", "choice": "plan"}],
                                                            [{"node": "garden", "choice": "later"}],
                                                            [{"node": "quiet", "choice": "bye"}]]
    assert [c["role"] for c in view["role_cards"]] == ["person", "carer", "practitioner", "observer"]
    person = view["role_cards"][0]
    assert {"heading": "What matters to you", "items": ["Her garden."]} in person["sections"]
    assert "Mention the garden only if asked." in person["sections"][3]["items"]
    items = view["checklist"]["items"]
    assert [i["dimension"] for i in items] == ["listening", "follow-up"]
    assert items[0]["examples"] == ["What would you like to talk about?", "Ann, what's on your mind?",
                                    "Shall we plan for it?"]
    assert view["checklist"]["ratings"] == ["seen", "partly seen", "not seen"]


# ---- the JSON face ----------------------------------------------------------------------------


def test_the_browser_face(model):
    reply = json.loads(browser.handle(json.dumps({"action": "step", "definition": MINI,
                                                   "data": {"choices": ["open"]}})))
    assert reply["ok"] is True
    assert reply["result"] == step(model, ["open"])
    reply = json.loads(browser.handle(json.dumps({"action": "step", "definition": MINI,
                                                   "data": {"choices": ["nope"]}})))
    assert reply == {"ok": False, "error": "choice 1, 'nope', is not one of the choices at node 'hello' "
                                           "(the choices there are: open, tell)"}
