"""Text from the site's data files (docs/data/*.yml), made safe to put into a page's Markdown.

Data files come from localities and from others, so their text is shown as it was typed: never as HTML,
never as an image (which would fetch from another origin), never as an attribute list, and never as a
link to a script URL. The only links kept are Markdown links `[words](target)` whose target is a page of
this site (a relative path, with an optional #anchor), a checked https:// address, mailto: or tel:.
"""

from __future__ import annotations

import html
import re

# Python-Markdown's backslash escapes (and "|", which the tables extension adds). With these escaped and
# "<" written as an entity, no link, image, autolink, raw HTML or attribute list can be made.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\(([^()\s<>\"']{1,500})\)")
_RELATIVE = re.compile(r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!//)[A-Za-z0-9._~/#-]+$")
_MAILTO = re.compile(r"^mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_TEL = re.compile(r"^tel:\+?[0-9]{3,16}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,20}[0-9]$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_ADDRESS = re.compile(r"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?$")


def text(value: object) -> str:
    """One line of plain text: whitespace folded, HTML characters as entities, Markdown syntax escaped."""
    return _escape(" ".join(str(value).split()))


def _escape(piece: str) -> str:
    return html.escape(_MARKDOWN.sub(r"\\\1", piece), quote=False)


def https_address(value: object) -> bool:
    """A full https:// address with nothing in it that could break out of a link."""
    return isinstance(value, str) and len(value) <= 500 and bool(_ADDRESS.match(value))


def link(value: str) -> str:
    """A checked https:// address as a Markdown autolink; anything else as plain text."""
    return f"<{value}>" if https_address(value) else text(value)


def safe_target(target: str) -> bool:
    return bool(_RELATIVE.match(target) or https_address(target) or _MAILTO.match(target) or _TEL.match(target))


def text_with_links(value: object) -> str:
    """Like `text`, but Markdown links to this site's pages, https://, mailto: or tel: stay links."""
    folded = " ".join(str(value).split())
    out, at = [], 0
    for found in _LINK.finditer(folded):
        label, target = found.groups()
        if not safe_target(target):
            continue
        out.append(_escape(folded[at:found.start()]))
        out.append(f"[{text(label)}]({target})")
        at = found.end()
    out.append(_escape(folded[at:]))
    return "".join(out)


def reach(value: object) -> tuple[str, str | None]:
    """A contact as (what to show, where it leads): tel: for a telephone number, the address itself for an
    https:// address, mailto: for an email address; None when it is none of these."""
    folded = " ".join(str(value).split())
    if _PHONE.match(folded):
        return folded, "tel:" + re.sub(r"[^0-9+]", "", folded)
    if https_address(folded):
        return folded, folded
    if _EMAIL.match(folded):
        return folded, "mailto:" + folded
    return folded, None


def contact(value: object) -> str:
    """A contact as something to tap: a telephone number, an https:// address or an email address; else text."""
    shown, href = reach(value)
    if href is None:
        return text_with_links(shown)
    if href == shown:
        return f"<{shown}>"
    return f"[{text(shown)}]({href})"
