"""What the site build does with exercises, as plain Python the MkDocs hooks call.

1. Before any page is built: validate every definition (and the pages it links to); stop on problems.
2. For each page: draw the exercises its markers name, and note that the page needs the runtime.
3. After the build: check every exercise found a page, and copy the browser runtime into the site.
4. Last of all: write the list of the site's files into its service worker (offline.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..catalogue import Entry, docs_pages, load_all
from . import offline, runtime
from .pages import check_every_exercise_placed, render_markers


class BuildError(Exception):
    """Stops the build; the message names each file and field that is wrong."""


class ExerciseBuild:
    def __init__(self, docs_dir: Path):
        self.docs_dir = Path(docs_dir)
        entries, problems = load_all(pages=docs_pages(self.docs_dir))
        if problems:
            raise BuildError("exercise definitions have problems:\n" + "\n".join(f"  {p}" for p in problems))
        self.entries: dict[str, Entry] = {e.header.id: e for e in entries}
        try:
            self.runtime = runtime.plan()
        except runtime.RuntimeMissing as exc:
            raise BuildError(str(exc)) from exc
        self.placed: dict[str, str] = {}

    def runtime_config(self) -> dict:
        # "worker" names the engine worker's script: pages find a shared engine by its settings, so a rebuild
        # that changes only that script must not find the engine an older one started.
        worker = self.docs_dir / "assets" / "exercises" / "engine-worker.js"
        return {"pyodide": self.runtime.pyodide_dir, "engine": self.runtime.engine_zip,
                "pyodide_version": self.runtime.pyodide_version, "snapshot": self.runtime.snapshot,
                "worker": hashlib.sha256(worker.read_bytes()).hexdigest()[:12] if worker.is_file() else ""}

    def page_content(self, html: str, page: str) -> tuple[str, list[str]]:
        try:
            html, ids = render_markers(html, page, self.docs_dir, self.entries)
        except Exception as exc:  # PageError, or a broken link target
            raise BuildError(str(exc)) from exc
        for ident in ids:
            self.placed[ident] = page
        return html, ids

    def finish(self, site_dir: Path) -> None:
        problems = check_every_exercise_placed(self.entries, self.placed)
        if problems:
            raise BuildError("\n".join(str(p) for p in problems))
        try:
            runtime.write(Path(site_dir), self.runtime)
        except runtime.RuntimeMissing as exc:
            raise BuildError(str(exc)) from exc

    def write_offline_list(self, site_dir: Path) -> None:
        """The offline list in the site's service worker: call it last, when every file is written."""
        try:
            offline.write(Path(site_dir))
        except offline.OfflineError as exc:
            raise BuildError(str(exc)) from exc
