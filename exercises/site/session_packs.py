"""Printable packs for each trainers' session plan, drawn at build time from the plan and the exercises it uses.

A page holding one of these markers on a line of its own gets the pack drawn in:
  [[trainer-pack: <id>]]      docs/trainers/sessions/<id>-trainer-pack.md
  [[participant-pack: <id>]]  docs/trainers/sessions/<id>-participant-pack.md

The trainer pack: a cover ("Trainer's copy: contains answers"), objectives, the preparation checklist, the
run-sheet with its notes and questions, then for each exercise the session uses, its answers or reference
(quiz answers with explanations; a role-play's scenario, best path, discussion questions, role cards and
observer checklist; an example plan's reference marking; the self-check's statements with next steps).

The participant pack: a cover, objectives, what we will do (titles and minutes, no notes), and handouts
without answers (role cards and the observer checklist; the quiz as questions with blank boxes; the plan
with a scoring sheet and no marking; the self-check on paper).

Every word is drawn by the plan's own drawing code (exercises.site.sessions) and each family's html.py;
nothing is copied by hand. The session reader checks that every exercise a plan names is of a type drawn
here (DRAWN_TYPES), so a plan the packs cannot draw stops the build naming its file and field.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from .links import Links
from .safe_markdown import text, text_with_links
from .sessions import (clock, duration, md_link, objectives_markdown, prepare_markdown, run_sheet_markdown,
                       segments_markdown)

DRAWN_TYPES = ("roleplay", "quiz", "plan-review", "plan-calibration", "readiness")
KINDS = ("trainer", "participant")
PACK_MARKER = re.compile(r"^\[\[(trainer|participant)-pack:[ \t]*([^\]\n]*?)[ \t]*\]\][ \t]*$", re.M)
WHAT = {"roleplay": "role-play", "quiz": "quiz", "plan-review": "example plan to score",
        "plan-calibration": "pooling the group's scores", "readiness": "self-check"}
PRINT_BUTTON = ('<p class="pack-print"><button type="button" class="md-button" data-print-page hidden>'
                "Print this pack</button></p>")


def used_exercises(session: dict) -> list[str]:
    """The exercises a session uses, each once, in the order the run-sheet first meets them."""
    seen: list[str] = []
    for segment in session["segments"]:
        for use in segment["use"]:
            if use["kind"] == "exercise" and use["ref"] not in seen:
                seen.append(use["ref"])
    return seen


def used_pages(session: dict) -> list[dict]:
    seen, out = set(), []
    for segment in session["segments"]:
        for use in segment["use"]:
            if use["kind"] == "page" and use["ref"] not in seen:
                seen.add(use["ref"])
                out.append(use)
    return out


def cover(session: dict, kind: str) -> list[str]:
    copy = ("Trainer's copy: contains answers. Keep it to yourself until the exercises are done."
            if kind == "trainer" else "Participant's copy: handouts, without answers.")
    return ['<div class="pack-cover" markdown="1">', "",
            f'<p class="pack-copy"><strong>{escape(copy)}</strong></p>', "",
            f"**Session:** {text(session['title'])}  ", f"**Length:** {duration(session['minutes'])}  ",
            f"**For:** {text_with_links(session['audience'])}", "",
            text_with_links(session["about"]), "", "</div>", "", PRINT_BUTTON, ""]


def what_we_will_do(session: dict) -> list[str]:
    out = ["## What we will do { #plan }", "", "Times are from the start of the session.", "",
           '<div class="pack-plan" markdown="1">', "",
           "| Start | Minutes | What happens | How |", "| --- | --- | --- | --- |"]
    out += [f"| {clock(s['start'])} | {s['minutes']} | {text(s['title'])} | {s['method']} |"
            for s in session["segments"]]
    return out + ["", "</div>", ""]


def pages_list(session: dict, from_page: str, heading: str) -> list[str]:
    pages = used_pages(session)
    if not pages:
        return []
    return [f"## {heading} {{ #pages }}", ""] + [f"- {md_link(p['page'], from_page, p['title'])}" for p in pages] + [""]


def handout_html(entry: Any, kind: str, links: Links) -> str:
    """One exercise's part of a pack, drawn by its family's own code."""
    model, kind_of = entry.model, entry.header.type
    ex = entry.header.id
    if kind_of == "roleplay":
        from ..roleplay import act
        from ..roleplay.html import render_cards, render_discussion, render_path, render_scenario
        view = act(model, "trainer", {})
        if kind == "participant":
            return render_cards(view, ex)
        return "\n".join([render_scenario(act(model, "scenario", {}), ex), render_path(view, ex, "best_path"),
                          render_discussion(view, ex), render_cards(view, ex)])
    if kind_of == "quiz":
        from ..quiz.html import render_answers, render_paper
        if kind == "participant":
            return render_paper(model)
        return f'<h3 id="{ex}-answers">Answers</h3>\n{render_answers(model, links)}'
    if kind_of == "plan-review":
        from ..plan_review.html import render_document, render_paper_form, render_reference
        if kind == "participant":
            return render_document(model) + "\n" + render_paper_form(model)
        return (f'<h3 id="{ex}-reference">Reference marking</h3>\n<p>The reference\'s overall view of this plan: '
                f"{escape(model.quality)}. The plan itself and a scoring sheet are in the participant pack.</p>\n"
                + render_reference(model))
    if kind_of == "plan-calibration":
        from ..plan_calibration.html import render_reading_guide
        if kind == "participant":
            return ("<p>Done together on the shared screen: there is nothing to fill in on paper. Make your score "
                    "code on the example plan's page when the trainer asks.</p>")
        return f'<h3 id="{ex}-reading">How to read the figures</h3>\n{render_reading_guide()}'
    if kind_of == "readiness":
        from ..readiness.html import render_next_steps, render_paper
        if kind == "participant":
            return f'<h3 id="{ex}-paper">The self-check on paper</h3>\n{render_paper(model)}'
        return (f'<h3 id="{ex}-steps">Statements and their next steps</h3>\n<p>When a statement is not yet true, '
                f"the result suggests its next step.</p>\n{render_next_steps(model, links)}")
    raise ValueError(f"the printable packs cannot draw a {kind_of} exercise ({ex})")  # the reader refuses these


def handouts(session: dict, kind: str, page: str, docs_dir: Path, entries: dict[str, Any]) -> list[str]:
    out = []
    links = Links(docs_dir, page)
    for ident in used_exercises(session):
        entry = entries[ident]
        header = entry.header
        what = WHAT[header.type]
        heading = f"{header.title} ({what})" + (": answers and handouts" if kind == "trainer" else "")
        out += [f"## {text(heading)} {{ #handout-{ident} }}", "",
                f"On the site: {md_link(header.page, page, header.title)}.", "",
                '<div class="pack-handout">', handout_html(entry, kind, links), "</div>", ""]
    return out


def pack_markdown(session: dict, kind: str, page: str, docs_dir: Path, entries: dict[str, Any]) -> str:
    out = cover(session, kind)
    if kind == "trainer":
        out += objectives_markdown(session) + prepare_markdown(session) + run_sheet_markdown(session, page)
        out += segments_markdown(session, page)
        out += handouts(session, kind, page, docs_dir, entries)
        out += pages_list(session, page, "Pages used in the session")
    else:
        out += objectives_markdown(session, "you") + what_we_will_do(session)
        out += handouts(session, kind, page, docs_dir, entries)
        out += pages_list(session, page, "To read on the site")
    return "\n".join(out)


def fill_packs(markdown: str, page: str, sessions: dict[str, dict] | None, docs_dir: Path,
               entries: dict[str, Any]) -> str:
    """Draw each [[trainer-pack: id]] and [[participant-pack: id]] marker; one naming no plan raises ValueError."""
    if sessions is None:
        return markdown

    def one(found: re.Match) -> str:
        kind, ident = found.groups()
        if ident not in sessions:
            known = ", ".join(sessions) or "none"
            raise ValueError(f"docs/{page}: [[{kind}-pack: {ident[:60]}]]: there is no session plan "
                             f"docs/data/sessions/{ident[:60]}.yml (known: {known})")
        return pack_markdown(sessions[ident], kind, page, Path(docs_dir), entries)

    return PACK_MARKER.sub(one, markdown)

