"""A participant's scores as a short text code, to read aloud or paste into a chat; and back.

    PR1-GARY-2-SAM-2101X21210-K7QF
    |   |    | |   |          check: 4 letters from a CRC-32 of everything before it
    |   |    | |   scores: one digit per criterion in the rubric's order, X where not scored
    |   |    | scorer: 1 to 12 capital letters or digits (initials or a nickname)
    |   |    rubric version
    |   plan code (declared in the plan's definition)
    format version

The check catches mistypes and casual edits; it is not a signature (there is nothing to sign with
on a server-less site). Every code is untrusted input: `decode` refuses it with one plain reason.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Mapping, Sequence

PREFIX = "PR1"
MAX_CODE = 120
SCORER = re.compile(r"^[A-Z0-9]{1,12}$")
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0 or 1: they are misread aloud


class CodeError(ValueError):
    """A code that cannot be used, with the reason in plain words."""


@dataclass(frozen=True)
class Scores:
    plan: str  # plan code
    rubric_version: int
    scorer: str
    scores: tuple[int | None, ...]  # one per criterion, None where not scored
    code: str


def scorer_name(typed: str) -> str:
    """What a participant typed as their name, as the code carries it: capitals and digits, at most 12."""
    name = re.sub(r"[^A-Z0-9]", "", str(typed).upper())[:12]
    if not name:
        raise CodeError("give initials or a short name (letters or digits) so the trainer can tell scorers apart")
    return name


def check_letters(text: str) -> str:
    value = zlib.crc32(text.encode("ascii")) & 0xFFFFF  # 20 bits: four letters of 5 bits
    return "".join(ALPHABET[(value >> shift) & 31] for shift in (15, 10, 5, 0))


def encode(plan: str, rubric_version: int, scorer: str, scores: Sequence[int | None]) -> str:
    digits = "".join("X" if s is None else str(s) for s in scores)
    if not re.fullmatch(r"[0-9X]+", digits):
        raise CodeError("scores must be whole numbers from 0 to 9, or not scored")
    body = f"{PREFIX}-{plan}-{rubric_version}-{scorer_name(scorer)}-{digits}"
    return f"{body}-{check_letters(body)}"


def decode(text: str, plans: Mapping[str, tuple[int, Sequence[int]]]) -> Scores:
    """Read one code. `plans` maps each plan code to (rubric version, highest level of each criterion)."""
    if not isinstance(text, str):
        raise CodeError("a code is a line of text")
    code = re.sub(r"\s+", "", text).upper()
    if not code:
        raise CodeError("the line is empty")
    if len(code) > MAX_CODE:
        raise CodeError(f"is {len(code)} characters long; a code is at most {MAX_CODE}")
    parts = code.split("-")
    if parts[0] != PREFIX:
        if parts[0].startswith("PR"):
            raise CodeError(f"was made by another version of this site ({parts[0][:6]}); this page reads {PREFIX} codes")
        raise CodeError(f"is not a plan-review code (they start with {PREFIX}-)")
    if len(parts) != 6 or not all(parts):
        raise CodeError("is cut short or has parts missing: a code has six parts joined by hyphens, "
                        "like PR1-GARY-2-SAM-2101X21210-K7QF")
    _, plan, version, scorer, digits, check = parts
    if check_letters("-".join(parts[:5])) != check:
        raise CodeError("does not pass its check: it has been mistyped or changed")
    if plan not in plans:
        raise CodeError(f"was made for another plan ({plan}); this page reads codes for "
                        f"{', '.join(sorted(plans))}")
    want_version, levels = plans[plan]
    if not version.isdigit() or int(version) != want_version:
        raise CodeError(f"was made for version {version} of the rubric; this page uses version {want_version}")
    if not SCORER.match(scorer):
        raise CodeError("the scorer's name in it is not capital letters and digits")
    if not re.fullmatch(r"[0-9X]+", digits) or len(digits) != len(levels):
        raise CodeError(f"has {len(digits)} scores; this plan's rubric has {len(levels)} criteria")
    scores: list[int | None] = []
    for n, (digit, top) in enumerate(zip(digits, levels), start=1):
        if digit == "X":
            scores.append(None)
        elif int(digit) > top:
            raise CodeError(f"claims a score of {digit} for criterion {n}; that criterion goes from 0 to {top}")
        else:
            scores.append(int(digit))
    return Scores(plan, int(version), scorer, tuple(scores), code)


@dataclass(frozen=True)
class Pool:
    """A group's codes: the usable ones, and one line of reason for each that is not."""

    scores: list[Scores]
    refused: list[tuple[int, str, str]]  # (line number, the code as given, cut short; reason)


def pool(lines: Sequence[str], plans: Mapping[str, tuple[int, Sequence[int]]], max_lines: int = 500) -> Pool:
    """Read many codes, one a line. A bad code is reported and the rest still used; the same scorer
    twice for the same plan is reported, and only their first code is used."""
    good: list[Scores] = []
    refused: list[tuple[int, str, str]] = []
    seen: dict[tuple[str, str], int] = {}
    for number, line in enumerate(lines[:max_lines], start=1):
        if not str(line).strip():
            continue
        shown = str(line).strip()[:60]
        try:
            scores = decode(line, plans)
        except CodeError as exc:
            refused.append((number, shown, str(exc)))
            continue
        first = seen.get((scores.plan, scores.scorer))
        if first is not None:
            refused.append((number, shown, f"the scorer {scores.scorer} already has a code for this plan (line "
                                           f"{first}); only the first is used"))
            continue
        seen[(scores.plan, scores.scorer)] = number
        good.append(scores)
    if len(lines) > max_lines:
        refused.append((max_lines + 1, "", f"only the first {max_lines} lines are read"))
    return Pool(good, refused)
