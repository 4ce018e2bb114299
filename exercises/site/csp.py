"""The Content-Security-Policy of every built page, and the same policy as a header for the local server.

Each page carries its policy in a ``<meta http-equiv="Content-Security-Policy">`` tag, put first in
``<head>`` (right after the charset), so it works on any static host. Scripts come only from the site
itself: the few inline scripts the theme and the exercise pages need (the theme's start-up, palette and
anchor scripts; the script that starts the exercise engine's worker early) are allowed one by one, by the
SHA-256 hash of their exact text, which differs from page to page. Inline event-handler attributes
(``onclick=``), ``javascript:`` URLs and ``style=`` attributes cannot be allowed by a hash, so a page that
holds one stops the build, naming the page.

A meta tag cannot say who may frame a page (``frame-ancestors``), and a worker takes its policy from its
own response, not from the page: ``header_policy`` gives the header the server sends with each file.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

# The policy every page shares; ``page_policy`` adds the hashes of the page's own inline scripts.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),  # Pyodide compiles WebAssembly
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),  # the theme's icons are data: SVGs in its CSS
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# Only a header can carry these (a meta tag's frame-ancestors is ignored).
HEADER_ONLY = "frame-ancestors 'self'"

# <script type="..."> values that run as script (and so need a hash); others (application/json) are data.
SCRIPT_TYPES = {"", "module", "importmap", "speculationrules", "text/javascript", "application/javascript",
                "application/ecmascript", "application/x-javascript", "text/ecmascript", "text/jscript",
                "text/livescript", "text/x-ecmascript", "text/x-javascript", "javascript"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                  "cite", "longdesc", "ping"}
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', re.I)
CHARSET = re.compile(r"\s*<meta charset=[^>]*>", re.I)
HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)


class PolicyError(ValueError):
    """Something in a page that no Content-Security-Policy hash can allow."""


def sha256_source(text: str) -> str:
    """The CSP source expression ('sha256-...') that allows an inline script or style with this text."""
    digest = hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(script_hashes=(), style_hashes=()) -> str:
    parts = []
    for name, sources in DIRECTIVES:
        extra = script_hashes if name == "script-src" else style_hashes if name == "style-src" else ()
        parts.append(" ".join([name, sources, *dict.fromkeys(extra)]))
    return "; ".join(parts)


BASE_POLICY = policy()


class _Scan(HTMLParser):
    """Collects the inline scripts and styles of a page and whatever a hash cannot allow."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.problems: list[str] = []
        self.metas = 0
        self._text: list[str] | None = None
        self._into: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)
        names = dict(attrs)
        if tag == "meta" and (names.get("http-equiv") or "").lower() == "content-security-policy":
            self.metas += 1
        if tag == "script" and "src" not in names and (names.get("type") or "").strip().lower() in SCRIPT_TYPES:
            self._text, self._into = [], self.scripts
        elif tag == "style":
            self._text, self._into = [], self.styles

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._text is not None and tag in ("script", "style"):
            self._into.append("".join(self._text))
            self._text = self._into = None

    def _check(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>: an inline event handler")
            elif name == "style":
                self.problems.append(f"<{tag} style=...>: an inline style (use a class in docs/assets/site.css)")
            elif name in URL_ATTRIBUTES and value and re.sub(r"[\x00-\x20]", "", value).lower().startswith(
                    "javascript:"):
                self.problems.append(f"<{tag} {name}=\"javascript:...\">: a javascript: URL")


def page_policy(html: str, where: str = "page") -> str:
    """The policy for one page: the shared one plus the hashes of exactly this page's inline scripts."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    if scan.problems:
        listed = "; ".join(dict.fromkeys(scan.problems))
        raise PolicyError(f"{where}: the page's Content-Security-Policy would block {listed}")
    if scan.metas:
        raise PolicyError(f"{where}: the page already has a Content-Security-Policy meta tag")
    return policy([sha256_source(s) for s in scan.scripts], [sha256_source(s) for s in scan.styles])


def add_policy(html: str, where: str = "page") -> str:
    """The page with its policy as the first tag in <head> (after the charset, which must come first)."""
    head = HEAD.search(html)
    if not head:
        raise PolicyError(f"{where}: no <head> to put the Content-Security-Policy in")
    at = head.end()
    charset = CHARSET.match(html, at)
    if charset:
        at = charset.end()
    tag = f'\n    <meta http-equiv="Content-Security-Policy" content="{page_policy(html, where)}">'
    return html[:at] + tag + html[at:]


def meta_policy(html: str) -> str | None:
    """The policy in a page's meta tag, or None."""
    found = META.search(html)
    return found.group(1) if found else None


def header_policy(html: bytes | str | None = None) -> str:
    """The header the server sends, plus what only a header can say: for an HTML page, the policy in its
    meta tag (a page without one, such as the benchmark's bare page, gets the policy the build would give
    it, or the shared one if nothing could allow its scripts); for any other file, the shared policy."""
    own = None
    if html:
        if isinstance(html, bytes):
            html = html.decode("utf-8", errors="replace")
        own = meta_policy(html)
        if own is None:
            try:
                own = page_policy(html)
            except PolicyError:
                own = None
    return f"{own or BASE_POLICY}; {HEADER_ONLY}"
