"""Make every abbreviation reachable by keyboard, so its meaning shows on focus as well as on hover."""

from __future__ import annotations

import re

ABBR = re.compile(r"<abbr(?![^>]*\btabindex=)(\s[^>]*\btitle=\"[^\"]*\"[^>]*)>")


def focusable_abbreviations(html: str) -> str:
    return ABBR.sub(r'<abbr tabindex="0"\1>', html)
