"""The role-play model: plain data, built only by `load`.

A scenario is a graph: nodes (what the person says) joined by choices (what the practitioner says),
ending at endings. Nodes and endings share one set of ids, so a choice's `next` names either.

Moments are things that can happen on the way (a node reached, or a choice taken). An ending's words
can depend on them, and an ending can send a path that missed a moment to another ending instead
(`if_missed`), so that a good ending is earned by the whole path, not only by the last choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..care_planning import HOUSE, SETTINGS, STEPS  # noqa: F401  (the role-play family names them here too)
from ..definition import Header

QUALITIES = ("good", "mixed", "poor")


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    description: str
    min: int
    max: int
    step: str  # a key of STEPS
    house: str  # a key of HOUSE


@dataclass(frozen=True)
class Person:
    name: str
    age: int
    conditions: tuple[str, ...]
    home_life: str
    what_matters: str
    role_notes: str = ""  # for the person's role card: what they feel but say only if asked well


@dataclass(frozen=True)
class Carer:
    name: str
    relationship: str
    role_notes: str = ""


@dataclass(frozen=True)
class Practitioner:
    role: str  # e.g. "Practice nurse"
    notes: str  # what they know and have prepared before the conversation


@dataclass(frozen=True)
class Preparation:
    summary: str  # what the person received before the conversation
    results: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()  # the questions the letter asked them to think about


@dataclass(frozen=True)
class Choice:
    id: str
    say: str
    next: str  # a node id or an ending id
    feedback: str
    skills: tuple[str, ...] = ()
    effects: dict[str, int] = field(default_factory=dict)
    best: bool = False

    @property
    def total(self) -> int:
        return sum(self.effects.values())


@dataclass(frozen=True)
class Node:
    id: str
    says: str
    choices: tuple[Choice, ...]
    speaker: str = ""  # who speaks; empty means the person
    context: str = ""
    discussion: str = ""

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    @property
    def best_choices(self) -> tuple[Choice, ...]:
        return tuple(c for c in self.choices if c.best)


@dataclass(frozen=True)
class GuidanceItem:
    ref: str  # e.g. "NICE NG28"
    title: str
    used_for: str  # what in the scenario follows it
    url: str = ""


@dataclass(frozen=True)
class Guidance:
    checked: str  # YYYY-MM-DD: when the scenario was last checked against the guidance
    follows: tuple[GuidanceItem, ...]


@dataclass(frozen=True)
class Moment:
    id: str
    label: str  # plain words, e.g. "asked Janet whether she has had thoughts of harming herself"
    at: tuple[str, ...]  # "node" (the node was reached) or "node:choice" (that choice was taken); any one counts
    essential: bool = False  # a good ending needs it


@dataclass(frozen=True)
class Part:
    """A piece of an ending's words, shown only if its moment happened (`when`) or did not (`unless`)."""

    text: str
    when: str = ""
    unless: str = ""

    def shown(self, happened: frozenset[str] | set[str]) -> bool:
        return (not self.when or self.when in happened) and (not self.unless or self.unless not in happened)


@dataclass(frozen=True)
class Ending:
    id: str
    title: str
    what_happened: tuple[Part, ...]
    plan: tuple[Part, ...]
    quality: str  # one of QUALITIES
    claims: tuple[str, ...] = ()  # moments its unconditional words say happened
    if_missed: tuple[tuple[str, str], ...] = ()  # (moment id, ending id), checked in order

    def words(self, happened) -> tuple[str, list[str]]:
        """What happened and the plan, as the path with these moments reads them."""
        return (" ".join(p.text for p in self.what_happened if p.shown(happened)),
                [p.text for p in self.plan if p.shown(happened)])


@dataclass(frozen=True)
class Roleplay:
    header: Header
    summary: str
    setting: str
    person: Person
    carer: Carer | None
    practitioner: Practitioner
    preparation: Preparation
    dimensions: tuple[Dimension, ...]
    start: str
    nodes: tuple[Node, ...]
    endings: tuple[Ending, ...]
    guidance: Guidance | None = None
    moments: tuple[Moment, ...] = ()

    def node(self, ident: str) -> Node | None:
        return next((n for n in self.nodes if n.id == ident), None)

    def ending(self, ident: str) -> Ending | None:
        return next((e for e in self.endings if e.id == ident), None)

    def dimension(self, ident: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == ident), None)

    def speaker(self, node: Node) -> str:
        return node.speaker or self.person.name

    def edges(self) -> list[tuple[str, Choice]]:
        """Every choice as (from node id, choice); the choice's `next` is where it goes."""
        return [(n.id, c) for n in self.nodes for c in n.choices]

    def moment(self, ident: str) -> Moment | None:
        return next((m for m in self.moments if m.id == ident), None)

    def happened(self, steps) -> frozenset[str]:
        """The moments that happened on a path of (node, choice) steps."""
        places = {n.id for n, _ in steps} | {f"{n.id}:{c.id}" for n, c in steps}
        return frozenset(m.id for m in self.moments if places.intersection(m.at))

    def resolve(self, ending: Ending, happened) -> tuple[Ending, list[tuple[Ending, Moment]]]:
        """Where a path that reached `ending` really ends, following `if_missed`; and each detour taken."""
        detours: list[tuple[Ending, Moment]] = []
        for _ in range(len(self.endings)):  # the checker refuses cycles; this bound is a second guard
            missed = next(((m, target) for m, target in ending.if_missed if m not in happened), None)
            target = self.ending(missed[1]) if missed else None
            if target is None:
                break
            detours.append((ending, self.moment(missed[0])))
            ending = target
        return ending, detours
