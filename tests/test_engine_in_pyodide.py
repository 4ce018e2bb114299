"""The engine's tests, run again inside Pyodide under Node: the browser's runtime, not only the host's."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from exercises.catalogue import load_valid
from exercises.site import runtime

ROOT = Path(__file__).resolve().parent.parent
ENGINE_TESTS = sorted((ROOT / "tests" / "engine").glob("*.py"))


@pytest.mark.pyodide
def test_engine_tests_pass_inside_pyodide(tmp_path):
    node = shutil.which("node")
    assert node, "Node.js is needed to run the engine inside Pyodide"
    engine_zip = tmp_path / "engine.zip"
    engine_zip.write_bytes(runtime.engine_zip_bytes())
    files = {"tests/__init__.py": "", **{
        f"tests/engine/{p.name}": p.read_text(encoding="utf-8") for p in ENGINE_TESTS}}
    modules = [f"tests.engine.{p.stem}" for p in ENGINE_TESTS if p.name.startswith("test_")]
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({
        "engine_zip": str(engine_zip),
        "definitions": {e.header.id: e.data for e in load_valid()},
        "files": files,
        "modules": modules,
    }))
    done = subprocess.run([node, str(ROOT / "tests" / "pyodide" / "run_tests.mjs"), str(manifest)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["platform"] == "emscripten"
    assert report["python"].startswith("3.14"), report["python"]
    failed = [r for r in report["results"] if not r["ok"]]
    assert not failed, "\n\n".join(f"{r['test']}\n{r['error']}" for r in failed)
    # Every test function of the engine suite ran there, not a handful.
    assert len(report["results"]) >= 6
