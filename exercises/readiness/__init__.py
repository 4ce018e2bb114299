"""House readiness self-check: a team rates statements about each part of the house and each stage of
building it, sees the house drawn with the weakest part holding it down, and its next steps; compares
checks over time; and a coordinator rolls up many teams' exports.

model.py, load.py, score.py (check, compare), exchange.py (the export file), rollup.py (many teams).
Build time only: html.py, and `include` (copies the locality's lists from docs/data/local.yml in).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .exchange import make_team, read_export, to_csv, to_json
from .load import linked_pages, load
from .model import Readiness
from .rollup import rollup, rollup_csv
from .score import check, compare

__all__ = ["act", "include", "linked_pages", "load"]


def act(model: Readiness, action: str, data: Any) -> dict:
    data = data if isinstance(data, dict) else {}
    if action == "check":
        return check(model, data.get("answers"))
    if action == "compare":
        return compare(model, data.get("before"), data.get("after"))
    if action == "export":
        team = make_team(model, data.get("team"), data.get("checks"))
        return {"json": to_json(model, team), "csv": to_csv(model, [team]), "team": team.team}
    if action == "import":
        team = read_export(model, data.get("text"))
        return {"team": team.team, "checks": [{"date": c.date, "answers": c.answers} for c in team.checks]}
    if action == "rollup":
        result = rollup(model, data.get("files"))
        return {**result, "csv": rollup_csv(result)}
    raise ValueError(f"a self-check cannot do '{str(action)[:40]}'; it can check, compare, export, import or rollup")


def include(data: dict, content_dir: Path):
    """Build time: the locality's lists that statements name, copied in from docs/data/local.yml."""
    from ..catalogue import REPO_ROOT
    from ..site.local_details import read_local

    wanted = {s.get("local") for g in (data.get("parts") or []) + (data.get("stages") or []) if isinstance(g, dict)
              for s in (g.get("statements") or []) if isinstance(s, dict) and s.get("local")}
    if not wanted:
        return data, []
    try:
        local = read_local(REPO_ROOT / "docs" / "data" / "local.yml")
    except (OSError, ValueError) as exc:
        return data, [(("local",), f"docs/data/local.yml could not be read: {exc}")]
    copied = {"locality": local.get("locality") or ""}
    for name in wanted:
        copied[name] = [{k: r.get(k) or "" for k in ("name", "what", "contact")} for r in local.get(name) or []]
    return {**data, "local": copied}, []
