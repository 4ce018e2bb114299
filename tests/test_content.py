"""The content pages, as built: front matter, reading age for the public, the house's parts, printing."""

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from exercises.site import front_matter
from page_text import main_text

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\s*\n(.*?)\n---\s*\n", text, re.S)
    assert match, f"{path} has no front matter"
    return yaml.safe_load(match.group(1))


def docs_pages():
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if p.parts[len(DOCS.parts)] != "data")


def public_pages():
    return [p for p in docs_pages() if "public" in (front(DOCS / p).get("audience") or [])]


def built(built_site, page: str) -> str:
    stem = page[:-3]
    rel = "index.html" if stem == "index" else (stem[:-5] if stem.endswith("/index") else stem + "/") + "index.html"
    return (built_site / rel).read_text(encoding="utf-8")


# ---- front matter -------------------------------------------------------------------------------

def test_every_page_has_complete_front_matter():
    sources = set(front_matter.read_sources(DOCS / "data" / "sources.yml"))
    problems = []
    for page in docs_pages():
        found, _ = front_matter.check(page, front(DOCS / page), sources, dt.date.today())
        problems += found
    assert problems == []


GOOD_META = {"title": "T", "description": "D", "audience": ["public"], "reviewed": dt.date(2026, 1, 1),
             "review_due": dt.date(2027, 1, 1), "sources": ["bhf-legacy"]}


@pytest.mark.parametrize("change, expected", [
    ({"description": None}, "docs/x.md: front matter 'description': is required but missing"),
    ({"audience": ["patients"]}, "front matter 'audience': 'patients' is not an audience"),
    ({"reviewed": "last spring"}, "front matter 'reviewed': 'last spring' is not a date"),
    ({"review_due": dt.date(2025, 1, 1)}, "front matter 'review_due': must be after 'reviewed'"),
    ({"sources": ["wikipedia"]}, "front matter 'sources': 'wikipedia' is not a key in docs/data/sources.yml"),
])
def test_bad_front_matter_is_named_by_page_and_field(change, expected):
    meta = {**GOOD_META, **change}
    meta = {k: v for k, v in meta.items() if v is not None}
    problems, _ = front_matter.check("x.md", meta, {"bhf-legacy"}, dt.date(2026, 6, 1))
    assert any(expected in p for p in problems), problems


def test_an_overdue_review_warns_but_does_not_fail():
    problems, warnings = front_matter.check("x.md", GOOD_META, {"bhf-legacy"}, dt.date(2027, 3, 1))
    assert problems == []
    assert warnings == ["docs/x.md: review overdue: it was due on 2027-01-01"]


def test_each_page_shows_its_review_dates_sources_and_description(built_site):
    for page in docs_pages():
        html = built(built_site, page)
        meta = front(DOCS / page)
        assert "Page last reviewed:" in html and "Next review due:" in html, page
        assert f'<meta name="description" content="{meta["description"]}"' in html.replace("&#39;", "'"), page
        if meta["sources"]:
            assert "Sources for this page" in html, page


# ---- reading age --------------------------------------------------------------------------------

@pytest.mark.parametrize("page", public_pages())
def test_public_pages_are_written_for_reading_age_9_to_11(built_site, page):
    import textstat

    text = main_text(built(built_site, page))
    assert len(text.split()) > 40, f"{page}: too little text to measure"
    ease = textstat.flesch_reading_ease(text)
    grade = textstat.flesch_kincaid_grade(text)
    assert ease >= 60, f"{page}: Flesch reading ease {ease:.1f} is below 60"
    assert grade <= 8, f"{page}: Flesch-Kincaid grade {grade:.1f} is above 8"


def test_the_reading_age_measure_tells_hard_text_from_easy_text():
    import textstat

    easy = "You will see a nurse. They will check your blood. Then you get a letter with your results."
    hard = ("Comprehensive multidisciplinary collaborative personalised care planning necessitates "
            "organisational infrastructure realignment alongside commissioning reconfiguration.")
    assert textstat.flesch_reading_ease(easy) >= 60 > textstat.flesch_reading_ease(hard)


# ---- the house, the steps and the stages ---------------------------------------------------------

@pytest.mark.parametrize("overview, parts", [
    ("house/index.md", ["centre", "left-wall", "right-wall", "roof", "foundations"]),
    ("process/index.md", ["preparation", "conversation", "documentation", "review"]),
    ("local/index.md", ["set-up", "implementation", "maintenance"]),
])
def test_every_part_step_and_stage_has_a_page_linked_from_its_overview(built_site, overview, parts):
    html = built(built_site, overview)
    article = html[html.index("md-content__inner"):]
    for part in parts:
        assert (DOCS / overview).with_name(f"{part}.md").is_file()
        assert f'href="{part}/"' in article, f"{overview} does not link to {part}"


def test_the_house_diagram_is_an_svg_of_keyboard_reachable_named_links(built_site):
    html = built(built_site, "house/index.md")
    svg = re.search(r"<svg[^>]*house-diagram.*?</svg>", html, re.S)
    assert svg, "no house diagram"
    links = re.findall(r"<a\b[^>]*>", svg.group(0))
    assert len(links) == 5
    for link in links:
        assert "aria-label=" in link or "<title" in svg.group(0)
        assert 'tabindex="-1"' not in link


# ---- every page: abbreviations, printing ---------------------------------------------------------

def test_abbreviations_are_explained_and_reachable_by_keyboard(built_site):
    html = built(built_site, "index.md")
    abbreviations = re.findall(r"<abbr[^>]*>", html)
    assert abbreviations
    assert all('tabindex="0"' in a and "title=" in a for a in abbreviations)


def test_every_source_in_the_list_has_its_entry_on_the_sources_page(built_site):
    """Each page's 'Sources for this page' links to sources/#<key>: that anchor must exist."""
    sources = front_matter.read_sources(DOCS / "data" / "sources.yml")
    html = built(built_site, "sources.md")
    missing = [key for key in sources if f'id="{key}"' not in html]
    assert missing == []
    cited = {key for page in docs_pages() for key in (front(DOCS / page).get("sources") or [])}
    assert cited <= set(sources)


def test_the_sources_page_lists_every_source_from_the_one_list(built_site):
    html = built(built_site, "sources.md")
    sources = front_matter.read_sources(DOCS / "data" / "sources.yml")
    primary = html[html.index('id="source-documents"'):html.index('id="secondary-sources"')]
    for key, source in sources.items():
        assert (f'id="{key}"' in primary) == bool(source.get("primary")), key
        assert source["publisher"].replace("&", "&amp;").replace("'", "&#39;") in html or source["publisher"] in html
    assert "[[source-list" not in html


def test_a_bad_source_entry_is_named_by_key_and_field(tmp_path):
    bad = tmp_path / "sources.yml"
    bad.write_text("kings-fund:\n  title: T\n  publisher: P\n  year: 2013\n  url: www.example.org\n")
    with pytest.raises(ValueError) as error:
        front_matter.read_sources(bad)
    assert "kings-fund.year: unknown field" in str(error.value)
    assert "kings-fund.url: must be a full https:// address" in str(error.value)
