"""Hostile YAML never hangs and never slips through: for every format the site reads (a quiz, a role-play,
the source list, the local details, a page's front matter), each hostile file is refused with a message
naming the file, the line and the field, and the check does not hang (it runs in a process that is
stopped after a generous timeout).

Each case changes one good file at one field (the "target" line) or adds a field `lol` at its end.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from hostile import FILES, HANG, ROOT

DOCS = ROOT / "docs"


@dataclass(frozen=True)
class Format:
    kind: str  # definition, sources, local or page
    base: Path
    name: str  # where the hostile copy is written, below the test's folder
    target: str  # the start of the line whose value each case changes
    field: str  # that field, as messages name it
    wrong_type: str  # what is said of a list given there


FORMATS = {
    "quiz": Format("definition", ROOT / "exercises/content/quiz/parts-of-the-house.yaml", "quiz.yaml", "id: ", "id",
                   "expected text, found a list"),
    "roleplay": Format("definition", ROOT / "exercises/content/roleplay/diabetes-review.yaml", "roleplay.yaml",
                       "  age: ", "person.age", "expected a whole number, found a list"),
    "sources": Format("sources", DOCS / "data/sources.yml", "sources.yml", "  title: ", "scotland-hoc.title",
                      "expected text, found a list"),
    "local": Format("local", DOCS / "data/local.yml", "local.yml", "    how: ", "model_of_care[0].how",
                    "expected text, found a list"),
    "page": Format("page", DOCS / "house/roof.md", "docs/house/roof.md", "title: ", "title",
                   "must be text, found a list"),
}

READERS = {
    "sources": "from exercises.site.front_matter import read_sources as read\n",
    "local": "from exercises.site.local_details import read_local as read\n",
}
READ_DATA = """import sys
from pathlib import Path
{reader}
try:
    read(Path(sys.argv[1]))
except ValueError as exc:
    print(exc)
"""
READ_PAGE = """import datetime as dt, sys
from pathlib import Path
from exercises.site import front_matter
keys = set(front_matter.read_sources(Path("docs/data/sources.yml")))
problems, _ = front_matter.check_page(Path(sys.argv[1]), "house/roof.md", keys, dt.date(2026, 12, 1))
print("\\n".join(problems))
"""


def check(fmt: Format, path: Path, docs: Path) -> list[str]:
    """What the site says about the file; a check that takes longer than HANG seconds fails the test."""
    if fmt.kind == "definition":
        command = ["-m", "exercises", "validate", str(path)]
    elif fmt.kind == "page":
        command = ["-c", READ_PAGE, str(docs)]
    else:
        command = ["-c", READ_DATA.format(reader=READERS[fmt.kind]), str(path)]
    done = subprocess.run([sys.executable, *command], capture_output=True, text=True, cwd=ROOT, timeout=HANG)
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout.splitlines()


# ---- the cases: (text of the file) -> (new text or bytes, line, field, what the message says) ----------------


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def target_line(fmt: Format, text: str) -> int:
    return next(i for i, line in enumerate(lines_of(text)) if line.startswith(fmt.target)) + 1


def replace_value(fmt: Format, text: str, value: str) -> tuple[str, int]:
    lines = lines_of(text)
    at = target_line(fmt, text)
    lines[at - 1] = fmt.target + value
    return "\n".join(lines), at


def add_field(fmt: Format, text: str, snippet: str) -> tuple[str, int]:
    """Add top-level fields (for a page, at the end of its front matter); returns the text and the line
    the snippet starts on."""
    lines = lines_of(text)
    at = lines.index("---", 1) if fmt.kind == "page" else len(lines)
    if fmt.kind != "page" and lines[-1] == "":
        at -= 1
    return "\n".join(lines[:at] + snippet.rstrip("\n").split("\n") + lines[at:]), at + 1


def alias_bomb(fmt, text):
    snippet = (FILES / "billion-laughs.yaml").read_text(encoding="utf-8")
    new, at = add_field(fmt, text, snippet)
    return new, at + 2, "lol.a", "anchors and aliases (&name and *name) are not allowed here"


def recursive_alias(fmt, text):
    snippet = (FILES / "recursive-alias.yaml").read_text(encoding="utf-8")
    new, at = add_field(fmt, text, snippet)
    return new, at + 1, "lol", "anchors and aliases (&name and *name) are not allowed here"


def duplicate_key(fmt, text):
    lines = lines_of(text)
    at = target_line(fmt, text)
    lines.insert(at, lines[at - 1])
    key = fmt.target.strip().rstrip(":")
    return "\n".join(lines), at + 1, fmt.field, f"'{key}' is given twice in one mapping (lines {at} and {at + 1})"


def deep_nesting(fmt, text):
    new, at = add_field(fmt, text, "lol: " + "[" * 10_000 + "]" * 10_000)
    return new, at, "lol*", "is nested more than 50 levels deep; the limit is 50"


def oversize(fmt, text):
    if fmt.kind == "page":  # the front matter is what is read as YAML: its own limit
        new, _ = add_field(fmt, text, ("# padding " + "x" * 90 + "\n") * 700)
        return new, 1, None, "is longer than the limit of 64 KB"
    new = text + ("# padding " + "x" * 90 + "\n") * 5300
    return new, None, "(file)", "the limit for a"


def not_utf8(fmt, text):
    at = target_line(fmt, text)
    column = len(fmt.target) + 1
    lines = lines_of(text)
    raw = "\n".join(lines).encode("utf-8")
    offset = len("\n".join(lines[:at - 1]).encode("utf-8")) + (1 if at > 1 else 0) + len(fmt.target)
    return raw[:offset] + b"\xff" + raw[offset:], at, fmt.field, f"byte 0xff at column {column} is not UTF-8 text"


def control_character(fmt, text):
    lines = lines_of(text)
    at = target_line(fmt, text)
    lines[at - 1] = fmt.target + "\x07" + lines[at - 1][len(fmt.target):]
    return ("\n".join(lines), at, fmt.field,
            f"a control character (U+0007) at column {len(fmt.target) + 1} is not allowed")


def impossible_date(fmt, text):
    new, at = replace_value(fmt, text, "2024-02-30")
    return new, at, fmt.field, "'2024-02-30' is not a real date"


def wrong_type(fmt, text):
    new, at = replace_value(fmt, text, "[1, 2]")
    return new, at, fmt.field, fmt.wrong_type


CASES = [alias_bomb, recursive_alias, duplicate_key, deep_nesting, oversize, not_utf8, control_character,
         impossible_date, wrong_type]


def expected_start(fmt: Format, shown: str, line: int | None, field: str | None) -> str:
    place = f"{shown}:{line}" if line else shown
    if fmt.kind == "page":
        return f"{place}: front matter" + (f" '{field}" if field else "")
    return f"{place}: {field}"


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
@pytest.mark.parametrize("format_name", list(FORMATS))
def test_a_hostile_file_is_named_by_file_line_and_field_without_hanging(tmp_path, format_name, case):
    fmt = FORMATS[format_name]
    content, line, field, message = case(fmt, fmt.base.read_text(encoding="utf-8"))
    path = tmp_path / fmt.name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    found = check(fmt, path, tmp_path / "docs")
    shown = "docs/house/roof.md" if fmt.kind == "page" else str(path)
    if field and field.endswith("*"):  # a deep field: named by its first levels
        start = expected_start(fmt, shown, line, field[:-1])
    else:
        start = expected_start(fmt, shown, line, field) + ("'" if fmt.kind == "page" and field else "")
        start += ":"
    assert any(f.startswith(start) and message in f for f in found), (
        f"expected a line starting {start!r} containing {message!r}; found:\n" + "\n".join(found))


def test_the_samples_are_the_hostile_files_the_issue_names():
    bomb = (FILES / "billion-laughs.yaml").read_text(encoding="utf-8")
    assert bomb.count("*") == 8 * 9 and len(bomb.splitlines()) < 30
    assert "&loop [*loop]" in (FILES / "recursive-alias.yaml").read_text(encoding="utf-8")
