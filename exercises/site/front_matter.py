"""Check every page's front matter: who it is for, what it says, when it was reviewed, its sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .data_files import check_entry, read_mapping

AUDIENCES = ("trainers", "clinicians", "public")
REQUIRED = ("title", "description", "audience", "reviewed", "review_due", "sources")
MAX_DESCRIPTION = 200
SOURCE_FIELDS = ("title", "publisher", "date", "url", "note", "short", "primary")


def read_sources(path: Path) -> dict[str, dict]:
    """The source registry (docs/data/sources.yml): key -> {title, publisher, date, url, note}."""
    data = read_mapping(path, "source list")
    problems: list[str] = []
    for key, entry in data.items():
        if not isinstance(entry, dict):
            problems.append(f"{path}: {key}: expected a mapping with title and publisher")
            continue
        check_entry(entry, f"{path}: {key}", SOURCE_FIELDS, ("title", "publisher"), problems)
        url = entry.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith("https://")):
            problems.append(f"{path}: {key}.url: must be a full https:// address")
    if problems:
        raise ValueError("\n".join(problems))
    return data


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def check(page: str, meta: dict, source_keys: set[str], today: dt.date) -> tuple[list[str], list[str]]:
    """Returns (problems that stop the build, warnings), each naming the page and the field."""
    problems: list[str] = []
    warnings: list[str] = []
    where = f"docs/{page}"

    def problem(field: str, message: str) -> None:
        problems.append(f"{where}: front matter '{field}': {message}")

    for field in REQUIRED:
        # A page that states no facts may say so with `sources: []`; every other field needs a value.
        if field not in meta or (field != "sources" and meta.get(field) in (None, "", [])):
            problem(field, "is required but missing")
    for field in ("title", "description"):
        value = meta.get(field)
        if value not in (None, "") and not isinstance(value, str):
            problem(field, "must be text")
    description = meta.get("description")
    if isinstance(description, str) and len(description) > MAX_DESCRIPTION:
        problem("description", f"is {len(description)} characters; keep it under {MAX_DESCRIPTION}")

    audience = meta.get("audience")
    if audience not in (None, "", []):
        if not isinstance(audience, list) or not all(isinstance(a, str) for a in audience):
            problem("audience", f"must be a list drawn from {', '.join(AUDIENCES)}")
        else:
            for a in audience:
                if a not in AUDIENCES:
                    problem("audience", f"'{a}' is not an audience; use {', '.join(AUDIENCES)}")

    dates = {}
    for field in ("reviewed", "review_due"):
        value = meta.get(field)
        if value in (None, ""):
            continue
        date = as_date(value)
        if date is None:
            problem(field, f"'{value}' is not a date; write it as YYYY-MM-DD")
        else:
            dates[field] = date
    if "reviewed" in dates and "review_due" in dates:
        if dates["review_due"] <= dates["reviewed"]:
            problem("review_due", "must be after 'reviewed'")
        elif dates["review_due"] < today:
            warnings.append(f"{where}: review overdue: it was due on {dates['review_due'].isoformat()}")
    if "reviewed" in dates and dates["reviewed"] > today:
        problem("reviewed", f"{dates['reviewed'].isoformat()} is in the future")

    sources = meta.get("sources")
    if sources not in (None, "", []):
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            problem("sources", "must be a list of source keys from docs/data/sources.yml")
        else:
            for key in sources:
                if key not in source_keys:
                    problem("sources", f"'{key}' is not a key in docs/data/sources.yml")
    return problems, warnings
