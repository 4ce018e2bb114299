"""`python -m exercises validate` and `list`: each kind of bad definition gets a clear message."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = (ROOT / "exercises" / "content" / "quiz" / "parts-of-the-house.yaml").read_text(encoding="utf-8")


def run(*args, cwd=ROOT, env=None):
    return subprocess.run([sys.executable, "-m", "exercises", *args], capture_output=True, text=True,
                          cwd=cwd, env=env)


def write(tmp_path, text, name="broken.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_definition_is_valid():
    done = run("validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    assert "valid" in done.stderr


def test_list_json_gives_one_object_per_exercise_with_its_page():
    done = run("list", "--json")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    quiz = next(r for r in rows if r["id"] == "parts-of-the-house")
    assert quiz == {"id": "parts-of-the-house", "type": "quiz", "title": "Parts of the house",
                    "path": "exercises/parts-of-the-house/"}
    assert all(set(r) == {"id", "type", "title", "path"} for r in rows)
    assert all(r["type"] in {"quiz", "roleplay", "plan-review", "plan-calibration", "readiness"} for r in rows)
    assert sum(r["type"] == "plan-review" for r in rows) >= 6


@pytest.mark.parametrize("change, expected", [
    # invalid YAML: the line and what the parser saw
    (lambda t: t.replace("  - id: centre\n", "  - id: centre\n   bad: [unclosed\n"), "invalid YAML"),
    # a missing field
    (lambda t: t.replace("title: Parts of the house\n", ""), "broken.yaml: title: this field is required but missing"),
    # a mistyped field name
    (lambda t: t.replace("    explanation: >-\n      Care", "    explanaton: >-\n      Care", 1),
     "questions[0].explanaton: unknown field 'explanaton'"),
    # a field of the wrong kind
    (lambda t: t.replace("choices:\n", "choices: five\nx_choices:\n", 1), "choices: expected a list, found text"),
    # a reference to nothing: an answer naming no choice
    (lambda t: t.replace("answer: systems", "answer: chimney"),
     "questions[3].answer: refers to choice 'chimney', but no choice has that id"),
    # a reference to nothing: feedback for a choice that does not exist
    (lambda t: t.replace("      commissioning: >-", "      cellar: >-"),
     "questions[3].feedback.cellar: refers to choice 'cellar'"),
    # a reference to nothing: a page that is not in docs/
    (lambda t: t.replace("learn_more: house/roof.md", "learn_more: house/attic.md"),
     "questions[3].learn_more: refers to page 'house/attic.md', which is not in docs/"),
    # an unknown type
    (lambda t: t.replace("type: quiz", "type: crossword"), "type: unknown exercise type 'crossword'"),
    # a bad id
    (lambda t: t.replace("id: parts-of-the-house", "id: Parts Of The House"), "is not a valid id"),
    # two questions with one id
    (lambda t: t.replace("  - id: roof\n", "  - id: centre\n"), "duplicate question id 'centre'"),
])
def test_a_broken_definition_is_reported_with_file_place_and_reason(tmp_path, change, expected):
    path = write(tmp_path, change(GOOD))
    done = run("validate", str(path))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines, done.stderr
    assert all(line.startswith(str(path)) for line in lines), lines
    assert any(expected in line for line in lines), lines


def test_the_line_number_points_at_the_field(tmp_path):
    path = write(tmp_path, GOOD.replace("answer: systems", "answer: chimney"))
    done = run("validate", str(path))
    line_no = int(done.stdout.split(":")[1])
    assert path.read_text().splitlines()[line_no - 1].strip() == "answer: chimney"


def test_invalid_yaml_names_its_line(tmp_path):
    path = write(tmp_path, "id: x\ntype: quiz\ntitle: [unclosed\n")
    done = run("validate", str(path))
    assert done.returncode == 1
    assert done.stdout.startswith(f"{path}:")
    assert "invalid YAML" in done.stdout


def test_a_file_that_is_not_a_mapping(tmp_path):
    done = run("validate", str(write(tmp_path, "- just\n- a list\n")))
    assert done.returncode == 1
    assert "expected a mapping of fields, found a list" in done.stdout


def test_a_missing_file_is_reported_not_crashed_on(tmp_path):
    done = run("validate", str(tmp_path / "nowhere.yaml"))
    assert done.returncode == 1
    assert "no such file" in done.stdout


def test_one_line_per_problem_and_every_problem_found(tmp_path):
    text = GOOD.replace("title: Parts of the house\n", "").replace("answer: systems", "answer: chimney")
    done = run("validate", str(write(tmp_path, text)))
    assert done.returncode == 1
    assert len(done.stdout.splitlines()) == 2
    assert "2 problem(s) found" in done.stderr


def test_two_files_with_one_id_are_reported(tmp_path):
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    done = run("validate", str(tmp_path))
    assert done.returncode == 1
    assert "'parts-of-the-house' is already used by" in done.stdout


def test_the_engine_runs_on_the_command_line_with_the_same_result_as_in_python():
    from exercises.catalogue import load_valid
    from exercises.roleplay import act

    scenario = next(e.model for e in load_valid() if e.header.id == "diabetes-review")
    best = act(scenario, "trainer", {})["best_path"]["choices"]
    done = run("run", "diabetes-review", "report", "--data", json.dumps({"choices": best}))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == act(scenario, "report", {"choices": best})


def test_the_command_line_refuses_a_choice_that_is_not_on_offer():
    done = run("run", "diabetes-review", "step", "--data", '{"choices": ["nope"]}')
    assert done.returncode == 1
    assert "'nope', is not one of the choices" in done.stderr


def test_a_roleplay_can_be_played_in_the_terminal():
    done = subprocess.run([sys.executable, "-m", "exercises", "play", "diabetes-review"], input="2\n3\nq\n",
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "Gary Pearson:" in done.stdout and "Feedback:" in done.stdout


def test_a_terminal_play_ends_with_the_report_in_words():
    done = subprocess.run([sys.executable, "-m", "exercises", "play", "diabetes-review"], input="1\n" * 40,
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "How it ended:" in done.stdout and "In all, you earned" in done.stdout
    # Each part of the report as a share of the best path, with its level in words: never a bare score.
    assert re.search(r"^  .+ \((Strong|Some|Needs work)\): You earned \d+ of the \d+ points", done.stdout, re.M)
    assert "(from " not in done.stdout
