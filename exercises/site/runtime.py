"""Put the browser runtime into the built site: Pyodide from npm, and the engine as a zip.

Both go under versioned paths, so a static host may cache them for a long time:
  assets/pyodide/<pyodide version>/...
  assets/engine/exercises-<content hash>.zip
  assets/engine/snapshot-<pyodide version>-<hash>.bin   (the engine's memory snapshot: snapshot.py)
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from . import snapshot as snapshots

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = PACKAGE_DIR.parent
NPM_PYODIDE = REPO_ROOT / "node_modules" / "pyodide"

# What loadPyodide() fetches when started from pyodide.mjs; nothing else of the npm package ships.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")

# Build-time modules stay out of the browser's copy; the engine is the rest of the package.
BUILD_ONLY = {"__main__.py", "catalogue.py", "yaml_source.py", "calibrate_cli.py", "aggregate_cli.py"}
BUILD_ONLY_IN_FAMILIES = {"html.py", "diagram.py", "rubric_file.py"}  # each type's build-time drawing


class RuntimeMissing(Exception):
    pass


@dataclass(frozen=True)
class RuntimePaths:
    pyodide_version: str
    pyodide_dir: str  # relative to the site root, ending in '/'
    engine_zip: str  # relative to the site root
    engine_bytes: bytes = field(default=b"", repr=False)  # the zip itself, made once per build
    snapshot: str | None = None  # relative to the site root; None when it could not be made
    snapshot_file: Path | None = field(default=None, repr=False)  # the cached file copied into the site


def pyodide_version(npm_dir: Path = NPM_PYODIDE) -> str:
    manifest = npm_dir / "package.json"
    if not manifest.is_file():
        raise RuntimeMissing(
            f"{npm_dir} is missing: run 'npm ci' (scripts/build and scripts/serve do this for you)")
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def engine_files() -> list[Path]:
    files = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        rel = path.relative_to(PACKAGE_DIR)
        if rel.parts[0] in ("content", "site") or (len(rel.parts) == 1 and rel.name in BUILD_ONLY):
            continue
        if len(rel.parts) > 1 and rel.name in BUILD_ONLY_IN_FAMILIES:
            continue
        if "__pycache__" in rel.parts:
            continue
        files.append(path)
    return files


def engine_zip_bytes() -> bytes:
    """The engine package as a zip with fixed timestamps, so the same source gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in engine_files():
            arcname = "exercises/" + path.relative_to(PACKAGE_DIR).as_posix()
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return buffer.getvalue()


def plan(npm_dir: Path = NPM_PYODIDE) -> RuntimePaths:
    """Where the runtime files will be, known before the pages are written (the snapshot is made now, or
    taken from the cache, so the pages know whether there is one)."""
    version = pyodide_version(npm_dir)
    engine = engine_zip_bytes()
    digest = hashlib.sha256(engine).hexdigest()[:12]
    made = snapshots.cached_snapshot(version, engine, npm_dir)
    return RuntimePaths(version, f"assets/pyodide/{version}/", f"assets/engine/exercises-{digest}.zip", engine,
                        made[0] if made else None, made[1] if made else None)


def write(site_dir: Path, paths: RuntimePaths, npm_dir: Path = NPM_PYODIDE) -> None:
    target = site_dir / paths.pyodide_dir
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        source = npm_dir / name
        if not source.is_file():
            raise RuntimeMissing(f"{source} is missing from the npm package pyodide {paths.pyodide_version}")
        shutil.copyfile(source, target / name)
    engine = site_dir / paths.engine_zip
    engine.parent.mkdir(parents=True, exist_ok=True)
    engine.write_bytes(paths.engine_bytes or engine_zip_bytes())
    if paths.snapshot and paths.snapshot_file:
        shutil.copyfile(paths.snapshot_file, site_dir / paths.snapshot)
