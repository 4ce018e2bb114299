"""Validation of role-play definitions: what passes, and the exact words of what fails."""

from __future__ import annotations

import copy

from exercises.definition import load_definition
from exercises.problems import format_where
from exercises.roleplay.model import Roleplay

BASE = {
    "id": "mini", "type": "roleplay", "title": "Mini", "page": "exercises/roleplay/mini.md",
    "summary": "A fictional test conversation.", "setting": "telephone",
    "person": {"name": "Ann Example", "age": 70, "conditions": ["COPD"], "home_life": "Lives alone.",
               "what_matters": "Her garden."},
    "practitioner": {"role": "Practice nurse", "notes": "Has read the results."},
    "preparation": {"summary": "Results posted a week ago."},
    "dimensions": [
        {"id": "listening", "label": "Listening", "description": "What matters.", "min": -2, "max": 3,
         "step": "conversation", "house": "centre"},
        {"id": "follow-up", "label": "Follow-up", "description": "What next.", "min": -1, "max": 1,
         "step": "review", "house": "roof"},
    ],
    "guidance": {"checked": "2026-11-22", "follows": [
        {"ref": "NICE NG115", "title": "COPD in over 16s", "used_for": "The review of her breathing."}]},
    "moments": [{"id": "heard-garden", "label": "heard about her garden", "at": ["garden"], "essential": True}],
    "start": "hello",
    "nodes": [
        {"id": "hello", "says": "Hello?", "choices": [
            {"id": "open", "say": "What would you like to talk about?", "next": "garden", "feedback": "Open.",
             "effects": {"listening": 2}, "best": True},
            {"id": "tell", "say": "Your results are fine.", "next": "quiet", "feedback": "Telling.",
             "effects": {"listening": -1}}]},
        {"id": "quiet", "says": "Oh. Right.", "choices": [
            {"id": "repair", "say": "Sorry, what's on your mind?", "next": "garden", "feedback": "Repair.",
             "effects": {"listening": 1}, "best": True},
            {"id": "bye", "say": "That's all.", "next": "poor", "feedback": "Ends early.",
             "effects": {"listening": -1, "follow-up": -1}}]},
        {"id": "garden", "says": "My garden.", "choices": [
            {"id": "plan", "say": "Shall we plan for it?", "next": "good", "feedback": "Plan.",
             "effects": {"listening": 1, "follow-up": 1}, "best": True},
            {"id": "later", "say": "Let's see.", "next": "mixed", "feedback": "Vague.", "effects": {"follow-up": -1}}]},
    ],
    "endings": [
        {"id": "good", "title": "A plan", "what_happened": "A plan.", "plan": ["Garden."], "quality": "good"},
        {"id": "mixed", "title": "Vague", "what_happened": "Vague.", "plan": "Nothing written.", "quality": "mixed"},
        {"id": "poor", "title": "Nothing", "what_happened": "Nothing.", "plan": "No plan.", "quality": "poor"},
    ],
}


def mini() -> dict:
    return copy.deepcopy(BASE)


def problems(data) -> list[str]:
    model, found = load_definition(data)
    assert (model is None) == bool(found)
    return [f"{format_where(path)}: {message}" for path, message in found]


def test_the_base_scenario_is_valid():
    model, found = load_definition(mini())
    assert found == []
    assert isinstance(model, Roleplay)
    assert model.endings[1].words(frozenset())[1] == ["Nothing written."]  # a text plan is a list of one
    assert model.node("quiet").choice("bye").effects == {"listening": -1, "follow-up": -1}


def test_a_loop_with_a_way_out_is_fine_when_its_effects_add_up_to_zero():
    d = mini()
    d["nodes"][2]["choices"].append({"id": "pardon", "say": "Sorry, say that again?", "next": "quiet",
                                     "feedback": "Asking again.", "effects": {"listening": -1}})
    assert problems(d) == []


def test_a_loop_that_raises_a_score_each_time_round_is_reported():
    d = mini()
    d["nodes"][2]["choices"].append({"id": "pardon", "say": "Again?", "next": "quiet", "feedback": "Again."})
    assert problems(d) == ["dimensions[0]: the loop quiet → garden → quiet changes 'listening' by +1 each time "
                           "round, so its score has no upper limit: make the effects round the loop add up to 0"]


def test_a_loop_that_lowers_a_score_each_time_round_is_reported():
    d = mini()
    d["nodes"][2]["choices"].append({"id": "pardon", "say": "Again?", "next": "quiet", "feedback": "Again.",
                                     "effects": {"follow-up": -1, "listening": -1}})
    found = problems(d)
    assert len(found) == 1
    assert "changes 'follow-up' by -1 each time round, so its score has no lower limit" in found[0]


def test_a_score_below_the_declared_min_names_the_path():
    d = mini()
    d["dimensions"][0]["min"] = -1
    assert problems(d) == ["dimensions[0].min: the path hello → quiet → poor takes 'listening' to -2, below the "
                           "declared min of -1: change min to -2, or change the effects"]


def test_every_problem_is_found_not_just_the_first():
    d = mini()
    d["nodes"][0]["choices"][0]["next"] = "nowhere"
    d["nodes"][1]["choices"][1].pop("feedback")
    d["nodes"][2]["choices"][0]["effects"] = {"listening": "lots"}
    found = problems(d)
    assert "nodes[0].choices[0].next: leads to 'nowhere', but there is no node or ending with that id " \
           "(in node 'hello', choice 'open')" in found
    assert "nodes[1].choices[1].feedback: every choice needs feedback: say why this choice helps or not " \
           "(in node 'quiet', choice 'bye')" in found
    assert "nodes[2].choices[0].effects.listening: expected a whole number, e.g. 1 or -1 " \
           "(in node 'garden', choice 'plan')" in found


def test_unknown_fields_are_reported_with_their_node():
    d = mini()
    d["nodes"][1]["choices"][0]["feedbak"] = "typo"
    found = problems(d)
    assert len(found) == 1
    assert found[0].startswith("nodes[1].choices[0].feedbak: unknown field 'feedbak'")
    assert found[0].endswith("(in node 'quiet', choice 'repair')")


def test_dimension_ranges_must_include_the_starting_score_of_zero():
    d = mini()
    d["dimensions"][1]["min"] = 1
    assert "dimensions[1].min: min is 1, but every score starts at 0: min must be 0 or less" in problems(d)


def test_a_dimension_no_choice_changes_is_reported():
    d = mini()
    d["dimensions"].append({"id": "unused", "label": "Unused", "description": "Never scored.", "min": 0,
                            "max": 2, "step": "documentation", "house": "foundations"})
    assert problems(d) == ["dimensions[2]: no choice changes the score for 'unused': add it to some choices' "
                           "effects, or remove the dimension"]


def test_a_best_choice_that_loops_is_reported():
    d = mini()
    d["nodes"][2]["choices"][0]["next"] = "quiet"
    d["nodes"][2]["choices"][0]["effects"] = {"listening": -1, "follow-up": 1}
    d["nodes"][1]["choices"][1]["next"] = "good"
    found = problems(d)
    assert "nodes[1].choices[0].best: following best choices goes round in a loop (garden → quiet → garden) " \
           "and never reaches an ending (in node 'quiet', choice 'repair')" in found


def test_a_carer_is_optional_and_checked():
    d = mini()
    d["carer"] = {"name": "Bob Example", "relationship": "husband"}
    model, found = load_definition(d)
    assert found == [] and model.carer.name == "Bob Example"
    d["carer"] = {"name": "Bob Example"}
    assert problems(d) == ["carer.relationship: this field is required but missing"]


def test_too_many_choices_in_a_node_is_reported():
    d = mini()
    extra = [{"id": f"c{i}", "say": "Hm.", "next": "good", "feedback": "Hm."} for i in range(6)]
    d["nodes"][2]["choices"].extend(extra)
    assert "nodes[2].choices: has 8 choices; the limit is 6 (in node 'garden')" in problems(d)


def test_a_node_speaker_is_kept():
    d = mini()
    d["nodes"][1]["speaker"] = "Bob Example"
    model, _ = load_definition(d)
    assert model.speaker(model.node("quiet")) == "Bob Example"
    assert model.speaker(model.node("hello")) == "Ann Example"


def test_a_missing_list_is_reported_once_and_a_single_line_is_a_list_of_one():
    d = mini()
    del d["person"]["conditions"]
    assert problems(d) == ["person.conditions: this field is required but missing"]
    d["person"]["conditions"] = "COPD"
    model, found = load_definition(d)
    assert found == [] and model.person.conditions == ("COPD",)
    d["person"]["conditions"] = ["COPD", 3]
    assert problems(d) == ["person.conditions[1]: expected a line of text"]


def test_malformed_definitions_give_problems_never_a_crash():
    """Definitions reach the browser as JSON: any shape of nonsense must be reported, not raise."""
    import random

    junk = [None, 3, -1, True, "x", "", [], {}, ["a"], {"a": 1}, 2.5, "nowhere"]

    def places(value, path=()):
        yield path
        if isinstance(value, dict):
            for k, v in value.items():
                yield from places(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from places(v, path + (i,))

    for seed in range(400):
        rng = random.Random(seed)
        d = mini()
        for _ in range(rng.randint(1, 3)):
            path = rng.choice([p for p in places(d) if p])
            parent = d
            for part in path[:-1]:
                parent = parent[part]
            if rng.random() < 0.2 and isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent[path[-1]] = rng.choice(junk)
        model, found = load_definition(d)  # must not raise
        assert (model is None) == bool(found)
