"""Agreement statistics against published worked examples and edge cases. Also runs inside Pyodide."""

import math

from exercises.plan_review.agreement import (alpha_reading, counts_table, fleiss_kappa, kappa_reading,
                                             krippendorff_alpha_ordinal, percent_agreement)

# Fleiss (1971): 10 subjects, 14 raters, 5 categories (../shared/reference/agreement-examples.md).
FLEISS = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
          [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]

# Krippendorff (2011): coders A-D over 12 units, None where a coder gave no value.
_ = None
CODERS = [[1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
          [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
          [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
          [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _]]
UNITS = [list(column) for column in zip(*CODERS)]


def test_fleiss_kappa_matches_the_published_example():
    assert round(fleiss_kappa(FLEISS), 4) == 0.2099
    assert kappa_reading(fleiss_kappa(FLEISS)) == "fair"


def test_krippendorff_ordinal_alpha_matches_the_published_example_with_missing_values():
    assert round(krippendorff_alpha_ordinal(UNITS), 4) == 0.8154
    assert alpha_reading(0.8154) == "reliable"


def test_units_become_the_counts_table():
    table = counts_table(UNITS, [1, 2, 3, 4, 5])
    assert table[0] == [3, 0, 0, 0, 0] and table[5] == [1, 1, 1, 1, 0] and table[11] == [0, 0, 1, 0, 0]


def test_percentage_agreement_counts_agreeing_pairs():
    # unit 1: 3 scores all 1 (3 agreeing pairs of 3); unit 2: 2,2,3,2 (3 of 6); unit 12: one score, no pairs
    assert percent_agreement([UNITS[0], UNITS[1], UNITS[11]]) == 6 / 9


def test_when_every_scorer_agrees():
    same = [[2, 2, 2], [1, 1, 1]]
    assert percent_agreement(same) == 1.0
    assert math.isclose(fleiss_kappa(counts_table(same, [0, 1, 2])), 1.0)
    assert math.isclose(krippendorff_alpha_ordinal(same), 1.0)
    everyone_said_two = [[2, 2, 2], [2, 2, 2]]
    assert fleiss_kappa(counts_table(everyone_said_two, [0, 1, 2])) is None
    assert krippendorff_alpha_ordinal(everyone_said_two) is None
    assert kappa_reading(None).startswith("cannot be worked out")


def test_one_scorer_and_a_unit_nobody_scored():
    one = [[2], [1], [0]]
    assert percent_agreement(one) is None
    assert fleiss_kappa(counts_table(one, [0, 1, 2])) is None
    assert krippendorff_alpha_ordinal(one) is None
    with_empty = [[2, 2], [None, None], [1, 0]]
    assert percent_agreement(with_empty) == 0.5
    assert krippendorff_alpha_ordinal(with_empty) == krippendorff_alpha_ordinal([[2, 2], [1, 0]])


def test_the_readings_follow_their_conventions():
    assert [kappa_reading(k) for k in (-0.1, 0.1, 0.3, 0.5, 0.7, 0.9)] == [
        "poor (less than chance)", "slight", "fair", "moderate", "substantial", "almost perfect"]
    assert [alpha_reading(a) for a in (0.9, 0.7, 0.5)] == [
        "reliable", "good enough only for tentative conclusions", "not reliable enough to draw conclusions"]
