"""Pool a group's plan-review scores: the trainer's calibration page.

Its definition names the example plans it reads codes for; the build copies those plans in whole
(`include`), so the engine checks each code against the plan's rubric version and reference.
The figures come from exercises/plan_review/calibrate.py, which the command line uses too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..definition import Header, read_page_path
from ..fields import Fields, unique_ids
from ..plan_review.calibrate import calibrate
from ..plan_review.load import load as load_plan
from ..plan_review.model import Plan

__all__ = ["act", "include", "linked_pages", "load"]


@dataclass(frozen=True)
class Calibration:
    header: Header
    intro: str
    plans: tuple[Plan, ...]


def load(fields: Fields, header: Header) -> Calibration:
    intro = fields.text("intro", required=False)
    plans = []
    for path, item in fields.items("plans", min_items=1):
        if isinstance(item, str):
            fields.report(path, f"the plan '{item[:80]}' was not copied in: is it a plan-review exercise?")
            continue
        pf = Fields(item, path, fields.report)
        plan_header = Header(id=pf.ident("id"), type=pf.text("type"), title=pf.text("title", max_length=200),
                             page=read_page_path(pf, "page"))
        if plan_header.type != "plan-review":
            fields.report(path + ("type",), f"'{plan_header.id}' is a {plan_header.type}, not a plan-review exercise")
            continue
        plans.append((path, load_plan(pf, plan_header)))
        pf.done()
    unique_ids([(p + ("code",), plan.code) for p, plan in plans], fields.report, "plan code")
    return Calibration(header, intro, tuple(plan for _, plan in plans))


def act(model: Calibration, action: str, data: Any) -> dict:
    if action == "calibrate":
        return calibrate(model.plans, data.get("sources") if isinstance(data, dict) else None)
    raise ValueError(f"the calibration page cannot do '{str(action)[:40]}'; it can 'calibrate'")


def linked_pages(model: Calibration) -> list[tuple[tuple, str]]:
    return [(("plans", i), plan.header.page) for i, plan in enumerate(model.plans)]


def include(data: dict, content_dir: Path):
    """Build time: each plan named in `plans` copied in whole, rubric and all."""
    from ..catalogue import definition_files, read_file
    from ..yaml_source import YamlProblem, read_yaml

    names = data.get("plans")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return data, []  # the loader reports what is wrong
    found = {}
    for path in definition_files([content_dir]):
        try:
            kind = read_yaml(path)[0]
        except YamlProblem:
            continue
        if not isinstance(kind, dict) or kind.get("type") != "plan-review":
            continue  # only plans are copied in (and never this page itself)
        entry, _ = read_file(path)
        if entry is not None and entry.header.type == "plan-review":
            found[entry.header.id] = entry.data
    problems = [(("plans", i), f"there is no valid plan-review exercise '{n[:80]}' (plans: "
                               f"{', '.join(sorted(found)) or 'none'})") for i, n in enumerate(names) if n not in found]
    if problems:
        return data, problems
    return {**data, "plans": [found[n] for n in names]}, []
