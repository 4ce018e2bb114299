"""How far a group of scorers agree: percentage agreement, Fleiss' kappa and Krippendorff's alpha.

Standard library only (it runs in the browser too). A *unit* is one thing scored, such as one
criterion of one plan; its values are the scores the scorers gave it, with None for "not scored".
Every function copes with missing scores, a single scorer, and a unit nobody scored, and returns
None where a figure cannot be computed (saying why is the caller's job: see `reading`).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

Unit = Sequence[int | None]


def _scored(unit: Unit) -> list[int]:
    return [v for v in unit if v is not None]


def percent_agreement(units: Iterable[Unit]) -> float | None:
    """The share of pairs of scorers, over all units, who gave the same score (0 to 1).

    Only units with two or more scores have pairs; None when there are no pairs at all.
    """
    agree = pairs = 0
    for unit in units:
        values = _scored(unit)
        n = len(values)
        if n < 2:
            continue
        pairs += n * (n - 1) // 2
        agree += sum(c * (c - 1) // 2 for c in Counter(values).values())
    return agree / pairs if pairs else None


def fleiss_kappa(counts: Sequence[Sequence[int]]) -> float | None:
    """Fleiss' kappa from a table: one row per unit, one column per category, each cell how many
    scorers put that unit in that category (Fleiss, 1971).

    Rows with fewer than two scorers are left out. Where the number of scorers differs between rows,
    each row's agreement is weighted as Fleiss's formula does per row (a common extension). None when
    no row has two scorers, or when every score is in one category (chance agreement is then 1 and
    kappa is undefined: everyone agreed, but there was nothing to disagree about).
    """
    rows = [list(r) for r in counts if sum(r) >= 2]
    if not rows:
        return None
    total = sum(sum(r) for r in rows)
    columns = len(rows[0])
    p_j = [sum(r[j] for r in rows) / total for j in range(columns)]
    p_e = sum(p * p for p in p_j)
    p_i = [(sum(c * c for c in r) - sum(r)) / (sum(r) * (sum(r) - 1)) for r in rows]
    p_bar = sum(p_i) / len(p_i)
    if p_e >= 1:
        return None
    return (p_bar - p_e) / (1 - p_e)


def counts_table(units: Iterable[Unit], levels: Sequence[int]) -> list[list[int]]:
    """Units as the table `fleiss_kappa` takes: for each unit, how many scorers gave each level."""
    index = {level: i for i, level in enumerate(levels)}
    table = []
    for unit in units:
        row = [0] * len(levels)
        for v in _scored(unit):
            row[index[v]] += 1
        table.append(row)
    return table


def krippendorff_alpha_ordinal(units: Iterable[Unit]) -> float | None:
    """Krippendorff's alpha with the ordinal difference function, from the coincidence matrix
    (Krippendorff, "Computing Krippendorff's alpha-reliability", 2011).

    Units with fewer than two scores are not pairable and are left out. None when fewer than two
    values are pairable, or when every pairable value is the same (no variation to explain).
    """
    pairable = [v for v in (_scored(u) for u in units) if len(v) >= 2]
    values = sorted({v for unit in pairable for v in unit})
    if not pairable or len(values) < 2:
        return None
    at = {v: i for i, v in enumerate(values)}
    k = len(values)
    o = [[0.0] * k for _ in range(k)]  # coincidences
    for unit in pairable:
        m = len(unit)
        for a in range(m):
            for b in range(m):
                if a != b:
                    o[at[unit[a]]][at[unit[b]]] += 1 / (m - 1)
    n_c = [sum(row) for row in o]
    n = sum(n_c)

    def delta2(c: int, d: int) -> float:
        lo, hi = min(c, d), max(c, d)
        return (sum(n_c[lo:hi + 1]) - (n_c[lo] + n_c[hi]) / 2) ** 2

    observed = sum(o[c][d] * delta2(c, d) for c in range(k) for d in range(k))
    expected = sum(n_c[c] * n_c[d] * delta2(c, d) for c in range(k) for d in range(k))
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


# ---- plain-English readings ------------------------------------------------------------------

KAPPA_CONVENTION = "Landis and Koch (1977)"
ALPHA_CONVENTION = "Krippendorff (2004)"


def kappa_reading(kappa: float | None) -> str:
    """Landis and Koch's words for a kappa value."""
    if kappa is None:
        return "cannot be worked out (every score was the same, or nothing was scored twice)"
    if kappa < 0:
        return "poor (less than chance)"
    for limit, words in ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial")):
        if kappa <= limit:
            return words
    return "almost perfect"


def alpha_reading(alpha: float | None) -> str:
    """Krippendorff's own guide: 0.800 or more reliable; from 0.667 tentative; below that, not reliable."""
    if alpha is None:
        return "cannot be worked out (every score was the same, or nothing was scored twice)"
    if alpha >= 0.800:
        return "reliable"
    if alpha >= 0.667:
        return "good enough only for tentative conclusions"
    return "not reliable enough to draw conclusions"
