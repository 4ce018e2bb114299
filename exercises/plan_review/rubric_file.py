"""Rubric files (build time): one rubric serves every plan.

A rubric lives in exercises/content/rubrics/<id>.yaml. A plan's definition names it
(`rubric: care-and-support-plan`) and the build copies the rubric into the plan, so the page and the
engine get the plan whole. A rubric's own problems are reported once, against the rubric's file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..fields import ID_PATTERN, Fields
from ..problems import Problem, format_where

FOLDER = "rubrics"


def is_rubric_file(path: Path) -> bool:
    return path.parent.name == FOLDER


def check_rubric(data: Any, name: str, lines: dict) -> list[Problem]:
    """The problems in a rubric file, each naming the file and the field."""
    from ..yaml_source import line_for
    from .load import read_rubric

    found: list[tuple[tuple, str]] = []
    read_rubric(Fields(data, (), lambda path, message: found.append((path, message))))
    problems = [Problem(name, format_where(p), m, line_for(p, lines)) for p, m in found]
    if isinstance(data, dict) and isinstance(data.get("id"), str) and Path(name).stem != data["id"]:
        problems.append(Problem(name, "id", f"'{data['id']}' must match the file's name ({Path(name).stem})",
                                line_for(("id",), lines)))
    return problems


def include(data: dict, content_dir: Path) -> tuple[dict, list[tuple[tuple, str]]]:
    """The plan with its rubric copied in; or the plan as it was, with a problem naming the rubric field."""
    from ..yaml_source import YamlProblem, read_yaml

    name = data.get("rubric")
    if not isinstance(name, str):
        return data, []  # absent or already a mapping: the plan's loader reports what is wrong
    if not ID_PATTERN.match(name):
        return data, [(("rubric",), f"'{name[:80]}' is not a rubric id (the name of a file in {FOLDER}/, "
                                    f"without .yaml)")]
    path = content_dir / FOLDER / f"{name}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in (content_dir / FOLDER).glob("*.yaml"))) or "none"
        return data, [(("rubric",), f"there is no rubric '{name}' (rubrics: {known})")]
    try:
        rubric, _ = read_yaml(path)
    except YamlProblem:
        rubric = None
    if not isinstance(rubric, dict) or check_rubric(rubric, str(path), {}):
        return data, [(("rubric",), f"the rubric '{name}' has problems: run python -m exercises validate on "
                                    f"{FOLDER}/{name}.yaml")]
    return {**data, "rubric": rubric}, []
