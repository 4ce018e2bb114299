"""The house readiness self-check: the weakest part holds the house down, "don't know" is a gap that is
listed, the stage and its reasons, comparing checks, exports that round-trip, and pooling many teams.
Also runs inside Pyodide (plain test functions: no pytest there)."""

import json
import random
from collections import Counter

from exercises.definition import load_definition
from exercises.readiness import act
from exercises.readiness.exchange import ExportError, read_export
from exercises.readiness.model import PARTS, STAGES



def definition():
    """A small question set of the shipped shape, so the rules are tested apart from the wording."""
    def statements(prefix, n):
        return [{"id": f"{prefix}-{i}", "text": f"Statement {i} about {prefix}.", "learn_more": "house/index.md",
                 "next_step": f"Do {prefix} {i}.", "help": "Ask your lead."} for i in range(n)]
    return {"id": "check", "type": "readiness", "title": "Check", "page": "local/readiness-check.md",
            "parts": [{"house": p, "statements": statements(p, 5)} for p in PARTS],
            "stages": [{"id": s, "statements": statements(s, 3)} for s, _ in STAGES]}


def model():
    m, problems = load_definition(definition())
    assert not problems, problems
    return m


def all_answers(value, **overrides):
    m = model()
    answers = {s.id: value for s in m.statements()}
    answers.update(overrides)
    return answers


def test_the_weakest_part_holds_the_whole_house_down():
    answers = all_answers("cracked", **{f"roof-{i}": "ideas" for i in range(5)})
    r = act(model(), "check", {"answers": answers})
    assert [p["level"] for p in r["parts"]] == ["cracked", "cracked", "cracked", "ideas", "cracked"]
    assert r["overall"] == "ideas" and r["weakest"] == ["roof"]
    assert "only as ready as its weakest part" in r["overall_words"] and "The roof is at" in r["overall_words"]
    assert r["actions"][0]["id"].startswith("roof-")


def test_dont_know_counts_as_a_gap_and_is_listed():
    answers = all_answers("cracked", **{"centre-0": "dont-know"})
    r = act(model(), "check", {"answers": answers})
    centre = next(p for p in r["parts"] if p["house"] == "centre")
    assert centre["mean"] == 2.4 and centre["level"] == "nearly"
    assert [s["id"] for s in r["dont_know"]] == ["centre-0"]
    assert r["actions"][0]["id"] == "centre-0" and r["actions"][0]["answer_name"] == "Don't know"


def test_the_stage_is_the_first_whose_work_is_not_done_and_says_why():
    answers = all_answers("cracked", **{f"implementation-{i}": "ideas" for i in range(3)})
    r = act(model(), "check", {"answers": answers})
    assert r["stage"] == "implementation"
    assert "the work of set up looks done" in r["stage_words"]
    assert "Implementation: 0 of 3 signs are nearly there or cracked." in r["stage_why"]
    assert act(model(), "check", {"answers": {}})["stage"] == "set-up"
    assert act(model(), "check", {"answers": all_answers("nearly")})["stage"] == "maintenance"


def test_two_checks_compared_say_what_improved_and_what_slipped():
    before = all_answers("ideas")
    after = all_answers("ideas", **{"roof-0": "cracked", "roof-1": "cracked", "centre-2": "not-started"})
    c = act(model(), "compare", {"before": before, "after": after})
    change = {p["house"]: p["change"] for p in c["parts"]}
    assert change["roof"] == "improved" and change["centre"] == "slipped" and change["foundations"] == "the same"
    assert [s["id"] for s in c["improved"]] == ["roof-0", "roof-1"] and [s["id"] for s in c["slipped"]] == ["centre-2"]


def test_an_export_round_trips_exactly():
    checks = [{"date": "2026-05-01", "answers": all_answers("ideas")},
              {"date": "2026-11-01", "answers": all_answers("nearly", **{"roof-0": "dont-know"})}]
    out = act(model(), "export", {"team": "  Riverside   Surgery ", "checks": checks})
    back = act(model(), "import", {"text": out["json"]})
    assert back == {"team": "Riverside Surgery", "checks": checks}
    assert out["csv"].splitlines()[0] == "team,date,statement,group,answer"
    assert len(out["csv"].splitlines()) == 1 + 2 * len(model().statements())


def refusal(text) -> str:
    try:
        read_export(model(), text)
    except ExportError as exc:
        return str(exc)
    raise AssertionError("accepted")


def test_bad_files_are_refused_with_a_reason():
    good = json.loads(act(model(), "export", {"team": "A", "checks": [{"date": "2026-01-01", "answers": {}}]})["json"])
    assert "not JSON" in refusal("{nope")
    assert "its format is not" in refusal(json.dumps({"format": "other"}))
    assert "format version 9" in refusal(json.dumps({**good, "version": 9}))
    assert "another question set" in refusal(json.dumps({**good, "questions": "x"}))
    assert "no checks" in refusal(json.dumps({**good, "checks": []}))
    assert "team's name is missing" in refusal(json.dumps({**good, "team": ""}))
    assert "no statement 'zzz'" in refusal(json.dumps({**good, "checks": [{"date": "2026-01-01", "answers": {"zzz": "ideas"}}]}))
    assert "larger than" in refusal(json.dumps({**good, "team": "x" * 300_000}))


def export(team, date, answers):
    return {"name": f"{team}.json", "text": act(model(), "export", {"team": team, "checks": [{"date": date, "answers": answers}]})["json"]}


def test_a_rollup_reports_bad_files_by_name_and_pools_the_rest():
    files = [export(f"Practice {n}", "2026-10-01", all_answers("nearly")) for n in range(7)]
    files += [{"name": "broken.json", "text": "{"}, {"name": "other.json", "text": json.dumps({"format": "x"})},
              export("Practice 0", "2026-11-01", all_answers("cracked"))]
    r = act(model(), "rollup", {"files": files})
    assert r["teams"] == 7
    reasons = {x["file"]: x["reason"] for x in r["refused"]}
    assert "not JSON" in reasons["broken.json"] and "format is not" in reasons["other.json"]
    assert "Practice 0 is also in Practice 0.json, which has the later check" in reasons["Practice 0.json"]
    row = next(x for x in r["rows"] if x["team"] == "Practice 0")
    assert row["overall"] == "cracked"  # the later check is the one kept
    assert r["csv"].splitlines()[0].startswith("team,latest check,checks,centre")


def test_a_rollup_of_a_thousand_teams_matches_an_independent_count():
    rng = random.Random(7)
    m = model()
    levels = ["not-started", "ideas", "nearly", "cracked", "dont-know"]
    files, expected_gaps = [], Counter()
    expected_parts = {p: Counter() for p in PARTS}
    for n in range(1000):
        answers = {s.id: rng.choice(levels) for s in m.statements() if rng.random() > 0.05}
        files.append(export(f"T{n}", "2026-10-01", answers))
        for s in m.statements():
            if answers.get(s.id, "dont-know") in ("not-started", "ideas", "dont-know"):
                expected_gaps[s.id] += 1
        for g in m.parts:
            pts = [{"not-started": 0, "ideas": 1, "nearly": 2, "cracked": 3}.get(answers.get(s.id), 0) for s in g.statements]
            expected_parts[g.id][["not-started", "ideas", "nearly", "cracked"][int(sum(pts) / len(pts) + 1e-9)]] += 1
    r = act(m, "rollup", {"files": files})
    assert r["teams"] == 1000 and r["refused"] == []
    for part in r["parts"]:
        assert part["counts"] == [expected_parts[part["house"]][k] for k in ("not-started", "ideas", "nearly", "cracked")]
    top = sorted(expected_gaps.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    assert [(g["id"], g["count"]) for g in r["gaps"]] == top
    assert sum(s["count"] for s in r["stages"]) == 1000


def test_the_page_can_pool_thousands_of_teams_though_other_requests_stay_small():
    """A roll-up request carries every team's export, far beyond the limit for other requests."""
    from exercises import browser

    files = [export(f"Team {n}", "2026-10-01", all_answers("nearly")) for n in range(3000)]
    request = json.dumps({"action": "rollup", "definition": definition(), "data": {"files": files}})
    assert len(request) > browser.MAX_REQUEST_CHARS
    reply = json.loads(browser.handle(request))
    assert reply["ok"] is True and reply["result"]["teams"] == 3000
    too_big = json.dumps({"action": "check", "definition": definition(), "data": {"answers": {}, "pad": "x" * len(request)}})
    assert json.loads(browser.handle(too_big)) == {"ok": False, "error": "the request is too large"}


def test_a_deeply_nested_file_is_refused_on_its_own():
    files = [export("Practice A", "2026-10-01", all_answers("nearly")),
             {"name": "deep.json", "text": "[" * 100_000 + "]" * 100_000}]
    r = act(model(), "rollup", {"files": files})
    assert r["teams"] == 1
    assert [x["file"] for x in r["refused"]] == ["deep.json"]
