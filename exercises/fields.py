"""Read fields from a parsed definition, collecting problems instead of stopping at the first.

Every exercise type's loader uses a `Fields` for each mapping it reads, so that each problem
names the place in the file (``questions[2].answer``) and what is wrong with it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

from .problems import format_where

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

Report = Callable[[tuple, str], None]


def type_name(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a whole number",
        float: "a number",
        type(None): "nothing",
        dt.date: "a date",
        dt.datetime: "a date and time",
    }.get(type(value), type(value).__name__)


class Fields:
    """A mapping being read at `path`; unknown keys are reported by `done()`."""

    def __init__(self, data: Any, path: tuple, report: Report):
        self.path = path
        self.report = report
        self.seen: set[str] = set()
        if isinstance(data, dict):
            self.data = data
            self.ok = True
        else:
            self.data = {}
            self.ok = False
            report(path, f"expected a mapping of fields, found {type_name(data)}")

    def _get(self, key: str, required: bool) -> tuple[bool, Any]:
        self.seen.add(key)
        if key not in self.data or self.data[key] is None:
            if required and self.ok:
                self.report(self.path + (key,), "this field is required but missing")
            return False, None
        return True, self.data[key]

    def text(self, key: str, required: bool = True, default: str = "", max_length: int = 4000) -> str:
        present, value = self._get(key, required)
        if not present:
            return default
        if not isinstance(value, str):
            self.report(self.path + (key,), f"expected text, found {type_name(value)}")
            return default
        value = value.strip()
        if required and not value:
            self.report(self.path + (key,), "must not be empty")
        if len(value) > max_length:
            self.report(self.path + (key,), f"is {len(value)} characters long; the limit is {max_length}")
        return value

    def ident(self, key: str, required: bool = True) -> str:
        value = self.text(key, required, max_length=80)
        if value and not ID_PATTERN.match(value):
            self.report(
                self.path + (key,),
                f"'{value}' is not a valid id: use lower-case letters, digits and single hyphens",
            )
        return value

    def integer(self, key: str, required: bool = True, default: int = 0, minimum: int | None = None,
                maximum: int | None = None) -> int:
        present, value = self._get(key, required)
        if not present:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(self.path + (key,), f"expected a whole number, found {type_name(value)}")
            return default
        if minimum is not None and value < minimum:
            self.report(self.path + (key,), f"{value} is below the minimum of {minimum}")
        if maximum is not None and value > maximum:
            self.report(self.path + (key,), f"{value} is above the maximum of {maximum}")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        present, value = self._get(key, False)
        if not present:
            return default
        if not isinstance(value, bool):
            self.report(self.path + (key,), f"expected true or false, found {type_name(value)}")
            return default
        return value

    def items(self, key: str, required: bool = True, min_items: int = 0) -> list[tuple[tuple, Any]]:
        """A list field: returns (path, item) pairs so callers can report inside items."""
        present, value = self._get(key, required)
        if not present:
            return []
        if not isinstance(value, list):
            self.report(self.path + (key,), f"expected a list, found {type_name(value)}")
            return []
        if len(value) < min_items:
            self.report(self.path + (key,), f"needs at least {min_items} item(s), found {len(value)}")
        return [(self.path + (key, i), item) for i, item in enumerate(value)]

    def mapping(self, key: str, required: bool = True) -> "Fields":
        present, value = self._get(key, required)
        return Fields(value if present else {}, self.path + (key,), self.report)

    def raw(self, key: str, required: bool = False) -> Any:
        return self._get(key, required)[1]

    def done(self) -> None:
        """Report every key that no reader asked for (usually a typo)."""
        for key in self.data:
            if key not in self.seen:
                known = ", ".join(sorted(self.seen))
                self.report(self.path + (str(key),), f"unknown field '{key}' (known fields here: {known})")


def where(path: tuple) -> str:
    return format_where(path)


def unique_ids(entries: list[tuple[tuple, str]], report: Report, what: str) -> None:
    """Report every id that appears more than once."""
    seen: dict[str, tuple] = {}
    for path, ident in entries:
        if not ident:
            continue
        if ident in seen:
            report(path, f"duplicate {what} id '{ident}' (first used at {format_where(seen[ident])})")
        else:
            seen[ident] = path


def texts(f: Fields, key: str, required: bool = True, max_length: int = 300) -> tuple[str, ...]:
    """A list of short texts; a single text is accepted as a list of one."""
    value = f.raw(key)
    if isinstance(value, str):
        entries = [(f.path + (key,), value)]
    else:
        entries = f.items(key, required, min_items=1 if required else 0)
    out = []
    for path, item in entries:
        if not isinstance(item, str) or not item.strip():
            f.report(path, "expected a line of text")
        elif len(item.strip()) > max_length:
            f.report(path, f"is {len(item.strip())} characters long; the limit is {max_length}")
        else:
            out.append(item.strip())
    return tuple(out)


def one_of(f: Fields, key: str, allowed, what: str) -> str:
    value = f.text(key)
    if value and value not in allowed:
        f.report(f.path + (key,), f"'{value}' is not a {what}: use one of {', '.join(allowed)}")
    return value
