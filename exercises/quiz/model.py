"""The quiz model: plain data, built only by `load`."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..definition import Header


@dataclass(frozen=True)
class Choice:
    id: str
    text: str


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    answer: str  # the id of the right choice
    explanation: str  # why the right answer is right; shown whatever was chosen
    learn_more: str  # a page relative to docs/, e.g. house/roof.md
    feedback: dict[str, str] = field(default_factory=dict)  # extra words for a wrong choice id


@dataclass(frozen=True)
class Quiz:
    header: Header
    intro: str
    choices: tuple[Choice, ...]
    questions: tuple[Question, ...]
    choices_heading: str = "The choices"  # the heading over the list of choices

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)
