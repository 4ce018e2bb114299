"""Problems found in an exercise definition, reported one line each."""

from __future__ import annotations

from dataclasses import dataclass


def format_where(path: tuple) -> str:
    """('questions', 2, 'answer') -> 'questions[2].answer'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file: where it is and what is wrong."""

    file: str
    where: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        return f"{place}: {self.where}: {self.message}"


class DefinitionError(Exception):
    """Raised when a definition has problems; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
