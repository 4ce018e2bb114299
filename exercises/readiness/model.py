"""The readiness model: statements about each part of the house and each stage of building it.

Plain data, built only by `load`. The answer scale is fixed here, not in the question set, so that
exports from every locality can be pooled and compared.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..definition import Header

# The Year of Care practice checklist's scale, with "not started" before it (points 0 to 3).
SCALE = (
    ("not-started", "Not started"),
    ("ideas", "Ideas, but more work needed"),
    ("nearly", "Nearly there"),
    ("cracked", "Cracked it"),
)
POINTS = {key: n for n, (key, _) in enumerate(SCALE)}
NAMES = dict(SCALE)
DONT_KNOW = "dont-know"
DONT_KNOW_NAME = "Don't know"
ANSWERS = (*POINTS, DONT_KNOW)

PARTS = ("centre", "left-wall", "right-wall", "roof", "foundations")
STAGES = (
    ("set-up", "Set up"),
    ("implementation", "Implementation"),
    ("maintenance", "Maintenance"),
)


@dataclass(frozen=True)
class Statement:
    id: str
    text: str
    learn_more: str  # a page relative to docs/
    next_step: str
    help: str
    local: str = ""  # a list in docs/data/local.yml the result draws on, e.g. community_resources
    group: str = ""  # the part of the house or the stage it belongs to


@dataclass(frozen=True)
class Group:
    id: str  # a part of the house, or a stage
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Readiness:
    header: Header
    intro: str
    parts: tuple[Group, ...]  # in PARTS order
    stages: tuple[Group, ...]  # in STAGES order
    local: dict  # lists from docs/data/local.yml the statements name, copied in at build time

    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for g in self.parts + self.stages for s in g.statements)
