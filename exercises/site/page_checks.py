"""Collect the front-matter problems of every page, so one build reports them all at once."""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
from pathlib import Path

from . import front_matter
from .local_details import read_local

def attribute(text: str) -> str:
    """Escaped for the theme's templates, which print values as they stand (in text or in a "..." attribute)."""
    return html.escape(text, quote=False).replace('"', "&quot;")


SOURCE_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


class PageChecks:
    def __init__(self, docs_dir: Path, today: dt.date | None = None):
        path = Path(docs_dir) / "data" / "sources.yml"
        self.sources = front_matter.read_sources(path)
        bad = [str(k)[:60] for k in self.sources if not SOURCE_KEY.match(str(k))]
        if bad:
            raise ValueError("\n".join(f"{path}: {k}: a source's key is its address on the sources page: use "
                                        f"lower-case letters, digits and hyphens only" for k in bad))
        self.local = read_local(Path(docs_dir) / "data" / "local.yml")
        self.docs_dir = Path(docs_dir)
        self.today = today or dt.date.today()
        self.problems: list[str] = []

    def page(self, src: str, meta: dict) -> None:
        # Read from the file by the safe reader, so a problem names the page, the line and the field.
        problems, warnings = front_matter.check_page(self.docs_dir, src, set(self.sources), self.today)
        self.problems += problems
        # The theme writes the description into an attribute as it stands: escape it here, so a quote or a
        # "<" in it is shown as typed and cannot end the tag.
        if isinstance(meta.get("description"), str):
            meta["description"] = attribute(meta["description"])
        for warning in warnings:  # printed, not logged: an overdue review must not fail a strict build
            print(f"Warning: {warning}", file=sys.stderr)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValueError("pages have front matter problems:\n" + "\n".join(f"  {p}" for p in self.problems))

    def cited(self, keys: list[str]) -> list[dict]:
        """The sources a page cites, in its order, for the 'Sources for this page' list."""
        shown = ("title", "publisher", "date")
        return [{"key": k, **{f: attribute(str(self.sources[k].get(f) or "")) for f in shown}}
                for k in keys if isinstance(k, str) and k in self.sources]
