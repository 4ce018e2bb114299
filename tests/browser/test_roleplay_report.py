"""What learners and localities finish with: the role-play report on screen, printed and saved; the report on a
phone; the trainer view on a projector; and answers kept out of the learners' site search."""

from __future__ import annotations

import json
from html import escape

import pytest

from exercises.catalogue import load_valid


def entries(kind):
    return [e for e in load_valid() if e.header.type == kind]


def search_text(built_site) -> str:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return "\n".join(f"{doc['title']}\n{doc['text']}" for doc in index["docs"])


def indexed(text: str) -> str:
    """A piece of text as the theme's search index holds it: escaped, with whitespace run together."""
    return escape(" ".join(text.split()), quote=False)


def test_site_search_holds_no_trainer_answers(built_site):
    """Trainer views, quiz answers and reference scores are on the pages, but not in the learners' search."""
    found = search_text(built_site)
    assert "(on the best path)" not in found
    assert "Best choice." not in found
    assert "Observer checklist" not in found
    for entry in entries("roleplay"):
        model = entry.model
        assert f"Playing {model.person.name}" not in found, entry.header.id
        for node in model.nodes:
            if node.discussion:
                assert indexed(node.discussion) not in found, (entry.header.id, node.id)
            for choice in node.choices:
                assert indexed(choice.feedback) not in found, (entry.header.id, node.id, choice.id)
    for entry in entries("quiz"):
        for question in entry.model.questions:
            assert indexed(question.explanation) not in found, (entry.header.id, question.id)
    for entry in entries("plan-review"):
        for mark in entry.model.reference.values():
            assert indexed(mark.why) not in found, entry.header.id
    # The learner's own parts of the pages are still found.
    for entry in entries("roleplay"):
        assert indexed(entry.model.node(entry.model.start).says) in found, entry.header.id
