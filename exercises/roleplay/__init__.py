"""Role-played conversations: a branching care and support planning conversation, scored on dimensions.

load.py reads and checks a scenario; engine.py walks it from the choices taken so far; score.py finds
scores and paths; report.py writes the end-of-conversation report (and the same report as a file); trainer.py
gives the trainer's view. `turn` is `step` with each choice's kind (best, acceptable or poor) for the feedback.
"""

from __future__ import annotations

from typing import Any

from .engine import ChoiceError, scenario, step
from .load import linked_pages, load
from .model import Roleplay
from .report import report, report_file, turn
from .trainer import trainer

ACTIONS = ("scenario", "step", "report", "trainer", "turn", "report-file")


def act(model: Roleplay, action: str, data: Any) -> dict:
    if action == "step":
        return step(model, data)
    if action == "report":
        return report(model, data)
    if action == "trainer":
        return trainer(model)
    if action == "scenario":
        return scenario(model)
    if action == "turn":
        return turn(model, data)
    if action == "report-file":
        return report_file(model, data)
    raise ChoiceError(f"a role-play cannot do '{str(action)[:40]}'; it can do: {', '.join(ACTIONS)}")


__all__ = ["ACTIONS", "ChoiceError", "act", "linked_pages", "load"]
