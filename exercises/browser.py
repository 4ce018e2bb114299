"""The JSON-in, JSON-out face that the browser's web worker calls.

Request: {"action": "score", "definition": {...compiled definition...}, "data": {...learner input...}}
Reply:   {"ok": true, "result": {...}} or {"ok": false, "error": "plain words"}
"""

from __future__ import annotations

import json
import re

from .definition import load_definition
from .problems import format_where
from .registry import family

MAX_REQUEST_CHARS = 1024 * 1024  # a calibration request carries its plans and up to 200 000 characters of codes
# A coordinator's roll-up carries many teams' exports (about 2 KB each): room for 10,000 and more.
LARGER_LIMITS = {"rollup": 48 * 1024 * 1024}
_ACTION = re.compile(r'\s*\{\s*"action"\s*:\s*"([a-z-]{1,20})"')

_models: dict[str, object] = {}


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


def handle(request_json: str) -> str:
    try:
        if not isinstance(request_json, str) or len(request_json) > limit_for(request_json):
            raise ValueError("the request is too large")
        request = json.loads(request_json)
        if not isinstance(request, dict):
            raise ValueError("the request must be a JSON object")
        model = _model_for(request.get("definition"))
        result = family(model.header.type).act(model, request.get("action"), request.get("data") or {})
        return json.dumps({"ok": True, "result": result}, ensure_ascii=False)
    except (ValueError, TypeError, KeyError) as exc:
        return json.dumps({"ok": False, "error": str(exc)}, ensure_ascii=False)
