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
            report = ask(definition, "report", choices)
            assert report["ending"]["id"] == step["ending"]["id"]
            if report["ending"]["quality"] == "good":
                missed = [m["id"] for m in report["moments"] if m["essential"] and not m["happened"]]
                assert missed == [], (ident, choices, missed)


def test_every_walk_that_ends_well_passed_every_essential_moment():
    """Random walks weighted toward the best choices reach good endings often; each one must have earned it."""
    rng = random.Random(11)
    for ident, definition in roleplays().items():
        trainer = ask(definition, "trainer")
        essential = {m["id"] for m in trainer["moments"] if m["essential"]}
        best = set(trainer["best_path"]["choices"])
        assert essential, ident
        good = 0
        for _ in range(40):
            choices, step = [], ask(definition, "step", [])
            while not step["ended"] and len(choices) < 100:
                options = [c["id"] for c in step["choices"]]
                pick = next((c for c in options if c in best), None)
                choices.append(pick if pick and rng.random() < 0.6 else rng.choice(options))
                step = ask(definition, "step", choices)
            report = ask(definition, "report", choices)
            if report["ending"]["quality"] == "good":
                good += 1
                assert {m["id"] for m in report["moments"] if m["happened"]} >= essential, (ident, choices)
        assert good, f"{ident}: no walk reached a good ending"


def test_a_choice_that_is_not_on_offer_is_refused_in_plain_words():
    definition = next(iter(roleplays().values()))
    reply = json.loads(handle(json.dumps({"action": "step", "definition": definition,
                                          "data": {"choices": ["made-up"]}})))
    assert reply["ok"] is False
    assert "made-up" in reply["error"] and "is not one of the choices" in reply["error"]
