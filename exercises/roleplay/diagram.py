"""The whole conversation as an SVG diagram, drawn at build time from the trainer view-model.

It reads from top to bottom, to fit a projector's width (1024 px) without scrolling sideways: each row holds
the points of the conversation that many turns from the start, and the endings are in the rows at the bottom.
A point's box holds its number in the outline and the person's first words; an ending's box holds its whole
title and its quality in words. Best choices are drawn thick and solid, others thin and dashed, each with an
arrow to where it leads, so colour is never the only sign. `render_key` explains the shapes beside it, and the
outline says the same in words.
"""

from __future__ import annotations

from html import escape

WIDTH = 640  # the diagram's own width: it fits a 1024 px screen beside the site's navigation
PAD, GAP_X, GAP_Y = 8, 14, 30
COLS = 4  # boxes in a row; a row with more wraps
BOX_W = (WIDTH - 2 * PAD - (COLS - 1) * GAP_X) // COLS
CHARS = 20  # characters in a line of a box, at the diagram's 12 px type
LINE_H, BOX_PAD = 15, 7
NODE_LINES = 3  # lines of a point's words; an ending's title is never cut
QUALITY_WORDS = {"good": "good ending", "mixed": "mixed ending", "poor": "poor ending"}


def _depths(trainer: dict) -> dict[str, int]:
    depth = {trainer["start"]: 0}
    for node in trainer["outline"]:  # the outline is breadth-first from the start
        for choice in node["choices"]:
            if choice["next_kind"] == "node" and choice["next"] not in depth:
                depth[choice["next"]] = depth[node["id"]] + 1
    for node in trainer["outline"]:  # any node not reached from the start (the checker forbids it) goes last
        depth.setdefault(node["id"], max(depth.values()) + 1)
    return depth


def wrap(text: str, width: int = CHARS, limit: int | None = None) -> list[str]:
    """Lines of at most `width` characters, broken between words (a longer word is split); with `limit`, the
    last line kept ends with "…" when words are left over."""
    lines: list[str] = []
    for word in text.split():
        while len(word) > width:
            lines.append(word[: width - 1] + "-")
            word = word[width - 1:]
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if limit is not None and len(lines) > limit:
        kept = lines[:limit]
        last = kept[-1] if len(kept[-1]) < width else kept[-1].rsplit(" ", 1)[0]
        kept[-1] = last.rstrip(",.;:!?-–—…”") + "…"
        lines = kept
    return lines


def _rows(trainer: dict) -> list[list[str]]:
    """The ids in each row, top to bottom: the points by turns from the start, then the endings."""
    depth = _depths(trainer)
    by_depth: dict[int, list[str]] = {}
    for node in trainer["outline"]:
        by_depth.setdefault(depth[node["id"]], []).append(node["id"])
    rows: list[list[str]] = []
    for d in sorted(by_depth):
        ids = by_depth[d]
        rows += [ids[i:i + COLS] for i in range(0, len(ids), COLS)]
    endings = [e["id"] for e in trainer["endings"]]
    rows += [endings[i:i + COLS] for i in range(0, len(endings), COLS)]
    return rows


def _text(x: float, y: float, lines: list[str], note: str = "") -> str:
    spans = "".join(f'<tspan x="{x}" dy="{0 if i == 0 else LINE_H}">{escape(t)}</tspan>' for i, t in enumerate(lines))
    out = f'<text x="{x}" y="{y}">{spans}</text>'
    if note:
        out += f'<text x="{x}" y="{y + len(lines) * LINE_H}" class="roleplay__box-note">{escape(note)}</text>'
    return out


def render_svg(trainer: dict, ex: str) -> str:
    nodes = {n["id"]: n for n in trainer["outline"]}
    endings = {e["id"]: e for e in trainer["endings"]}
    words: dict[str, tuple[list[str], str]] = {}
    for n in trainer["outline"]:
        words[n["id"]] = (wrap(f"{n['number']}. “{n['label']}”", limit=NODE_LINES), "")
    for e in trainer["endings"]:
        words[e["id"]] = (wrap(e["title"]), QUALITY_WORDS.get(e["quality"], e["quality"]))

    places: dict[str, tuple[float, float, float]] = {}  # id: (x, y, height)
    row_of: dict[str, int] = {}
    y = PAD
    for r, row in enumerate(_rows(trainer)):
        heights = {i: BOX_PAD * 2 + LINE_H * (len(words[i][0]) + (1 if words[i][1] else 0)) for i in row}
        x = (WIDTH - (len(row) * BOX_W + (len(row) - 1) * GAP_X)) / 2
        for i in row:
            places[i] = (x, y, heights[i])
            row_of[i] = r
            x += BOX_W + GAP_X
        y += max(heights.values()) + GAP_Y
    height = y - GAP_Y + PAD
    best = {(s["node"], s["choice"]) for s in trainer["best_path"]["steps"]}

    out = [f'<svg class="roleplay__diagram" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" role="img" '
           f'aria-labelledby="{ex}-diagram-title {ex}-diagram-desc" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{ex}-diagram-title">Diagram of the whole conversation</title>',
           f'<desc id="{ex}-diagram-desc">{len(nodes)} points in the conversation, numbered as in the outline, '
           f'from the top, and {len(endings)} endings at the bottom. Thick solid lines are the best choices, thin '
           f'dashed lines the others; arrows point to where each leads. Dotted curves join an ending to the one '
           f'reached instead when a path missed a moment. The outline gives the same in words.</desc>',
           f'<defs><marker id="{ex}-arrow" class="roleplay__arrow" viewBox="0 0 8 8" refX="7" refY="4" '
           f'markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M 0 0 L 8 4 L 0 8 z"/></marker>'
           f'</defs>']
    for node in trainer["outline"]:
        x1, y1, h1 = places[node["id"]]
        for choice in node["choices"]:
            if choice["next"] not in places:
                continue
            x2, y2, h2 = places[choice["next"]]
            style = ("roleplay__edge roleplay__edge--best" if (node["id"], choice["id"]) in best
                     else "roleplay__edge")
            if row_of[choice["next"]] > row_of[node["id"]]:  # down the page
                d = f"M {x1 + BOX_W / 2} {y1 + h1} L {x2 + BOX_W / 2} {y2}"
            elif row_of[choice["next"]] < row_of[node["id"]]:  # back up
                d = f"M {x1 + BOX_W / 2 + 10} {y1} L {x2 + BOX_W / 2 + 10} {y2 + h2}"
            else:  # along the row, looping over the top
                d = (f"M {x1 + BOX_W / 2} {y1} C {x1 + BOX_W / 2} {y1 - GAP_Y / 2}, {x2 + BOX_W / 2} "
                     f"{y2 - GAP_Y / 2}, {x2 + BOX_W / 2} {y2}")
            out.append(f'<path class="{style}" d="{d}" marker-end="url(#{ex}-arrow)"/>')
    for ending in trainer["endings"]:
        for missed in ending.get("if_missed", []):
            if missed["ending"] not in places:
                continue
            x1, y1, h1 = places[ending["id"]]
            x2, y2, h2 = places[missed["ending"]]
            a, b = (x1 + BOX_W / 2, y1 + h1), (x2 + BOX_W / 2, y2 + h2)
            out.append(f'<path class="roleplay__edge roleplay__edge--instead" d="M {a[0]} {a[1]} C {a[0]} '
                       f'{a[1] + GAP_Y * 0.8}, {b[0]} {b[1] + GAP_Y * 0.8}, {b[0]} {b[1]}" '
                       f'marker-end="url(#{ex}-arrow)"/>')
    for ident, (x, y, h) in places.items():
        lines, note = words[ident]
        ending = endings.get(ident)
        kind = f"roleplay__box roleplay__box--{escape(ending['quality'])}" if ending else "roleplay__box"
        out.append(f'<g class="{kind}"><rect x="{x}" y="{y}" width="{BOX_W}" height="{h}" '
                   f'rx="{14 if ending else 3}"/>{_text(x + 8, y + BOX_PAD + 11, lines, note)}</g>')
    out.append("</svg>")
    return "\n".join(out)


def _sample(inner: str) -> str:
    return (f'<svg class="roleplay__key-sample" viewBox="0 0 60 24" width="60" height="24" '
            f'aria-hidden="true" focusable="false">{inner}</svg>')


def render_key(ex: str) -> str:
    """The diagram's key: each shape and line drawn small, with what it means in words."""
    arrow = f'marker-end="url(#{ex}-arrow)"'
    items = [
        (_sample('<g class="roleplay__box"><rect x="2" y="3" width="56" height="18" rx="3"/></g>'),
         "A square-cornered box is a point in the conversation: its number in the outline above and the "
         "person's first words there."),
        (_sample('<g class="roleplay__box roleplay__box--good"><rect x="3" y="3" width="54" height="18" rx="9"/></g>'),
         "A round-cornered box is an ending. A thick border is a good ending, a thin border a mixed ending and a "
         "dashed border a poor ending; the box says which in words too."),
        (_sample(f'<path class="roleplay__edge roleplay__edge--best" d="M 2 12 L 52 12" {arrow}/>'),
         "A thick solid line is the best choice at that point. The arrow points to where it leads."),
        (_sample(f'<path class="roleplay__edge" d="M 2 12 L 52 12" {arrow}/>'),
         "A thin dashed line is another choice."),
        (_sample(f'<path class="roleplay__edge roleplay__edge--instead" d="M 4 6 C 4 22, 50 22, 50 6" {arrow}/>'),
         "A dotted curve joins an ending to the one a path reaches instead when it missed a moment."),
    ]
    return (f'<h4 id="{ex}-diagram-key">Key to the diagram</h4><ul class="roleplay__key">'
            + "".join(f"<li>{svg}<span>{escape(words)}</span></li>" for svg, words in items) + "</ul>")
