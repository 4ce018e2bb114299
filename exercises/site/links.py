"""Turn a docs page path (house/roof.md) into a link from the page being built."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from ..definition import Header


def page_url(page: str) -> str:
    """The site path of a docs page with directory URLs: house/roof.md -> house/roof/."""
    return Header(id="", type="", title="", page=page).site_path


def relative_url(target: str, from_page: str) -> str:
    """A link from one docs page to another, as the built site needs it."""
    here = page_url(from_page)
    there = page_url(target)
    rel = posixpath.relpath("/" + there, "/" + here) if here else there
    if rel == ".":
        return "./"
    return rel if rel.endswith("/") or rel == "" else rel + "/"


def page_title(docs_dir: Path, page: str) -> str:
    """A page's title: front matter `title`, else its first heading, else its file name."""
    text = (docs_dir / page).read_text(encoding="utf-8")
    match = re.match(r"^---\s*\n(.*?)\n---\s*\n", text, re.S)
    if match:
        found = re.search(r"^title:\s*(.+?)\s*$", match.group(1), re.M)
        if found:
            return found.group(1).strip("'\"")
    heading = re.search(r"^#\s+(.+?)\s*$", text, re.M)
    if heading:
        return heading.group(1)
    return Path(page).stem.replace("-", " ").capitalize()


class Links:
    """Links from one page to other docs pages, with their titles."""

    def __init__(self, docs_dir: Path, from_page: str):
        self.docs_dir = docs_dir
        self.from_page = from_page

    def resolve(self, page: str) -> tuple[str, str]:
        return relative_url(page, self.from_page), page_title(self.docs_dir, page)
