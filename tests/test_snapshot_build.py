"""The build step that makes the engine's memory snapshot: made once under Node and then taken from the
cache until something it depends on changes; a build without Node (or whose Node fails) still succeeds,
with a warning, and ships no snapshot."""

import gzip
import json
import logging
import shutil

import pytest

from conftest import build_site
from exercises.site import runtime, snapshot

NPM = runtime.NPM_PYODIDE


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("HOC_CACHE_DIR", str(folder))
    monkeypatch.delenv("HOC_SNAPSHOT", raising=False)
    return folder


def test_the_snapshot_is_made_once_and_then_taken_from_the_cache(cache, monkeypatch):
    version, engine = runtime.pyodide_version(), runtime.engine_zip_bytes()
    first = snapshot.cached_snapshot(version, engine, NPM)
    assert first is not None, "Node could not make the snapshot"
    where, made = first
    assert made.is_file() and made.parent == cache / "snapshots"
    assert where == f"assets/engine/{made.name}" and made.name.startswith(f"snapshot-{version}-")
    head, _, body = made.read_bytes().partition(b"\n")
    assert head.split(b" ")[:3] == [b"HOCSNAP", b"2", version.encode()]
    assert len(snapshot.unpack(gzip.decompress(body))) == int(head.split(b" ")[4]) > 10_000_000
    stamp = made.read_bytes()

    def must_not_run(*args, **kwargs):
        raise AssertionError("the snapshot was made again although nothing it depends on changed")

    monkeypatch.setattr(snapshot, "make", must_not_run)
    assert snapshot.cached_snapshot(version, engine, NPM) == first
    assert runtime.plan().snapshot == where  # the build's own step takes it from the cache too
    assert made.read_bytes() == stamp


def test_a_change_to_the_engine_or_to_pyodide_makes_a_new_snapshot(cache, tmp_path, monkeypatch):
    made = []

    def fake_make(version, key, engine, npm_dir, target):
        made.append(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(snapshot.header(version, key, 3) + gzip.compress(b"abc"))

    monkeypatch.setattr(snapshot, "make", fake_make)
    npm = tmp_path / "pyodide"
    npm.mkdir()
    for name in snapshot.PYODIDE_BUILD_FILES:
        (npm / name).write_bytes(b"build one " + name.encode())
    engine = runtime.engine_zip_bytes()
    one = snapshot.cached_snapshot("314.0.7", engine, npm)
    assert snapshot.cached_snapshot("314.0.7", engine, npm) == one and len(made) == 1
    two = snapshot.cached_snapshot("314.0.7", engine + b"changed", npm)  # the engine changed
    (npm / "pyodide.asm.wasm").write_bytes(b"build two")  # the same version, another build
    three = snapshot.cached_snapshot("314.0.7", engine, npm)
    four = snapshot.cached_snapshot("314.0.8", engine, npm)  # another version
    assert len(made) == 4 and len({one, two, three, four}) == 4
    assert four[0].startswith("assets/engine/snapshot-314.0.8-")


@pytest.mark.parametrize("node", ["/nonexistent/node", "/bin/false"])
def test_without_a_working_node_there_is_no_snapshot_and_a_warning(cache, monkeypatch, caplog, node):
    monkeypatch.setenv("HOC_NODE", node)
    with caplog.at_level(logging.WARNING, logger="house_of_care.snapshot"):
        assert snapshot.cached_snapshot(runtime.pyodide_version(), runtime.engine_zip_bytes(), NPM) is None
    assert "the exercises will start without it" in caplog.text
    assert not list(cache.rglob("*.bin"))


def test_a_build_whose_node_fails_succeeds_and_its_pages_name_no_snapshot(tmp_path):
    site = tmp_path / "site"
    done = build_site(site, env={"HOC_NODE": "/nonexistent/node", "HOC_CACHE_DIR": str(tmp_path / "cache")})
    assert done.returncode == 0, done.stderr
    assert "snapshot was not made" in done.stderr
    assert not list((site / "assets" / "engine").glob("snapshot-*"))
    quiz = (site / "exercises" / "parts-of-the-house" / "index.html").read_text(encoding="utf-8")
    config = quiz.split('id="exercise-runtime">', 1)[1].split("</script>", 1)[0]
    assert json.loads(config)["snapshot"] is None
    shutil.rmtree(site)


def test_the_server_sends_the_service_worker_revalidated_and_the_snapshot_for_a_year(built_site):
    import urllib.request

    from exercises.site.server import serve_in_background

    server, url = serve_in_background(built_site)
    try:
        with urllib.request.urlopen(url + "service-worker.js") as answer:
            assert answer.headers["Content-Type"].startswith("text/javascript")
            assert answer.headers["Cache-Control"] == "no-cache"
            assert b"const MANIFEST = {" in answer.read()
        snap = next((built_site / "assets" / "engine").glob("snapshot-*.bin"))
        with urllib.request.urlopen(f"{url}assets/engine/{snap.name}") as answer:
            assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            assert answer.read() == snap.read_bytes()
    finally:
        server.shutdown()


def test_the_offline_lists_cover_the_site_and_keep_pyodide_off_the_pages_list(built_site):
    from exercises.site import offline

    text = (built_site / "service-worker.js").read_text(encoding="utf-8")
    listed = json.loads(text.split("const MANIFEST = ", 1)[1].split(";\n", 1)[0])
    assert listed == offline.manifest(built_site)
    assert "./" in listed["core"] and "exercises/parts-of-the-house/" in listed["core"]
    assert "404.html" in listed["core"] and "search/search_index.json" in listed["core"]
    assert not [u for u in listed["core"] if u.startswith(("assets/pyodide/", "assets/engine/"))]
    snap = next((built_site / "assets" / "engine").glob("snapshot-*.bin"))
    assert f"assets/engine/{snap.name}" in listed["engine"]
    for name in runtime.PYODIDE_FILES:
        assert f"assets/pyodide/{runtime.pyodide_version()}/{name}" in listed["engine"]


def test_the_snapshot_leaves_out_its_zero_pages_and_unpacks_to_the_same_memory():
    page = snapshot.PAGE
    memory = bytes(3 * page) + b"python" + bytes(page) + b"\x01" * page + bytes(5 * page) + b"end"
    packed = snapshot.pack(memory)
    assert snapshot.unpack(packed) == memory
    assert len(packed) < 4 * page  # only the pages that hold something, and the records' heads
    for memory in (b"", bytes(page), b"x", bytes(page - 1) + b"x"):
        assert snapshot.unpack(snapshot.pack(memory)) == memory
