"""The plan-review model: a rubric, an example plan laid out like a document, and its reference marking.

Plain data, built only by `load`. One rubric serves every plan: a plan's definition names its rubric,
and the build copies the rubric in (see `rubric_file.py`), so the engine gets everything in one piece.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..definition import Header

QUALITIES = ("excellent", "good", "mixed", "poor")


@dataclass(frozen=True)
class Level:
    score: int
    name: str  # e.g. "Not there", "Partly", "Clearly there"


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    step: str  # a key of care_planning.STEPS
    house: str  # a key of care_planning.HOUSE
    learn_more: str  # a page relative to docs/
    descriptors: tuple[str, ...]  # what each level looks like, in the rubric's level order

    @property
    def top(self) -> int:
        return len(self.descriptors) - 1


@dataclass(frozen=True)
class Rubric:
    id: str
    version: int
    title: str
    intro: str
    levels: tuple[Level, ...]
    criteria: tuple[Criterion, ...]

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    @property
    def top(self) -> int:
        return self.levels[-1].score


@dataclass(frozen=True)
class Section:
    """One part of the plan document: some paragraphs, a list, a table, or facts (label and value pairs)."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    facts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Mark:
    """The reference score for one criterion, and why."""

    score: int
    why: str


@dataclass(frozen=True)
class Plan:
    header: Header
    code: str  # short capitals, used in score codes, e.g. GARY
    intro: str
    about: str  # the fictional person and the setting, for the learner
    setting: str
    carer: bool
    roleplay: str  # the id of the role-play this plan follows, or ""
    rubric: Rubric
    document_title: str
    sections: tuple[Section, ...]
    reference: dict[str, Mark]  # criterion id -> mark
    quality: str  # the reference's overall view, for trainers: excellent, good, mixed or poor

    def reference_scores(self) -> tuple[int, ...]:
        return tuple(self.reference[c.id].score for c in self.rubric.criteria)

    def levels(self) -> tuple[int, ...]:
        """The highest score of each criterion, in the rubric's order (what a score code is checked against)."""
        return tuple(c.top for c in self.rubric.criteria)
