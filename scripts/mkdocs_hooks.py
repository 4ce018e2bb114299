"""MkDocs hooks: the only MkDocs-specific code. Each hook hands over to exercises.site."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exercises.site.abbreviations import focusable_abbreviations  # noqa: E402
from exercises.site.build import BuildError, ExerciseBuild  # noqa: E402
from exercises.site.csp import PolicyError, add_policy  # noqa: E402
from exercises.site.page_checks import PageChecks  # noqa: E402
from exercises.site.scrollable import focusable_code_blocks  # noqa: E402
from exercises.site.local_details import fill_local, site_identity  # noqa: E402
from exercises.site.source_list import fill_source_lists  # noqa: E402
from exercises.site.study_path import fill_study_path, read_path  # noqa: E402
from exercises.site.sessions import fill_sessions, read_sessions  # noqa: E402
from exercises.site.session_packs import fill_packs  # noqa: E402
from exercises.site.handbook import Handbook  # noqa: E402

_build: ExerciseBuild | None = None
_checks: PageChecks | None = None
_study: dict | None = None
_sessions: dict | None = None
_handbook: Handbook | None = None


def on_config(config):
    global _build, _checks, _study, _sessions, _handbook
    docs = Path(config["docs_dir"])
    try:
        _build = ExerciseBuild(docs)
        _checks = PageChecks(docs)
        exercises = {i: (e.header.page, e.header.title) for i, e in _build.entries.items()}
        path = docs / "data" / "study-path.yml"
        _study = read_path(path, docs, exercises) if path.exists() else None
        _sessions = read_sessions(docs, {i: e.header for i, e in _build.entries.items()})
        _handbook = Handbook(exercises)
    except (BuildError, ValueError) as exc:
        raise PluginError(str(exc)) from exc
    config.extra["exercise_runtime"] = _build.runtime_config()
    config.extra["local"] = site_identity(_checks.local)
    if config.extra["local"]["locality"]:  # the header and every page's title name the locality
        config["site_name"] = f"{config['site_name']}: {config.extra['local']['locality']}"
    return config


def on_page_markdown(markdown, page, config, files):
    _checks.page(page.file.src_uri, page.meta)
    page.meta["cited_sources"] = _checks.cited(page.meta.get("sources") or [])
    try:
        markdown = fill_local(markdown, _checks.local, page.file.src_uri)
        markdown = fill_study_path(markdown, page.file.src_uri, _study)
        markdown = fill_sessions(markdown, page.file.src_uri, _sessions)
        markdown = fill_packs(markdown, page.file.src_uri, _sessions, _build.docs_dir, _build.entries)
        markdown = _handbook.fill_marker(markdown, page.file.src_uri)
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
    return fill_source_lists(markdown, _checks.sources)


def on_page_content(html, page, config, files):
    _handbook.collect(page.file.src_uri, page.title, page.url, html)  # before exercises are drawn
    try:
        html, ids = _build.page_content(html, page.file.src_uri)
    except BuildError as exc:
        raise PluginError(str(exc)) from exc
    page.meta["exercises"] = ids
    page.meta["exercise_types"] = sorted({_build.entries[i].header.type for i in ids})
    return focusable_code_blocks(focusable_abbreviations(html))


def on_nav(nav, config, files):
    _handbook.set_order([(p.file.src_uri, p.ancestors[-1].title if p.ancestors else "") for p in nav.pages])
    return nav


def on_post_page(output, page, config):
    try:
        return add_policy(output, f"docs/{page.file.src_uri}")
    except PolicyError as exc:
        raise PluginError(str(exc)) from exc


def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    try:
        return add_policy(output_content, template_name)
    except PolicyError as exc:
        raise PluginError(str(exc)) from exc


def on_env(env, config, files):
    try:
        _checks.raise_if_any()
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
    return env


def on_post_build(config):
    try:
        _build.finish(Path(config["site_dir"]))
        _handbook.write(Path(config["site_dir"]))
        _build.write_offline_list(Path(config["site_dir"]))  # last: it lists every file written
    except (BuildError, ValueError) as exc:
        raise PluginError(str(exc)) from exc
