"""Walk a conversation: from the choice ids taken so far, work out where the learner is.

The page keeps only the list of choice ids. Replaying it gives everything else, so "go back" is
dropping the last id and "resume later" is storing the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import HOUSE, SETTINGS, STEPS, Choice, Ending, Moment, Node, Roleplay
from .score import Step, scores_for

MAX_TAKEN = 500


class ChoiceError(ValueError):
    """The choices sent do not fit the conversation (untrusted input)."""


@dataclass(frozen=True)
class Walk:
    steps: list[Step]  # (node, choice taken there), in order
    node: Node | None  # where the conversation is now; None once it has ended
    ending: Ending | None  # where it ended, after any `if_missed`
    scores: dict[str, int]
    happened: frozenset = frozenset()  # the moments on the path
    detours: tuple[tuple[Ending, Moment], ...] = ()  # (ending it was heading for, moment missed), in order


def read_choices(data: Any) -> list[str]:
    if not isinstance(data, dict):
        raise ChoiceError("the data must be a mapping with 'choices': the list of choice ids taken so far")
    taken = data.get("choices")
    if taken is None:
        taken = []
    if not isinstance(taken, list):
        raise ChoiceError("'choices' must be a list of the choice ids taken so far, in order")
    if len(taken) > MAX_TAKEN:
        raise ChoiceError(f"too many choices ({len(taken)}); a conversation takes at most {MAX_TAKEN}")
    for i, cid in enumerate(taken):
        if not isinstance(cid, str):
            raise ChoiceError(f"choice {i + 1} in the list is not a choice id (expected text)")
    return taken


def replay(model: Roleplay, taken: list[str]) -> Walk:
    node, ending = model.node(model.start), None
    steps: list[Step] = []
    for i, cid in enumerate(taken):
        if node is None:
            raise ChoiceError(f"the conversation had already ended (“{ending.title}”) after {i} choice(s), "
                              f"so choice {i + 1}, '{cid[:80]}', cannot follow")
        choice = node.choice(cid)
        if choice is None:
            ids = ", ".join(c.id for c in node.choices)
            raise ChoiceError(f"choice {i + 1}, '{cid[:80]}', is not one of the choices at node '{node.id}' "
                              f"(the choices there are: {ids})")
        steps.append((node, choice))
        ending, node = model.ending(choice.next), model.node(choice.next)
    happened = model.happened(steps)
    detours: list = []
    if ending is not None:
        ending, detours = model.resolve(ending, happened)
    return Walk(steps, node, ending, scores_for(model, steps), happened, tuple(detours))


# ---- view-models: plain JSON-ready dicts ----------------------------------------------------


def node_view(model: Roleplay, node: Node) -> dict:
    return {"id": node.id, "speaker": model.speaker(node), "says": node.says, "context": node.context}


def choice_view(choice: Choice) -> dict:
    return {"id": choice.id, "say": choice.say}


def history_item(model: Roleplay, node: Node, choice: Choice) -> dict:
    return {
        "node": node.id,
        "speaker": model.speaker(node),
        "says": node.says,
        "choice": choice.id,
        "say": choice.say,
        "feedback": choice.feedback,
        "skills": list(choice.skills),
        "effects": dict(choice.effects),
        "best": choice.best,
    }


def ending_view(ending: Ending, happened=frozenset()) -> dict:
    """An ending as a path with these moments reads it."""
    what_happened, plan = ending.words(happened)
    return {"id": ending.id, "title": ending.title, "quality": ending.quality,
            "what_happened": what_happened, "plan": plan}


def detour_view(detours) -> list[dict]:
    return [{"heading_for": e.id, "heading_for_title": e.title, "moment": m.id, "missed": m.label,
             "words": f"The conversation was heading for “{e.title}”, but nobody {m.label}, so it ended here "
                      f"instead."} for e, m in detours]


def dimensions_view(model: Roleplay) -> list[dict]:
    return [{"id": d.id, "label": d.label, "description": d.description, "min": d.min, "max": d.max,
             "step": d.step, "step_label": STEPS[d.step][0], "house": d.house, "house_label": HOUSE[d.house][0]}
            for d in model.dimensions]


def step(model: Roleplay, data: Any) -> dict:
    walk = replay(model, read_choices(data))
    return {
        "exercise": model.header.id,
        "node": node_view(model, walk.node) if walk.node else None,
        "choices": [choice_view(c) for c in walk.node.choices] if walk.node else [],
        "history": [history_item(model, n, c) for n, c in walk.steps],
        "scores": walk.scores,
        "dimensions": [{"id": d.id, "label": d.label, "min": d.min, "max": d.max} for d in model.dimensions],
        "ended": walk.ending is not None,
        "ending": ending_view(walk.ending, walk.happened) if walk.ending else None,
        "detours": detour_view(walk.detours),
        "can_go_back": bool(walk.steps),
        "taken": len(walk.steps),
    }


def about(model: Roleplay) -> dict:
    """The fields every view of a scenario starts with."""
    return {
        "exercise": model.header.id,
        "title": model.header.title,
        "summary": model.summary,
        "setting": model.setting,
        "setting_label": SETTINGS[model.setting],
    }


def scenario(model: Roleplay) -> dict:
    """What the learner reads before the conversation starts."""
    p, prep = model.person, model.preparation
    return {
        **about(model),
        # not what matters to them: finding that out is the learner's task
        "person": {"name": p.name, "age": p.age, "conditions": list(p.conditions), "home_life": p.home_life},
        "carer": {"name": model.carer.name, "relationship": model.carer.relationship} if model.carer else None,
        "practitioner": {"role": model.practitioner.role, "notes": model.practitioner.notes},
        "preparation": {"summary": prep.summary, "results": list(prep.results), "prompts": list(prep.prompts)},
        "dimensions": dimensions_view(model),
    }
