"""Every shipped role-play, walked by the engine as the browser uses it. Also runs inside Pyodide."""

import json
import random

from exercises.browser import handle

from .shipped import shipped_definitions


def roleplays():
    return {k: v for k, v in shipped_definitions().items() if v.get("type") == "roleplay"}


def ask(definition, action, choices=None):
    reply = json.loads(handle(json.dumps({"action": action, "definition": definition,
                                          "data": {"choices": choices or []}})))
    assert reply["ok"], reply
    return reply["result"]


def test_there_are_at_least_six_roleplays():
    assert len(roleplays()) >= 6


def test_the_best_path_ends_well_and_its_report_says_so():
    for ident, definition in roleplays().items():
        best = ask(definition, "trainer")["best_path"]["choices"]
        assert len(best) >= 4, ident
        step = ask(definition, "step", best)
        assert step["ended"] and step["ending"]["quality"] == "good", ident
        report = ask(definition, "report", best)
        assert report["comparison"]["same_as_best"] is True, ident
        assert report["total"] == report["best_total"], ident


def test_random_walks_always_end_with_scores_in_bounds():
    rng = random.Random(2026)
    for ident, definition in roleplays().items():
        for _ in range(15):
            choices = []
            step = ask(definition, "step", choices)
            for _ in range(100):
                if step["ended"]:
                    break
                choices.append(rng.choice(step["choices"])["id"])
                step = ask(definition, "step", choices)
                bounds = {d["id"]: (d["min"], d["max"]) for d in step["dimensions"]}
                for dim, value in step["scores"].items():
                    low, high = bounds[dim]
                    assert low <= value <= high, (ident, choices, dim, value)
            assert step["ended"], (ident, choices)
            assert ask(definition, "report", choices)["ending"]["id"] == step["ending"]["id"]


def test_a_choice_that_is_not_on_offer_is_refused_in_plain_words():
    definition = next(iter(roleplays().values()))
    reply = json.loads(handle(json.dumps({"action": "step", "definition": definition,
                                          "data": {"choices": ["made-up"]}})))
    assert reply["ok"] is False
    assert "made-up" in reply["error"] and "is not one of the choices" in reply["error"]
