"""Reading the site's data files (docs/data/*.yml): every problem names the file, the line and the field.

Files are read by the one safe YAML reader (`exercises.yaml_source`): no aliases, no duplicate keys, no
deep nesting, at most 512 KB, UTF-8 text without control characters.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..fields import type_name
from ..yaml_source import MAX_BYTES, YamlProblem, line_for, read_yaml

# The line of every field of each data file read so far (by the file's name as given), so that a problem
# found later while checking an entry can name its line.
_LINES: dict[str, dict[tuple, int]] = {}
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def read_data(path: Path, what: str) -> tuple[dict, dict[tuple, int]]:
    """The file's top-level mapping and the line of each field; any problem raises ValueError naming
    the file, the line and the field."""
    try:
        data, lines = read_yaml(Path(path), what=f"{what} file", max_bytes=MAX_BYTES)
    except FileNotFoundError as exc:
        raise ValueError(f"{path}: the {what} file is missing") from exc
    except YamlProblem as exc:
        raise ValueError(exc.shown_for(str(path))) from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}:1: (top level): expected a mapping ({what}), found {type_name(data)}")
    _LINES[str(path)] = lines
    return data, lines


def read_mapping(path: Path, what: str) -> dict:
    """The file's top-level mapping; a missing file, bad YAML or another shape raises ValueError."""
    return read_data(path, what)[0]


def place(where: str, field: str | None = None) -> str:
    """`file: entry` (and a field) as `file:line: entry.field`, when the file was read here and the line is known."""
    name, _, entry = where.partition(": ")
    lines = _LINES.get(name)
    full = f"{entry}.{field}" if field and entry else (field or entry)
    if lines is None or not full:
        return f"{where}.{field}" if field else where
    path = tuple(int(index) if index else key for key, index in _PART.findall(full))
    line = lines.get(path) or line_for(path, lines)
    return f"{name}:{line}: {full}" if line else f"{name}: {full}"


def as_typed(field: str, value: Any) -> str:
    """A hint for a value YAML read as something other than text (a number, a date, true/false)."""
    if isinstance(value, (int, float)) or hasattr(value, "isoformat"):
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        return f'; put it in quotes, for example {field}: "{shown}"'
    return ""


def check_entry(entry: dict, where: str, known, required, problems: list[str], max_length: int | None = None) -> None:
    """Report unknown fields, and required fields that are missing, not text, empty or too long."""
    for field in entry:
        if field not in known:
            problems.append(f"{place(where, str(field))}: unknown field (known: {', '.join(sorted(known))})")
    for field in required:
        value = entry.get(field)
        if value is None:
            problems.append(f"{place(where, field)}: this field is required but missing")
        elif not isinstance(value, str):
            problems.append(f"{place(where, field)}: expected text, found {type_name(value)}"
                            f"{as_typed(field, value)}")
        elif not value.strip():
            problems.append(f"{place(where, field)}: this field is required but empty")
        elif max_length is not None and len(value) > max_length:
            problems.append(f"{place(where, field)}: longer than {max_length} characters")
