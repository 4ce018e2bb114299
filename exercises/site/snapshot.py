"""The engine's Pyodide memory snapshot, made at build time under Node and kept in a cache.

A snapshot is the memory of a Pyodide that has started, unpacked the engine and imported every exercise
family. The browser's worker restores it instead of starting CPython (about 0.4 s instead of 2.5 s under
Node). It is tied to the exact Pyodide build and to the engine's code, so its name carries the Pyodide
version and a hash of everything it is made from:

  assets/engine/snapshot-<pyodide version>-<hash>.bin

The file is a one-line header, ``HOCSNAP 2 <pyodide version> <hash> <raw length>\\n``, followed by the
snapshot without its zero pages (see `pack`), compressed with gzip: about 31 MB of memory, half of it
zeros, is 6 MB on the wire whatever the host does, and the browser unpacks only the half that is not zero.
The worker checks the header and the records, and starts normally if anything is wrong.

Making one takes a few seconds, so it is kept in a cache outside the site (``$HOC_CACHE_DIR``, or
``~/.cache/house-of-care``) and made again only when something it depends on changes. If Node is missing or
the snapshot cannot be made, the build goes on with a warning and the site starts the engine normally.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from ..registry import MODULES

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = REPO_ROOT / "scripts" / "make_snapshot.mjs"
FORMAT = 2
PAGE = 4096  # zero runs are dropped a page at a time
RECORD = struct.Struct("<II")  # offset, length
MAGIC = b"HOCSNAP"
# The Pyodide files whose exact build a snapshot depends on.
PYODIDE_BUILD_FILES = ("pyodide.asm.wasm", "pyodide.asm.mjs", "pyodide.mjs", "python_stdlib.zip")
NODE_SECONDS = 180
KEEP_IN_CACHE = 6  # older snapshots are removed from the cache

log = logging.getLogger("house_of_care.snapshot")  # not MkDocs's logger: a warning must not fail --strict


def cache_dir() -> Path:
    configured = os.environ.get("HOC_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "house-of-care"


def families() -> list[str]:
    return sorted(MODULES)


def snapshot_key(version: str, engine: bytes, npm_dir: Path) -> str:
    """A hash of everything the snapshot is made from: Pyodide's build, the engine, the script, the families."""
    digest = hashlib.sha256()
    digest.update(f"format {FORMAT}\npyodide {version}\n".encode())
    for name in PYODIDE_BUILD_FILES:
        source = npm_dir / name
        digest.update(name.encode() + b"\0" + (hashlib.sha256(source.read_bytes()).digest() if source.is_file()
                                             else b"missing"))
    digest.update(b"engine\0" + hashlib.sha256(engine).digest())
    digest.update(b"script\0" + (SCRIPT.read_bytes() if SCRIPT.is_file() else b"missing"))
    digest.update(("families\0" + ",".join(families())).encode())
    return digest.hexdigest()[:12]


def site_path(version: str, key: str) -> str:
    return f"assets/engine/snapshot-{version}-{key}.bin"


def header(version: str, key: str, raw_length: int) -> bytes:
    return b"%s %d %s %s %d\n" % (MAGIC, FORMAT, version.encode(), key.encode(), raw_length)


def pack(raw: bytes) -> bytes:
    """The memory as records: each an offset and a length (uint32, little-endian) and then that many bytes,
    for every run of pages that are not all zero, in order; the last record is (len(raw), 0). Whatever no
    record covers is zero, as a new WebAssembly memory is."""
    out = bytearray()
    zero = bytes(PAGE)
    at, size = 0, len(raw)
    while at < size:
        if raw[at:at + PAGE] == zero[:min(PAGE, size - at)]:
            at += PAGE
            continue
        start = at
        while at < size and raw[at:at + PAGE] != zero[:min(PAGE, size - at)]:
            at += PAGE
        end = min(at, size)
        out += RECORD.pack(start, end - start) + raw[start:end]
    out += RECORD.pack(size, 0)
    return bytes(out)


def unpack(packed: bytes) -> bytes:
    """The memory that `pack` packed (for tests and checks; the browser's worker does the same)."""
    memory = bytearray()
    at = 0
    while True:
        offset, length = RECORD.unpack_from(packed, at)
        at += RECORD.size
        if length == 0:
            return bytes(memory) + bytes(offset - len(memory))
        memory += bytes(offset - len(memory)) + packed[at:at + length]
        at += length


def node_command() -> str | None:
    return os.environ.get("HOC_NODE") or shutil.which("node")


def make(version: str, key: str, engine: bytes, npm_dir: Path, target: Path) -> None:
    """Run Node to make the snapshot and write it, with its header, to target. Raises on any failure."""
    node = node_command()
    if not node:
        raise RuntimeError("Node.js was not found (set HOC_NODE or install node)")
    with tempfile.TemporaryDirectory(prefix="hoc-snapshot-") as tmp:
        engine_zip = Path(tmp) / "engine.zip"
        engine_zip.write_bytes(engine)
        raw_file = Path(tmp) / "snapshot.raw"
        try:
            done = subprocess.run([node, str(SCRIPT), str(npm_dir), str(engine_zip), ",".join(families()),
                                   str(raw_file)], capture_output=True, text=True, timeout=NODE_SECONDS)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RuntimeError(f"Node could not make it: {exc}") from exc
        if done.returncode != 0 or not raw_file.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise RuntimeError(f"Node stopped with code {done.returncode}: {' | '.join(detail)}")
        raw = raw_file.read_bytes()
    if len(raw) < 1024:
        raise RuntimeError(f"Node wrote only {len(raw)} bytes")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    partial.write_bytes(header(version, key, len(raw)) + gzip.compress(pack(raw), compresslevel=6, mtime=0))
    os.replace(partial, target)  # builds running at the same time never see half a file


def _prune(folder: Path, keep: Path) -> None:
    older = sorted((p for p in folder.glob("snapshot-*.bin") if p != keep), key=lambda p: p.stat().st_mtime)
    for stale in older[: max(0, len(older) - (KEEP_IN_CACHE - 1))]:
        stale.unlink(missing_ok=True)


def cached_snapshot(version: str, engine: bytes, npm_dir: Path) -> tuple[str, Path] | None:
    """(path in the site, cached file), making the snapshot first if the cache lacks it; None, with a
    warning, if it cannot be made (the site then starts the engine normally)."""
    if os.environ.get("HOC_SNAPSHOT") == "off":
        return None
    try:
        key = snapshot_key(version, engine, npm_dir)
        target = cache_dir() / "snapshots" / f"snapshot-{version}-{key}.bin"
        if not target.is_file():
            log.info("Making the engine's memory snapshot (Pyodide %s, %s)", version, key)
            make(version, key, engine, npm_dir, target)
            _prune(target.parent, target)
        else:
            os.utime(target)  # recently used: kept by _prune
    except (OSError, RuntimeError) as exc:
        log.warning("WARNING: the engine's memory snapshot was not made, so the exercises will start "
                    "without it (slower, but they work): %s", exc)
        return None
    return site_path(version, key), target
