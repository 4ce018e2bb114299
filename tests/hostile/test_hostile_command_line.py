"""The command line's `run` and `play` with hostile input: refused in plain words, never a traceback, never
a hang (each run is stopped after a generous timeout)."""

from __future__ import annotations

import json

from hostile import run

RIGHT = {"centre": "conversation", "left-wall": "engaged-person", "right-wall": "committed-professionals",
         "roof": "systems", "foundations": "commissioning"}


def run_with_data(tmp_path, content: bytes | str, action: str = "score"):
    path = tmp_path / "data.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    done = run("run", "parts-of-the-house", action, "--data", f"@{path}")
    assert "Traceback" not in done.stderr, done.stderr
    return done, path


def test_run_reads_the_data_from_a_file(tmp_path):
    done, _ = run_with_data(tmp_path, json.dumps({"answers": RIGHT}))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["summary"] == "You got all 5 right."


def test_run_refuses_a_data_file_over_the_limit(tmp_path):
    done, path = run_with_data(tmp_path, json.dumps({"answers": {}, "pad": "x" * (1024 * 1024)}))
    assert done.returncode == 1
    assert done.stderr.startswith(f"Refused: the data file {path} is ")
    assert "bytes; the limit is 1 MB" in done.stderr


def test_run_refuses_deeply_nested_data_and_data_that_is_not_json_or_not_utf8(tmp_path):
    done, _ = run_with_data(tmp_path, '{"answers": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert (done.returncode, done.stderr.strip()) == (
        1, "Refused: the data is nested too deeply (lists or objects inside each other); the limit is 64 levels")
    done, _ = run_with_data(tmp_path, "{answers: yes}")
    assert done.returncode == 1 and done.stderr.startswith("Refused: the data is not valid JSON: Expecting property")
    done, path = run_with_data(tmp_path, b'{"answers": "\xff"}')
    assert done.stderr.strip() == f"Refused: the data file {path} is not UTF-8 text (line 1)"
    done = run("run", "parts-of-the-house", "score", "--data", '{"answers": {"centre": ' + "9" * 5000 + "}}")
    assert done.stderr.strip() == "Refused: the data is not valid JSON: a number in it is too long to read"


def test_run_names_an_action_the_exercise_cannot_do(tmp_path):
    done, _ = run_with_data(tmp_path, "{}", action="dance")
    assert done.returncode == 1 and done.stderr.strip() == "Refused: a quiz cannot do 'dance'; it can only 'score'"


def test_play_takes_only_a_number_shown_and_asks_again_otherwise():
    typed = ["²", "9" * 4300, "0", "-1", "4", "1.0", "q"]
    done = run("play", "diabetes-review", input="\n".join(typed) + "\n")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stdout.count("Please type one of the numbers shown (1 to 3), b or q.") == 6
    assert "Feedback:" not in done.stdout  # nothing typed was taken as a choice
