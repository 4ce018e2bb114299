"""`python -m exercises calibrate`: the calibration page's figures, printed (build-time tool, never in the browser)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .catalogue import load_all
from .plan_review.calibrate import MAX_TEXT, calibrate


def read_inputs(inputs: list[str]) -> tuple[list[dict], list[str]]:
    sources, problems = [], []
    codes = []
    for item in inputs:
        path = Path(item)
        if path.is_file():
            if path.stat().st_size > MAX_TEXT:
                problems.append(f"{item}: the file is larger than {MAX_TEXT} bytes")
                continue
            try:
                sources.append({"name": path.name, "text": path.read_text(encoding="utf-8-sig")})
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(f"{item}: could not be read as UTF-8 text ({exc})")
        else:
            codes.append(item)
    if codes:
        sources.insert(0, {"name": "", "text": "\n".join(codes)})
    return sources, problems


def pct(x) -> str:
    return "not available" if x is None else f"{x:.0%}"


def num(x) -> str:
    return "not available" if x is None else f"{x:.2f}"


def print_figures(result: dict, problems: list[str]) -> None:
    print(result["summary"])
    for p in problems:
        print(f"  Not read: {p}")
    for r in result["refused"]:
        print(f"  Not used: {r['where']}{' (' + r['text'] + ')' if r['text'] else ''}: {r['reason']}")
    conv = result["conventions"]
    for plan in result["plans"]:
        o = plan["overall"]
        print(f"\n{plan['title']} ({plan['plan']}, rubric version {plan['rubric']['version']}): "
              f"{len(plan['scorers'])} scorer(s): {', '.join(plan['scorers'])}")
        print(f"  Same as the reference: {pct(o['exact'])}; within one level: {pct(o['within_one'])}")
        print(f"  Agreement between scorers (pairs): {pct(o['percent_agreement'])}")
        print(f"  Fleiss' kappa: {num(o['fleiss_kappa'])}, {o['kappa_reading']} ({conv['kappa']})")
        print(f"  Krippendorff's alpha (ordinal): {num(o['alpha'])}, {o['alpha_reading']} ({conv['alpha']})")
        levels = " ".join(f"[{lv['score']}]" for lv in plan["levels"])
        print(f"  Spread of scores {levels}, reference, same, within one, pairs agreeing:")
        for c in plan["criteria"]:
            counts = " ".join(f"{n:>3}" for n in c["counts"])
            print(f"    {c['title'][:44]:<44} {counts}  ref {c['reference']}  {pct(c['exact']):>4} "
                  f"{pct(c['within_one']):>4} {pct(c['percent_agreement']):>4}")
        if plan["discuss_first"]:
            print("  Talk about these parts first:")
            for line in plan["discuss_first"]:
                print(f"    - {line}")
        if plan["furthest"]:
            print("  Scorers furthest from the reference:")
            for line in plan["furthest"]:
                print(f"    - {line}")


def run_calibrate(inputs: list[str], as_json: bool) -> int:
    entries, problems = load_all()
    page = next((e for e in entries if e.header.type == "plan-calibration"), None)
    if page is None:
        for p in problems:
            print(p, file=sys.stderr)
        print("There is no valid calibration definition (type plan-calibration) to read codes with.", file=sys.stderr)
        return 1
    sources, not_read = read_inputs(inputs)
    try:
        result = calibrate(page.model.plans, sources)
    except ValueError as exc:
        print(f"Refused: {exc}", file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps({**result, "not_read": not_read}, ensure_ascii=False, indent=1))
    else:
        print_figures(result, not_read)
    return 0 if result["used"] else 1
