"""Scores as short codes: they round-trip, and bad ones are refused one by one. Also runs inside Pyodide
(plain test functions: no pytest there)."""

from exercises.plan_review.codes import CodeError, decode, encode, pool

PLANS = {"GARY": (2, [2] * 10), "EDNA": (2, [2] * 10)}


def refusal(code, plans=PLANS) -> str:
    try:
        decode(code, plans)
    except CodeError as exc:
        return str(exc)
    raise AssertionError(f"{code!r} was accepted")


def test_a_code_round_trips():
    code = encode("GARY", 2, "Sam J.", [2, 1, 0, 1, None, 2, 1, 2, 1, 0])
    assert code.startswith("PR1-GARY-2-SAMJ-2101X21210-") and len(code) <= 40
    back = decode(f"  {code.lower()} ", PLANS)
    assert (back.plan, back.rubric_version, back.scorer) == ("GARY", 2, "SAMJ")
    assert back.scores == (2, 1, 0, 1, None, 2, 1, 2, 1, 0)


def test_broken_codes_are_refused_with_a_reason():
    code = encode("GARY", 2, "SAM", [2, 1, 0, 1, 2, 2, 1, 2, 1, 0])
    for mangled, reason in [
        (code[:-6], "is cut short or has parts missing"),
        (code.replace("-21012", "-22012"), "does not pass its check: it has been mistyped or changed"),
        ("hello", "is not a plan-review code"),
        (code.replace("PR1", "PR9"), "was made by another version of this site (PR9)"),
        ("", "the line is empty"),
        (code + "A" * 200, "a code is at most 120"),
    ]:
        assert reason in refusal(mangled), (mangled, reason)


def test_codes_for_another_plan_another_rubric_or_scores_out_of_range_are_refused():
    assert "made for another plan (BILL)" in refusal(encode("BILL", 2, "SAM", [1] * 10))
    assert "version 1 of the rubric; this page uses version 2" in refusal(encode("GARY", 1, "SAM", [1] * 10))
    assert "claims a score of 7 for criterion 3; that criterion goes from 0 to 2" in refusal(
        encode("GARY", 2, "SAM", [1, 1, 7, 1, 1, 1, 1, 1, 1, 1]))
    assert "has 9 scores; this plan's rubric has 10 criteria" in refusal(encode("GARY", 2, "SAM", [1] * 9))


def test_a_group_is_pooled_bad_codes_reported_on_their_own_line_and_the_rest_used():
    lines = [encode("GARY", 2, f"P{n}", [n % 3] * 10) for n in range(8)]
    lines.insert(3, "PR1-GARY-2-XX-1")
    lines.append(encode("GARY", 2, "P1", [0] * 10))  # the same scorer again
    pooled = pool(lines, PLANS)
    assert len(pooled.scores) == 8
    assert [(n, reason.split(":")[0]) for n, _, reason in pooled.refused] == [
        (4, "is cut short or has parts missing"),
        (10, "the scorer P1 already has a code for this plan (line 2); only the first is used")]
