"""Links to an exercise's session mode: the same page opened with ?session=<id> (optionally &minutes= and
&segment= for the timer), which docs/assets/exercises/session-mode.js turns into a projector screen for a
trainer running the exercise with a room. Drawn once here, for every exercise page and the session plans."""

from __future__ import annotations

from html import escape
from urllib.parse import quote, urlencode

TYPES = ("quiz", "roleplay", "plan-review", "readiness")  # the types session mode can run


def query(exercise_id: str, minutes: int | None = None, segment: str | None = None) -> str:
    """'?session=<id>&minutes=15&segment=Quiz%20in%20pairs' (spaces as %20, every other character escaped)."""
    fields = {"session": exercise_id}
    if minutes:
        fields["minutes"] = str(minutes)
    if segment:
        fields["segment"] = segment
    return "?" + urlencode(fields, quote_via=quote, safe="")


def session_link(exercise_id: str) -> str:
    """The link at the top of an exercise, to the same page in session mode."""
    return (f'<p class="exercise__session"><a href="{escape(query(exercise_id))}" data-session-link>Run this with a '
            f'group (session mode)</a>: for a projector, one step at a time, with the answers hidden until you '
            f'reveal them.</p>')
