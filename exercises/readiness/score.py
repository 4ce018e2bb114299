"""A team's answers, scored: each part's level, the weakest part holding the house down, the stage the
team appears to be at and why, and a short list of next steps, most urgent first."""

from __future__ import annotations

from typing import Any

from ..care_planning import HOUSE
from .model import DONT_KNOW, DONT_KNOW_NAME, NAMES, POINTS, SCALE, STAGES, Group, Readiness

MAX_ACTIONS = 6
STAGE_DONE = 2.0  # a stage's work looks done when its statements average "nearly there" or better


class AnswerError(ValueError):
    """Answers that do not fit the question set (untrusted input)."""


def read_answers(model: Readiness, answers: Any) -> dict[str, str]:
    if not isinstance(answers, dict):
        raise AnswerError("answers must be a mapping of statement id to an answer")
    ids = {s.id for s in model.statements()}
    clean = {}
    for key, value in answers.items():
        if key not in ids:
            raise AnswerError(f"there is no statement '{str(key)[:80]}' in this self-check")
        if value in (None, ""):
            continue
        if value not in POINTS and value != DONT_KNOW:
            raise AnswerError(f"'{str(value)[:40]}' is not an answer: use one of {', '.join((*POINTS, DONT_KNOW))}")
        clean[key] = value
    return clean


def answer_name(answer: str | None) -> str:
    if answer is None:
        return "Not answered"
    return DONT_KNOW_NAME if answer == DONT_KNOW else NAMES[answer]


def group_score(group: Group, answers: dict[str, str]) -> dict:
    """Don't know and no answer count as gaps: 0 points."""
    points = [POINTS.get(answers.get(s.id, ""), 0) for s in group.statements]
    mean = sum(points) / len(points)
    level = SCALE[min(int(mean + 1e-9), len(SCALE) - 1)][0]
    in_place = sum(p >= POINTS["nearly"] for p in points)
    return {"mean": round(mean, 2), "level": level, "level_name": NAMES[level], "in_place": in_place,
            "count": len(points)}


def check(model: Readiness, answers: Any) -> dict:
    given = read_answers(model, answers)
    parts = []
    for g in model.parts:
        label, page = HOUSE[g.id]
        parts.append({"house": g.id, "label": label, "page": page, **group_score(g, given)})
    weakest_mean = min(p["mean"] for p in parts)
    weakest = [p for p in parts if p["mean"] == weakest_mean]
    overall = weakest[0]["level"]
    names = " and ".join(p["label"].split(":")[0].lower() for p in weakest)
    overall_words = (f"Your house is only as ready as its weakest part. The {names} "
                     f"{'are' if len(weakest) > 1 else 'is'} at \u201c{NAMES[overall]}\u201d, so that is where "
                     f"the whole house stands, however strong the other parts are.")
    if all(p["level"] == "cracked" for p in parts):
        overall_words = "Every part of your house is in place. Keep it that way: check again in six months."

    stages = []
    for g, (sid, sname) in zip(model.stages, STAGES):
        stages.append({"id": sid, "name": sname, **group_score(g, given)})
    current = next((s for s in stages if s["mean"] < STAGE_DONE), stages[-1])
    done = [s for s in stages[:stages.index(current)]]
    why = [f"{s['name']}: {s['in_place']} of {s['count']} signs are nearly there or cracked." for s in stages]
    if done:
        stage_words = (f"You appear to be at the {current['name'].lower()} stage: the work of "
                       f"{' and '.join(s['name'].lower() for s in done)} looks done, and this stage's is not yet.")
    else:
        stage_words = f"You appear to be at the {current['name'].lower()} stage: its work is not done yet."
    if current is stages[-1] and current["mean"] >= STAGE_DONE:
        stage_words = "You appear to be at the maintenance stage, and keeping it going well."

    # Next steps: the weakest parts first, then the current stage; within each, the biggest gaps first.
    order = sorted(model.parts, key=lambda g: next(p["mean"] for p in parts if p["house"] == g.id))
    groups = order[:2] + [model.stages[stages.index(current)]] + order[2:]
    actions = []
    for g in groups:
        gaps = [s for s in g.statements if given.get(s.id) != "cracked"]
        gaps.sort(key=lambda s: POINTS.get(given.get(s.id, ""), 0))
        for s in gaps:
            if len(actions) >= MAX_ACTIONS:
                break
            item = {"id": s.id, "text": s.text, "answer": given.get(s.id), "answer_name": answer_name(given.get(s.id)),
                    "next_step": s.next_step, "help": s.help, "learn_more": s.learn_more,
                    "where": HOUSE[g.id][0].split(":")[0] if g.id in HOUSE else dict(STAGES)[g.id] + " stage"}
            if s.local and model.local.get(s.local):
                item["local"] = model.local[s.local]
            actions.append(item)
    unsure = [{"id": s.id, "text": s.text} for s in model.statements() if given.get(s.id) == DONT_KNOW]
    unanswered = [s.id for s in model.statements() if s.id not in given]
    return {
        "exercise": model.header.id, "parts": parts, "overall": overall, "overall_name": NAMES[overall],
        "overall_words": overall_words, "weakest": [p["house"] for p in weakest],
        "stages": stages, "stage": current["id"], "stage_name": current["name"], "stage_words": stage_words,
        "stage_why": why, "actions": actions, "dont_know": unsure, "unanswered": len(unanswered),
        "answered": len(given), "total": len(model.statements()),
    }


def compare(model: Readiness, before: Any, after: Any) -> dict:
    """Two checks side by side: each part's level then and now, and which statements moved."""
    a, b = check(model, before), check(model, after)
    old_answers, new_answers = read_answers(model, before), read_answers(model, after)
    parts = []
    for p, q in zip(a["parts"], b["parts"]):
        change = "improved" if q["mean"] > p["mean"] else "slipped" if q["mean"] < p["mean"] else "the same"
        parts.append({"house": p["house"], "label": p["label"], "before": p["level"], "before_name": p["level_name"],
                      "before_mean": p["mean"], "after": q["level"], "after_name": q["level_name"],
                      "after_mean": q["mean"], "change": change})
    improved, slipped = [], []
    for s in model.statements():
        x, y = POINTS.get(old_answers.get(s.id, ""), 0), POINTS.get(new_answers.get(s.id, ""), 0)
        line = {"id": s.id, "text": s.text, "before": answer_name(old_answers.get(s.id)),
                "after": answer_name(new_answers.get(s.id))}
        if y > x:
            improved.append(line)
        elif y < x:
            slipped.append(line)
    return {"parts": parts, "improved": improved, "slipped": slipped,
            "overall_before": a["overall_name"], "overall_after": b["overall_name"],
            "stage_before": a["stage_name"], "stage_after": b["stage_name"]}
