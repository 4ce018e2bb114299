"""Rubric and plan files: a bad one stops the build naming the file and the field; a changed rubric
must change its version; the command line pools codes and CSVs with the page's figures."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from exercises.catalogue import load_valid

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "exercises" / "content"
VERSIONS = Path(__file__).with_name("rubric-versions.json")


def fingerprint(path: Path) -> str:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("version", None)
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def test_a_changed_rubric_has_a_new_version():
    recorded = json.loads(VERSIONS.read_text(encoding="utf-8"))
    for path in sorted((CONTENT / "rubrics").glob("*.yaml")):
        import yaml

        version = yaml.safe_load(path.read_text(encoding="utf-8"))["version"]
        now = fingerprint(path)
        assert recorded.get(path.stem, {}).get(str(version)) == now, (
            f"{path.name} changed, or is new, but version {version} was recorded with other content. A change to a "
            f"rubric changes how plans are scored: raise its version by one, then record "
            f'"{path.stem}": {{"<new version>": "{now}"}} in {VERSIONS.relative_to(ROOT)}.')


def run(*args, content=None):
    env = {**os.environ, **({"HOC_EXERCISES_CONTENT": str(content)} if content else {})}
    return subprocess.run([sys.executable, "-m", "exercises", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env)


@pytest.fixture
def content(tmp_path):
    """A copy of the plans and the rubric, to break."""
    target = tmp_path / "content"
    for folder in ("plan-review", "rubrics"):
        shutil.copytree(CONTENT / folder, target / folder)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


GARY = "plan-review/gary-diabetes-plan.yaml"
RUBRIC = "rubrics/care-and-support-plan.yaml"


@pytest.mark.parametrize("file, old, new, expected", [
    (GARY, "rubric: care-and-support-plan", "rubric: care-plan",
     "gary-diabetes-plan.yaml:10: rubric: there is no rubric 'care-plan' (rubrics: care-and-support-plan)"),
    (GARY, "  copy:\n    score: 2\n", "  copies:\n    score: 2\n",
     "reference.copy: this criterion of the rubric has no reference mark"),
    (GARY, "  copy:\n    score: 2\n", "  copy:\n    score: 3\n", "reference.copy.score: 3 is above the maximum of 2"),
    (GARY, "code: GARY", "code: gary's", "code: 'gary's' is not a plan code"),
    (GARY, "setting: surgery", "setting: garden", "setting: 'garden' is not a setting"),
    (RUBRIC, "  - id: what-matters\n    title:", "  - id: what-matters\n    titel:",
     "care-and-support-plan.yaml:24: criteria[0].titel: unknown field 'titel'"),
    (RUBRIC, "      - Nothing about what matters to the person, or only what the professional thinks matters.\n", "",
     "criteria[0].looks_like: has 2 descriptions; give one for each of the rubric's 3 levels"),
    ("plan-review/calibrate.yaml", "  - gary-diabetes-plan", "  - gary-plan",
     "calibrate.yaml:11: plans[0]: there is no valid plan-review exercise 'gary-plan' (plans: bill-diabetes-carer-plan, daniel"),
])
def test_a_bad_plan_or_rubric_is_refused_naming_the_file_and_field(content, file, old, new, expected):
    edit(content / file, old, new)
    done = run("validate", str(content), "--docs", str(ROOT / "docs"), content=content)
    assert done.returncode == 1
    assert expected in done.stdout, done.stdout


def test_a_broken_rubric_is_reported_once_against_its_own_file(content):
    edit(content / RUBRIC, "version: 1", "version: none")
    done = run("validate", str(content), "--docs", str(ROOT / "docs"), content=content)
    assert "care-and-support-plan.yaml:10: version: expected a whole number, found text" in done.stdout
    assert "rubric: the rubric 'care-and-support-plan' has problems" in done.stdout
    assert done.stdout.count("version: expected a whole number") == 1


def codes_for_a_group():
    from exercises.plan_review.score import code_for

    plan = next(e.model for e in load_valid() if e.header.type == "plan-review")
    made = []
    for n in range(4):
        scores = {c.id: plan.reference[c.id].score for c in plan.rubric.criteria}
        c = plan.rubric.criteria[n]
        scores[c.id] = 1 if scores[c.id] != 1 else 2
        made.append(code_for(plan, {"scores": scores, "scorer": f"T{n}"})["code"])
    return plan, made


def test_calibrate_on_the_command_line_gives_the_page_figures(tmp_path):
    from exercises.plan_review.calibrate import calibrate

    plan, made = codes_for_a_group()
    codes_file = tmp_path / "codes.txt"
    codes_file.write_text("# notes are skipped\n" + "\n".join(made[1:]) + "\nnot-a-code\n", encoding="utf-8")
    done = run("calibrate", made[0], str(codes_file), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    page = next(e.model for e in load_valid() if e.header.type == "plan-calibration")
    expected = calibrate(page.plans, [{"name": "", "text": made[0]}, {"name": "codes.txt", "text": codes_file.read_text()}])
    assert result == {**expected, "not_read": []}
    assert result["used"] == 4 and result["refused"][0]["where"] == "codes.txt, line 5"
    text = run("calibrate", made[0], str(codes_file)).stdout
    figures = result["plans"][0]["overall"]
    assert f"Fleiss' kappa: {figures['fleiss_kappa']:.2f}, {figures['kappa_reading']}" in text
    assert "Not used: codes.txt, line 5 (not-a-code): is not a plan-review code" in text


def test_calibrate_reads_a_csv_of_paper_scores_and_refuses_bad_rows_by_number(tmp_path):
    plan, _ = codes_for_a_group()
    first = plan.rubric.criteria[0].id
    sheet = tmp_path / "paper.csv"
    sheet.write_text(f"scorer,plan,criterion,score\nAB,{plan.code},{first},2\nCD,{plan.code},{first},1\n"
                     f"CD,{plan.code},wobble,1\n", encoding="utf-8")
    done = run("calibrate", str(sheet))
    assert done.returncode == 0, done.stderr
    assert "Used 2 sets of scores for 1 plan." in done.stdout
    assert "Not used: paper.csv, row 4 (CD," in done.stdout and "no criterion 'wobble'" in done.stdout


def test_calibrate_with_nothing_usable_says_so_and_fails():
    done = run("calibrate", "PR1-NOPE")
    assert done.returncode == 1
    assert "Used 0 sets of scores." in done.stdout and "cut short" in done.stdout
