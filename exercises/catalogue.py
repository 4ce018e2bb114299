"""All the exercise definitions in the repository: find, validate, list (build time)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .definition import load_definition
from .plan_review.rubric_file import check_rubric, is_rubric_file
from .problems import DefinitionError, Problem, format_where
from .yaml_source import YamlProblem, line_for, read_yaml

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
# Where the definitions live; HOC_EXERCISES_CONTENT points elsewhere (tests, or a locality's own set).
CONTENT_DIR = Path(os.environ.get("HOC_EXERCISES_CONTENT") or PACKAGE_DIR / "content")


@dataclass(frozen=True)
class Entry:
    """A valid definition: its file, the parsed data (compiled to JSON for the page) and its model."""

    file: Path
    data: Any
    model: Any
    lines: dict = field(default_factory=dict, compare=False, repr=False)  # field path -> line in the file

    @property
    def header(self):
        return self.model.header

    def as_json(self) -> str:
        # Keys keep the author's order: some mappings are ordered (a role-play ending's if_missed is tried in
        # the order written), so sorting them would change what the browser's engine does.
        return json.dumps(self.data, ensure_ascii=False, separators=(",", ":"))


def display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def definition_files(paths: Iterable[Path] | None = None) -> list[Path]:
    if not paths:
        paths = [CONTENT_DIR]
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml")))
        else:
            files.append(p)
    return files


def read_file(path: Path) -> tuple[Entry | None, list[Problem]]:
    name = display_name(path)
    if not path.is_file():
        return None, [Problem(name, "(file)", "no such file")]
    try:
        data, lines = read_yaml(path)
    except YamlProblem as exc:
        return None, [Problem(name, exc.where, exc.message, exc.line)]
    except OSError as exc:
        return None, [Problem(name, "(file)", f"cannot be read ({exc.strerror or exc})")]
    try:
        if is_rubric_file(path):  # not an exercise: shared by the plans that name it
            return None, check_rubric(data, name, lines)
        data, found = with_includes(data)
        if not found:
            model, found = load_definition(data)
        else:
            model = None
    except RecursionError:
        return None, [Problem(name, "(file)", "is nested too deeply to check")]
    except Exception as exc:  # noqa: BLE001 - a checker's own failure is named, never a traceback
        return None, [Problem(name, "(file)", f"could not be checked: the checker failed ({type(exc).__name__}: "
                                              f"{str(exc)[:200]}); please report this with the file")]
    problems = [Problem(name, format_where(p), msg, line_for(p, lines)) for p, msg in found]
    return (Entry(path, data, model, lines) if model is not None else None), problems


def with_includes(data: Any) -> tuple[Any, list[tuple[tuple, str]]]:
    """A definition with the shared files it names copied in (a plan's rubric), by its family's `include`."""
    from .registry import family

    kind = data.get("type") if isinstance(data, dict) else None
    handler = family(kind) if isinstance(kind, str) else None
    include = getattr(handler, "include", None)
    return include(data, CONTENT_DIR) if include else (data, [])


def load_all(paths: Iterable[Path] | None = None, pages: set[str] | None = None) -> tuple[list[Entry], list[Problem]]:
    """Read every definition; also check ids are unique and, given the docs pages, that links resolve."""
    from .registry import family

    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in definition_files(paths):
        entry, found = read_file(path)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    seen: dict[str, Entry] = {}
    for entry in entries:
        name = display_name(entry.file)
        other = seen.get(entry.header.id)
        if other is not None:
            problems.append(Problem(name, "id", f"'{entry.header.id}' is already used by {display_name(other.file)}"))
        seen[entry.header.id] = entry
        if pages is not None:
            checks = [(("page",), entry.header.page)]
            checks += family(entry.header.type).linked_pages(entry.model)
            for path, page in checks:
                if page not in pages:
                    problems.append(Problem(name, format_where(path), f"refers to page '{page}', which is not in docs/",
                                            line_for(path, entry.lines)))
    return entries, problems


def load_valid(paths: Iterable[Path] | None = None, pages: set[str] | None = None) -> list[Entry]:
    entries, problems = load_all(paths, pages)
    if problems:
        raise DefinitionError(problems)
    return entries


def docs_pages(docs_dir: Path) -> set[str]:
    return {str(p.relative_to(docs_dir)).replace("\\", "/") for p in docs_dir.rglob("*.md")}
