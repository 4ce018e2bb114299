"""The Sources page's list of sources, written from docs/data/sources.yml (the one place they live).

In docs/sources.md, a line `[[source-list: primary]]` or `[[source-list: secondary]]` becomes that
group of sources, each under a heading whose anchor is its key (pages link to sources/#<key>).
"""

from __future__ import annotations

import re

from .safe_markdown import link, text

MARKER = re.compile(r"^\[\[source-list:[ \t]*(primary|secondary)[ \t]*\]\][ \t]*$", re.M)


def entry_markdown(key: str, source: dict) -> str:
    """Every value is shown as typed (escaped); the key was checked to be a plain slug."""
    lines = [f"### {text(source.get('short') or source['title'])} {{ #{key} }}", "",
             "Title", f":   {text(source['title'])}", "",
             "Publisher", f":   {text(source['publisher'])}", "",
             "Date", f":   {text(source.get('date') or 'not stated')}", ""]
    if source.get("url"):
        lines += ["Address", f":   {link(source['url'])}", ""]
    if source.get("note"):
        lines += ["About this source", f":   {text(source['note'])}", ""]
    return "\n".join(lines)


def fill_source_lists(markdown: str, sources: dict[str, dict]) -> str:
    def group(match: re.Match) -> str:
        primary = match.group(1) == "primary"
        return "\n".join(entry_markdown(k, s) for k, s in sources.items() if bool(s.get("primary")) == primary)

    return MARKER.sub(group, markdown)
