"""Limits stop work early: a definition over a limit is reported at once and not analysed further, and a
definition at the limits is still checked without hanging (each check runs in a process stopped after a
generous timeout)."""

from __future__ import annotations

import re

import pytest

from hostile import ROOT, chain_ending_in_a_loop, long_best_path, many_paths, run

QUIZ = ROOT / "exercises" / "content" / "quiz" / "parts-of-the-house.yaml"


def validate(tmp_path, text: str, name: str = "hostile.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = run("validate", str(path))
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stdout
    return done.stdout.splitlines()


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(start))


@pytest.mark.parametrize("count", [2000, 4000])
def test_a_long_chain_ending_in_a_loop_is_reported_over_the_limit_and_not_analysed(tmp_path, count):
    text = chain_ending_in_a_loop(count)
    assert len(text.encode("utf-8")) < 512 * 1024  # under the size limit: the node limit must stop it
    found = validate(tmp_path, text)
    path = tmp_path / "hostile.yaml"
    assert found == [f"{path}:{line_of(text, 'nodes:')}: nodes: has {count} nodes; the limit is 100: the "
                     f"conversation is not checked further until it is within the limit"]


def test_a_best_path_of_1500_nodes_is_reported_over_the_limit(tmp_path):
    found = validate(tmp_path, long_best_path(1500))
    assert len(found) == 1 and "nodes: has 1500 nodes; the limit is 100" in found[0]


def test_a_conversation_at_every_limit_is_checked_over_every_path_without_hanging(tmp_path):
    """100 nodes, 6 choices each, 12 moments that can happen in any combination: every (node, moments)
    state is reachable, the most work the path checks can be given."""
    found = validate(tmp_path, many_paths(nodes=100, moments=12))
    assert any("endings[0]: a path reaches the good ending 'good' without the essential moment 'm0'" in f
               for f in found), found


def with_many(text: str, key: str, count: int, item) -> str:
    """The role-play with `count` entries in the top-level list `key`."""
    start = text.index(f"\n{key}:\n") + 1
    end = re.search(r"\n[a-z_]+:", text[start + len(key) + 2:])
    end = start + len(key) + 2 + end.start() + 1 if end else len(text)
    return text[:start] + f"{key}:\n" + "".join(item(i) for i in range(count)) + text[end:]


def test_too_many_endings_or_dimensions_are_named_and_stop_the_analysis(tmp_path):
    text = chain_ending_in_a_loop(3)
    endings = with_many(text, "endings", 41, lambda i: f"- {{id: end{i}, title: T, what_happened: W., plan: [P.], "
                                                       f"quality: good}}\n")
    found = validate(tmp_path, endings)
    assert any("endings: has 41 endings; the limit is 40" in f for f in found), found
    assert not any("loop" in f or "cannot be reached" in f for f in found), found
    dimensions = with_many(text, "dimensions", 11, lambda i: f"- {{id: d{i}, label: L, description: D, min: -1, "
                                                             f"max: 1, step: conversation, house: centre}}\n")
    found = validate(tmp_path, dimensions)
    assert any("dimensions: has 11 dimensions; the limit is 10" in f for f in found), found
    assert not any("loop" in f for f in found), found


def test_a_quiz_with_more_choices_than_letters_is_refused(tmp_path):
    text = QUIZ.read_text(encoding="utf-8")
    extra = "".join(f"  - id: extra-{i}\n    text: Extra choice {i}\n" for i in range(22))
    text = text.replace("  - id: commissioning\n", extra + "  - id: commissioning\n", 1)
    found = validate(tmp_path, text)
    assert any(f.endswith("choices: has 27 choices; the limit is 26, because each answer is picked by a letter "
                          "from A to Z") for f in found), found
