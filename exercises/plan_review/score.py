"""Compare a learner's scores for a plan with the reference marking, criterion by criterion."""

from __future__ import annotations

from typing import Any

from ..care_planning import HOUSE, STEPS
from . import codes
from .model import Plan

VERDICTS = {
    "same": "Same as the reference",
    "lenient": "More lenient than the reference",
    "harsher": "Harsher than the reference",
    "unscored": "Not scored",
}


class ScoreError(ValueError):
    """Scores sent that do not fit the plan's rubric (untrusted input)."""


def read_scores(plan: Plan, scores: Any) -> dict[str, int | None]:
    if not isinstance(scores, dict):
        raise ScoreError("scores must be a mapping of criterion id to a score")
    clean: dict[str, int | None] = {c.id: None for c in plan.rubric.criteria}
    for key, value in scores.items():
        criterion = plan.rubric.criterion(str(key))
        if criterion is None:
            raise ScoreError(f"there is no criterion '{str(key)[:80]}' in this plan's rubric")
        if value in (None, ""):
            continue
        if isinstance(value, str) and value.isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= criterion.top:
            raise ScoreError(f"'{str(value)[:20]}' is not a score for '{criterion.id}': give 0 to {criterion.top}")
        clean[criterion.id] = value
    return clean


def verdict(given: int | None, reference: int) -> str:
    if given is None:
        return "unscored"
    return "same" if given == reference else ("lenient" if given > reference else "harsher")


def compare(plan: Plan, scores: Any) -> dict:
    given = read_scores(plan, scores)
    names = [level.name for level in plan.rubric.levels]
    rows = []
    for c in plan.rubric.criteria:
        mark = plan.reference[c.id]
        g = given[c.id]
        v = verdict(g, mark.score)
        rows.append({
            "id": c.id, "title": c.title,
            "given": g, "given_name": names[g] if g is not None else "",
            "reference": mark.score, "reference_name": names[mark.score],
            "verdict": v, "verdict_words": VERDICTS[v], "why": mark.why,
            "step": c.step, "step_label": STEPS[c.step][0], "house": c.house, "house_label": HOUSE[c.house][0],
            "learn_more": c.learn_more,
        })
    scored = [r for r in rows if r["given"] is not None]
    exact = sum(r["verdict"] == "same" for r in rows)
    within = sum(abs(r["given"] - r["reference"]) <= 1 for r in scored)
    lenient = sum(r["verdict"] == "lenient" for r in rows)
    harsher = sum(r["verdict"] == "harsher" for r in rows)
    total = len(rows)
    if not scored:
        summary = "You have not scored any criteria yet."
    else:
        summary = (f"You gave the same score as the reference for {exact} of {total} criteria, "
                   f"and were within one level for {within}.")
        leanings = []
        if lenient:
            leanings.append(f"more lenient for {lenient}")
        if harsher:
            leanings.append(f"harsher for {harsher}")
        if leanings:
            summary += f" You were {' and '.join(leanings)}."
        if len(scored) < total:
            summary += f" You left {total - len(scored)} unscored."
    return {
        "exercise": plan.header.id, "plan": plan.code,
        "rubric": {"id": plan.rubric.id, "version": plan.rubric.version},
        "criteria": rows, "exact": exact, "within_one": within, "scored": len(scored), "total": total,
        "lenient": lenient, "harsher": harsher,
        "your_total": sum(r["given"] for r in scored), "reference_total": sum(plan.reference_scores()),
        "most": total * plan.rubric.top,
        "summary": summary,
    }


def code_for(plan: Plan, data: Any) -> dict:
    """The learner's scores as a short code to share with their trainer."""
    given = read_scores(plan, data.get("scores") if isinstance(data, dict) else None)
    scorer = data.get("scorer") if isinstance(data, dict) else None
    if not isinstance(scorer, str):
        raise ScoreError("give initials or a short name (letters or digits) so the trainer can tell scorers apart")
    try:
        code = codes.encode(plan.code, plan.rubric.version, scorer[:40],
                            [given[c.id] for c in plan.rubric.criteria])
    except codes.CodeError as exc:
        raise ScoreError(str(exc)) from exc
    return {"code": code, "scorer": codes.scorer_name(scorer)}


def act(plan: Plan, action: str, data: Any) -> dict:
    if action == "compare":
        return compare(plan, data.get("scores") if isinstance(data, dict) else None)
    if action == "code":
        return code_for(plan, data)
    raise ScoreError(f"a plan review cannot do '{str(action)[:40]}'; it can 'compare' or 'code'")
