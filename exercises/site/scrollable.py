"""Make every code block reachable by keyboard, so a block wider than its box can be scrolled without a
mouse (axe: scrollable-region-focusable). Done when the page is built, so it holds without JavaScript;
the theme's script later takes the stop away again from a block that fits its box."""

from __future__ import annotations

import re

CODE = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?<code)(?![^>]*\btabindex=)")


def focusable_code_blocks(html: str) -> str:
    return CODE.sub(r'\1 tabindex="0"', html)
