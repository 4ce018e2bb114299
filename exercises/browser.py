"""The JSON-in, JSON-out face that the browser's web worker calls.

Request: {"action": "score", "definition": {...compiled definition...}, "data": {...learner input...}}
Reply:   {"ok": true, "result": {...}} or {"ok": false, "error": "plain words"}

`handle` never raises (only KeyboardInterrupt and SystemExit pass): a request too large, nested too
deep, not JSON, not an object, or one the engine fails on, is answered {"ok": false, "error": ...}.
The command line's `run` reads its data with the same limits (`read_json`) and words its refusals the
same way (`plain_error`).
"""

from __future__ import annotations

import json
import re
from typing import Any

from .definition import load_definition
from .problems import format_where
from .registry import family

MAX_REQUEST_CHARS = 1024 * 1024  # a calibration request carries its plans and up to 200 000 characters of codes
# A coordinator's roll-up carries many teams' exports (about 2 KB each): room for 10,000 and more.
LARGER_LIMITS = {"rollup": 48 * 1024 * 1024}
MAX_DEPTH = 64  # lists and objects inside each other; the deepest definition is about 10
MAX_ERROR_CHARS = 600
_ACTION = re.compile(r'\s*\{\s*"action"\s*:\s*"([a-z-]{1,20})"')

_models: dict[str, object] = {}


class RequestError(ValueError):
    """A request (or the command line's data) that is refused before the engine sees it."""


def _model_for(definition: object):
    key = json.dumps(definition, sort_keys=True)
    model = _models.get(key)
    if model is None:
        model, problems = load_definition(definition)
        if model is None:
            first = problems[0] if problems else ((), "unknown problem")
            raise ValueError(f"the exercise definition is not valid: {format_where(first[0])}: {first[1]}")
        _models.clear()  # keep one: a page holds few exercises
        _models[key] = model
    return model


def warm_up(types: list) -> None:
    """Import the families a page will use while the engine starts, before the learner acts."""
    for type_name in types:
        if isinstance(type_name, str):
            family(type_name)


def limit_for(request_json: str) -> int:
    """The size limit for a request, read from its action, which the page's runtime writes first."""
    found = _ACTION.match(request_json[:100]) if isinstance(request_json, str) else None
    return LARGER_LIMITS.get(found.group(1), MAX_REQUEST_CHARS) if found else MAX_REQUEST_CHARS


def limit_for_action(action: str) -> int:
    return LARGER_LIMITS.get(action, MAX_REQUEST_CHARS)


def size_words(count: int) -> str:
    return f"{count // (1024 * 1024)} MB" if count % (1024 * 1024) == 0 else f"{count:,} characters"


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
PRESCAN_CHARS = MAX_REQUEST_CHARS  # larger requests (a roll-up) rely on the parser's own recursion guard


def _refuse_constant(name: str):
    raise RequestError(f"the value {name} is not allowed")


def nested_deeper_than(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON text opens more than `limit` lists or objects inside each other, found before parsing it
    (so the parser never goes deep); strings are skipped, as the parser skips them."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for bracket in _NOT_BRACKET.sub("", _STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether lists and objects are nested more than `limit` deep (without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def read_json(text: Any, what: str = "the request", limit: int = MAX_REQUEST_CHARS) -> Any:
    """Parse JSON text within the limits of size and nesting; anything else raises RequestError in plain words."""
    if not isinstance(text, str):
        raise RequestError(f"{what} must be JSON text")
    if len(text) > limit:
        raise RequestError(f"{what} is too large: {len(text):,} characters; the limit is {size_words(limit)}")
    if len(text) <= PRESCAN_CHARS and nested_deeper_than(text):
        raise RequestError(f"{what} is nested too deeply (lists or objects inside each other); the limit is "
                           f"{MAX_DEPTH} levels")
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise RequestError(f"{what} is nested too deeply (lists or objects inside each other); the limit is "
                           f"{MAX_DEPTH} levels") from None
    except json.JSONDecodeError as exc:
        raise RequestError(f"{what} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RequestError as exc:
        raise RequestError(f"{what} is not valid JSON: {exc}") from None
    except ValueError:  # e.g. a number of thousands of digits
        raise RequestError(f"{what} is not valid JSON: a number in it is too long to read") from None
    if isinstance(value, (dict, list)) and too_deep(value):
        raise RequestError(f"{what} is nested too deeply (lists or objects inside each other); the limit is "
                           f"{MAX_DEPTH} levels")
    return value


def plain_error(exc: BaseException, action: Any = None) -> str:
    """Words for a failure: the engine's own message for input it refuses, and plain words for anything else."""
    if isinstance(exc, RecursionError):
        message = "the request is nested too deeply for the engine to work on"
    elif isinstance(exc, MemoryError):
        message = "the request is too large for the engine to work on"
    elif isinstance(exc, (ValueError, TypeError)) and str(exc):
        message = str(exc)
    else:
        doing = f" '{action[:40]}'" if isinstance(action, str) else ""
        message = (f"the engine could not do{doing}: something went wrong inside it ({type(exc).__name__}); "
                   f"please report this, with what you did")
    return message if len(message) <= MAX_ERROR_CHARS else message[:MAX_ERROR_CHARS - 1] + "…"


def _as_json(reply: dict) -> str:
    text = json.dumps(reply, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from the request: escape it, so the page can take the reply
        text = json.dumps(reply, ensure_ascii=True)
    return text


def handle(request_json: str) -> str:
    action = None
    try:
        if isinstance(request_json, str) and len(request_json) > limit_for(request_json):
            raise RequestError("the request is too large")
        request = read_json(request_json, "the request", limit_for(request_json))
        if not isinstance(request, dict):
            raise RequestError("the request must be a JSON object, with action, definition and data")
        action = request.get("action")
        model = _model_for(request.get("definition"))
        result = family(model.header.type).act(model, action, request.get("data") or {})
        return _as_json({"ok": True, "result": result})
    except Exception as exc:  # noqa: BLE001 - every failure is answered; KeyboardInterrupt and SystemExit pass
        return _as_json({"ok": False, "error": plain_error(exc, action)})
