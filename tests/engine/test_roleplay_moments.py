"""Endings earned by the path: moments, words that depend on them, and `if_missed`. Also runs inside Pyodide.

The conversation: Ann can be asked what matters (garden) or rushed to a plan (rush). A good plan needs
her garden heard; rushing sends the plan to a mixed ending that says so.
"""

import copy
import json

from exercises.browser import handle
from exercises.definition import load_definition
from exercises.problems import format_where

SCENARIO = {
    "id": "moments", "type": "roleplay", "title": "Moments", "page": "exercises/roleplay/moments.md",
    "summary": "A fictional test conversation.", "setting": "telephone",
    "person": {"name": "Ann Example", "age": 70, "conditions": ["COPD"], "home_life": "Lives alone.",
               "what_matters": "Her garden."},
    "practitioner": {"role": "Practice nurse", "notes": "Has read the results."},
    "preparation": {"summary": "Results posted a week ago."},
    "guidance": {"checked": "2026-11-22", "follows": [
        {"ref": "NICE NG115", "title": "COPD in over 16s: diagnosis and management",
         "used_for": "Reviewing her breathing.", "url": "https://www.nice.org.uk/guidance/ng115"}]},
    "dimensions": [{"id": "listening", "label": "Listening", "description": "What matters.", "min": -2, "max": 3,
                    "step": "conversation", "house": "centre"}],
    "moments": [
        {"id": "heard-garden", "label": "heard what matters to Ann", "at": ["garden"], "essential": True},
        {"id": "asked-open", "label": "asked an open question first", "at": ["hello:open"]},
    ],
    "start": "hello",
    "nodes": [
        {"id": "hello", "says": "Hello?", "choices": [
            {"id": "rush", "say": "Let's do your plan.", "next": "planning", "feedback": "Rushed.",
             "effects": {"listening": -1}},
            {"id": "open", "say": "What would you like to talk about?", "next": "garden", "feedback": "Open.",
             "effects": {"listening": 2}, "best": True}]},
        {"id": "garden", "says": "My garden.", "choices": [
            {"id": "plan", "say": "Shall we plan for it?", "next": "planning", "feedback": "Plan.",
             "effects": {"listening": 1}, "best": True}]},
        {"id": "planning", "says": "All right.", "choices": [
            {"id": "write", "say": "I'll write it down and ring you in a month.", "next": "good",
             "feedback": "A plan and a review.", "best": True},
            {"id": "bye", "say": "Bye, then.", "next": "poor", "feedback": "Nothing agreed.",
             "effects": {"listening": -1}}]},
    ],
    "endings": [
        {"id": "good", "title": "A plan built on her garden", "quality": "good",
         "what_happened": ["Ann has a plan and a call in a month.",
                           {"text": "It is built on her garden.", "if": "heard-garden"}],
         "plan": ["The nurse rings in a month.",
                  {"text": "My goal: back out in the garden.", "if": "heard-garden"},
                  {"text": "(We started with what I wanted to talk about.)", "if": "asked-open"}],
         "claims": ["heard-garden"],
         "if_missed": {"heard-garden": "plan-without-her"}},
        {"id": "plan-without-her", "title": "A plan, but not hers", "quality": "mixed",
         "what_happened": "A plan was written, but nobody asked what matters to Ann.",
         "plan": ["The nurse rings in a month."]},
        {"id": "poor", "title": "Nothing", "what_happened": "Nothing was agreed.", "plan": "No plan.",
         "quality": "poor"},
    ],
}


def scenario() -> dict:
    return copy.deepcopy(SCENARIO)


def ask(action, choices, definition=None):
    reply = json.loads(handle(json.dumps({"action": action, "definition": definition or SCENARIO,
                                          "data": {"choices": choices}})))
    assert reply["ok"], reply
    return reply["result"]


def problems(data) -> list[str]:
    _, found = load_definition(data)
    return [f"{format_where(path)}: {message}" for path, message in found]


def test_the_scenario_is_valid():
    assert problems(scenario()) == []


def test_the_best_path_earns_the_good_ending_and_its_words_follow_the_path():
    step = ask("step", ["open", "plan", "write"])
    assert step["ending"]["id"] == "good" and step["detours"] == []
    assert step["ending"]["what_happened"] == "Ann has a plan and a call in a month. It is built on her garden."
    assert "My goal: back out in the garden." in step["ending"]["plan"]
    assert "(We started with what I wanted to talk about.)" in step["ending"]["plan"]


def test_skipping_what_the_scenario_teaches_ends_at_the_mixed_ending_and_the_report_says_why():
    step = ask("step", ["rush", "write"])
    assert step["ending"]["id"] == "plan-without-her" and step["ending"]["quality"] == "mixed"
    assert step["detours"] == [{"heading_for": "good", "heading_for_title": "A plan built on her garden",
                                "moment": "heard-garden", "missed": "heard what matters to Ann",
                                "words": "The conversation was heading for “A plan built on her garden”, but "
                                         "nobody heard what matters to Ann, so it ended here instead."}]
    report = ask("report", ["rush", "write"])
    assert "heading for “A plan built on her garden”, but nobody heard what matters to Ann" in report["overview"]
    assert report["moments"] == [
        {"id": "heard-garden", "label": "heard what matters to Ann", "essential": True, "happened": False},
        {"id": "asked-open", "label": "asked an open question first", "essential": False, "happened": False}]


def test_the_trainer_view_shows_guidance_moments_and_every_variant():
    t = ask("trainer", [])
    assert t["guidance"]["checked"] == "2026-11-22"
    assert t["guidance"]["follows"][0]["ref"] == "NICE NG115"
    assert [(m["id"], m["essential"]) for m in t["moments"]] == [("heard-garden", True), ("asked-open", False)]
    good = next(e for e in t["endings"] if e["id"] == "good")
    assert good["varies"] and good["plan_parts"][1] == {"text": "My goal: back out in the garden.",
                                                        "if": "heard-garden", "unless": ""}
    assert good["if_missed"][0]["ending"] == "plan-without-her"
    instead = next(e for e in t["endings"] if e["id"] == "plan-without-her")["instead_of"]
    assert instead == [{"ending": "good", "ending_title": "A plan built on her garden", "moment": "heard-garden",
                        "label": "heard what matters to Ann"}]
    assert t["best_path"]["ending"]["id"] == "good"


def test_a_good_ending_reachable_without_an_essential_moment_is_refused_with_the_path():
    d = scenario()
    del d["endings"][0]["if_missed"]
    d["endings"][0]["claims"] = []
    d["endings"][1]["what_happened"] = "Unused."
    found = problems(d)
    assert any("endings[0]: a path reaches the good ending 'good' without the essential moment 'heard-garden' "
               "(“heard what matters to Ann”): hello → planning → good." in p for p in found), found


def test_words_that_claim_a_moment_the_path_did_not_contain_are_refused():
    d = scenario()
    d["endings"][2]["claims"] = ["asked-open"]
    found = problems(d)
    assert found == ["endings[2]: its words claim 'asked-open' (“asked an open question first”), but a path ends "
                     "here without it: hello → planning → poor. Put the words that depend on it in a part "
                     "with if: asked-open, or add if_missed: {asked-open: <another ending>} (in ending 'poor')"]


def test_following_best_choices_must_pass_the_essential_moments():
    d = scenario()
    d["nodes"][0]["choices"][0]["best"], d["nodes"][0]["choices"][1]["best"] = True, False
    found = problems(d)
    assert any("following best choices ends at 'plan-without-her', whose quality is mixed ('heard-garden' did "
               "not happen" in p for p in found), found


def test_mistakes_in_the_new_fields_are_named():
    d = scenario()
    d["moments"][0]["at"] = ["gardne", "hello:shout", "good"]
    d["moments"][1]["essential"] = "yes"
    d["endings"][0]["plan"][1]["if"] = "heard-gardn"
    d["endings"][0]["if_missed"] = {"heard-garden": "hello"}
    d["guidance"]["checked"] = "22/11/2026"
    d["guidance"]["follows"][0]["url"] = "javascript:alert(1)"
    found = problems(d)
    for expected in [
        "guidance.checked: '22/11/2026' is not a date: write it as YYYY-MM-DD",
        "guidance.follows[0].url: 'javascript:alert(1)' is not a web address",
        "moments[1].essential: expected true or false",
        "endings[0].plan[1].if: 'heard-gardn' is not one of the moments declared at the top",
        "moments[0].at[0]: 'gardne' is not a node",
        "moments[0].at[1]: node 'hello' has no choice 'shout'",
        "moments[0].at[2]: 'good' is an ending (a moment happens on the way, before the ending)",
        "endings[0].if_missed.heard-garden: 'hello' is a node; if_missed must name an ending",
    ]:
        assert any(expected in p for p in found), (expected, found)


def test_a_date_that_does_not_exist_is_refused():
    d = scenario()
    d["guidance"]["checked"] = "2026-13-40"
    assert problems(d) == ["guidance.checked: '2026-13-40' is not a date: write it as YYYY-MM-DD, e.g. \"2026-11-22\""]


def test_guidance_and_an_essential_moment_are_required():
    d = scenario()
    del d["guidance"]
    d["moments"][0]["essential"] = False
    found = problems(d)
    assert any(p.startswith("guidance: this field is required but missing") for p in found), found
    assert any(p.startswith("moments: no moment is marked essential: true") for p in found), found


def test_if_missed_that_goes_round_in_a_circle_is_refused():
    d = scenario()
    d["endings"][1]["if_missed"] = {"asked-open": "good"}
    found = problems(d)
    assert any("going from ending to ending through if_missed can go round in a circle (good → plan-without-her → "
               "good)" in p for p in found), found
