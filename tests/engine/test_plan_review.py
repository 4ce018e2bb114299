"""Scoring an example plan, and pooling a group's codes: what a learner and a trainer see.
Also runs inside Pyodide (plain test functions: no pytest there)."""

import json

from exercises.browser import handle
from exercises.definition import load_definition

from .shipped import shipped_definitions


def plans():
    defs = shipped_definitions()
    return {k: load_definition(v)[0] for k, v in defs.items() if v.get("type") == "plan-review"}


def calibration():
    defs = shipped_definitions()
    return next(load_definition(v)[0] for v in defs.values() if v.get("type") == "plan-calibration")


def ask(definition, action, data):
    reply = json.loads(handle(json.dumps({"action": action, "definition": definition, "data": data})))
    assert reply["ok"], reply
    return reply["result"]


def refused(definition, action, data) -> str:
    reply = json.loads(handle(json.dumps({"action": action, "definition": definition, "data": data})))
    assert not reply["ok"], reply
    return reply["error"]


def test_every_plan_has_a_reference_mark_and_reason_for_every_criterion_of_its_rubric():
    found = plans()
    assert len(found) >= 6
    for plan in found.values():
        assert plan.rubric.id == "care-and-support-plan"
        assert 8 <= len(plan.rubric.criteria) <= 12
        for c in plan.rubric.criteria:
            assert len(c.descriptors) == len(plan.rubric.levels)
            assert plan.reference[c.id].why


def test_the_plans_differ_in_quality_setting_and_who_takes_part():
    found = list(plans().values())
    assert {p.quality for p in found} >= {"excellent", "mixed", "poor"}
    assert {p.setting for p in found} >= {"telephone", "surgery"}
    assert any(p.carer for p in found) and any(p.roleplay for p in found)
    totals = sorted(sum(p.reference_scores()) for p in found)
    assert totals[-1] - totals[0] >= 10, totals  # from excellent to poor, not six near-copies


def test_scoring_the_reference_marks_gives_full_agreement():
    defs = shipped_definitions()
    for ident, plan in plans().items():
        scores = {c.id: plan.reference[c.id].score for c in plan.rubric.criteria}
        result = ask(defs[ident], "compare", {"scores": scores})
        assert result["exact"] == result["total"] == len(plan.rubric.criteria)
        assert all(r["verdict"] == "same" for r in result["criteria"])
        assert result["summary"].startswith(f"You gave the same score as the reference for {result['total']} of")


def test_each_score_is_called_same_more_lenient_or_harsher_with_the_reason():
    defs = shipped_definitions()
    ident, plan = next(iter(plans().items()))
    first, second, third = plan.rubric.criteria[:3]
    ref = {c.id: plan.reference[c.id].score for c in plan.rubric.criteria}
    top = plan.rubric.top
    scores = {first.id: ref[first.id], second.id: top if ref[second.id] < top else 0}
    result = ask(defs[ident], "compare", {"scores": scores})
    rows = {r["id"]: r for r in result["criteria"]}
    assert rows[first.id]["verdict"] == "same"
    assert rows[second.id]["verdict"] == ("lenient" if ref[second.id] < top else "harsher")
    assert rows[third.id]["verdict"] == "unscored"
    assert rows[second.id]["why"] == plan.reference[second.id].why
    assert f"You left {len(plan.rubric.criteria) - 2} unscored." in result["summary"]


def test_scores_that_do_not_fit_the_rubric_are_refused_plainly():
    defs = shipped_definitions()
    ident, plan = next(iter(plans().items()))
    c = plan.rubric.criteria[0].id
    assert "is not a score for" in refused(defs[ident], "compare", {"scores": {c: 7}})
    assert "there is no criterion 'made-up'" in refused(defs[ident], "compare", {"scores": {"made-up": 1}})
    assert "give initials" in refused(defs[ident], "code", {"scores": {c: 1}, "scorer": "!!"})
    plan_code = ask(defs[ident], "code", {"scores": {c: 1}, "scorer": "<b>x</b>"})
    assert plan_code["scorer"] == "BXB"  # only capitals and digits reach the code


def group(defs, ident, plan, how_many):
    """Codes for a group: the reference marks, with scorer n one level off on criterion n."""
    made = []
    for n in range(how_many):
        scores = {c.id: plan.reference[c.id].score for c in plan.rubric.criteria}
        c = plan.rubric.criteria[n % len(plan.rubric.criteria)]
        scores[c.id] = scores[c.id] + 1 if scores[c.id] < plan.rubric.top else scores[c.id] - 1
        made.append(ask(defs[ident], "code", {"scores": scores, "scorer": f"P{n}"})["code"])
    return made


def test_a_group_of_ten_codes_with_two_bad_is_pooled_from_the_eight():
    defs = shipped_definitions()
    page = next(v for v in defs.values() if v.get("type") == "plan-calibration")
    ident, plan = next(iter(plans().items()))
    codes = group(defs, ident, plan, 8)
    tampered = codes[0][:-1] + ("A" if codes[0][-1] != "A" else "B")
    text = "\n".join(codes + [tampered, codes[1][:12]])
    result = ask(page, "calibrate", {"sources": [{"name": "", "text": text}]})
    assert result["used"] == 8
    assert [r["where"] for r in result["refused"]] == ["line 9", "line 10"]
    assert "mistyped or changed" in result["refused"][0]["reason"]
    assert "cut short" in result["refused"][1]["reason"]
    (figures,) = result["plans"]
    assert figures["scorers"] == [f"P{n}" for n in range(8)]
    assert 0.9 < figures["overall"]["exact"] < 1 and figures["overall"]["within_one"] == 1
    assert figures["overall"]["kappa_reading"] and figures["overall"]["alpha_reading"]
    assert len(figures["discuss_first"]) == 3 and len(figures["furthest"]) == 3


def test_the_same_scorer_twice_is_reported_and_only_their_first_scores_used():
    defs = shipped_definitions()
    page = next(v for v in defs.values() if v.get("type") == "plan-calibration")
    ident, plan = next(iter(plans().items()))
    a, b = group(defs, ident, plan, 2)
    again = ask(defs[ident], "code", {"scores": {}, "scorer": "P0"})["code"]
    result = ask(page, "calibrate", {"sources": [{"name": "", "text": f"{a}\n{b}"}, {"name": "late.txt", "text": again}]})
    assert result["used"] == 2
    assert result["refused"][0]["where"] == "late.txt"
    assert "P0 already has scores" in result["refused"][0]["reason"]


def test_a_csv_of_scores_from_paper_is_read_row_by_row():
    defs = shipped_definitions()
    page = next(v for v in defs.values() if v.get("type") == "plan-calibration")
    plan = next(iter(plans().values()))
    first, second = plan.rubric.criteria[:2]
    rows = ["scorer,plan,criterion,score",
            f"AA,{plan.code},{first.id},1", f"AA,{plan.code},{second.id},",
            f"BB,{plan.code},{first.id},2", f"BB,{plan.code},no-such-criterion,1",
            f"BB,{plan.code},{second.id},9", f"CC,NOPLAN,{first.id},1", f"AA,{plan.code},{first.id},2"]
    result = ask(page, "calibrate", {"sources": [{"name": "paper.csv", "text": "\n".join(rows)}]})
    assert result["used"] == 2
    reasons = {r["where"]: r["reason"] for r in result["refused"]}
    assert set(reasons) == {"paper.csv, row 5", "paper.csv, row 6", "paper.csv, row 7", "paper.csv, row 8"}
    assert "no criterion 'no-such-criterion'" in reasons["paper.csv, row 5"]
    assert "'9' is not a score" in reasons["paper.csv, row 6"]
    assert "no plan 'NOPLAN'" in reasons["paper.csv, row 7"]
    assert "already scored" in reasons["paper.csv, row 8"]
    (figures,) = result["plans"]
    counts = {c["id"]: c["counts"] for c in figures["criteria"]}
    assert counts[first.id] == [0, 1, 1] and counts[second.id] == [0, 0, 0]


def test_a_csv_with_the_wrong_columns_is_refused_whole():
    defs = shipped_definitions()
    page = next(v for v in defs.values() if v.get("type") == "plan-calibration")
    result = ask(page, "calibrate", {"sources": [{"name": "x.csv", "text": "scorer,score\nAA,1"}]})
    assert result["used"] == 0 and result["plans"] == []
    assert "the columns must be scorer,plan,criterion,score" in result["refused"][0]["reason"]


def test_too_much_text_is_refused():
    defs = shipped_definitions()
    page = next(v for v in defs.values() if v.get("type") == "plan-calibration")
    assert "the limit is" in refused(page, "calibrate", {"sources": [{"name": "", "text": "x" * 300_000}]})
