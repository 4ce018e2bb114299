"""Quiz exercises: match each item to one of a set of choices, scored with feedback on each."""

from .load import linked_pages, load
from .score import act, score

__all__ = ["act", "linked_pages", "load", "score"]
