"""Collect the front-matter problems of every page, so one build reports them all at once."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from . import front_matter
from .local_details import read_local


class PageChecks:
    def __init__(self, docs_dir: Path, today: dt.date | None = None):
        self.sources = front_matter.read_sources(Path(docs_dir) / "data" / "sources.yml")
        self.local = read_local(Path(docs_dir) / "data" / "local.yml")
        self.today = today or dt.date.today()
        self.problems: list[str] = []

    def page(self, src: str, meta: dict) -> None:
        problems, warnings = front_matter.check(src, meta, set(self.sources), self.today)
        self.problems += problems
        for warning in warnings:  # printed, not logged: an overdue review must not fail a strict build
            print(f"Warning: {warning}", file=sys.stderr)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValueError("pages have front matter problems:\n" + "\n".join(f"  {p}" for p in self.problems))

    def cited(self, keys: list[str]) -> list[dict]:
        """The sources a page cites, in its order, for the 'Sources for this page' list."""
        return [{"key": k, **self.sources[k]} for k in keys if k in self.sources]
