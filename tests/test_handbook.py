"""The handbook (issue 9 item 4), as built: every page of the menu is a chapter, in the menu's order, except the
handbook and the pages about the website; ids are unique and every in-page link finds its target; links to
other pages and files still lead somewhere from the handbook's address; no script, button, form field or
exercise is carried in; the trainers' page mentions it."""

import collections
import html
import os
import re

import pytest

from conftest import ROOT
from test_page_names_and_headings import nav_entries

from exercises.site.handbook import LEFT_OUT, PAGE, Handbook

DOCS = ROOT / "docs"


def menu_pages():
    """Every page in mkdocs.yml's nav, in order, section index pages (written without a title) included."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)

    def walk(items):
        for item in items:
            if isinstance(item, str):
                yield item
            else:
                for value in item.values():
                    yield from ([value] if isinstance(value, str) else walk(value))
    return list(walk(config["nav"]))


def handbook(built_site):
    page = (built_site / "trainers" / "handbook" / "index.html").read_text(encoding="utf-8")
    return page, page[page.index("md-content__inner"):page.index("page-meta")]


def test_every_menu_page_is_a_chapter_in_menu_order(built_site):
    _, content = handbook(built_site)
    expected = [path for path in menu_pages() if path != PAGE and path not in LEFT_OUT]
    assert len(expected) > 40
    chapters = re.findall(r'<article class="handbook-chapter" id="([^"]+)"', content)
    assert len(chapters) == len(expected) == len(set(chapters))
    titles = re.findall(r'<article class="handbook-chapter" id="[^"]+">(?:<p class="handbook-part">[^<]*</p>)?'
                        r'\s*<h2 id="[^"]+">(.*?)</h2>', content, re.S)
    assert len(titles) == len(expected)
    for title, path in zip(titles, expected):  # each chapter starts with its page's own first heading
        first = re.search(r"^# (.+)$", (DOCS / path).read_text(encoding="utf-8"), re.M).group(1)
        plain = re.sub(r"[*`]", "", first)
        assert html.unescape(re.sub(r"<[^>]+>", "", title)).strip() == plain, path
    contents = content[content.index('class="handbook-contents"'):content.index("handbook-chapter")]
    assert re.findall(r'href="#(ch-[^"]+)"', contents) == chapters


def test_ids_are_unique_and_every_in_page_link_finds_its_target(built_site):
    page, _ = handbook(built_site)
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert [k for k, n in collections.Counter(ids).items() if n > 1] == []
    known = set(ids)
    for attribute in ("href", "aria-labelledby", "aria-describedby", "for"):
        for value in re.findall(rf'\s{attribute}="([^"]*)"', page):
            refs = [value[1:]] if attribute == "href" and value.startswith("#") and len(value) > 1 else \
                value.split() if attribute != "href" else []
            assert all(r in known for r in refs), (attribute, value)
    assert page.count('href="#ch-') > 100  # links between chapters stay in the handbook


def test_links_to_other_pages_and_files_lead_somewhere_from_the_handbook(built_site):
    _, content = handbook(built_site)
    here = built_site / "trainers" / "handbook"
    targets = re.findall(r'(?:href|src)="([^"#:?]+)(?:[?#][^"]*)?"', content)
    assert targets
    for target in targets:
        path = os.path.normpath(here / target)
        assert os.path.isfile(os.path.join(path, "index.html") if target.endswith("/") else path), target


def test_no_script_button_form_field_or_exercise_is_carried_into_the_chapters(built_site):
    _, content = handbook(built_site)
    chapters = content[content.index("handbook-chapter"):]
    for tag in ("<script", "<style", "<button", "<input", "<select", "<textarea", "<form", 'class="headerlink"'):
        assert tag not in chapters, tag
    assert "data-exercise" not in chapters and "[[exercise:" not in re.sub(r"<code>.*?</code>", "", chapters)
    notes = re.findall(r'<p class="admonition-title">Exercise: ([^<]+)</p>', chapters)
    assert "Parts of the house" in notes and len(notes) >= 10
    assert 'data-print-site="exercises/parts-of-the-house/"' in chapters


def test_the_trainers_page_and_the_menu_lead_to_the_handbook(built_site):
    trainers = (built_site / "trainers" / "index.html").read_text(encoding="utf-8")
    article = trainers[trainers.index("md-content__inner"):]
    assert 'href="handbook/"' in article
    assert ("The handbook, to print", PAGE) in nav_entries()


def test_a_handbook_page_without_its_marker_stops_the_build_only_when_misplaced():
    book = Handbook({})
    assert book.fill_marker("# X\n\nNo marker.\n", "house/roof.md") == "# X\n\nNo marker.\n"
    with pytest.raises(ValueError, match=r"docs/house/roof\.md: \[\[handbook\]\] belongs only on docs/trainers/handbook\.md"):
        book.fill_marker("# X\n\n[[handbook]]\n", "house/roof.md")


def test_a_chapter_is_rewritten_to_stand_in_the_handbook():
    book = Handbook({"quiz-one": ("house/quiz.md", "A quiz")})
    book.set_order([("house/roof.md", "The House of Care"), ("house/quiz.md", "The House of Care"), (PAGE, "")])
    book.collect(PAGE, "Handbook", "trainers/handbook/", "")
    book.collect("house/roof.md", "The roof", "house/roof/",
                 '<h1 id="the-roof">The roof<a class="headerlink" href="#the-roof">¶</a></h1>'
                 '<p><a href="#the-roof">here</a> <a href="../quiz/#q">quiz</a> <a href="../../sources/#x">src</a> '
                 '<a href="https://example.org/">out</a> <img src="../../assets/a.svg" alt="A"></p>'
                 '<script>alert(1)</script><button type="button">Go</button><label for="n">Name</label><input id="n">')
    book.collect("house/quiz.md", "A quiz page", "house/quiz/", "<h1 id='q'>Quiz</h1>\n<p>[[exercise: quiz-one]]</p>")
    out = book.assemble()
    assert '<h2 id="ch-house-roof--the-roof">The roof</h2>' in out
    assert 'href="#ch-house-roof--the-roof"' in out
    assert 'href="#ch-house-quiz--q" data-print-to="A quiz page"' in out
    assert 'href="../../sources/#x" data-print-site="sources/"' in out
    assert 'href="https://example.org/"' in out and 'src="../../assets/a.svg"' in out
    assert "<script" not in out and "<button" not in out and "<input" not in out and "headerlink" not in out
    assert 'Exercise: A quiz</p>' in out and 'href="../../house/quiz/" data-print-site="house/quiz/"' in out
    assert out.index("ch-house-roof") < out.index("ch-house-quiz")
