"""The handbook: every page of the site's menu in one page, in menu order, to print or save as a PDF.

The handbook's page (docs/trainers/handbook.md) holds the line [[handbook]]; the build keeps a place there.
While the site is built, each page's HTML is collected as it leaves Markdown (before exercises are drawn);
after the build, the handbook's built file gets a table of contents and one chapter per page in that place.

Each chapter is the page's content, made to stand inside another page:
- headings one level down (the page's title becomes a level-2 heading), and every id prefixed with the
  chapter's own ("ch-house-roof--"), with the links and ARIA references that point at them;
- links to a page in the handbook lead to its chapter (printed with the chapter's title), links to any other
  page of the site lead there from the handbook's address (printed with the page's address on the site),
  images and other files likewise;
- no scripts, styles, buttons, form fields or permalink signs; an exercise is a short note saying where it
  runs on the site.

Which pages: all pages in the menu except the handbook itself and the pages about the website rather than
care and support planning (LEFT_OUT). Pages outside the menu (the printable packs) are left out: they repeat
the session plans and hold answers.
"""

from __future__ import annotations

import html as html_lib
import posixpath
import re
from pathlib import Path

from .abbreviations import focusable_abbreviations
from .scrollable import focusable_code_blocks

PAGE = "trainers/handbook.md"
MARKER = re.compile(r"^\[\[handbook\]\][ \t]*$", re.M)
PLACE = '<div class="handbook" data-handbook></div>'
LEFT_OUT = {"accessibility.md": "how this website meets accessibility standards",
            "privacy.md": "what this website keeps in your browser"}

EXERCISE = re.compile(r"<p>\s*\[\[\s*exercise:\s*([^\]\s]*)\s*\]\]\s*</p>")
REMOVED = re.compile(r"<(script|style|button|select|textarea|output)\b[^>]*>.*?</\1\s*>", re.S | re.I)
INPUT = re.compile(r"<input\b[^>]*>", re.I)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
HEADING = re.compile(r"<(/?)h([1-6])\b")
ID_ATTRS = re.compile(r'(\s)(id|for|aria-labelledby|aria-describedby|aria-controls|aria-owns|headers)="([^"]*)"')
LINK_ATTRS = re.compile(r'(\s)(href|src|xlink:href)="([^"]*)"')
SVG_URL = re.compile(r"url\(#([^)]+)\)")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def slug(src: str) -> str:
    stem = src[: -len(".md")]
    stem = stem[: -len("/index")] if stem.endswith("/index") else "" if stem == "index" else stem
    return "ch-" + (re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "home")


def site_path(url: str) -> str:
    """A page's URL from the site's root as '/house/roof/' ('/' for the home page)."""
    return "/" + url.lstrip("/") if url else "/"


def attr(value: str) -> str:
    return html_lib.escape(value, quote=True)


class Handbook:
    def __init__(self, exercises: dict[str, tuple[str, str]]):
        """`exercises` maps each exercise id to its (page, title)."""
        self.exercises = exercises
        self.order: list[tuple[str, str]] = []         # (page, its top-level menu section, or "")
        self.pages: dict[str, tuple[str, str, str]] = {}  # page -> (title, url, html)

    # ---- while the site is built ---------------------------------------------------------------

    def set_order(self, pages: list[tuple[str, str]]) -> None:
        self.order = [(src, part) for src, part in pages if src != PAGE and src not in LEFT_OUT]

    def fill_marker(self, markdown: str, page: str) -> str:
        if not MARKER.search(markdown):
            return markdown
        if page != PAGE:
            raise ValueError(f"docs/{page}: [[handbook]] belongs only on docs/{PAGE}")
        return MARKER.sub(PLACE, markdown, count=1)

    def collect(self, page: str, title: str, url: str, html: str) -> None:
        self.pages[page] = (title, url, html)

    # ---- after the build -----------------------------------------------------------------------

    def chapters(self) -> list[dict]:
        out, used = [], set()
        for src, part in self.order:
            if src not in self.pages:
                continue
            title, url, html = self.pages[src]
            ident = slug(src)
            while ident in used:
                ident += "-x"
            used.add(ident)
            out.append({"page": src, "title": title, "url": url, "id": ident, "part": part, "html": html})
        return out

    def assemble(self) -> str:
        chapters = self.chapters()
        here = site_path(self.pages[PAGE][1]) if PAGE in self.pages else "/trainers/handbook/"
        targets = {site_path(c["url"]): c for c in chapters}
        out = ['<div class="handbook-contents"><ol>']  # under the page's own heading "Contents"
        part = None
        for c in chapters:
            if c["part"] != part:
                if part is not None:
                    out.append("</ol></li>")
                part = c["part"]
                out.append(f'<li><span class="handbook-contents__part">{html_lib.escape(part or "Home")}</span><ol>')
            out.append(f'<li><a href="#{c["id"]}">{html_lib.escape(c["title"])}</a></li>')
        if part is not None:
            out.append("</ol></li>")
        out.append("</ol></div>")
        for c in chapters:
            label = (f'<p class="handbook-part">{html_lib.escape(c["part"])}</p>' if c["part"] else "")
            out.append(f'<article class="handbook-chapter" id="{c["id"]}">{label}'
                       f'{self.chapter(c, targets, here)}</article>')
        return "\n".join(out)

    def chapter(self, c: dict, targets: dict[str, dict], here: str) -> str:
        prefix = c["id"] + "--"
        page_dir = site_path(c["url"])
        html = REMOVED.sub("", c["html"])
        html = INPUT.sub("", html)
        html = re.sub(r"<form\b[^>]*>", '<div class="handbook-form">', html)
        html = html.replace("</form>", "</div>")
        html = re.sub(r"<label\b[^>]*>", '<span class="handbook-label">', html).replace("</label>", "</span>")
        html = HEADERLINK.sub("", html)
        html = HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", html)
        html = ID_ATTRS.sub(lambda m: f'{m.group(1)}{m.group(2)}="'
                            + " ".join(prefix + t for t in m.group(3).split()) + '"', html)
        html = SVG_URL.sub(lambda m: f"url(#{prefix}{m.group(1)})", html)

        def link(m: re.Match) -> str:
            space, name, value = m.groups()
            value = html_lib.unescape(value)
            if value.startswith("#"):
                return f'{space}{name}="#{attr(prefix + value[1:])}"' if len(value) > 1 else m.group(0)
            if not value or SCHEME.match(value) or value.startswith("//") or value.startswith("/"):
                return m.group(0)
            path, _, fragment = value.partition("#")
            path, _, query = path.partition("?")
            target = posixpath.normpath(posixpath.join(page_dir, path)) if path else page_dir.rstrip("/")
            key = target.rstrip("/") + "/" if target != "/" else "/"
            if name == "href" and key in targets and not query:
                chapter = targets[key]
                anchor = chapter["id"] + (f"--{fragment}" if fragment else "")
                return (f'{space}href="#{attr(anchor)}" data-print-to="{attr(chapter["title"])}"')
            if key.endswith(".html/") or "." in posixpath.basename(target):
                key = target  # a file, not a page
            rel = posixpath.relpath(key, here) + ("/" if key.endswith("/") else "")
            shown = f' data-print-site="{attr(key.lstrip("/") or "the home page")}"' if name == "href" else ""
            rel += ("?" + query if query else "") + ("#" + fragment if fragment else "")
            return f'{space}{name}="{attr(rel)}"{shown}'

        html = LINK_ATTRS.sub(link, html)
        # After the links: the note's own link is written from the handbook's address already.
        html = EXERCISE.sub(lambda m: self.exercise_note(m.group(1), c["page"], here), html)
        return focusable_code_blocks(focusable_abbreviations(html))

    def exercise_note(self, ident: str, page: str, here: str) -> str:
        on, title = self.exercises.get(ident, (page, ident))
        url = "/" + on[: -len(".md")].removesuffix("index").rstrip("/") + "/" if on != "index.md" else "/"
        rel = posixpath.relpath(url, here) + "/"
        return (f'<div class="admonition note handbook-exercise"><p class="admonition-title">Exercise: '
                f'{html_lib.escape(title)}</p><p>This exercise runs on screen, on the site: '
                f'<a href="{attr(rel)}" data-print-site="{attr(url.lstrip("/"))}">{html_lib.escape(title)}</a>.'
                f"</p></div>")

    def write(self, site_dir: Path) -> None:
        """Fill the handbook's place in its built page (nothing to do on a site without the handbook)."""
        if PAGE not in self.pages:
            return
        url = self.pages[PAGE][1]
        built = Path(site_dir) / url / "index.html"
        text = built.read_text(encoding="utf-8")
        if PLACE not in text:
            raise ValueError(f"docs/{PAGE}: the built page has no place for the handbook: keep the line [[handbook]] "
                             f"on a line of its own")
        built.write_text(text.replace(PLACE, self.assemble(), 1), encoding="utf-8")
