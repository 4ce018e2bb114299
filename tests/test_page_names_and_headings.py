"""Names and headings a reader relies on: an exercise has the same name in the menu as on its page, and
every heading written in a page survives the markers the build fills in (local details, source lists,
exercises)."""

import re
from pathlib import Path

import yaml

from conftest import ROOT

DOCS = ROOT / "docs"
MARKER = re.compile(r"^\[\[(local|source-list|exercise|session|study-path)[:\]]", re.M)


def nav_entries():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # mkdocs.yml's !!python tags
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)

    def walk(items):
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    yield from ([(title, value)] if isinstance(value, str) else walk(value))
    return list(walk(config["nav"]))


def test_each_exercise_has_the_same_name_in_the_menu_as_on_its_page():
    for title, path in nav_entries():
        if not path.startswith("exercises/") or path.endswith("index.md"):
            continue
        heading = re.search(r"^# (.+)$", (DOCS / path).read_text(encoding="utf-8"), re.M).group(1)
        assert title.lower() in heading.lower(), f"{path}: the menu says {title!r}, the page says {heading!r}"


def test_every_heading_survives_the_markers(built_site):
    pages = [p for p in DOCS.rglob("*.md") if MARKER.search(p.read_text(encoding="utf-8"))]
    assert pages
    for source in pages:
        text = re.sub(r"```.*?```", "", source.read_text(encoding="utf-8"), flags=re.S)
        rel = source.relative_to(DOCS).with_suffix("")
        built = built_site / ("" if rel.name == "index" and rel.parent == Path(".") else
                              rel.parent if rel.name == "index" else rel) / "index.html"
        html = built.read_text(encoding="utf-8")
        shown = {re.sub(r"<[^>]+>|&para;", "", h).strip() for h in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html, re.S)}
        for heading in re.findall(r"^#{1,6} (.+?)\s*(?:\{[^}]*\})?\s*$", text, re.M):
            plain = re.sub(r"[*`]", "", heading).replace("&", "&amp;").strip()
            assert plain in shown, f"{source.relative_to(ROOT)}: the heading {heading!r} is not a heading on the built page"
        assert not re.search(r"<td>\s*#{1,6} ", html), f"{built}: a heading was drawn inside a table"
