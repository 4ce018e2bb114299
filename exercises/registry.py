"""Which exercise types exist, and the module family that handles each.

A family is a subpackage exposing:
  load(fields, header) -> model        validate and build the model (standard library only)
  act(model, action, data) -> dict     what the browser and the command line ask of it
  linked_pages(model) -> [(path, page)] pages the definition links to, checked at build time
  render_html(model, links) -> str     the exercise drawn at build time (in its html module)
"""

from __future__ import annotations

from . import quiz
from . import roleplay

KNOWN_TYPES = ("quiz", "roleplay", "plan-review", "readiness")

FAMILIES = {
    "quiz": quiz,
    "roleplay": roleplay,
}
