"""The shipped self-check and its files: a malformed question set stops validation naming the file and the
field; `python -m exercises aggregate` pools a folder of exports, says why each bad file was not used, and
writes the same figures as the engine; the self-check is listed with its page."""

import json
import subprocess
import sys
from pathlib import Path

import yaml

from exercises.catalogue import load_valid
from exercises.readiness import act
from exercises.readiness.model import ANSWERS, PARTS

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "exercises" / "content" / "readiness" / "house-readiness.yaml"


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "exercises", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def shipped():
    return next(e for e in load_valid() if e.header.type == "readiness")


def test_the_shipped_check_covers_every_part_and_stage_with_a_next_step_for_each_statement():
    model = shipped().model
    assert [g.id for g in model.parts] == list(PARTS)
    assert all(len(g.statements) >= 5 for g in model.parts)
    assert [g.id for g in model.stages] == ["set-up", "implementation", "maintenance"]
    for s in model.statements():
        assert s.next_step and s.help and s.learn_more, s.id
    # The foundations draw on the locality's own community groups.
    assert any(s.local == "community_resources" for s in model.parts[PARTS.index("foundations")].statements)


def test_a_malformed_question_set_is_refused_naming_the_file_and_the_field(tmp_path):
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    del data["parts"][0]["statements"][1]["next_step"]
    data["stages"] = list(reversed(data["stages"]))
    bad = tmp_path / "house-readiness.yaml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    done = run("validate", str(bad))
    assert done.returncode != 0
    out = done.stdout + done.stderr
    assert "house-readiness.yaml" in out
    assert "parts[0].statements[1].next_step: this field is required but missing" in out
    assert "stages: needs exactly set-up, implementation, maintenance, in that order" in out


def test_aggregate_pools_a_folder_reports_each_bad_file_and_writes_the_engines_rows(tmp_path):
    model = shipped().model
    folder = tmp_path / "cluster"
    folder.mkdir()
    files = []
    for n in range(5):
        answers = {s.id: ANSWERS[(i + n) % len(ANSWERS)] for i, s in enumerate(model.statements())}
        text = act(model, "export", {"team": f"Practice {n}", "checks": [{"date": "2026-11-01", "answers": answers}]})["json"]
        (folder / f"practice-{n}.json").write_text(text, encoding="utf-8")
        files.append({"name": f"practice-{n}.json", "text": text})
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    files.insert(0, {"name": "broken.json", "text": "{not json"})
    out_csv = tmp_path / "rollup.csv"

    done = run("aggregate", str(folder), "--csv", str(out_csv))
    assert done.returncode == 0, done.stderr
    assert "Pooled 5 team(s). 1 file(s) not used:" in done.stdout
    assert "Not used: broken.json: it is not a readiness export (not JSON)" in done.stdout

    figures = json.loads(run("aggregate", str(folder), "--json").stdout)
    expected = act(model, "rollup", {"files": sorted(files, key=lambda f: f["name"])})
    assert figures["parts"] == expected["parts"] and figures["stages"] == expected["stages"]
    rows = out_csv.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("team,latest check,checks,centre")
    assert [r.split(",")[0] for r in rows[1:]] == [f"Practice {n}" for n in range(5)]


def test_aggregate_with_no_usable_file_says_so_and_fails(tmp_path):
    empty = tmp_path / "notes.json"
    empty.write_text(json.dumps({"format": "something-else"}), encoding="utf-8")
    done = run("aggregate", str(empty), str(tmp_path / "missing.json"))
    assert done.returncode == 1
    assert "Pooled 0 team(s). 2 file(s) not used:" in done.stdout
    assert "missing.json: no such file" in done.stdout


def test_the_self_check_is_listed_with_its_page():
    listed = [json.loads(line) for line in run("list", "--json").stdout.splitlines() if line.strip()]
    item = next(i for i in listed if i["type"] == "readiness")
    assert item["id"] == "house-readiness" and item["path"] == "local/readiness-check/"
