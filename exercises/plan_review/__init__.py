"""Scoring an example care and support plan against a rubric, and calibrating a group of scorers.

Work in progress (issue 7): `agreement.py` (percentage agreement, Fleiss' kappa, Krippendorff's
alpha) and `codes.py` (scores as a short checked text code; pooling a group's codes) are done and
tested; the rubric, plans, view and calibration page are not yet built,
so the registry does not list this family yet.
"""
