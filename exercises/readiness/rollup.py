"""A cluster, locality or region pools its practices' exports: how each part of the house stands across
them, the most common gaps, the practices at each stage, and one row per practice.

The page and `python -m exercises aggregate` both call `rollup`, so they give the same figures.
"""

from __future__ import annotations

from collections import Counter

from ..care_planning import HOUSE
from .exchange import ExportError, Team, read_export, safe_cell
from .model import DONT_KNOW, PARTS, POINTS, SCALE, STAGES, Readiness
from .score import check

MAX_FILES = 20_000
SHOW_GAPS = 5


def rollup_teams(model: Readiness, teams: list[Team]) -> dict:
    levels = {p: Counter() for p in PARTS}
    stages = Counter()
    gaps = Counter()
    rows = []
    for team in teams:
        result = check(model, team.latest.answers)
        for p in result["parts"]:
            levels[p["house"]][p["level"]] += 1
        stages[result["stage"]] += 1
        for s in model.statements():
            if POINTS.get(team.latest.answers.get(s.id, DONT_KNOW), 0) <= POINTS["ideas"]:
                gaps[s.id] += 1
        rows.append({"team": team.team, "date": team.latest.date, "checks": len(team.checks),
                     "parts": {p["house"]: p["level"] for p in result["parts"]},
                     "overall": result["overall"], "stage": result["stage"]})
    text = {s.id: s.text for s in model.statements()}
    n = len(teams)
    return {
        "teams": n,
        "scale": [{"id": k, "name": name} for k, name in SCALE],
        "parts": [{"house": p, "label": HOUSE[p][0], "counts": [levels[p][k] for k, _ in SCALE]} for p in PARTS],
        "stages": [{"id": sid, "name": name, "count": stages[sid]} for sid, name in STAGES],
        "gaps": [{"id": sid, "text": text[sid], "count": c, "share": c / n}
                 for sid, c in sorted(gaps.items(), key=lambda kv: (-kv[1], kv[0]))[:SHOW_GAPS]],
        "rows": sorted(rows, key=lambda r: r["team"].lower()),
    }


def rollup(model: Readiness, files) -> dict:
    """`files` is a list of {"name": file name, "text": its text}. A bad file is reported by name and the
    rest still used; the same team twice keeps the file with the latest check, and says so."""
    if not isinstance(files, list):
        raise ValueError("give a list of files")
    refused, kept = [], {}
    for item in files[:MAX_FILES]:
        name = str(item.get("name", "") if isinstance(item, dict) else "")[:80] or "a file"
        try:
            team = read_export(model, item.get("text") if isinstance(item, dict) else None)
        except ExportError as exc:
            refused.append({"file": name, "reason": str(exc)})
            continue
        key = team.team.lower()
        if key in kept:
            other_name, other = kept[key]
            newer = team.latest.date > other.latest.date
            keep_name = name if newer else other_name
            drop_name = other_name if newer else name
            refused.append({"file": drop_name, "reason": f"{team.team} is also in {keep_name}, which has the later "
                                                         f"check; {keep_name} is used"})
            if newer:
                kept[key] = (name, team)
            continue
        kept[key] = (name, team)
    if len(files) > MAX_FILES:
        refused.append({"file": "", "reason": f"only the first {MAX_FILES} files are read"})
    result = rollup_teams(model, [team for _, team in kept.values()])
    result["refused"] = refused
    result["summary"] = (f"Pooled {result['teams']} team{'s' if result['teams'] != 1 else ''}."
                         + (f" {len(refused)} file{'s' if len(refused) != 1 else ''} not used: the reason for each "
                            f"is given." if refused else ""))
    return result


def rollup_csv(result: dict) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["team", "latest check", "checks", *PARTS, "overall", "stage"])
    for r in result["rows"]:
        writer.writerow([safe_cell(r["team"]), r["date"], r["checks"], *(r["parts"][p] for p in PARTS), r["overall"],
                         r["stage"]])
    return out.getvalue()
