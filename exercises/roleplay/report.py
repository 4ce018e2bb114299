"""The end-of-conversation report: scores as a share of what the best path earns, the ending, every choice
with its feedback, where a better choice was open, skills and habits in plain words, and the learner's
reflection.

`report` gives the data and, under "document", the report itself as headed sections of plain blocks. The
page draws the document; `render_file` writes the same document as plain text or Markdown, so what is on
screen, what prints and what is saved are one record. `turn` is `step` with each choice's kind (best,
acceptable or poor) and words for it.

"""

from __future__ import annotations

import re
from typing import Any

from . import skills as tags
from .engine import ChoiceError, Walk, detour_view, ending_view, read_choices, replay, step
from .model import HOUSE, STEPS, Choice, Dimension, Node, Roleplay
from .score import Step, best_path, scores_for, total

QUALITY_WORDS = {"good": "Good ending", "mixed": "Mixed ending", "poor": "Poor ending"}
LEVEL_WORDS = {"strong": "Strong", "some": "Some", "weak": "Needs work"}
REFLECTION_MAX = 4000
FINISHED = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
FORMATS = {"text": ".txt", "markdown": ".md"}


def quote(text: str, limit: int = 90) -> str:
    """A short quotation of what was said, cut at a word boundary."""
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    return f"“{text}”"


def count_points(n: int) -> str:
    return "1 point" if n == 1 else f"{n} points"


def points_view(score: int, best: int) -> dict:
    """A score as a share of what the best path earns: never a bare negative. "words" follows "You earned"."""
    earned = max(score, 0)
    if best <= 0:
        short, words = f"{earned} (the best path earns none)", f"{count_points(earned)}; the best path earns none here"
    elif score > best:
        short, words = f"{score} of {best}", f"{score} points, more than the {best} the best path earns"
    else:
        short, words = f"{earned} of {best}", f"{earned} of the {best} points the best path earns"
    if score < 0:
        short += " (lost more than it gained)"
        words += ": this path lost more points than it gained"
    return {"earned": earned, "of": max(best, 0), "lost_more": score < 0, "short": short, "words": words}


def changes(steps: list[Step], dim: str, sign: int) -> list[dict]:
    return [{"choice": c.id, "say": c.say, "change": c.effects[dim]}
            for _, c in steps if c.effects.get(dim, 0) * sign > 0]


def dimension_report(dim: Dimension, walk: Walk, best: int) -> dict:
    score = walk.scores[dim.id]
    helped, held_back = changes(walk.steps, dim.id, 1), changes(walk.steps, dim.id, -1)
    level = "strong" if score >= best else "some" if score > 0 else "weak"
    points = points_view(score, best)
    plain = f"You earned {points['words']}." + (" This is the part to work on." if level == "weak" else "")
    if helped:
        plain += " What helped: " + "; ".join(f"{quote(h['say'])} ({count_points(h['change'])})" for h in helped) + "."
    if held_back:
        plain += (" What held it back: " + "; ".join(f"{quote(h['say'])} (lost {count_points(-h['change'])})"
                                                    for h in held_back) + ".")
    if not helped and not held_back:
        plain += " None of your choices changed this score."
    return {
        "id": dim.id, "label": dim.label, "description": dim.description,
        "score": score, "min": dim.min, "max": dim.max, "best": best, "level": level,
        "points": points, "level_words": LEVEL_WORDS[level], "words": plain,
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




# ---- each choice's kind, skills and habits in plain words ------------------------------------


def choice_kind(node: Node, choice: Choice) -> tuple[str, str]:
    """Best, acceptable or poor, from the choice's mark and its total effect, with words for a learner."""
    if choice.best:
        return "best", "Best choice here"
    if choice.total >= 0:
        return "acceptable", "Acceptable, but a better choice was open" if node.best_choices else "Acceptable"
    return "poor", "Held the conversation back"


def turn(model: Roleplay, data: Any) -> dict:
    """`step`, with the kind of each choice taken so far and words for it."""
    view = step(model, data)
    for item in view["history"]:
        node = model.node(item["node"])
        item["kind"], item["kind_words"] = choice_kind(node, node.choice(item["choice"]))
    return view


def exchanges(model: Roleplay, walk: Walk) -> list[dict]:
    out = []
    for node, choice in walk.steps:
        kind, words = choice_kind(node, choice)
        out.append({"node": node.id, "speaker": model.speaker(node), "says": node.says, "context": node.context,
                    "choice": choice.id, "say": choice.say, "feedback": choice.feedback,
                    "kind": kind, "kind_words": words})
    return out


def skills_and_habits(steps: list[Step]) -> tuple[list[dict], list[dict]]:
    """Skills from the choices that helped; habits from the choices that were not the best."""
    used: dict[str, int] = {}
    habits: dict[str, int] = {}
    for _, c in steps:
        for tag in c.skills:
            if tags.is_habit(tag):
                if not c.best:
                    habits[tag] = habits.get(tag, 0) + 1
            elif c.best or c.total > 0:
                used[tag] = used.get(tag, 0) + 1

    def view(counts: dict[str, int]) -> list[dict]:
        return [{"id": tag, "phrase": tags.phrase(tag), "count": n,
                 "words": f"{tags.sentence(tags.phrase(tag))} ({tags.times(n)})"} for tag, n in counts.items()]
    return view(used), view(habits)


# ---- what the page sends besides the choices ---------------------------------------------------


def read_finished(data: dict) -> tuple[str | None, str]:
    """When the conversation ended, in the learner's local time ("2026-11-22T14:05"), and in words."""
    value = data.get("finished")
    if value is None or value == "":
        return None, ""
    found = FINISHED.fullmatch(value) if isinstance(value, str) else None
    year, month, day, hour, minute = map(int, found.groups()) if found else (0, 0, 0, 0, 0)
    if not found or not (1 <= month <= 12 and 1 <= day <= 31 and hour < 24 and minute < 60):
        raise ChoiceError("'finished' must be the local date and time the conversation ended, "
                          "such as 2026-11-22T14:05")
    return value, f"{day} {MONTHS[month - 1]} {year} at {hour:02d}:{minute:02d}"


def read_reflection(data: dict) -> str:
    """The learner's own words: plain text, at most REFLECTION_MAX characters, control characters dropped."""
    text = data.get("reflection")
    if text is None:
        return ""
    if not isinstance(text, str):
        raise ChoiceError("'reflection' must be text")
    if len(text) > REFLECTION_MAX:
        raise ChoiceError(f"the reflection is {len(text)} characters long; it can be at most {REFLECTION_MAX}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or (ch >= " " and ch != "\x7f")).strip()


# ---- the report as a document: headed sections of plain blocks -------------------------------


def para(text: str, style: str = "") -> dict:
    return {"kind": "paragraph", "text": text, "style": style}


def bullets(texts: list[str], marks: list[str] | None = None) -> dict:
    marks = marks or [""] * len(texts)
    return {"kind": "list", "items": [{"text": t, "mark": m} for t, m in zip(texts, marks)]}


def line(label: str, text: str, style: str = "") -> dict:
    return {"label": label, "text": text, "style": style}


def section(ident: str, heading: str, blocks: list[dict], level: int = 1) -> dict:
    return {"id": ident, "heading": heading, "level": level, "blocks": blocks}


REFLECTION_LABEL = "What will you take from this conversation into your practice? (optional)"
REFLECTION_HINT = ("Plain text. It is kept in this browser with your progress, and it is part of the report when "
                   "you print or save it. It is not sent anywhere.")
COLUMNS = ["Part", "Your points", "How you did", "Step", "Part of the house"]


def document(model: Roleplay, r: dict) -> dict:
    ending, compared = r["ending"], r["comparison"]
    about = [para(f"Role-play: {model.header.title}.")]
    if r["finished_words"]:
        about.append(para(f"Finished on {r['finished_words']}."))
    about.append(para(r["overview"]))
    sections = [
        section("about", "", about),
        section("ending", f"How it ended: {ending['title']} ({QUALITY_WORDS.get(ending['quality'], ending['quality'])})",
                [para(ending["what_happened"])]
                + [para(f"Why it ended here: {d['words']}", "detour") for d in r["detours"]]),
        section("plan", "The plan that came out of it", [bullets(ending["plan"])], level=2),
    ]
    if r["moments"]:
        sections.append(section("moments", "What this conversation looks for", [bullets(
            [f"{'Done' if m['happened'] else 'Not done'}: {m['label']}"
             + (" (a good ending needs this)" if m["essential"] else "") for m in r["moments"]],
            ["done" if m["happened"] else "not-done" for m in r["moments"]])]))
    sections.append(section("parts", "Each part of the conversation", [
        para("Each part's points are out of what the best path earns in that part."),
        {"kind": "scores", "columns": list(COLUMNS), "rows": [
            {"label": d["label"], "points": d["points"]["short"], "level": d["level"], "level_words": d["level_words"],
             "step_label": d["step_label"], "step_page": d["step_page"], "house_label": d["house_label"],
             "house_page": d["house_page"], "words": d["words"]} for d in r["dimensions"]]}]))
    missed = [d for d in compared["decisions"] if d["matched"] is False and d["best"]]
    if missed:
        sections.append(section("better", "Where a better choice was open", [{"kind": "entries", "items": [
            {"kind": "", "lines": [line(f"When {model.speaker(model.node(d['node']))} said", f"“{d['says']}”"),
                                   line("You said", f"“{d['you']['say']}”"),
                                   line("A better choice", f"“{d['best']['say']}”"),
                                   line("Why it helps", d["best"]["feedback"])]} for d in missed]}]))
    sections.append(section("skills", "Skills you used", [bullets([s["words"] for s in r["skills_used"]])]
                            if r["skills_used"] else [para("None of your choices was tagged with a skill.")]))
    sections.append(section("habits", "Habits to watch", [
        para("Habits in the choices that were not the best ones, and how often they came up."),
        bullets([h["words"] for h in r["habits"]])] if r["habits"] else [
        para("No habit to watch came up in your choices.")]))
    sections.append(section("conversation", "The conversation, with the feedback on each choice", [
        {"kind": "entries", "items": [
            {"kind": e["kind"], "lines": ([line("", e["context"], "context")] if e["context"] else [])
             + [line(f"{e['speaker']} said", f"“{e['says']}”"), line("You said", f"“{e['say']}”"),
                line(e["kind_words"], e["feedback"], "feedback")]} for e in r["exchanges"]]}]))
    sections.append(section("reflection", "Your reflection", [
        {"kind": "reflection", "label": REFLECTION_LABEL, "hint": REFLECTION_HINT, "text": r["reflection"],
         "empty": "Nothing written."}]))
    return {"heading": "Your report", "title": f"Your report: {model.header.title}", "sections": sections}


def report(model: Roleplay, data: Any) -> dict:
    taken = read_choices(data)
    finished, finished_words = read_finished(data)
    reflection = read_reflection(data)
    walk = replay(model, taken)
    if walk.ending is None:
        raise ChoiceError("the conversation has not ended yet, so there is no report: keep choosing until it ends")
    best_scores = scores_for(model, best_path(model)[0])
    compared = comparison(model, walk)
    ending = walk.ending
    detours = detour_view(walk.detours)
    why = " ".join(d["words"] for d in detours)
    points = points_view(compared["your_total"], compared["best_total"])
    overview = (f"You reached a {ending.quality} ending: “{ending.title}”. " + (f"{why} " if why else "")
                + f"In all, you earned {points['words']}. {compared['summary']}")
    used, habits = skills_and_habits(walk.steps)
    result = {
        "exercise": model.header.id,
        "title": model.header.title,
        "overview": overview,
        "choices": list(taken),
        "finished": finished,
        "finished_words": finished_words,
        "reflection": reflection,
        "ending": ending_view(ending, walk.happened),
        "detours": detours,
        "moments": moments(model, walk),
        "total": compared["your_total"],
        "best_total": compared["best_total"],
        "points": points,
        "dimensions": [dimension_report(d, walk, best_scores[d.id]) for d in model.dimensions],
        "transcript": transcript(model, walk),
        "exchanges": exchanges(model, walk),
        "skills_used": used,
        "habits": habits,
        "comparison": compared,
    }
    result["document"] = document(model, result)
    return result


# ---- the same document as a file: plain text or Markdown --------------------------------------

MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~]|&(?=#?\w+;))")
MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


def md(text: str) -> str:
    """Text shown as typed in Markdown: nothing in it can become a link, an image, HTML, a heading or a list."""
    text = MD_SPECIAL.sub(r"\\\1", text)
    found = MD_LINE_START.match(text)
    if found:
        start = found.end()
        text = text[:start] + "\\" + text[start:] if found.group(2)[0].isdigit() else \
            text[:found.start(2)] + "\\" + text[found.start(2):]
    return text


def render_file(r: dict, fmt: str) -> str:
    """The report's document as plain text or Markdown: the same sections, in the same order, as the page."""
    mark = fmt == "markdown"
    out: list[str] = []
    esc = md if mark else (lambda t: t)

    def heading(text: str, level: int) -> None:
        if mark:
            out.extend([f"{'#' * level} {md(text)}", ""])
        else:
            out.extend([text, "=" * len(text) if level == 1 else "-" * len(text) if level == 2 else "", ""]
                       if level < 3 else [text, ""])

    def lines_of(parts: list[dict], prefix: str) -> None:
        pad = " " * len(prefix)
        for i, part in enumerate(parts):
            label = (f"**{md(part['label'])}:** " if mark else f"{part['label']}: ") if part["label"] else ""
            text = esc(part["text"])
            if mark and part["style"] == "context":
                text = f"*{text}*"
            more = "\\" if mark and i < len(parts) - 1 else ""
            out.append(f"{prefix if i == 0 else pad}{label}{text}{more}")

    heading(r["document"]["title"], 1)
    for s in r["document"]["sections"]:
        if s["heading"]:
            heading(s["heading"], s["level"] + 1)
        for block in s["blocks"]:
            kind = block["kind"]
            if kind == "paragraph":
                out.append(esc(block["text"]))
            elif kind == "list":
                out.extend(f"- {esc(item['text'])}" for item in block["items"])
            elif kind == "scores":
                for row in block["rows"]:
                    lines_of([line("", f"{row['label']}: {row['points']}. How you did: {row['level_words']}."),
                              line("Step", f"{row['step_label']}. Part of the house: {row['house_label']}."),
                              line("", row["words"])], "- ")
            elif kind == "entries":
                for n, item in enumerate(block["items"], start=1):
                    lines_of(item["lines"], f"{n}. ")
                    out.append("")
                out.pop()
            elif kind == "reflection":
                out.extend([esc(block["label"]), ""])
                written = block["text"].split("\n") if block["text"] else [block["empty"]]
                if mark:
                    out.extend(f"{md(t)}\\" if i < len(written) - 1 and t.strip() and written[i + 1].strip()
                               else md(t) for i, t in enumerate(written))
                else:
                    out.extend(written)
            out.append("")
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def report_file(model: Roleplay, data: Any) -> dict:
    """The report as a file to keep: {"filename", "format", "text"}; data as for `report`, plus "format"
    ("text" or "markdown")."""
    fmt = data.get("format", "text") if isinstance(data, dict) else "text"
    if fmt not in FORMATS:
        raise ChoiceError(f"a report can be saved as {' or '.join(FORMATS)}, not '{str(fmt)[:20]}'")
    r = report(model, data)
    when = f"-{r['finished'][:10]}" if r["finished"] else ""
    return {"format": fmt, "filename": f"{r['exercise']}-report{when}{FORMATS[fmt]}", "text": render_file(r, fmt)}
