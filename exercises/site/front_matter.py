"""Check every page's front matter: who it is for, what it says, when it was reviewed, its sources.

A page's front matter is read by the one safe YAML reader (`read_front_matter`), so a bad date, an alias
or a stray byte is named with its page, line and field instead of making every field look missing.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..fields import type_name
from ..yaml_source import ALIASES_REFUSED, MAX_DEPTH, YamlProblem, decode, parse_yaml, size_text
from .data_files import as_typed, check_entry, place, read_mapping

AUDIENCES = ("trainers", "clinicians", "public")
REQUIRED = ("title", "description", "audience", "reviewed", "review_due", "sources")
MAX_DESCRIPTION = 200
SOURCE_FIELDS = ("title", "publisher", "date", "url", "note", "short", "primary")
SOURCE_TEXT = ("url", "note", "short")  # optional text fields; title and publisher are required text
MAX_FRONT_MATTER = 64 * 1024
OPENING = re.compile(rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n")
CLOSING = re.compile(rb"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


def read_sources(path: Path) -> dict[str, dict]:
    """The source registry (docs/data/sources.yml): key -> {title, publisher, date, url, note}."""
    data = read_mapping(path, "source list")
    problems: list[str] = []
    for key, entry in data.items():
        where = f"{path}: {key}"
        if not isinstance(entry, dict):
            problems.append(f"{place(where)}: expected a mapping with title and publisher, found {type_name(entry)}")
            continue
        check_entry(entry, where, SOURCE_FIELDS, ("title", "publisher"), problems)
        for field in SOURCE_TEXT:
            value = entry.get(field)
            if value is not None and not isinstance(value, str):
                problems.append(f"{place(where, field)}: expected text, found {type_name(value)}"
                                f"{as_typed(field, value)}")
        date = entry.get("date")
        if date is not None and not isinstance(date, (str, dt.date)):
            problems.append(f"{place(where, 'date')}: expected a date or words such as \"not stated\", found "
                            f"{type_name(date)}{as_typed('date', date)}")
        primary = entry.get("primary")
        if primary is not None and not isinstance(primary, bool):
            problems.append(f"{place(where, 'primary')}: expected true or false, found {type_name(primary)}")
        url = entry.get("url")
        if isinstance(url, str) and not url.startswith("https://"):
            problems.append(f"{place(where, 'url')}: must be a full https:// address")
    if problems:
        raise ValueError("\n".join(problems))
    return data


def read_front_matter(path: Path, page: str, lines: dict | None = None) -> tuple[dict | None, list[str]]:
    """A page's front matter, read safely: (the fields, []) or (None, [problem naming page, line and field]).

    A page without front matter gives ({}, []): `check` then names each missing field. Given a dict as
    `lines`, fills it with the line of each field."""
    where = f"docs/{page}"
    try:
        with open(path, "rb") as handle:
            head = handle.read(MAX_FRONT_MATTER + 4096)
    except OSError as exc:
        return None, [f"{where}: cannot be read ({exc.strerror or exc})"]
    opening = OPENING.match(head)
    if not opening:
        return {}, []
    closing = CLOSING.search(head, opening.end())
    if closing is None or closing.start() - opening.end() > MAX_FRONT_MATTER:
        if len(head) > MAX_FRONT_MATTER:
            return None, [f"{where}:1: front matter: is longer than the limit of {size_text(MAX_FRONT_MATTER)} (or "
                          f"has no closing '---' line): shorten it"]
        return None, [f"{where}:1: front matter: has no closing '---' line"]
    try:
        text = decode(head[opening.end():closing.start()], first_line=2)
        meta, found = parse_yaml(text, first_line=2, what="page's front matter", max_bytes=MAX_FRONT_MATTER)
    except YamlProblem as exc:
        field = "" if exc.where in ("(file)", "(top level)") else f" '{exc.where}'"
        return None, [f"{where}:{exc.line or 2}: front matter{field}: {exc.message}"]
    if lines is not None:
        lines.update(found)
    if meta is None:
        return {}, []
    if not isinstance(meta, dict):
        return None, [f"{where}:2: front matter: expected fields such as 'title: ...', found {type_name(meta)}"]
    return meta, []


def check_page(docs_dir: Path, page: str, source_keys: set[str], today: dt.date) -> tuple[list[str], list[str]]:
    """Read a page's front matter safely and check it: (problems that stop the build, warnings)."""
    lines: dict[tuple, int] = {}
    meta, problems = read_front_matter(Path(docs_dir) / page, page, lines)
    if meta is None:
        return problems, []
    return check(page, meta, source_keys, today, lines)


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


def shape_problem(value: Any) -> str | None:
    """For fields read by another YAML reader (MkDocs's): a list or mapping met twice means an alias was used
    (a few lines of them can expand to billions of items), and nesting is bounded. Walked without recursion,
    each list or mapping once."""
    seen: set[int] = set()
    todo = [(value, 1)]
    while todo:
        item, depth = todo.pop()
        if not isinstance(item, (dict, list)):
            continue
        if id(item) in seen:
            return ALIASES_REFUSED
        seen.add(id(item))
        if depth > MAX_DEPTH:
            return f"is nested more than {MAX_DEPTH} levels deep; the limit is {MAX_DEPTH}"
        todo.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return None


def check(page: str, meta: dict, source_keys: set[str], today: dt.date,
          lines: dict | None = None) -> tuple[list[str], list[str]]:
    """Returns (problems that stop the build, warnings), each naming the page and the field (and its line,
    given the lines `read_front_matter` found)."""
    problems: list[str] = []
    warnings: list[str] = []
    where = f"docs/{page}"

    def problem(field: str, message: str) -> None:
        line = (lines or {}).get((field,))
        problems.append(f"{where}{f':{line}' if line else ''}: front matter '{field}': {message}")

    for field, value in meta.items():
        wrong = shape_problem(value)
        if wrong:
            problem(str(field), wrong)
    if problems:
        return problems, warnings

    for field in REQUIRED:
        # A page that states no facts may say so with `sources: []`; every other field needs a value.
        value = meta.get(field)
        if value is None or (isinstance(value, str) and not value.strip()) or (field == "audience" and value == []):
            problem(field, "is required but missing")
    for field in ("title", "description"):
        value = meta.get(field)
        if value is not None and not isinstance(value, str):
            problem(field, f"must be text, found {type_name(value)}")
    description = meta.get("description")
    if isinstance(description, str) and len(description) > MAX_DESCRIPTION:
        problem("description", f"is {len(description)} characters; keep it under {MAX_DESCRIPTION}")

    audience = meta.get("audience")
    if audience not in (None, "", []):
        if not isinstance(audience, list) or not all(isinstance(a, str) for a in audience):
            problem("audience", f"must be a list drawn from {', '.join(AUDIENCES)}, found {type_name(audience)}"
                                + (" holding something other than text" if isinstance(audience, list) else ""))
        else:
            for a in audience:
                if a not in AUDIENCES:
                    problem("audience", f"'{a[:80]}' is not an audience; use {', '.join(AUDIENCES)}")

    dates = {}
    for field in ("reviewed", "review_due"):
        value = meta.get(field)
        if value in (None, ""):
            continue
        date = as_date(value)
        if date is None and isinstance(value, str):
            problem(field, f"'{value[:80]}' is not a date; write it as YYYY-MM-DD")
        elif date is None:
            problem(field, f"expected a date written YYYY-MM-DD, found {type_name(value)}")
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
            problem("sources", f"must be a list of source keys from docs/data/sources.yml, found {type_name(sources)}"
                               + (" holding something other than text" if isinstance(sources, list) else ""))
        else:
            for key in sources:
                if key not in source_keys:
                    problem("sources", f"'{key[:80]}' is not a key in docs/data/sources.yml")
    return problems, warnings
