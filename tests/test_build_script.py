"""scripts/build at the edges: a folder that is not a built site is never replaced, a trailing slash does not
nest a second build, and a build that is stopped leaves no temporary folder behind."""

import os
import signal
import subprocess
import time

from conftest import ROOT


def build(site_dir, **env):
    return subprocess.run(["bash", str(ROOT / "scripts" / "build")], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "SITE_DIR": str(site_dir), **env}, timeout=600)


def test_a_folder_holding_other_files_is_refused_and_left_alone(tmp_path):
    notes = tmp_path / "my-notes"
    notes.mkdir()
    (notes / "plan.txt").write_text("keep me")
    done = build(notes)
    assert done.returncode != 0
    assert "already holds files that are not a built site" in done.stderr
    assert (notes / "plan.txt").read_text() == "keep me"


def test_the_project_itself_or_its_sources_are_refused(tmp_path):
    for target, words in ((ROOT, "is the project or a folder above it"), (ROOT.parent, "is the project or a folder above it"),
                          (ROOT / "docs" / "built", "inside the project's own sources")):
        done = build(target)
        assert done.returncode != 0 and words in done.stderr, done.stderr
    assert (ROOT / "docs" / "index.md").exists() and not (ROOT / "docs" / "built").exists()


def test_a_trailing_slash_builds_into_the_folder_not_inside_it(tmp_path):
    site = tmp_path / "site"
    done = build(f"{site}/")
    assert done.returncode == 0, done.stderr
    assert (site / "index.html").exists() and not (site / "site").exists()
    again = build(f"{site}//")
    assert again.returncode == 0, again.stderr
    assert not (site / "site").exists() and not list(tmp_path.glob("site.*"))


def test_a_stopped_build_leaves_no_temporary_folder_and_old_ones_are_cleaned(tmp_path):
    site = tmp_path / "site"
    stale = tmp_path / "site.tmp.999999"  # left by a build whose process is gone
    stale.mkdir()
    (stale / "junk").write_text("x")
    proc = subprocess.Popen(["bash", str(ROOT / "scripts" / "build")], cwd=ROOT, start_new_session=True,
                            env={**os.environ, "SITE_DIR": str(site)}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while time.time() < deadline and not any(p.name.startswith("site.tmp.") and p != stale for p in tmp_path.iterdir()):
        time.sleep(0.05)
    assert not stale.exists()  # the stale folder went before the build started
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=60)
    time.sleep(0.5)
    assert not list(tmp_path.glob("site.tmp.*"))
    assert not site.exists()
