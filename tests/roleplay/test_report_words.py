"""Words a learner or trainer reads: every skill tag in plain words, scores as a share of the best path, and the
trainer's outline and diagram in the steps' own words."""

from __future__ import annotations

import re
from html import unescape

import pytest

from exercises.catalogue import load_valid
from exercises.roleplay import act
from exercises.roleplay.diagram import CHARS, WIDTH, render_key, render_svg, wrap
from exercises.roleplay.html import render_trainer
from exercises.roleplay.report import points_view
from exercises.roleplay.skills import HABIT, SKILL, TAGS, phrase


def roleplays():
    return [e for e in load_valid() if e.header.type == "roleplay"]


def test_every_skill_tag_in_the_shipped_scenarios_has_plain_words():
    used = {tag for e in roleplays() for _, c in e.model.edges() for tag in c.skills}
    assert used, "the scenarios use skill tags"
    missing = sorted(used - set(TAGS))
    assert missing == [], f"add these tags to exercises/roleplay/skills.py: {missing}"
    for tag in used:
        kind, words = TAGS[tag]
        assert kind in (SKILL, HABIT), tag
        assert words and words == words.strip() and not words.endswith("."), tag
        assert "-" not in words.split()[0], tag  # words, not the tag again
    assert phrase("telling") == "telling the person what to do instead of asking"


def test_habits_are_explained_in_words_not_bare_tags():
    for entry in roleplays():
        weakest = act(entry.model, "trainer", {})["weakest_path"]["choices"]
        report = act(entry.model, "report", {"choices": weakest})
        assert report["habits"], entry.header.id
        for habit in report["habits"]:
            assert habit["words"].startswith(phrase(habit["id"])[:1].upper() + phrase(habit["id"])[1:])
            assert re.search(r"\((once|twice|\d+ times)\)$", habit["words"])
            assert TAGS[habit["id"]][0] == HABIT


@pytest.mark.parametrize("score, best, short, words", [
    (12, 18, "12 of 18", "12 of the 18 points the best path earns"),
    (18, 18, "18 of 18", "18 of the 18 points the best path earns"),
    (0, 18, "0 of 18", "0 of the 18 points the best path earns"),
    (-6, 18, "0 of 18 (lost more than it gained)",
     "0 of the 18 points the best path earns: this path lost more points than it gained"),
    (20, 18, "20 of 18", "20 points, more than the 18 the best path earns"),
    (2, 0, "2 (the best path earns none)", "2 points; the best path earns none here"),
])
def test_points_as_a_share_of_the_best_path(score, best, short, words):
    view = points_view(score, best)
    assert (view["short"], view["words"]) == (short, words)
    assert view["lost_more"] is (score < 0)


def test_the_outline_and_diagram_use_the_steps_own_words_and_whole_endings():
    for entry in roleplays():
        t = act(entry.model, "trainer", {})
        assert [n["number"] for n in t["outline"]] == list(range(1, len(t["outline"]) + 1))
        svg = render_svg(t, entry.header.id)
        shown = unescape(" ".join(re.sub(r"<[^>]+>", " ", "".join(re.findall(r"<text[^>]*>.*?</text>", svg))).split()))
        for node in t["outline"]:
            assert node["label"] and node["says"].startswith(node["label"].rstrip("…")[:20]), node["id"]
            if "-" in node["id"]:
                assert node["id"] not in shown, node["id"]
            assert f"{node['number']}. “" in shown
        for ending in t["endings"]:
            title = " ".join(wrap(ending["title"]))
            assert title in shown, ending["title"]  # the whole title, never cut short
        width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
        assert width == WIDTH <= 640
        html = render_trainer(t, entry.header.id, links=None)
        for node in t["outline"]:
            for c in node["choices"]:
                if c["next_kind"] == "node" and "-" in c["next"]:
                    assert f"goes on to {c['next']}<" not in html


def test_the_diagram_has_a_key_and_nothing_in_a_box_is_wider_than_a_line():
    key = render_key("x")
    for words in ("square-cornered box", "round-cornered box", "thick solid line", "thin dashed line", "dotted curve"):
        assert words in key
    assert all(len(line) <= CHARS for line in wrap("Two goals, and only one of them Gary's own, but a review is booked"))
    assert wrap("one two three four five six seven eight nine ten", limit=2)[-1].endswith("…")
