"""Each deliberately broken scenario in broken/ gives exactly the problems its '# expect:' lines name.

An expect line is:   # expect: <where> | <text the message must contain>
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises.catalogue import read_file

BROKEN = sorted((Path(__file__).parent / "broken").glob("*.yaml"))


def expectations(path: Path) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect:"):
            where, message = line[len("# expect:"):].split("|", 1)
            out.append((where.strip(), message.strip()))
    return out


def test_there_are_broken_scenarios():
    assert len(BROKEN) >= 10


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_scenario_gives_its_expected_problems(path):
    expected = expectations(path)
    assert expected, f"{path.name} has no '# expect:' lines"
    entry, problems = read_file(path)
    assert entry is None, f"{path.name} should not validate"
    found = [(p.where, p.message) for p in problems]
    for where, text in expected:
        assert any(w == where and text in m for w, m in found), (
            f"{path.name}: expected a problem at {where} containing {text!r}; found:\n"
            + "\n".join(f"  {w}: {m}" for w, m in found))
    assert len(found) == len(expected), "unexpected extra problems:\n" + "\n".join(f"  {w}: {m}" for w, m in found)


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_every_problem_has_a_line_number(path):
    _, problems = read_file(path)
    assert all(p.line for p in problems)
