"""Plan review: score an example care and support plan against a rubric and compare with the reference.

model.py (rubric, plan, reference marks), load.py (read and check them), score.py (compare a learner's
scores; make their score code), codes.py (the short checked code), agreement.py (percentage agreement,
Fleiss' kappa, Krippendorff's alpha), calibrate.py (pool a group's codes or CSV: the calibration page and
`python -m exercises calibrate`). Build time only: rubric_file.py (copy the named rubric into each plan)
and html.py.
"""

from pathlib import Path

from .load import linked_pages, load
from .score import act

__all__ = ["act", "include", "linked_pages", "load"]


def include(data: dict, content_dir: Path):
    """Build time: the plan with its rubric copied in from content/rubrics/."""
    from .rubric_file import include as include_rubric

    return include_rubric(data, content_dir)
