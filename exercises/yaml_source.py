"""Read YAML safely, keeping the line number of every field (build time only).

The one reader for every YAML file the site reads: exercise definitions, `docs/data/*.yml` and each
page's front matter. It refuses what authors never need and what could make a small file hang the
build or stop it with a traceback:

- files over a size cap (512 KB for definitions and data files);
- anchors and aliases (`&name`, `*name`): a file of nested aliases can expand to billions of items;
- nesting deeper than 50 levels;
- a key given twice in one mapping (YAML would keep the second silently);
- bytes that are not UTF-8, and control characters;
- values YAML cannot turn into data, such as an impossible date (2024-02-30) or a number too long to read.

Each problem is a `YamlProblem` naming the line and the field, so it can be shown as
`file:line: field: what is wrong`. Work is linear in the size of the file.

Needs PyYAML, which comes with MkDocs; the browser never reads YAML.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .problems import format_where

MAX_BYTES = 512 * 1024
MAX_DEPTH = 50

# What YAML itself refuses to read (the same set as PyYAML's reader): control characters, and the
# code points that are not characters.
NOT_TEXT = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")

ALIASES_REFUSED = ("anchors and aliases (&name and *name) are not allowed here: write the value out in full. "
                   "Authors never need them, and a few lines of nested aliases can expand to billions of items")


class YamlProblem(Exception):
    """A file that cannot be read: what is wrong, the line (when known) and the field (its place)."""

    def __init__(self, message: str, line: int | None = None, where: str = "(file)"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def shown_for(self, name: str) -> str:
        """The problem as one line: `file:line: field: what is wrong`."""
        place = f"{name}:{self.line}" if self.line else name
        return f"{place}: {self.where}: {self.message}"


def size_text(count: int) -> str:
    return f"{count // 1024} KB" if count >= 1024 and count % 1024 == 0 else f"{count:,} bytes"


def read_yaml(path: Path, what: str = "definition", max_bytes: int = MAX_BYTES) -> tuple[Any, dict[tuple, int]]:
    """Returns (data, {field path: line}); raises YamlProblem with a clear message.

    `what` names the kind of file in messages (a definition, the source list ...); a missing file raises
    FileNotFoundError, as reading it would."""
    size = Path(path).stat().st_size
    if size > max_bytes:
        raise YamlProblem(f"the file is {size:,} bytes; the limit for {article(what)} is {size_text(max_bytes)}: "
                          f"split it or shorten it")
    with open(path, "rb") as handle:
        raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:  # the file grew while being read
        raise YamlProblem(f"the file is over the limit for {article(what)} ({size_text(max_bytes)})")
    return parse_yaml(decode(raw), what=what, max_bytes=max_bytes)


def article(what: str) -> str:
    if what.startswith(("the ", "a ", "an ")):
        return what
    return ("an " if what[:1] in "aeiou" else "a ") + what


def decode(raw: bytes, first_line: int = 1) -> str:
    """The bytes as text; bytes that are not UTF-8 raise YamlProblem naming the line and the field."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        text = raw.decode("utf-8", errors="replace")
        raise YamlProblem(f"byte 0x{raw[exc.start]:02x} at column {column} is not UTF-8 text: save the file as "
                          f"UTF-8 (the byte may show as a strange character, or not at all)",
                          line + first_line - 1, field_at("\n" * (first_line - 1) + text, line + first_line - 1)
                          ) from None


def parse_yaml(text: str, first_line: int = 1, what: str = "definition",
               max_bytes: int = MAX_BYTES) -> tuple[Any, dict[tuple, int]]:
    """Read YAML text. `first_line` is the line of the file the text starts on (front matter starts on 2).

    Returns (data, {field path: line}); raises YamlProblem."""
    size = len(text.encode("utf-8", errors="replace"))
    if size > max_bytes:
        raise YamlProblem(f"it is {size:,} bytes; the limit for {article(what)} is {size_text(max_bytes)}: "
                          f"shorten it", first_line)
    text = "\n" * (first_line - 1) + text  # so that every line counted below is the file's own
    bad = NOT_TEXT.search(text)
    if bad:
        at = bad.start()
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise YamlProblem(f"a control character (U+{ord(bad.group()):04X}) at column {column} is not allowed: "
                          f"delete it (it may be invisible in an editor)", line, field_at(text, line))
    return _parse(text)


def field_at(text: str, line: int) -> str:
    """The field a line of the file belongs to (for a problem found before the YAML is read)."""
    text = NOT_TEXT.sub(" ", text)
    try:
        _, lines = _parse(text, construct=False)
    except YamlProblem:  # the bad character may have spoilt its line: read the file with that value left out
        rows = text.split("\n")
        if not 0 < line <= len(rows):
            return "(file)"
        key, colon, _ = rows[line - 1].partition(": ")
        rows[line - 1] = key + ': ""' if colon else ""
        try:
            _, lines = _parse("\n".join(rows), construct=False)
        except YamlProblem:
            return "(file)"
    best: tuple = ()
    best_line = 0
    for path, at in lines.items():
        if best_line <= at <= line and (at > best_line or len(path) > len(best)):
            best, best_line = path, at
    return format_where(best) if best else "(file)"


def _loader(text: str):
    import yaml

    return (yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader)(text)


def _parse(text: str, construct: bool = True) -> tuple[Any, dict[tuple, int]]:
    try:
        import yaml
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise YamlProblem("PyYAML is needed to read YAML files: run scripts/test or pip install PyYAML") from exc
    lines: dict[tuple, int] = {}
    paths: dict[int, tuple] = {}
    loader = _loader(text)
    try:
        root = _compose(loader, lines, paths)
    finally:
        loader.dispose()
    if root is None or not construct:
        return None, lines
    try:
        data = _Constructor(paths).construct_document(root)
    except yaml.YAMLError as exc:  # a tag no constructor knows, such as !!python/object
        raise _yaml_problem(exc, "(file)") from None
    return data, lines


def _yaml_problem(exc, where: str) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    what = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    if "maximum nesting depth" in str(what) or "maximum nesting depth" in str(context):
        return YamlProblem(f"is nested more than {MAX_DEPTH} levels deep; the limit is {MAX_DEPTH}",
                           mark.line + 1 if mark else None, where)
    message = f"invalid YAML: {what}" + (f" ({context})" if context else "")
    return YamlProblem(message, mark.line + 1 if mark else None, where)


def _compose(loader, lines: dict[tuple, int], paths: dict[int, tuple]):
    """Build the document's node tree from the parser's events, without recursion.

    Refuses anchors, aliases, nesting deeper than MAX_DEPTH, keys that are lists or mappings and a second
    document; notes the line of every field, and the path of every node for later messages."""
    import yaml
    from yaml.events import (AliasEvent, CollectionEndEvent, DocumentEndEvent, DocumentStartEvent,
                             MappingStartEvent, ScalarEvent, SequenceStartEvent, StreamEndEvent,
                             StreamStartEvent)
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    stack: list[list] = []  # [node, path, key waiting for its value]
    root = None
    documents = 0

    def here() -> str:
        if not stack:
            return "(top level)" if documents else "(file)"
        node, path, key = stack[-1]
        path = path + ((str(key.value),) if key is not None else ())
        return format_where(path) if len(path) <= 8 else format_where(path[:6]) + " …"  # deep: the first levels

    try:
        while True:
            event = loader.get_event()
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, StreamStartEvent) or isinstance(event, DocumentEndEvent):
                continue
            if isinstance(event, StreamEndEvent):
                return root
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem("the file holds a second YAML document (after a line '---'): keep one "
                                      "document in each file", line)
                continue
            if isinstance(event, CollectionEndEvent):
                stack.pop()[0].end_mark = event.end_mark
                continue
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem(ALIASES_REFUSED, line, here())
            if isinstance(event, ScalarEvent):
                tag = event.tag
                if tag is None or tag == "!":
                    tag = loader.resolve(ScalarNode, event.value, event.implicit)
                node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
            else:
                kind = SequenceNode if isinstance(event, SequenceStartEvent) else MappingNode
                tag = event.tag
                if tag is None or tag == "!":
                    tag = loader.resolve(kind, None, event.implicit)
                node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
            if not stack:
                path = ()
                root = node
            else:
                frame = stack[-1]
                parent, parent_path, key = frame
                if isinstance(parent, SequenceNode):
                    path = parent_path + (len(parent.value),)
                    lines[path] = line
                    parent.value.append(node)
                elif key is None:  # this node is a key
                    if not isinstance(node, ScalarNode):
                        raise YamlProblem("a key must be a name or a line of text, not a list or a mapping",
                                          line, here())
                    frame[2] = node
                    continue
                else:
                    path = parent_path + (str(key.value),)
                    lines[path] = key.start_mark.line + 1
                    parent.value.append((key, node))
                    frame[2] = None
            paths[id(node)] = path
            if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(f"is nested more than {MAX_DEPTH} levels deep; the limit is {MAX_DEPTH}",
                                      line, here())
                stack.append([node, path, None])
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc, here()) from None


def _constructor_class():
    import yaml
    from yaml.constructor import SafeConstructor
    from yaml.nodes import MappingNode

    class Constructor(SafeConstructor):
        """PyYAML's safe constructor, with every failure turned into a problem naming the line and field."""

        def __init__(self, paths: dict[int, tuple]):
            super().__init__()
            self.paths = paths

        def where(self, node) -> str:
            return format_where(self.paths.get(id(node), ()))

        def construct_object(self, node, deep=False):
            try:
                return super().construct_object(node, deep)
            except YamlProblem:
                raise
            except (ValueError, OverflowError, TypeError, yaml.YAMLError) as exc:
                raise self.problem(node, exc) from None

        def problem(self, node, exc) -> YamlProblem:
            line = node.start_mark.line + 1
            if isinstance(exc, yaml.YAMLError):
                return _yaml_problem(exc, self.where(node))
            value = str(node.value)[:40] if isinstance(node.value, str) else ""
            if node.tag.endswith(":timestamp"):
                return YamlProblem(f"'{value}' is not a real date: check the day and the month (dates are written "
                                   f"YYYY-MM-DD)", line, self.where(node))
            if node.tag.endswith((":int", ":float")):
                return YamlProblem(f"'{value}…' is too long a number to read: shorten it, or put it in quotes "
                                   f"to keep it as text", line, self.where(node))
            return YamlProblem(f"'{value}' cannot be read: {exc}", line, self.where(node))

        def construct_mapping(self, node, deep=False):
            if isinstance(node, MappingNode):
                self.flatten_mapping(node)
                first: dict = {}
                for key_node, _ in node.value:
                    key = self.construct_object(key_node, deep=deep)
                    try:
                        earlier = first.get(key)
                    except TypeError:
                        continue  # not hashable: PyYAML reports it
                    line = key_node.start_mark.line + 1
                    if earlier is not None:
                        path = self.paths.get(id(node), ()) + (str(key_node.value),)
                        raise YamlProblem(f"'{str(key_node.value)[:80]}' is given twice in one mapping (lines "
                                          f"{earlier} and {line}): keep one", line, format_where(path))
                    first[key] = line
            return super().construct_mapping(node, deep)

    return Constructor


_CONSTRUCTOR = None


def _Constructor(paths: dict[int, tuple]):
    global _CONSTRUCTOR
    if _CONSTRUCTOR is None:
        _CONSTRUCTOR = _constructor_class()
    return _CONSTRUCTOR(paths)


def line_for(path: tuple, lines: dict[tuple, int]) -> int | None:
    """The line of the field, or of its nearest parent that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None
