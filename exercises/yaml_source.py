"""Read a YAML definition file, keeping the line number of every field (build time only).

Needs PyYAML, which comes with MkDocs; the browser never reads YAML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

MAX_BYTES = 512 * 1024


class YamlProblem(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


def _walk(node: Any, path: tuple, lines: dict[tuple, int]) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = path + (str(key.value),)
            lines[sub] = key.start_mark.line + 1
            _walk(value, sub, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            _walk(item, path + (i,), lines)


def read_yaml(path: Path) -> tuple[Any, dict[tuple, int]]:
    """Returns (data, {field path: line}); raises YamlProblem with a clear message."""
    try:
        import yaml
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise YamlProblem("PyYAML is needed to read definitions: run scripts/test or pip install PyYAML") from exc
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise YamlProblem(f"file is {size} bytes; the limit for a definition is {MAX_BYTES}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblem(f"file is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        message = f"invalid YAML: {what}" + (f" ({context})" if context else "")
        raise YamlProblem(message, mark.line + 1 if mark else None) from exc
    lines: dict[tuple, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def line_for(path: tuple, lines: dict[tuple, int]) -> int | None:
    """The line of the field, or of its nearest parent that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None
