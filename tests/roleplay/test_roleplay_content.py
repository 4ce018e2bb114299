"""The shipped scenarios: they validate, follow the content rules, and walk safely.

Includes the property test: random walks through every scenario always end within a bounded number
of steps, and the scores shown at every step stay within each dimension's declared range.
"""

from __future__ import annotations

import ast
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from exercises import browser
from exercises.catalogue import CONTENT_DIR, REPO_ROOT, read_file
from exercises.definition import load_definition
from exercises.roleplay import act
from exercises.roleplay.score import Extremes, best_path, by_total, random_walk, reachable_range, scores_for

SCENARIOS = sorted((CONTENT_DIR / "roleplay").glob("*.yaml"))
DOCS = REPO_ROOT / "docs"
SOURCE_KEYS = {"scotland-hoc", "yoc-thinking-it-through", "bhf-legacy", "kings-fund-2013", "national-voices-robinson"}
WALKS = 200
MAX_STEPS = 100  # a conversation with no loops cannot take more steps than it has nodes; this is generous


def load(path: Path):
    entry, problems = read_file(path)
    assert problems == [], "\n".join(str(p) for p in problems)
    return entry


@pytest.fixture(scope="module", params=SCENARIOS, ids=[p.stem for p in SCENARIOS])
def entry(request):
    return load(request.param)


def test_there_are_at_least_six_scenarios_covering_the_brief():
    ids = {p.stem for p in SCENARIOS}
    assert {"diabetes-review", "heart-failure-copd", "frail-home-visit", "pictures-and-colours",
            "heart-and-mood", "carer-joins"} <= ids
    models = [load(p).model for p in SCENARIOS]
    assert {m.setting for m in models} >= {"surgery", "telephone", "home-visit"}
    assert any(m.carer for m in models)


# ---- each scenario ----------------------------------------------------------------------------


def test_file_name_id_and_page_agree(entry):
    h = entry.header
    assert entry.file.stem == h.id
    assert h.type == "roleplay"
    assert h.page == f"exercises/roleplay/{h.id}.md"


def test_the_person_is_said_to_be_fictional(entry):
    assert "fictional" in entry.model.summary


def test_at_least_four_decisions_on_the_best_path_to_a_good_ending(entry):
    steps, ending = best_path(entry.model)
    assert ending is not None and ending.quality == "good"
    assert sum(len(node.choices) > 1 for node, _ in steps) >= 4


def test_each_scenario_states_the_guidance_it_follows_checked_within_a_year(entry):
    import datetime as dt

    g = entry.model.guidance
    checked = dt.date.fromisoformat(g.checked)
    assert dt.date(2026, 1, 1) <= checked <= dt.date.today()
    assert (dt.date.today() - checked).days <= 366, f"{entry.header.id}: guidance last checked {g.checked}"
    assert all(i.ref and i.title and i.used_for for i in g.follows)
    assert all(i.url.startswith("https://") for i in g.follows if i.url)


def test_good_endings_are_earned_on_every_path(entry):
    """The checker's proof, restated: every path's real ending is good only with every essential moment."""
    from exercises.roleplay.paths import arrivals

    model = entry.model
    essential = {m.id for m in model.moments if m.essential}
    assert essential
    ways = arrivals(model)
    assert any(a.final.quality == "good" for a in ways)
    for a in ways:
        if a.final.quality == "good":
            assert essential <= a.happened, (entry.header.id, a.path)
        assert set(a.final.claims) <= a.happened, (entry.header.id, a.path)
        # the engine, replaying the same choices, ends in the same place
        assert act(model, "step", {"choices": list(a.choices)})["ending"]["id"] == a.final.id
    # at least one path is sent elsewhere because it missed what the scenario teaches
    assert any(a.final.id != a.reached.id for a in ways), entry.header.id


def test_endings_of_every_quality(entry):
    assert {e.quality for e in entry.model.endings} == {"good", "mixed", "poor"}


def test_the_best_path_scores_highest_on_every_dimension(entry):
    """A detour (a mistake, then a repair) must never beat the best path; and each declared range is tight."""
    model = entry.model
    best = scores_for(model, best_path(model)[0])
    high = Extremes(model, by_total, highest=True)
    # endings reached only through if_missed are not the end of any choice, so they have no score of their own
    assert max(high.best[e.id] for e in model.endings if e.id in high.best) == sum(best.values())
    for dim in model.dimensions:
        low, top = reachable_range(model, dim.id)
        assert (dim.min, dim.max) == (low, top), f"{dim.id}: declare min {low} and max {top}"
        assert best[dim.id] == dim.max, f"{dim.id}: the best path scores {best[dim.id]}, but a path reaches {top}"


def test_the_best_choice_is_not_always_in_the_same_place(entry):
    places = {i for n in entry.model.nodes for i, c in enumerate(n.choices) if c.best and len(n.choices) > 1}
    assert len(places) >= 2


def test_weak_choices_have_negative_effects_and_best_choices_positive(entry):
    for node in entry.model.nodes:
        for c in node.choices:
            if c.best:
                assert c.total > 0, f"{node.id}/{c.id}"
            assert c.skills, f"{node.id}/{c.id} has no skills tags"


def test_the_weakest_path_ends_poorly(entry):
    view = act(entry.model, "trainer", {})
    assert view["weakest_path"]["ending"]["quality"] == "poor"
    assert view["weakest_path"]["total"] < 0 < view["best_path"]["total"]


# ---- the property test ------------------------------------------------------------------------


def test_random_walks_end_and_scores_stay_in_range(entry):
    model = entry.model
    ranges = {d.id: (d.min, d.max) for d in model.dimensions}
    endings_seen = set()
    for seed in range(WALKS):
        taken = random_walk(model, random.Random(seed), max_steps=MAX_STEPS)
        assert len(taken) < MAX_STEPS, f"seed {seed}: the walk did not end"
        for k in range(len(taken) + 1):
            view = act(model, "step", {"choices": taken[:k]})
            for dim, value in view["scores"].items():
                lo, hi = ranges[dim]
                assert lo <= value <= hi, f"seed {seed}, step {k}: {dim} = {value}, outside {lo}..{hi}"
        assert view["ended"] is True and view["ending"] is not None
        endings_seen.add(view["ending"]["id"])
        report = act(model, "report", {"choices": taken})
        assert report["ending"]["id"] == view["ending"]["id"]
    assert endings_seen
    # Every ending is where some path really ends (random walks are too blunt to promise that for
    # endings that need a rare route; the search over every path is not).
    from exercises.roleplay.paths import arrivals

    assert {a.final.id for a in arrivals(model)} == {e.id for e in model.endings}


# ---- the faces: browser JSON, trainer view ----------------------------------------------------


def test_the_browser_face_walks_the_best_path(entry):
    definition = yaml.safe_load(entry.file.read_text(encoding="utf-8"))
    best = [c.id for _, c in best_path(entry.model)[0]]

    def call(action, choices):
        reply = json.loads(browser.handle(json.dumps({"action": action, "definition": definition,
                                                       "data": {"choices": choices}})))
        assert reply["ok"] is True, reply
        return reply["result"]

    first = call("step", [])
    assert first["node"]["id"] == entry.model.start and first["ended"] is False
    last = call("step", best)
    assert last["ended"] is True and last["ending"]["quality"] == "good"
    assert last["scores"] == {d.id: d.max for d in entry.model.dimensions}
    report = call("report", best)
    assert report["comparison"]["same_as_best"] is True
    assert all(d["level"] == "strong" for d in report["dimensions"])
    trainer = call("trainer", [])
    assert {n["id"] for n in trainer["outline"]} == {n.id for n in entry.model.nodes}
    assert [i["dimension"] for i in trainer["checklist"]["items"]] == [d.id for d in entry.model.dimensions]
    roles = [c["role"] for c in trainer["role_cards"]]
    assert roles == ["person"] + (["carer"] if entry.model.carer else []) + ["practitioner", "observer"]
    assert call("scenario", [])["title"] == entry.header.title


def test_a_fixed_path_through_the_diabetes_review():
    model = load(CONTENT_DIR / "roleplay" / "diabetes-review.yaml").model
    report = act(model, "report", {"choices": ["numbers-first", "recover-ask", "explore-fear", "info-dump",
                                                "notice-and-ask", "explain-and-check", "well-done"]})
    assert report["ending"]["id"] == "vague" and report["ending"]["quality"] == "mixed"
    assert [d["matched"] for d in report["comparison"]["decisions"]] == [False, True, True, False, True, True, False]
    assert len(report["transcript"]) == 14
    assert report["total"] < report["best_total"]


# ---- the pages --------------------------------------------------------------------------------


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    assert match, f"{path} has no front matter"
    return yaml.safe_load(match.group(1)), match.group(2)


def check_page(path: Path) -> str:
    meta, body = front_matter(path)
    assert set(meta) == {"title", "description", "audience", "reviewed", "review_due", "sources"}
    assert len(meta["description"]) < 160
    assert set(meta["sources"]) <= SOURCE_KEYS
    for target in re.findall(r"\]\(([^)#]+)", body):
        resolved = (path.parent / target).resolve()
        allowed = ("house/", "process/")
        assert resolved.exists() or any(str(resolved.relative_to(DOCS.resolve())).startswith(a) for a in allowed), target
    return body


def test_each_scenario_has_its_page_with_the_marker(entry):
    body = check_page(DOCS / entry.header.page)
    assert re.search(rf"^\[\[exercise: {re.escape(entry.header.id)}\]\]$", body, re.M)


def test_the_format_page_and_its_example():
    body = check_page(DOCS / "exercises" / "roleplay-format.md")
    example = re.search(r"```yaml\n(.*?)```", body, re.S).group(1)
    model, problems = load_definition(yaml.safe_load(example))
    assert problems == []
    assert len(best_path(model)[0]) >= 2


# ---- the command line -------------------------------------------------------------------------


def run(*args):
    return subprocess.run([sys.executable, "-m", "exercises", *args], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=120)


def test_the_command_line_validates_the_scenarios():
    done = run("validate", "exercises/content/roleplay")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(SCENARIOS)} definition(s) valid." in done.stderr


def test_the_command_line_lists_every_scenario():
    done = run("list", "--json")
    listed = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    roleplays = {item["id"]: item for item in listed if item["type"] == "roleplay"}
    assert set(roleplays) == {p.stem for p in SCENARIOS}
    assert roleplays["diabetes-review"]["path"] == "exercises/roleplay/diabetes-review/"


# ---- the engine runs in the browser too ---------------------------------------------------------


def test_the_engine_uses_the_standard_library_only():
    package = Path(__file__).resolve().parents[2] / "exercises" / "roleplay"
    for source in package.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in sys.stdlib_module_names, f"{source.name} imports {name}"
