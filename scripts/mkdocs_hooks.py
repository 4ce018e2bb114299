"""MkDocs hooks: the only MkDocs-specific code. Each hook hands over to exercises.site."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exercises.site.build import BuildError, ExerciseBuild  # noqa: E402

_build: ExerciseBuild | None = None


def on_config(config):
    global _build
    try:
        _build = ExerciseBuild(Path(config["docs_dir"]))
    except BuildError as exc:
        raise PluginError(str(exc)) from exc
    config.extra["exercise_runtime"] = _build.runtime_config()
    return config


def on_page_content(html, page, config, files):
    try:
        html, ids = _build.page_content(html, page.file.src_uri)
    except BuildError as exc:
        raise PluginError(str(exc)) from exc
    page.meta["exercises"] = ids
    return html


def on_post_build(config):
    try:
        _build.finish(Path(config["site_dir"]))
    except BuildError as exc:
        raise PluginError(str(exc)) from exc
