"""Validate a quiz definition and build its model, reporting every problem with its place."""

from __future__ import annotations

from ..definition import Header, read_page_path
from ..fields import Fields, unique_ids
from .model import Choice, Question, Quiz

MAX_CHOICES = 26  # the page names each choice by a letter, A to Z (html.py)


def load(fields: Fields, header: Header) -> Quiz:
    report = fields.report
    intro = fields.text("intro", required=False)
    choices_heading = fields.text("choices_heading", required=False, default="The choices", max_length=120)

    choices = []
    entries = fields.items("choices", min_items=2)
    if len(entries) > MAX_CHOICES:
        report(("choices",), f"has {len(entries)} choices; the limit is {MAX_CHOICES}, because each answer is "
                             f"picked by a letter from A to Z")
    for path, item in entries:
        f = Fields(item, path, report)
        choices.append((path, Choice(id=f.ident("id"), text=f.text("text", max_length=300))))
        f.done()
    unique_ids([(p + ("id",), c.id) for p, c in choices], report, "choice")
    choice_ids = {c.id for _, c in choices}

    questions = []
    for path, item in fields.items("questions", min_items=1):
        f = Fields(item, path, report)
        qid = f.ident("id")
        prompt = f.text("prompt", max_length=300)
        answer = f.ident("answer")
        if answer and answer not in choice_ids:
            report(path + ("answer",), f"refers to choice '{answer}', but no choice has that id")
        explanation = f.text("explanation")
        learn_more = read_page_path(f, "learn_more")
        feedback: dict[str, str] = {}
        fb = f.mapping("feedback", required=False)
        for key, text in fb.data.items():
            fb.seen.add(key)
            if key not in choice_ids:
                report(path + ("feedback", str(key)), f"refers to choice '{key}', but no choice has that id")
            elif key == answer:
                report(path + ("feedback", str(key)), "feedback is for wrong choices; this is the right answer")
            elif not isinstance(text, str) or not text.strip():
                report(path + ("feedback", str(key)), "expected some text")
            else:
                feedback[str(key)] = text.strip()
        f.done()
        questions.append((path, Question(qid, prompt, answer, explanation, learn_more, feedback)))
    unique_ids([(p + ("id",), q.id) for p, q in questions], report, "question")

    return Quiz(
        header=header,
        intro=intro,
        choices=tuple(c for _, c in choices),
        questions=tuple(q for _, q in questions),
        choices_heading=choices_heading,
    )


def linked_pages(quiz: Quiz) -> list[tuple[tuple, str]]:
    return [(("questions", i, "learn_more"), q.learn_more) for i, q in enumerate(quiz.questions)]
