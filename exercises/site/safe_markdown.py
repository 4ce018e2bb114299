"""Text from the site's data files (docs/data/*.yml), made safe to put into a page's Markdown.

Data files come from localities and from others, so their text is shown as it was typed: never as HTML,
never as a Markdown link or image (which could point to a script URL or fetch from another origin), never
as an attribute list. Only addresses checked by `https_address` become links.
"""

from __future__ import annotations

import html
import re

# Python-Markdown's backslash escapes (and "|", which the tables extension adds). With these escaped and
# "<" written as an entity, no link, image, autolink, raw HTML or attribute list can be made.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_ADDRESS = re.compile(r"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?$")


def text(value: object) -> str:
    """One line of plain text: whitespace folded, HTML characters as entities, Markdown syntax escaped."""
    folded = " ".join(str(value).split())
    return html.escape(_MARKDOWN.sub(r"\\\1", folded), quote=False)


def https_address(value: object) -> bool:
    """A full https:// address with nothing in it that could break out of a link."""
    return isinstance(value, str) and len(value) <= 500 and bool(_ADDRESS.match(value))


def link(value: str) -> str:
    """A checked https:// address as a Markdown autolink; anything else as plain text."""
    return f"<{value}>" if https_address(value) else text(value)
