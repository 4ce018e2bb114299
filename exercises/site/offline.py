"""The offline list the site's service worker keeps, written into the built site's service-worker.js.

The service worker (docs/service-worker.js, at the site's root so its scope is the whole site) keeps two
caches, each named after a hash, so a rebuild that changes anything gets new caches and the old ones are
removed:

  core    every page and the files pages need (styles, scripts, images, the search index, the exercises'
          small page runtime under assets/exercises/), stored when any page of the site is first opened;
  engine  Pyodide, the engine zip and its memory snapshot (about 19 MB), stored only once a page that
          holds an exercise has been opened, so a content page still never downloads a byte of Pyodide.
          Offline, an exercise page opened before then shows its text and the printable version.

Source maps, the sitemap and search languages other than English are left out (they are still kept if a
page fetches them while online).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

SERVICE_WORKER = "service-worker.js"
PLACEHOLDER = "const MANIFEST = null; // written by the build (exercises/site/offline.py)"
ENGINE_PREFIXES = ("assets/pyodide/", "assets/engine/")
LEFT_OUT_PREFIXES = ("assets/javascripts/lunr/",)
LEFT_OUT_SUFFIXES = (".map", "sitemap.xml", "sitemap.xml.gz")


class OfflineError(Exception):
    pass


def _url(rel: str) -> str:
    """The URL of a file, relative to the site root, as pages link to it (a folder for index.html)."""
    if rel == "index.html":
        return "./"
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def manifest(site_dir: Path) -> dict:
    core, engine = [], []
    digest = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel == SERVICE_WORKER or rel.startswith(".") or "/." in rel:
            continue
        digest.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        if rel.startswith(ENGINE_PREFIXES):
            engine.append(_url(rel))
        elif not rel.startswith(LEFT_OUT_PREFIXES) and not rel.endswith(LEFT_OUT_SUFFIXES):
            core.append(_url(rel))
    engine_digest = hashlib.sha256()
    for rel in engine:
        engine_digest.update(rel.encode() + b"\0" + hashlib.sha256((site_dir / (rel or "index.html")).read_bytes())
                             .digest())
    return {"version": digest.hexdigest()[:12], "engineVersion": engine_digest.hexdigest()[:12],
            "core": core, "engine": engine}


def write(site_dir: Path) -> dict | None:
    """Put the offline list into the site's service worker; None if the site has no service worker."""
    worker = site_dir / SERVICE_WORKER
    if not worker.is_file():
        return None
    text = worker.read_text(encoding="utf-8")
    if PLACEHOLDER not in text:
        raise OfflineError(f"{worker}: the line '{PLACEHOLDER}' is missing, so the offline list cannot be written")
    found = manifest(site_dir)
    worker.write_text(text.replace(PLACEHOLDER, f"const MANIFEST = {json.dumps(found)};"), encoding="utf-8")
    return found
