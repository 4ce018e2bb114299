"""Calibrate a group of scorers: pool their scores for each plan and say how far they agree,
with each other and with the reference marking.

The scores come as codes (one a line; lines starting with # are notes and are skipped) or as a CSV
with the columns scorer,plan,criterion,score (one row per score; a blank score means not scored).
Bad lines and rows are reported one by one with a reason; the good ones are still used.
The page and the command line both call `calibrate`, so they show the same figures.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Sequence

from . import agreement, codes
from .model import Plan

MAX_TEXT = 200_000
MAX_LINES = 2000
CSV_COLUMNS = ("scorer", "plan", "criterion", "score")
SHOW_FURTHEST = 3
SHOW_DISCUSS = 3


@dataclass(frozen=True)
class Refused:
    where: str  # "line 3" or "row 5"
    text: str  # what was given, cut short
    reason: str


def is_csv(text: str) -> bool:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return first.replace(" ", "").lower().startswith("scorer,")


def plan_table(plans: Sequence[Plan]) -> dict[str, tuple[int, tuple[int, ...]]]:
    return {p.code: (p.rubric.version, p.levels()) for p in plans}


def read_codes(text: str, plans: Sequence[Plan]) -> tuple[list[codes.Scores], list[Refused]]:
    lines = ["" if line.lstrip().startswith("#") else line for line in text.splitlines()]
    pooled = codes.pool(lines, plan_table(plans), max_lines=MAX_LINES)
    return pooled.scores, [Refused(f"line {n}", shown, reason) for n, shown, reason in pooled.refused]


def read_csv(text: str, plans: Sequence[Plan]) -> tuple[list[codes.Scores], list[Refused]]:
    by_name = {}
    for p in plans:
        by_name[p.code.lower()] = p
        by_name[p.header.id.lower()] = p
    rows = list(csv.reader(io.StringIO(text)))
    header = [c.strip().lower() for c in rows[0]] if rows else []
    if tuple(header) != CSV_COLUMNS:
        return [], [Refused("row 1", ",".join(header)[:60],
                            f"the columns must be {','.join(CSV_COLUMNS)} (in that order, as the first row)")]
    refused: list[Refused] = []
    sheets: dict[tuple[str, str], dict[str, int | None]] = {}
    first_row: dict[tuple[str, str, str], int] = {}
    for number, row in enumerate(rows[1:MAX_LINES + 1], start=2):
        if not any(cell.strip() for cell in row):
            continue
        shown = ",".join(row)[:60]
        if len(row) != 4:
            refused.append(Refused(f"row {number}", shown, f"has {len(row)} cells; each row has 4"))
            continue
        scorer, plan_name, criterion_id, score = (cell.strip() for cell in row)
        plan = by_name.get(plan_name.lower())
        if plan is None:
            known = ", ".join(sorted(p.code for p in plans))
            refused.append(Refused(f"row {number}", shown, f"there is no plan '{plan_name[:30]}' (plans: {known})"))
            continue
        criterion = plan.rubric.criterion(criterion_id)
        if criterion is None:
            refused.append(Refused(f"row {number}", shown,
                                   f"there is no criterion '{criterion_id[:40]}' in the rubric for {plan.code}"))
            continue
        try:
            name = codes.scorer_name(scorer)
        except codes.CodeError as exc:
            refused.append(Refused(f"row {number}", shown, str(exc)))
            continue
        if score and not (score.isdigit() and int(score) <= criterion.top):
            refused.append(Refused(f"row {number}", shown,
                                   f"'{score[:10]}' is not a score for {criterion_id}: give 0 to {criterion.top}, "
                                   f"or leave it blank"))
            continue
        key = (plan.code, name, criterion_id)
        if key in first_row:
            refused.append(Refused(f"row {number}", shown, f"{name} already scored {criterion_id} for {plan.code} "
                                                           f"(row {first_row[key]}); only the first is used"))
            continue
        first_row[key] = number
        sheets.setdefault((plan.code, name), {})[criterion_id] = int(score) if score else None
    if len(rows) > MAX_LINES + 1:
        refused.append(Refused(f"row {MAX_LINES + 2}", "", f"only the first {MAX_LINES} rows are read"))
    plans_by_code = {p.code: p for p in plans}
    found = []
    for (code, name), given in sheets.items():
        plan = plans_by_code[code]
        found.append(codes.Scores(code, plan.rubric.version, name,
                                  tuple(given.get(c.id) for c in plan.rubric.criteria), ""))
    return found, refused


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def plan_figures(plan: Plan, sheets: list[codes.Scores]) -> dict:
    criteria = plan.rubric.criteria
    reference = plan.reference_scores()
    levels = [level.score for level in plan.rubric.levels]
    units = [[s.scores[i] for s in sheets] for i in range(len(criteria))]
    rows = []
    for i, c in enumerate(criteria):
        values = [v for v in units[i] if v is not None]
        exact = sum(v == reference[i] for v in values)
        within = sum(abs(v - reference[i]) <= 1 for v in values)
        rows.append({
            "id": c.id, "title": c.title, "reference": reference[i],
            "counts": agreement.counts_table([units[i]], levels)[0],
            "scored": len(values),
            "exact": share(exact, len(values)), "exact_count": exact, "within_one": share(within, len(values)),
            "percent_agreement": agreement.percent_agreement([units[i]]),
            "mean": sum(values) / len(values) if values else None,
        })
    all_values = [(v, reference[i]) for i in range(len(criteria)) for v in units[i] if v is not None]
    kappa = agreement.fleiss_kappa(agreement.counts_table(units, levels))
    alpha = agreement.krippendorff_alpha_ordinal(units)
    scorers = []
    for s in sheets:
        pairs = [(v, reference[i]) for i, v in enumerate(s.scores) if v is not None]
        scorers.append({
            "scorer": s.scorer, "scored": len(pairs),
            "exact": sum(v == r for v, r in pairs),
            "distance": sum(abs(v - r) for v, r in pairs) / len(pairs) if pairs else None,
            "leaning": sum(v - r for v, r in pairs),
        })
    furthest = sorted((s for s in scorers if s["distance"]), key=lambda s: (-s["distance"], s["scorer"]))
    for s in furthest:
        lean = "more lenient" if s["leaning"] > 0 else "harsher" if s["leaning"] < 0 else "both ways"
        s["words"] = (f"{s['scorer']}: {s['distance']:.1f} levels from the reference on average, same score for "
                      f"{s['exact']} of {s['scored']} criteria, {lean}")
    def unsettled(r: dict) -> bool:
        apart = r["percent_agreement"] is not None and r["percent_agreement"] < 1
        return r["scored"] > 0 and (r["exact_count"] < r["scored"] or apart)

    discuss = sorted((r for r in rows if unsettled(r)),
                     key=lambda r: (r["percent_agreement"] if r["percent_agreement"] is not None else 1,
                                    r["exact"] or 0, r["id"]))
    discuss_words = []
    for r in discuss[:SHOW_DISCUSS]:
        agree = "" if r["percent_agreement"] is None else f"scorers agreed in {r['percent_agreement']:.0%} of pairs; "
        discuss_words.append(f"{r['title']}: {agree}{r['exact_count']} of {r['scored']} matched the reference")
    return {
        "plan": plan.code, "id": plan.header.id, "title": plan.header.title, "page": plan.header.site_path,
        "levels": [{"score": lv.score, "name": lv.name} for lv in plan.rubric.levels],
        "rubric": {"id": plan.rubric.id, "version": plan.rubric.version},
        "scorers": [s.scorer for s in sheets], "criteria": rows,
        "overall": {
            "exact": share(sum(v == r for v, r in all_values), len(all_values)),
            "within_one": share(sum(abs(v - r) <= 1 for v, r in all_values), len(all_values)),
            "percent_agreement": agreement.percent_agreement(units),
            "fleiss_kappa": kappa, "kappa_reading": agreement.kappa_reading(kappa),
            "alpha": alpha, "alpha_reading": agreement.alpha_reading(alpha),
        },
        "furthest": [s["words"] for s in furthest[:SHOW_FURTHEST]],
        "discuss_first": discuss_words,
    }


def read_sources(sources, plans: Sequence[Plan]) -> tuple[list[codes.Scores], list[Refused]]:
    """Sheets from every source (pasted text or a file), each read as codes or as a CSV; the same scorer
    for the same plan in two sources is reported, and only the first is used."""
    if isinstance(sources, str):
        sources = [{"name": "", "text": sources}]
    if not isinstance(sources, list) or not all(isinstance(x, dict) and isinstance(x.get("text"), str) and
                                                isinstance(x.get("name", ""), str) for x in sources):
        raise ValueError("paste the codes as text")
    total = sum(len(x["text"]) for x in sources)
    if total > MAX_TEXT:
        raise ValueError(f"that is {total} characters; the limit is {MAX_TEXT}. Split the group into smaller sets.")
    found: list[codes.Scores] = []
    refused: list[Refused] = []
    first: dict[tuple[str, str], str] = {}
    for source in sources[:50]:
        name = source.get("name", "")[:80]
        sheets, bad = (read_csv if is_csv(source["text"]) else read_codes)(source["text"], plans)
        refused += [Refused(f"{name}, {r.where}" if name else r.where, r.text, r.reason) for r in bad]
        for sheet in sheets:
            where = first.get((sheet.plan, sheet.scorer))
            if where is not None:
                refused.append(Refused(name or "pasted codes", sheet.code[:60],
                                       f"the scorer {sheet.scorer} already has scores for {sheet.plan} "
                                       f"(in {where}); only the first are used"))
                continue
            first[(sheet.plan, sheet.scorer)] = name or "the pasted codes"
            found.append(sheet)
    return found, refused


def calibrate(plans: Sequence[Plan], sources) -> dict:
    """Everything the calibration page and `python -m exercises calibrate` show. `sources` is the pasted
    text, or a list of {"name": file name, "text": its text}; each is codes, one a line, or a CSV."""
    found, refused = read_sources(sources, plans)
    by_plan: dict[str, list[codes.Scores]] = {}
    for sheet in found:
        by_plan.setdefault(sheet.plan, []).append(sheet)
    results = [plan_figures(p, by_plan[p.code]) for p in plans if p.code in by_plan]
    used = sum(len(v) for v in by_plan.values())
    summary = f"Used {used} set{'s' if used != 1 else ''} of scores"
    summary += f" for {len(results)} plan{'s' if len(results) != 1 else ''}." if results else "."
    if refused:
        summary += f" {len(refused)} could not be used: the reason for each is given."
    return {
        "summary": summary, "used": used,
        "refused": [{"where": r.where, "text": r.text, "reason": r.reason} for r in refused],
        "plans": results,
        "conventions": {"kappa": agreement.KAPPA_CONVENTION, "alpha": agreement.ALPHA_CONVENTION},
    }
