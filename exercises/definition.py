"""The fields every exercise definition shares, and loading a definition of any type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .fields import Fields

PAGE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9/_-]*\.md$")


@dataclass(frozen=True)
class Header:
    id: str
    type: str
    title: str
    page: str  # the Markdown page (relative to docs/) that holds the exercise

    @property
    def site_path(self) -> str:
        """The page's path on the built site, e.g. 'exercises/parts-of-the-house/'."""
        stem = self.page[: -len(".md")]
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"


def read_page_path(fields: Fields, key: str, required: bool = True) -> str:
    value = fields.text(key, required)
    if value and (not PAGE_PATTERN.match(value) or ".." in value.split("/")):
        fields.report(
            fields.path + (key,),
            f"'{value}' is not a page path: give the Markdown file relative to docs/, e.g. house/roof.md",
        )
    return value


def load_definition(data: Any) -> tuple[Any, list[tuple[tuple, str]]]:
    """Validate a parsed definition; returns (model or None, [(path, message), ...])."""
    from .registry import KNOWN_TYPES, MODULES, family

    problems: list[tuple[tuple, str]] = []

    def report(path: tuple, message: str) -> None:
        problems.append((path, message))

    fields = Fields(data, (), report)
    header = Header(
        id=fields.ident("id"),
        type=fields.text("type"),
        title=fields.text("title", max_length=200),
        page=read_page_path(fields, "page"),
    )
    handler = family(header.type) if isinstance(header.type, str) else None
    if handler is None:
        if header.type:
            known = ", ".join(t for t in KNOWN_TYPES)
            available = ", ".join(MODULES)
            report(("type",), f"unknown exercise type '{header.type}' (types: {known}; this version runs: {available})")
        return None, problems
    model = handler.load(fields, header)
    fields.done()
    return (model if not problems else None), problems
