"""The site build: strict, complete, and refusing bad input without leaving a half-built site."""

import os
import re
import subprocess
import urllib.request
from pathlib import Path

from conftest import build_site, build_with
from exercises.site import runtime
from exercises.site.server import serve_in_background

ROOT = Path(__file__).resolve().parent.parent
QUIZ_YAML = ROOT / "exercises" / "content" / "quiz" / "parts-of-the-house.yaml"


def test_the_strict_build_passes_and_ships_the_runtime_under_versioned_paths(built_site):
    version = runtime.pyodide_version()
    for name in runtime.PYODIDE_FILES:
        assert (built_site / "assets" / "pyodide" / version / name).is_file(), name
    engines = list((built_site / "assets" / "engine").glob("exercises-*.zip"))
    assert len(engines) == 1
    quiz = (built_site / "exercises" / "parts-of-the-house" / "index.html").read_text(encoding="utf-8")
    assert 'data-exercise="parts-of-the-house"' in quiz
    assert "assets/exercises/runtime.js" in quiz
    assert f"assets/pyodide/{version}/" in quiz
    assert "[[exercise:" not in quiz
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "runtime.js" not in home and "pyodide" not in home


def test_the_engine_zip_holds_the_runtime_package_and_no_build_time_code(tmp_path):
    import zipfile
    import io

    names = zipfile.ZipFile(io.BytesIO(runtime.engine_zip_bytes())).namelist()
    assert "exercises/browser.py" in names and "exercises/quiz/score.py" in names
    assert not any(n.startswith("exercises/content/") or n.startswith("exercises/site/") for n in names)
    assert "exercises/yaml_source.py" not in names
    assert runtime.engine_zip_bytes() == runtime.engine_zip_bytes()  # same source, same bytes


def test_a_broken_definition_stops_the_build_naming_file_and_field(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    broken = content / "parts.yaml"
    broken.write_text(QUIZ_YAML.read_text().replace("answer: systems", "answer: chimney"))
    done = build_site(tmp_path / "site", env={"HOC_EXERCISES_CONTENT": str(content)})
    assert done.returncode != 0
    assert f"{broken}:" in done.stderr or "parts.yaml" in done.stderr
    assert "questions[3].answer: refers to choice 'chimney'" in done.stderr


def test_scripts_build_leaves_the_last_good_site_alone_when_a_definition_is_broken(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("last good build")
    content = tmp_path / "content"
    content.mkdir()
    (content / "parts.yaml").write_text(QUIZ_YAML.read_text().replace("title: Parts of the house\n", ""))
    done = subprocess.run(["bash", str(ROOT / "scripts" / "build")], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "SITE_DIR": str(site), "HOC_EXERCISES_CONTENT": str(content)})
    assert done.returncode != 0
    assert "title: this field is required but missing" in done.stderr
    assert "was left as it was" in done.stderr
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert not list(tmp_path.glob("site.tmp*"))


def build_with_changed_docs(tmp_path, page: str, change) -> subprocess.CompletedProcess:
    """Build a copy of the site in which one page has been changed."""
    return build_with(tmp_path, {page: change})


def test_a_marker_naming_no_exercise_stops_the_build_naming_the_page(tmp_path):
    done = build_with_changed_docs(tmp_path, "exercises/index.md",
                                   lambda text: text + "\n[[exercise: no-such-exercise]]\n")
    assert done.returncode != 0
    assert "docs/exercises/index.md: exercise marker names 'no-such-exercise'" in done.stderr


def test_a_page_with_missing_front_matter_stops_the_build_naming_page_and_field(tmp_path):
    done = build_with_changed_docs(tmp_path, "house/roof.md",
                                   lambda text: re.sub(r"^description:.*\n", "", text, count=1, flags=re.M))
    assert done.returncode != 0
    assert "docs/house/roof.md: front matter 'description': is required but missing" in done.stderr


def test_a_broken_link_stops_the_build(tmp_path):
    done = build_with_changed_docs(tmp_path, "house/roof.md",
                                   lambda text: text + "\nSee [the attic](attic.md#stairs).\n")
    assert done.returncode != 0
    assert "attic.md" in done.stderr


def test_the_server_sends_the_mime_types_and_cache_headers_pyodide_needs(built_site):
    server, url = serve_in_background(built_site)
    try:
        base = f"{url}assets/pyodide/{runtime.pyodide_version()}/"
        for name, mime in [("pyodide.asm.wasm", "application/wasm"), ("pyodide.mjs", "text/javascript"),
                           ("pyodide.asm.mjs", "text/javascript")]:
            with urllib.request.urlopen(base + name) as response:
                assert response.headers["Content-Type"] == mime
                assert "immutable" in response.headers["Cache-Control"]
        with urllib.request.urlopen(url) as response:
            assert response.headers["Cache-Control"] == "no-cache"
    finally:
        server.shutdown()


LOCAL = '''locality: "Anytown Health Partnership"
model_of_care:
  - step: "Contact 2: conversation"
    how: "One conversation, one plan"
    when: "Two weeks after contact 1"
    where: "Anytown Surgery, or at home"
    by_whom: "Practice nurse"
community_resources:
  - name: "Anytown Walking Group"
    what: "Gentle walks every Wednesday from the library"
    contact: "01234 567890"
'''


def test_a_locality_makes_the_site_its_own_by_editing_one_data_file(tmp_path):
    done = build_with_changed_docs(tmp_path, "data/local.yml", lambda text: LOCAL)
    assert done.returncode == 0, done.stderr
    model = (tmp_path / "site" / "local" / "model-of-care" / "index.html").read_text()
    assert "The model of care in Anytown Health Partnership" in model
    assert "Two weeks after contact 1" in model and "Worked example" not in model
    more = (tmp_path / "site" / "more-than-medicine" / "index.html").read_text()
    assert "In Anytown Health Partnership" in more and "Anytown Walking Group" in more


def test_bad_local_details_stop_the_build_naming_file_and_field(tmp_path):
    done = build_with_changed_docs(tmp_path, "data/local.yml",
                                   lambda text: LOCAL.replace('    by_whom: "Practice nurse"\n', "    who: nurse\n"))
    assert done.returncode != 0
    assert "model_of_care[0].who: unknown field" in done.stderr
    assert "model_of_care[0].by_whom: this field is required" in done.stderr


def test_each_page_carries_its_definition_exactly_as_written(built_site):
    """The browser's engine gets the same definition as the host, keys in the author's order (a role-play
    ending's if_missed is tried in that order)."""
    import json
    import re

    from exercises.catalogue import load_valid

    for entry in load_valid():
        page = built_site / entry.header.site_path / "index.html"
        found = re.search(r'<script type="application/json" data-definition>(.*?)</script>',
                          page.read_text(encoding="utf-8"), re.S)
        assert found, page
        carried = json.loads(found.group(1))
        assert json.dumps(carried) == json.dumps(entry.data), entry.header.id
        assert "<" not in found.group(1)  # nothing in it can end the script early
