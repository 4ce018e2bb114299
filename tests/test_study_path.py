"""The clinicians' self-study path as data: the shipped path names only pages and exercises that exist, its
minutes add up, and a path with a mistake stops the build naming the file, the line and the field."""

import re

from conftest import ROOT
from conftest import build_with

from exercises.catalogue import load_valid
from exercises.site.study_path import read_path

DOCS = ROOT / "docs"
PATH = DOCS / "data" / "study-path.yml"


def shipped():
    exercises = {e.header.id: (e.header.page, e.header.title) for e in load_valid()}
    return read_path(PATH, DOCS, exercises)


def test_the_shipped_path_has_five_modules_each_with_objectives_key_points_and_estimated_minutes():
    study = shipped()
    assert [m["title"] for m in study["modules"]] == [
        "The House of Care", "The four steps", "Practising the conversation", "Judging a plan", "Your team's house"]
    for m in study["modules"]:
        assert m["objectives"] and m["key_points"] and m["items"]
        assert m["minutes"] == sum(i["minutes"] for i in m["items"])
    assert study["minutes"] == sum(m["minutes"] for m in study["modules"])
    kinds = {i["kind"] for m in study["modules"] for i in m["items"]}
    assert kinds == {"page", "exercise"}


def test_the_path_page_lists_every_item_and_pages_on_the_path_can_be_marked_read(built_site):
    study = shipped()
    html = (built_site / "clinicians" / "path" / "index.html").read_text(encoding="utf-8")
    for n, m in enumerate(study["modules"], start=1):
        assert f"Module {n}: {m['title'].replace(chr(39), '&#39;')}" in html.replace("'", "&#39;")
        for item in m["items"]:
            assert f'data-item="{item["key"]}"' in html
    assert html.count("<textarea") == 3 * len(study["modules"])
    roof = (built_site / "house" / "roof" / "index.html").read_text(encoding="utf-8")
    assert "data-study-path-mark" in roof
    glossary = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "data-study-path-mark" not in glossary  # not on the path


def test_a_path_with_mistakes_stops_the_build_naming_file_line_and_field(tmp_path):
    def break_it(text):
        text = text.replace("      - page: process/review.md", "      - page: process/no-such-page.md", 1)
        text = text.replace("      - exercise: carer-joins\n        minutes: 15", "      - exercise: no-such-exercise\n        minutes: 15", 1)
        return re.sub(r"(      - exercise: house-readiness\n)        minutes: 20\n", r"\1", text)

    done = build_with(tmp_path, {"data/study-path.yml": break_it})
    assert done.returncode != 0
    err = done.stderr
    assert re.search(r"study-path\.yml:\d+: modules\[1\]\.items\[4\]\.page: there is no page 'process/no-such-page\.md'", err), err
    assert re.search(r"study-path\.yml:\d+: modules\[2\]\.items\[4\]\.exercise: there is no exercise 'no-such-exercise'", err), err
    assert re.search(r"study-path\.yml:\d+: modules\[4\]\.items\[3\]\.minutes: an exercise needs its estimated minutes", err), err
