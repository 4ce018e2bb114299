"""The main text of a built page, as a reader meets it (for the reading-age tests)."""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = {"p", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption",
          "summary", "div"}
SKIP = {"svg", "script", "style", "pre", "code", "nav", "footer", "button", "select", "noscript"}
SKIP_CLASSES = {"headerlink", "page-meta", "md-source-file"}


class _MainText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.skip_depth = 0
        self.stack: list[tuple[str, bool]] = []
        self.blocks: list[str] = []
        self.current: list[str] = []

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text if text[-1] in ".!?:;" else text + ".")
        self.current = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if tag == "article" and "md-content__inner" in classes:
            self.in_article += 1
        if not self.in_article:
            return
        if tag in ("br", "img", "input", "hr", "meta", "link", "wbr"):
            return
        skipping = tag in SKIP or bool(classes & SKIP_CLASSES)
        self.stack.append((tag, skipping))
        if skipping:
            self.skip_depth += 1
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if not self.in_article:
            return
        if tag == "article":
            self._flush()
            self.in_article -= 1
            return
        while self.stack:
            open_tag, skipping = self.stack.pop()
            if skipping:
                self.skip_depth -= 1
            if open_tag == tag:
                break
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self.in_article and not self.skip_depth:
            self.current.append(data)


def main_text(html: str) -> str:
    parser = _MainText()
    parser.feed(html)
    parser.close()
    return " ".join(parser.blocks)
