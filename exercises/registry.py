"""Which exercise types exist, and the module family that handles each.

A family is a subpackage exposing:
  load(fields, header) -> model        validate and build the model (standard library only)
  act(model, action, data) -> dict     what the browser and the command line ask of it
  linked_pages(model) -> [(path, page)] pages the definition links to, checked at build time
and, for the build only, an `html` module with render_html(model, links) -> str.

Families are imported when first needed, so a page that holds a quiz never loads the role-play code.
"""

from __future__ import annotations

import importlib
from types import ModuleType

KNOWN_TYPES = ("quiz", "roleplay", "plan-review", "plan-calibration", "readiness")

# The types this version runs, and the subpackage of each.
MODULES = {
    "quiz": "exercises.quiz",
    "roleplay": "exercises.roleplay",
    "plan-review": "exercises.plan_review",
    "plan-calibration": "exercises.plan_calibration",
    "readiness": "exercises.readiness",
}


def family(type_name: str) -> ModuleType | None:
    """The family for a type, or None if this version does not run that type."""
    module = MODULES.get(type_name)
    return importlib.import_module(module) if module else None
