"""The trainer's view: the whole conversation as an outline, the best and weakest paths,
discussion questions, role cards for a live role-play, and an observer checklist."""

from __future__ import annotations

from .engine import about, dimensions_view, ending_view
from .model import SETTINGS, Ending, Roleplay
from .score import Step, best_path, scores_for, total, weakest_path

RATINGS = ["seen", "partly seen", "not seen"]


def node_order(model: Roleplay) -> list[str]:
    """Nodes in the order a conversation meets them (breadth first from the start), then any others."""
    order, todo = [model.start], [model.start]
    while todo:
        node = model.node(todo.pop(0))
        for c in node.choices if node else ():
            if model.node(c.next) and c.next not in order:
                order.append(c.next)
                todo.append(c.next)
    return order + [n.id for n in model.nodes if n.id not in order]


def short_words(text: str, limit: int = 56) -> str:
    """The first words of what someone says, cut at a word boundary: a label a trainer can read aloud."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return cut.rstrip(",.;:!?-–— ") + "…"


def outline(model: Roleplay, on_best: set[str]) -> list[dict]:
    """Every node in the order a conversation meets them, numbered from 1, each labelled by its own first words."""
    out = []
    for number, ident in enumerate(node_order(model), start=1):
        node = model.node(ident)
        out.append({
            "id": node.id, "number": number, "label": short_words(node.says),
            "speaker": model.speaker(node), "says": node.says, "context": node.context,
            "discussion": node.discussion, "on_best_path": node.id in on_best, "decision": len(node.choices) > 1,
            "choices": [{
                "id": c.id, "say": c.say, "next": c.next, "next_kind": "ending" if model.ending(c.next) else "node",
                "skills": list(c.skills), "feedback": c.feedback, "effects": dict(c.effects), "total": c.total,
                "best": c.best,
            } for c in node.choices],
        })
    return out


def path_view(model: Roleplay, steps: list[Step], ending: Ending | None) -> dict:
    scores = scores_for(model, steps)
    happened = model.happened(steps)
    return {
        "steps": [{"node": n.id, "speaker": model.speaker(n), "says": n.says, "choice": c.id, "say": c.say,
                   "feedback": c.feedback, "effects": dict(c.effects)} for n, c in steps],
        "choices": [c.id for _, c in steps],
        "ending": ending_view(ending, happened) if ending else None,
        "moments": sorted(happened),
        "scores": scores,
        "total": total(scores),
    }


def section(heading: str, *items: str) -> dict:
    return {"heading": heading, "items": [i for i in items if i]}


def role_cards(model: Roleplay) -> list[dict]:
    p, prep, pr = model.person, model.preparation, model.practitioner
    cards = [{
        "role": "person",
        "title": f"Playing {p.name}",
        "sections": [
            section("Who you are", f"{p.name}, aged {p.age}.", "Your conditions: " + "; ".join(p.conditions) + ".",
                    p.home_life),
            section("What matters to you", p.what_matters),
            section("What you received before the conversation", prep.summary, *prep.results),
            section("How to play it", p.role_notes,
                    "Say more when you are asked open questions and feel listened to. Say less, or just agree, "
                    "when you are told what to do or asked questions that only need a yes or a no.",
                    "Do not offer what matters most to you straight away: let the practitioner find it."),
        ],
    }]
    if model.carer:
        c = model.carer
        cards.append({
            "role": "carer",
            "title": f"Playing {c.name}",
            "sections": [section("Who you are", f"{c.name}, {p.name}'s {c.relationship}."),
                         section("How to play it", c.role_notes)],
        })
    cards.append({
        "role": "practitioner",
        "title": f"Playing the {pr.role.lower()}",
        "sections": [
            section("Who you are", f"{pr.role}. {SETTINGS[model.setting]}."),
            section("What you know before the conversation", pr.notes, prep.summary, *prep.results),
            section("Your task",
                    f"Have a care and support planning conversation with {p.name}: find out what matters to "
                    f"them, share information as partners, agree goals and actions in their words, and agree "
                    f"how you will follow up.",
                    "There is no script: listen, and respond to what you hear."),
        ],
    })
    cards.append({
        "role": "observer",
        "title": "Observing",
        "sections": [
            section("What to watch for", *(f"{d.label}: {d.description}" for d in model.dimensions)),
            section("How to give feedback",
                    "Start with what helped, quoting the practitioner's own words.",
                    "Then one or two things to try differently, again with examples.",
                    "Rate each line of the checklist: " + ", ".join(RATINGS) + "."),
        ],
    })
    return cards


def checklist(model: Roleplay) -> dict:
    items = []
    for d in dimensions_view(model):
        examples = [c.say for _, c in model.edges() if c.best and c.effects.get(d["id"], 0) > 0][:3]
        items.append({"dimension": d["id"], "label": d["label"], "look_for": d["description"],
                      "step": d["step"], "step_label": d["step_label"],
                      "house": d["house"], "house_label": d["house_label"], "examples": examples})
    return {"ratings": list(RATINGS), "items": items}


def guidance_view(model: Roleplay) -> dict | None:
    g = model.guidance
    if g is None:
        return None
    return {"checked": g.checked,
            "follows": [{"ref": i.ref, "title": i.title, "used_for": i.used_for, "url": i.url} for i in g.follows]}


def moments_view(model: Roleplay) -> list[dict]:
    out = []
    for m in model.moments:
        places = []
        for place in m.at:
            node_id, _, choice_id = place.partition(":")
            node = model.node(node_id)
            choice = node.choice(choice_id) if node and choice_id else None
            places.append({"node": node_id, "choice": choice_id, "says": node.says if node else "",
                           "say": choice.say if choice else ""})
        out.append({"id": m.id, "label": m.label, "essential": m.essential, "at": places})
    return out


def part_view(part) -> dict:
    return {"text": part.text, "if": part.when, "unless": part.unless}


def ending_outline(model: Roleplay, e: Ending) -> dict:
    """An ending with every variant of its words, what sends paths here, and where they are sent instead."""
    return {
        **ending_view(e, frozenset(m.id for m in model.moments)),
        "what_happened_parts": [part_view(p) for p in e.what_happened],
        "plan_parts": [part_view(p) for p in e.plan],
        "varies": any(p.when or p.unless for p in e.what_happened + e.plan),
        "claims": list(e.claims),
        "if_missed": [{"moment": m, "label": model.moment(m).label if model.moment(m) else m, "ending": t,
                       "ending_title": model.ending(t).title if model.ending(t) else t} for m, t in e.if_missed],
        "reached_from": [{"node": src, "choice": c.id} for src, c in model.edges() if c.next == e.id],
        "instead_of": [{"ending": other.id, "ending_title": other.title, "moment": m,
                        "label": model.moment(m).label if model.moment(m) else m}
                       for other in model.endings for m, t in other.if_missed if t == e.id],
    }


def trainer(model: Roleplay) -> dict:
    best_steps, best_ending = best_path(model)
    weak_steps, weak_ending = weakest_path(model)
    on_best = {n.id for n, _ in best_steps}
    nodes = outline(model, on_best)
    return {
        **about(model),
        "dimensions": dimensions_view(model),
        "start": model.start,
        "outline": nodes,
        "guidance": guidance_view(model),
        "moments": moments_view(model),
        "endings": [ending_outline(model, e) for e in model.endings],
        "best_path": path_view(model, best_steps, best_ending),
        "weakest_path": path_view(model, weak_steps, weak_ending),
        "discussion": [{"node": n["id"], "says": n["says"], "question": n["discussion"],
                        "on_best_path": n["on_best_path"]} for n in nodes if n["discussion"]],
        "role_cards": role_cards(model),
        "checklist": checklist(model),
    }
