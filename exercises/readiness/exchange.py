"""The readiness export: a team's checks as a file to keep, to import later, or to give a coordinator.

JSON, version 1:
    {"format": "house-of-care-readiness", "version": 1, "questions": "<question set id>",
     "team": "<the team's name>", "checks": [{"date": "YYYY-MM-DD", "answers": {"<statement id>": "<answer>"}}]}
Answers are one of not-started, ideas, nearly, cracked, dont-know; a statement left out was not answered.
CSV: one row per answer, columns team,date,statement,group,answer.
Every file read is untrusted: `read_export` refuses it with one plain reason.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass

from .model import Readiness
from .score import AnswerError, read_answers

FORMAT = "house-of-care-readiness"
VERSION = 1
MAX_BYTES = 256 * 1024
MAX_CHECKS = 50
MAX_TEAM = 80
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ExportError(ValueError):
    """A file that cannot be used, with the reason in plain words."""


@dataclass(frozen=True)
class Check:
    date: str
    answers: dict


@dataclass(frozen=True)
class Team:
    team: str
    checks: tuple[Check, ...]  # oldest first

    @property
    def latest(self) -> Check:
        return self.checks[-1]


def clean_team(name) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ExportError("the team's name is missing")
    name = " ".join(name.split())
    if len(name) > MAX_TEAM:
        raise ExportError(f"the team's name is {len(name)} characters long; the limit is {MAX_TEAM}")
    return name


def read_checks(model: Readiness, checks) -> tuple[Check, ...]:
    if not isinstance(checks, list) or not checks:
        raise ExportError("it holds no checks")
    if len(checks) > MAX_CHECKS:
        raise ExportError(f"it holds {len(checks)} checks; the limit is {MAX_CHECKS}")
    out = []
    for n, item in enumerate(checks, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("date"), str) or not DATE.match(item["date"]):
            raise ExportError(f"check {n} has no date in the form YYYY-MM-DD")
        try:
            answers = read_answers(model, item.get("answers"))
        except AnswerError as exc:
            raise ExportError(f"check {n}: {exc}") from exc
        out.append(Check(item["date"], answers))
    return tuple(sorted(out, key=lambda c: c.date))


def make_team(model: Readiness, team, checks) -> Team:
    return Team(clean_team(team), read_checks(model, checks))


def to_json(model: Readiness, team: Team) -> str:
    return json.dumps({"format": FORMAT, "version": VERSION, "questions": model.header.id, "team": team.team,
                       "checks": [{"date": c.date, "answers": c.answers} for c in team.checks]},
                      ensure_ascii=False, indent=1)


def to_csv(model: Readiness, teams: list[Team]) -> str:
    groups = {s.id: s.group for s in model.statements()}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["team", "date", "statement", "group", "answer"])
    for team in teams:
        for c in team.checks:
            for s in model.statements():
                writer.writerow([safe_cell(team.team), c.date, s.id, groups[s.id], c.answers.get(s.id, "")])
    return out.getvalue()


def safe_cell(text: str) -> str:
    """A spreadsheet must not read a name as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def read_export(model: Readiness, text) -> Team:
    if not isinstance(text, str):
        raise ExportError("it is not text")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ExportError(f"it is larger than {MAX_BYTES // 1024} KB, the limit for one team's file")
    from ..browser import nested_deeper_than  # the engine's one nesting check

    if nested_deeper_than(text):  # before parsing: deep nesting overflows the stack inside Pyodide
        raise ExportError("it is not a readiness export (nested too deeply)")
    try:
        data = json.loads(text)
    except ValueError:
        raise ExportError("it is not a readiness export (not JSON)") from None
    except RecursionError:
        raise ExportError("it is not a readiness export (nested too deeply)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExportError("it is not a readiness export (its format is not house-of-care-readiness)")
    if data.get("version") != VERSION:
        raise ExportError(f"it was made by another version of this site (format version {str(data.get('version'))[:10]}); "
                          f"this page reads version {VERSION}")
    if data.get("questions") != model.header.id:
        raise ExportError(f"it answers another question set ({str(data.get('questions'))[:40]}), not {model.header.id}")
    return make_team(model, data.get("team"), data.get("checks"))
