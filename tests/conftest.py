"""Shared fixtures: the built site, a local server for it, and Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exercises.site.server import serve_in_background  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
# HOC_MKDOCS_CONFIG lets a developer point the tests at another configuration.
MKDOCS_CONFIG = os.environ.get("HOC_MKDOCS_CONFIG", str(ROOT / "mkdocs.yml"))


def build_site(site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", MKDOCS_CONFIG, "-d", str(site_dir)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def build_with(tmp_path, changes: dict) -> subprocess.CompletedProcess:
    """Build a copy of the site in which some files under docs/ have been changed."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    for page, change in changes.items():
        target = docs / page
        target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text()
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}").replace("custom_dir: overrides",
                                                                        f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("- scripts/mkdocs_hooks.py", f"- {ROOT / 'scripts' / 'mkdocs_hooks.py'}")
    text = text.replace("base_path: [docs/data]", f"base_path: [{docs / 'data'}]")
    config.write_text(text)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                           "-d", str(tmp_path / "site")], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("built") / "site"
    done = build_site(site_dir)
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    server, url = serve_in_background(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def site_pages(built_site) -> list[str]:
    """Every built HTML page, as a path below the site root ('' for the home page)."""
    pages = []
    for html in sorted(built_site.rglob("*.html")):
        rel = html.relative_to(built_site).as_posix()
        if rel.startswith("assets/"):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    return page
