"""Trainers' session plans as data (docs/data/sessions/*.yml): every shipped plan's segments add up to its
stated length, uses only the fixed methods, and names only pages and exercises that exist; each has a page,
drawn with its preparation and a timed run-sheet; and a plan with a mistake stops the build naming the
file, the line and the field."""

import re

import pytest
import yaml

from conftest import ROOT
from conftest import build_with
from test_page_names_and_headings import nav_entries

from exercises.catalogue import load_valid
from exercises.site.sessions import fill_sessions, read_sessions

DOCS = ROOT / "docs"
FOLDER = DOCS / "data" / "sessions"
# The methods a run-sheet may use (issue 9): written out here, not taken from the build code.
METHODS = {"talk", "exercise", "role-play in threes", "discussion", "pairs", "break", "reflection"}
EXPECTED = {"top-up-60": 60, "top-up-90": 90, "learning-set": 90, "practice-taster": 120, "train-the-trainer": 360}


def files():
    return sorted(FOLDER.glob("*.yml"))


def raw(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def exercise_ids():
    return {e.header.id for e in load_valid()}


def exercises():
    return {e.header.id: e.header for e in load_valid()}


def built(site, page):
    """The built HTML of a docs page (directory URLs: trainers/index.md -> trainers/index.html)."""
    stem = page[: -len(".md")].removesuffix("index")
    return (site / stem / "index.html").read_text(encoding="utf-8")


# ---- the shipped plans, read independently of the build code --------------------------------------

def test_the_five_plans_asked_for_are_shipped_with_their_lengths():
    assert {p.stem: raw(p)["minutes"] for p in files()} == EXPECTED


@pytest.mark.parametrize("path", files(), ids=lambda p: p.stem)
def test_each_plans_segments_add_up_to_its_stated_length(path):
    plan = raw(path)
    assert sum(segment["minutes"] for segment in plan["run_sheet"]) == plan["minutes"]


@pytest.mark.parametrize("path", files(), ids=lambda p: p.stem)
def test_each_plan_uses_only_the_fixed_methods_and_names_pages_and_exercises_that_exist(path):
    plan = raw(path)
    known = exercise_ids()
    for n, segment in enumerate(plan["run_sheet"]):
        assert segment["method"] in METHODS, f"{path.name}: run_sheet[{n}]: {segment['method']!r}"
        for use in segment.get("use") or []:
            if "page" in use:
                assert (DOCS / use["page"]).is_file(), f"{path.name}: run_sheet[{n}]: {use['page']}"
            else:
                assert use["exercise"] in known, f"{path.name}: run_sheet[{n}]: {use['exercise']}"
        if segment["method"] != "break":
            assert segment.get("notes"), f"{path.name}: run_sheet[{n}] has no notes for the facilitator"


@pytest.mark.parametrize("path", files(), ids=lambda p: p.stem)
def test_each_plan_has_objectives_and_preparation_four_weeks_and_one_week_before_and_on_the_day(path):
    plan = raw(path)
    assert plan["title"] and plan["audience"] and plan["objectives"]
    assert set(plan["prepare"]) == {"four_weeks_before", "one_week_before", "on_the_day"}
    assert all(plan["prepare"][k] for k in plan["prepare"])


@pytest.mark.parametrize("path", files(), ids=lambda p: p.stem)
def test_each_plan_has_its_page_in_the_menu_and_the_page_cites_every_source_the_plan_cites(path):
    page = DOCS / "trainers" / "sessions" / f"{path.stem}.md"
    text = page.read_text(encoding="utf-8")
    assert f"[[session: {path.stem}]]" in text.splitlines()
    plan = raw(path)
    assert re.search(r"^# (.+)$", text, re.M).group(1) == plan["title"]
    assert f"trainers/sessions/{path.stem}.md" in {target for _, target in nav_entries()}
    front = yaml.safe_load(text.split("---")[1])
    cited = set(re.findall(r"sources\.md#([a-z0-9-]+)", path.read_text(encoding="utf-8")))
    assert cited and cited <= set(front["sources"])


def test_the_train_the_trainer_day_has_breaks_and_all_six_role_plays_quiz_plans_and_self_check_are_used():
    plans = {p.stem: raw(p) for p in files()}
    day = plans["train-the-trainer"]["run_sheet"]
    assert sum(s["minutes"] for s in day if s["method"] == "break") >= 60  # lunch and breaks inside its length
    used = {u.get("exercise") for plan in plans.values() for s in plan["run_sheet"] for u in s.get("use") or []}
    assert {"parts-of-the-house", "house-readiness", "calibrate", "diabetes-review"} <= used
    assert any(e.endswith("-plan") or e.endswith("-note") for e in used if e)
    methods = {s["method"] for plan in plans.values() for s in plan["run_sheet"]}
    assert methods == METHODS


def test_the_build_code_reads_the_same_plans_in_order_of_length():
    sessions = read_sessions(DOCS, exercises())
    assert list(sessions) == sorted(EXPECTED, key=lambda k: (EXPECTED[k], k))
    for ident, session in sessions.items():
        starts = [s["start"] for s in session["segments"]]
        assert starts[0] == 0 and starts == sorted(starts)
        last = session["segments"][-1]
        assert last["start"] + last["minutes"] == EXPECTED[ident]


# ---- as built ------------------------------------------------------------------------------------

def test_each_session_page_shows_length_audience_objectives_preparation_and_a_timed_run_sheet(built_site):
    for path in files():
        plan = raw(path)
        html = built(built_site, f"trainers/sessions/{path.stem}.md")
        article = html[html.index("md-content__inner"):]
        assert "<strong>Length:</strong>" in article and f"({plan['minutes']} minutes)" in article
        assert "<strong>For:</strong>" in article
        for heading in ("What people will be able to do", "Four weeks before", "One week before", "On the day",
                        "Run-sheet", "Segment by segment"):
            assert f">{heading}<" in article, (path.stem, heading)
        rows = re.findall(r"<tr>\s*<td><a href=\"#segment-(\d+)\">\d+</a></td>\s*<td>(\d+:\d\d)</td>\s*<td>(\d+)</td>"
                          r"\s*<td>([^<]+)</td>", article)
        assert len(rows) == len(plan["run_sheet"])
        clock = 0
        for (number, start, minutes, method), segment in zip(rows, plan["run_sheet"]):
            assert start == f"{clock // 60}:{clock % 60:02d}"
            assert int(minutes) == segment["minutes"] and method == segment["method"]
            assert f'id="segment-{number}"' in article
            clock += segment["minutes"]
        assert re.search(rf"The timings add up:</strong> {len(rows)} segments, [0-9 +]+= {plan['minutes']} minutes", article)
        assert "[[session" not in article


def test_every_link_on_a_session_page_leads_to_a_built_page(built_site):
    for path in files():
        page = built_site / "trainers" / "sessions" / path.stem / "index.html"
        html = page.read_text(encoding="utf-8")
        article = html[html.index("md-content__inner"):html.index("page-meta")]
        for href in re.findall(r'href="([^"#:]+)/(?:#[^"]*)?"', article):
            assert (page.parent / href / "index.html").resolve().is_file(), (path.stem, href)


def test_the_index_lists_every_session_with_length_and_audience_and_the_trainers_page_leads_with_them(built_site):
    index = built(built_site, "trainers/sessions/index.md")
    for path in files():
        plan = raw(path)
        row = re.search(rf'<tr>\s*<td><a href="{path.stem}/">[^<]+</a></td>\s*<td>([^<]+)</td>\s*<td>(.*?)</td>', index, re.S)
        assert row, path.stem
        assert f"({plan['minutes']} minutes)" in row.group(1)
        assert plan["audience"].split(":")[0].split(",")[0][:30] in re.sub(r"<[^>]+>", "", row.group(2))
    trainers = built(built_site, "trainers/index.md")
    article = trainers[trainers.index("md-content__inner"):]
    first_h2 = re.search(r"<h2[^>]*>(.*?)<", article).group(1)
    assert "Session plans" in first_h2
    assert "Suggested order" not in article
    for path in files():
        assert f'href="sessions/{path.stem}/"' in article, path.stem


def test_a_session_page_prints_without_navigation(built_site):
    html = built(built_site, "trainers/sessions/top-up-60.md")
    assert "assets/sessions.css" in html
    css = (ROOT / "docs" / "assets" / "site.css").read_text(encoding="utf-8")
    assert re.search(r"@media print\s*{\s*\.md-header, \.md-tabs, \.md-sidebar, \.md-footer", css)
    own = (ROOT / "docs" / "assets" / "sessions.css").read_text(encoding="utf-8")
    assert "@media print" in own and "break-inside: avoid" in own


# ---- mistakes stop the build ---------------------------------------------------------------------

def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_plans_with_mistakes_stop_the_build_naming_file_line_and_field(tmp_path):
    originals = {p.stem: p.read_text(encoding="utf-8") for p in files()}

    def longer(text):  # the first segment gets 5 more minutes: the run-sheet no longer adds up
        return text.replace("    minutes: 5\n    method: talk\n", "    minutes: 10\n    method: talk\n", 1)

    def no_audience(text):
        return re.sub(r"(?ms)^audience: >-\n(  .*?\n)+", "", text, count=1)

    def unknown_page(text):
        return text.replace("      - page: local/maintenance.md", "      - page: local/no-such-page.md", 1)

    def unknown_exercise(text):
        return text.replace("      - exercise: pictures-and-colours", "      - exercise: no-such-exercise", 1)

    changes = {"data/sessions/top-up-60.yml": lambda t: unknown_exercise(longer(t)),
               "data/sessions/learning-set.yml": no_audience,
               "data/sessions/top-up-90.yml": unknown_page}
    done = build_with(tmp_path, changes)
    assert done.returncode != 0
    err = done.stderr
    changed = {name: change(originals[name.split("/")[-1][:-4]]) for name, change in changes.items()}

    top_up = changed["data/sessions/top-up-60.yml"]
    assert re.search(rf"top-up-60\.yml:{line_of(top_up, 'minutes: 60')}: minutes: the session is 60 minutes, but its "
                     r"run_sheet's 5 segments add up to 65 minutes \(10 \+ 10 \+ 25 \+ 10 \+ 10\)", err), err
    assert re.search(rf"top-up-60\.yml:{line_of(top_up, 'exercise: no-such-exercise')}: run_sheet\[2\]\.use\[0\]\.exercise: "
                     r"there is no exercise 'no-such-exercise'", err), err
    learning = changed["data/sessions/learning-set.yml"]
    assert re.search(rf"learning-set\.yml:{line_of(learning, 'title:')}: audience: this field is required but missing",
                     err), err
    top_up_90 = changed["data/sessions/top-up-90.yml"]
    assert re.search(rf"top-up-90\.yml:{line_of(top_up_90, 'page: local/no-such-page.md')}: run_sheet\[0\]\.use\[0\]\.page: "
                     r"there is no page 'local/no-such-page\.md' under docs/", err), err


def test_a_plan_without_its_page_or_a_marker_naming_no_plan_stops_the_build(tmp_path):
    done = build_with(tmp_path, {"trainers/sessions/top-up-90.md": lambda t: t.replace("[[session: top-up-90]]",
                                                                                        "[[session: top-up-99]]")})
    assert done.returncode != 0
    assert re.search(r"top-up-90\.yml:\d+: \(page\): there is no page docs/trainers/sessions/top-up-90\.md holding "
                     r"the line \[\[session: top-up-90\]\]", done.stderr), done.stderr


def test_a_plan_without_its_packs_stops_the_build_naming_the_pack_page(tmp_path):
    docs = write_plan(tmp_path, GOOD)
    (docs / "trainers" / "sessions" / "plan-participant-pack.md").unlink()
    with pytest.raises(ValueError, match=r"plan\.yml:1: \(page\): there is no page docs/trainers/sessions/"
                                         r"plan-participant-pack\.md holding the line \[\[participant-pack: plan\]\]"):
        read_sessions(docs, {})


def test_a_marker_naming_no_plan_is_named_with_its_page():
    with pytest.raises(ValueError, match=r"docs/trainers/x\.md: \[\[session: nope\]\]: there is no session plan"):
        fill_sessions("# X\n\n[[session: nope]]\n", "trainers/x.md", {})


def write_plan(tmp_path, body: str):
    docs = tmp_path / "docs"
    (docs / "data" / "sessions").mkdir(parents=True)
    (docs / "trainers" / "sessions").mkdir(parents=True)
    (docs / "house").mkdir()
    (docs / "house" / "index.md").write_text("# The House of Care\n")
    (docs / "trainers" / "sessions" / "plan.md").write_text("# Plan\n\n[[session: plan]]\n")
    for kind in ("trainer", "participant"):
        (docs / "trainers" / "sessions" / f"plan-{kind}-pack.md").write_text(f"# Pack\n\n[[{kind}-pack: plan]]\n")
    (docs / "data" / "sessions" / "plan.yml").write_text(body)
    return docs


GOOD = """title: A plan
minutes: 30
audience: A team
about: What it is for.
objectives: [One thing]
prepare:
  four_weeks_before: [Book a room]
  one_week_before: [Print the cards]
  on_the_day: [Open the screen]
run_sheet:
  - title: Start
    minutes: 20
    method: talk
    use:
      - page: house/index.md
    notes: Say hello.
  - title: Tea
    minutes: 10
    method: break
"""


def test_a_good_small_plan_is_read_and_drawn_with_start_times(tmp_path):
    docs = write_plan(tmp_path, GOOD)
    sessions = read_sessions(docs, {})
    drawn = fill_sessions("# Plan\n\n[[session: plan]]\n", "trainers/sessions/plan.md", sessions)
    assert "| [1](#segment-1) | 0:00 | 20 | talk | Start | [The House of Care](../../house/index.md) (page) |" in drawn
    assert "| [2](#segment-2) | 0:20 | 10 | break | Tea | — |" in drawn
    assert "20 + 10 = 30 minutes, the session's stated length, ending at 0:30, with 10 minutes of breaks" in drawn


@pytest.mark.parametrize("change, expected", [
    (("method: talk", "method: lecture"), r"plan\.yml:13: run_sheet\[0\]\.method: 'lecture' is not a method; use one of: "
                                          r"talk, exercise, role-play in threes, discussion, pairs, break, reflection"),
    (("    method: break\n", "    method: break\n    use:\n      - page: house/index.md\n"),
     r"plan\.yml:20: run_sheet\[1\]\.use: a break uses no page or exercise"),
    (("    notes: Say hello.\n", ""), r"plan\.yml:11: run_sheet\[0\]\.notes: this field is required but missing"),
    (("minutes: 20", "minutes: twenty"), r"plan\.yml:12: run_sheet\[0\]\.minutes: expected a whole number of minutes"),
    (("  on_the_day: [Open the screen]\n", ""), r"plan\.yml:6: prepare\.on_the_day: needs a list of 1 to 12 lines"),
    (("about: What it is for.\n", "about: What it is for.\nlevel: 2\n"), r"plan\.yml:5: level: unknown field"),
])
def test_each_kind_of_mistake_is_named_by_file_line_and_field(tmp_path, change, expected):
    docs = write_plan(tmp_path, GOOD.replace(*change, 1))
    with pytest.raises(ValueError) as error:
        read_sessions(docs, {})
    assert re.search(expected, str(error.value)), str(error.value)


def test_text_from_a_plan_is_shown_as_typed(tmp_path):
    docs = write_plan(tmp_path, GOOD.replace("notes: Say hello.", 'notes: "<script>x()</script> [a](javascript:x) | pipe"'))
    drawn = fill_sessions("[[session: plan]]\n", "trainers/sessions/plan.md", read_sessions(docs, {}))
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn
    assert "](javascript:" not in drawn
