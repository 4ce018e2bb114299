"""A page's front matter as the build sees it. MkDocs reads it with its own YAML reader; the site's safe
reader (`front_matter.read_front_matter`) must read every real page the same, and `front_matter.check`
must refuse aliases and deep nesting in what MkDocs read, without hanging."""

from __future__ import annotations

import subprocess
import sys

from mkdocs.utils.meta import get_data

from exercises.site import front_matter
from hostile import FILES, HANG, ROOT

DOCS = ROOT / "docs"


def test_every_page_reads_the_same_through_the_safe_reader_as_through_mkdocs():
    pages = [p for p in sorted(DOCS.rglob("*.md")) if p.relative_to(DOCS).parts[0] != "data"]
    assert pages
    for path in pages:
        page = path.relative_to(DOCS).as_posix()
        meta, problems = front_matter.read_front_matter(path, page)
        assert problems == [], problems
        assert meta == get_data(path.read_text(encoding="utf-8"))[1], page


CHECK_AS_BUILT = """import datetime as dt, sys
from pathlib import Path
from mkdocs.utils.meta import get_data
from exercises.site import front_matter
text = Path(sys.argv[1]).read_text(encoding="utf-8")
page = "---\\ntitle: T\\n" + text + "---\\n# Page\\n"
problems, _ = front_matter.check("x.md", get_data(page)[1], set(), dt.date(2026, 12, 1))
print("\\n".join(problems))
"""


def check_as_built(path) -> list[str]:
    done = subprocess.run([sys.executable, "-c", CHECK_AS_BUILT, str(path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=HANG)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_aliases_in_front_matter_read_by_mkdocs_are_refused_without_hanging(tmp_path):
    for sample in ("billion-laughs.yaml", "recursive-alias.yaml"):
        found = check_as_built(FILES / sample)
        assert found == ["docs/x.md: front matter 'lol': anchors and aliases (&name and *name) are not allowed "
                         "here: write the value out in full. Authors never need them, and a few lines of nested "
                         "aliases can expand to billions of items"], found


def test_deep_nesting_in_front_matter_read_by_mkdocs_is_refused(tmp_path):
    deep = tmp_path / "deep.yaml"
    deep.write_text("lol: " + "[" * 200 + "]" * 200 + "\n")
    assert check_as_built(deep) == ["docs/x.md: front matter 'lol': is nested more than 50 levels deep; the limit "
                                    "is 50"]
