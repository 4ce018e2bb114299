"""The Sources page's list of sources, written from docs/data/sources.yml (the one place they live).

In docs/sources.md, a line `[[source-list: primary]]` or `[[source-list: secondary]]` becomes that
group of sources, each under a heading whose anchor is its key (pages link to sources/#<key>).
"""

from __future__ import annotations

import re

MARKER = re.compile(r"^\[\[source-list:\s*(primary|secondary)\s*\]\]\s*$", re.M)


def entry_markdown(key: str, source: dict) -> str:
    lines = [f"### {source.get('short') or source['title']} {{ #{key} }}", "",
             "Title", f":   {source['title']}", "",
             "Publisher", f":   {source['publisher']}", "",
             "Date", f":   {source.get('date') or 'not stated'}", ""]
    if source.get("url"):
        lines += ["Address", f":   <{source['url']}>", ""]
    if source.get("note"):
        lines += ["About this source", f":   {' '.join(str(source['note']).split())}", ""]
    return "\n".join(lines)


def fill_source_lists(markdown: str, sources: dict[str, dict]) -> str:
    def group(match: re.Match) -> str:
        primary = match.group(1) == "primary"
        return "\n".join(entry_markdown(k, s) for k, s in sources.items() if bool(s.get("primary")) == primary)

    return MARKER.sub(group, markdown)
