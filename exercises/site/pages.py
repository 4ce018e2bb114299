"""Replace each exercise marker in a built page with the exercise drawn as HTML.

Authors write, on a line of its own in a Markdown page:   [[exercise: parts-of-the-house]]
"""

from __future__ import annotations

import importlib
import re
from html import escape
from pathlib import Path

from ..catalogue import Entry
from ..problems import Problem
from .links import Links, relative_url

MARKER = re.compile(r"<p>\s*\[\[\s*exercise:\s*([^\]\s]*)\s*\]\]\s*</p>")
LOOSE_MARKER = re.compile(r"\[\[\s*exercise:")
CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)  # markers shown as examples in code are left alone


class PageError(Exception):
    pass


def exercise_html(entry: Entry, links: Links) -> str:
    root = relative_url("index.md", links.from_page)
    header = entry.header
    family = importlib.import_module(f"exercises.{header.type.replace('-', '_')}.html")
    body = family.render_html(entry.model, links)
    payload = entry.as_json().replace("<", "\\u003c")  # "<" only occurs inside JSON strings; never "</script>"
    ex = escape(header.id)
    return (
        f'<section class="exercise exercise--{escape(header.type)}" data-exercise="{ex}" '
        f'data-exercise-type="{escape(header.type)}" data-site-root="{escape(root)}" '
        f'aria-labelledby="{ex}-title">\n'
        f'<h2 class="exercise__title" id="{ex}-title">Exercise: {escape(header.title)}</h2>\n'
        f'<div class="exercise__status" data-status role="status" aria-live="polite"></div>\n'
        f'<noscript><p class="exercise__noscript">This exercise checks your answers with JavaScript, which is '
        f'turned off. You can still answer on paper and use the answers at the end.</p></noscript>\n'
        f'<div class="exercise__fallback admonition warning" data-fallback hidden>'
        f'<p class="admonition-title">The interactive exercise could not start</p>'
        f'<p data-fallback-reason></p>'
        f'<p>You can still do this exercise on paper: print this page; the end of the exercise has the answers '
        f'and feedback. <button type="button" class="md-button" data-print>Print this exercise</button></p>'
        f'</div>\n'
        f"{body}\n"
        f'<script type="application/json" data-definition>{payload}</script>\n'
        f"</section>"
    )


def render_markers(html: str, page: str, docs_dir: Path, entries: dict[str, Entry]) -> tuple[str, list[str]]:
    """Returns the page with exercises drawn in, and the ids of the exercises it now holds."""
    found: list[str] = []

    def replace(match: re.Match) -> str:
        ident = match.group(1)
        entry = entries.get(ident)
        if entry is None:
            known = ", ".join(sorted(entries)) or "none"
            raise PageError(f"docs/{page}: exercise marker names '{ident}', but there is no exercise with that id "
                            f"(exercises: {known})")
        if entry.header.page != page:
            raise PageError(f"docs/{page}: exercise '{ident}' belongs on docs/{entry.header.page} "
                            f"(its definition's 'page' field)")
        found.append(ident)
        return exercise_html(entry, Links(docs_dir, page))

    html = MARKER.sub(replace, html)
    if LOOSE_MARKER.search(CODE.sub("", html)):
        raise PageError(f"docs/{page}: an exercise marker is malformed; write it alone on its own line as "
                        f"[[exercise: the-id]]")
    return html, found


def check_every_exercise_placed(entries: dict[str, Entry], placed: dict[str, str]) -> list[Problem]:
    return [
        Problem(str(e.file), "page", f"exercise '{ident}' is not on any page: add [[exercise: {ident}]] "
                                     f"to docs/{e.header.page}")
        for ident, e in sorted(entries.items()) if ident not in placed
    ]
