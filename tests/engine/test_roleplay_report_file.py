"""The role-play report as the browser asks for it, for every shipped scenario: the saved file is the same document
as the page, scores are never a bare negative, and each choice's kind is named. Also runs inside Pyodide."""

import json
import random
import re

from exercises.browser import handle

from .shipped import shipped_definitions

WHEN = "2026-11-22T14:05"


def roleplays():
    return {k: v for k, v in shipped_definitions().items() if v.get("type") == "roleplay"}


def ask(definition, action, data):
    reply = json.loads(handle(json.dumps({"action": action, "definition": definition, "data": data})))
    assert reply["ok"], reply
    return reply["result"]


def refused(definition, action, data):
    reply = json.loads(handle(json.dumps({"action": action, "definition": definition, "data": data})))
    assert not reply["ok"], reply
    return reply["error"]


def walks(definition, count, seed):
    """The best path, the weakest path and `count` random paths, each a list of choice ids to an ending."""
    rng = random.Random(seed)
    trainer = ask(definition, "trainer", {})
    found = [trainer["best_path"]["choices"], trainer["weakest_path"]["choices"]]
    for _ in range(count):
        choices, view = [], ask(definition, "turn", {"choices": []})
        while not view["ended"] and len(choices) < 100:
            choices.append(rng.choice(view["choices"])["id"])
            view = ask(definition, "turn", {"choices": choices})
        found.append(choices)
    return found


def document_texts(document):
    """Every piece of text in a report's document, as the page draws it."""
    out = [document["title"]]
    for section in document["sections"]:
        if section["heading"]:
            out.append(section["heading"])
        for block in section["blocks"]:
            kind = block["kind"]
            if kind == "paragraph":
                out.append(block["text"])
            elif kind == "list":
                out += [item["text"] for item in block["items"]]
            elif kind == "scores":
                for row in block["rows"]:
                    out += [row["label"], row["points"], row["level_words"], row["step_label"], row["house_label"],
                            row["words"]]
            elif kind == "entries":
                for item in block["items"]:
                    out += [part["label"] for part in item["lines"] if part["label"]]
                    out += [part["text"] for part in item["lines"]]
            elif kind == "reflection":
                out += [block["label"], block["text"] or block["empty"]]
    return out


def test_the_saved_text_file_holds_every_word_of_the_report():
    for ident, definition in roleplays().items():
        for choices in walks(definition, 4, seed=14):
            data = {"choices": choices, "finished": WHEN, "reflection": "Ask first.\nThen listen."}
            report = ask(definition, "report", data)
            saved = ask(definition, "report-file", {**data, "format": "text"})
            assert saved["filename"] == f"{ident}-report-2026-11-22.txt"
            for text in document_texts(report["document"]):
                for line in text.split("\n"):
                    assert line in saved["text"], (ident, choices, line)
            assert "Finished on 22 November 2026 at 14:05." in saved["text"]
            assert report["title"] in saved["text"].splitlines()[0]


def test_the_report_names_every_better_choice_with_why_it_helps():
    for ident, definition in roleplays().items():
        weakest = ask(definition, "trainer", {})["weakest_path"]["choices"]
        report = ask(definition, "report", {"choices": weakest})
        missed = [d for d in report["comparison"]["decisions"] if d["matched"] is False and d["best"]]
        assert missed, ident
        text = ask(definition, "report-file", {"choices": weakest, "format": "text"})["text"]
        assert "Where a better choice was open" in text
        for d in missed:
            assert f"A better choice: “{d['best']['say']}”" in text, ident
            assert f"Why it helps: {d['best']['feedback']}" in text, ident
        for e in report["exchanges"]:
            assert f"{e['kind_words']}: {e['feedback']}" in text, ident
        assert "Habits to watch" in text
        for habit in report["habits"]:
            assert habit["words"] in text


def test_scores_are_a_share_of_the_best_path_and_never_a_bare_negative():
    for ident, definition in roleplays().items():
        for choices in walks(definition, 6, seed=3):
            report = ask(definition, "report", {"choices": choices})
            words = json.dumps(report["document"], ensure_ascii=False)
            # A minus sign before a figure would be a bare negative score.
            assert not re.search(r"(?<![\w])[-−]\d", words), (ident, choices)
            points = report["points"]
            assert points["of"] == report["best_total"] and points["earned"] == max(report["total"], 0)
            assert f"In all, you earned {points['words']}." in report["overview"]
            if report["total"] < 0:
                assert points["short"].startswith(f"0 of {report['best_total']}")
                assert "lost more points than it gained" in points["words"]
            for d in report["dimensions"]:
                assert d["points"]["earned"] == max(d["score"], 0)
                assert d["words"].startswith(f"You earned {d['points']['words']}.")


def test_each_choice_is_named_best_acceptable_or_poor_from_its_total_effect():
    for ident, definition in roleplays().items():
        trainer = ask(definition, "trainer", {})
        totals = {(n["id"], c["id"]): (c["best"], c["total"]) for n in trainer["outline"] for c in n["choices"]}
        for choices in walks(definition, 4, seed=8):
            view = ask(definition, "turn", {"choices": choices})
            for item in view["history"]:
                best, effect = totals[(item["node"], item["choice"])]
                expected = "best" if best else "acceptable" if effect >= 0 else "poor"
                assert item["kind"] == expected, (ident, item["node"], item["choice"])
                assert item["kind_words"]
            report = ask(definition, "report", {"choices": choices})
            assert [e["kind"] for e in report["exchanges"]] == [h["kind"] for h in view["history"]]


def test_the_markdown_file_shows_the_learners_words_as_typed():
    definition = next(iter(roleplays().values()))
    best = ask(definition, "trainer", {})["best_path"]["choices"]
    typed = "1. Ask *first*\n# not a heading\n<script>x</script> [link](https://example.org)"
    saved = ask(definition, "report-file", {"choices": best, "reflection": typed, "format": "markdown"})
    assert saved["filename"].endswith(".md")
    text = saved["text"]
    assert text.startswith("# Your report: ")
    assert "\n## Your reflection\n" in text
    assert "1\\. Ask \\*first\\*" in text
    assert "\n\\# not a heading" in text
    assert "\\<script\\>" in text and "<script>" not in text
    assert "\\[link\\](https://example.org)" in text


def test_what_the_page_sends_is_checked():
    definition = next(iter(roleplays().values()))
    best = ask(definition, "trainer", {})["best_path"]["choices"]
    assert "at most 4000" in refused(definition, "report", {"choices": best, "reflection": "x" * 4001})
    assert "'reflection' must be text" in refused(definition, "report", {"choices": best, "reflection": 3})
    assert "'finished' must be" in refused(definition, "report", {"choices": best, "finished": "yesterday"})
    assert "'finished' must be" in refused(definition, "report", {"choices": best, "finished": "2026-13-01T10:00"})
    assert "text or markdown" in refused(definition, "report-file", {"choices": best, "format": "pdf"})
    # Control characters are dropped; the words are kept.
    report = ask(definition, "report", {"choices": best, "reflection": "one\u0000 two\r\nthree"})
    assert report["reflection"] == "one two\nthree"
