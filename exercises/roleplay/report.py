"""The end-of-conversation report: scores with plain comments, the ending, the transcript,
skills practised, and how the path compares with the best path."""

from __future__ import annotations

from typing import Any

from .engine import ChoiceError, Walk, detour_view, ending_view, read_choices, replay
from .model import HOUSE, STEPS, Choice, Dimension, Node, Roleplay
from .score import Step, best_path, scores_for, total


def quote(text: str, limit: int = 90) -> str:
    """A short quotation of what was said, cut at a word boundary."""
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    return f"“{text}”"


def changes(steps: list[Step], dim: str, sign: int) -> list[dict]:
    return [{"choice": c.id, "say": c.say, "change": c.effects[dim]}
            for _, c in steps if c.effects.get(dim, 0) * sign > 0]


def dimension_report(dim: Dimension, walk: Walk, best: int) -> dict:
    score = walk.scores[dim.id]
    helped, held_back = changes(walk.steps, dim.id, 1), changes(walk.steps, dim.id, -1)
    if score >= best:
        level = "strong"
        words = f"You scored {score}, {'as high as' if score == best else 'higher than'} the best path ({best})."
    elif score > 0:
        level = "some"
        words = f"You scored {score}; the best path scores {best}."
    else:
        level = "weak"
        words = f"You scored {score}; the best path scores {best}. This is the part to work on."
    if helped:
        words += " What helped: " + "; ".join(f"{quote(h['say'])} ({h['change']:+d})" for h in helped) + "."
    if held_back:
        words += " What held it back: " + "; ".join(f"{quote(h['say'])} ({h['change']:+d})" for h in held_back) + "."
    if not helped and not held_back:
        words += " None of your choices changed this score."
    return {
        "id": dim.id, "label": dim.label, "description": dim.description,
        "score": score, "min": dim.min, "max": dim.max, "best": best, "level": level, "comment": words,
        "helped": helped, "held_back": held_back,
        "step": dim.step, "step_label": STEPS[dim.step][0], "step_page": STEPS[dim.step][1],
        "house": dim.house, "house_label": HOUSE[dim.house][0], "house_page": HOUSE[dim.house][1],
    }


def transcript(model: Roleplay, walk: Walk) -> list[dict]:
    turns = []
    for node, choice in walk.steps:
        speaker = model.speaker(node)
        role = ("person" if speaker == model.person.name
                else "carer" if model.carer and speaker == model.carer.name else "other")
        turns.append({"role": role, "speaker": speaker, "text": node.says, "context": node.context, "node": node.id})
        turns.append({"role": "practitioner", "speaker": model.practitioner.role, "text": choice.say,
                      "context": "", "choice": choice.id})
    return turns


def skills(steps: list[Step], helpful: bool) -> list[dict]:
    counts: dict[str, int] = {}
    for _, c in steps:
        if (c.best or c.total > 0) if helpful else (not c.best and c.total < 0):
            for tag in c.skills:
                counts[tag] = counts.get(tag, 0) + 1
    return [{"id": tag, "label": tag.replace("-", " "), "count": n} for tag, n in counts.items()]


def decision(node: Node, choice: Choice) -> dict:
    best = node.best_choices[0] if node.best_choices else None
    return {
        "node": node.id, "says": node.says,
        "you": {"choice": choice.id, "say": choice.say},
        "best": {"choice": best.id, "say": best.say, "feedback": best.feedback} if best else None,
        "matched": choice.best if best else None,  # null where no choice at this node is marked best
    }


def comparison(model: Roleplay, walk: Walk) -> dict:
    best_steps, best_ending = best_path(model)
    your_total, best_total = total(walk.scores), total(scores_for(model, best_steps))
    decisions = [decision(n, c) for n, c in walk.steps if len(n.choices) > 1]
    missed = [d for d in decisions if d["matched"] is False]
    same = [c.id for _, c in walk.steps] == [c.id for _, c in best_steps]
    if same:
        words = "You followed the best path at every decision."
    elif not missed:
        words = "You made a best choice at every decision, by a different route from the path shown as best."
    else:
        words = (f"At {len(missed)} of your {len(decisions)} decisions a better choice was open to you. "
                 f"Each is shown below with the best choice and why it helps.")
    return {
        "same_as_best": same, "your_total": your_total, "best_total": best_total, "summary": words,
        "decisions": decisions,
        "best_path": [{"node": n.id, "says": n.says, "choice": c.id, "say": c.say} for n, c in best_steps],
        "best_ending": ending_view(best_ending, model.happened(best_steps)) if best_ending else None,
    }


def moments(model: Roleplay, walk: Walk) -> list[dict]:
    """What the scenario looks for on the way, and whether it happened on this path."""
    return [{"id": m.id, "label": m.label, "essential": m.essential, "happened": m.id in walk.happened}
            for m in model.moments]


def report(model: Roleplay, data: Any) -> dict:
    taken = read_choices(data)
    walk = replay(model, taken)
    if walk.ending is None:
        raise ChoiceError("the conversation has not ended yet, so there is no report: keep choosing until it ends")
    best_scores = scores_for(model, best_path(model)[0])
    compared = comparison(model, walk)
    ending = walk.ending
    detours = detour_view(walk.detours)
    why = " ".join(d["words"] for d in detours)
    summary = (f"You reached a {ending.quality} ending: “{ending.title}”. " + (f"{why} " if why else "")
               + f"Your choices scored {compared['your_total']} in all; the best path scores "
               f"{compared['best_total']}. {compared['summary']}")
    return {
        "exercise": model.header.id,
        "title": model.header.title,
        "summary": summary,
        "choices": list(taken),
        "ending": ending_view(ending, walk.happened),
        "detours": detours,
        "moments": moments(model, walk),
        "total": compared["your_total"],
        "best_total": compared["best_total"],
        "dimensions": [dimension_report(d, walk, best_scores[d.id]) for d in model.dimensions],
        "transcript": transcript(model, walk),
        "skills_practised": skills(walk.steps, helpful=True),
        "habits_to_watch": skills(walk.steps, helpful=False),
        "comparison": compared,
    }
