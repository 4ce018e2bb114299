"""The whole conversation as an SVG diagram, drawn at build time from the trainer view-model.

Decision points are boxes in columns by how many turns they are from the start; endings are in the
last column. Best choices are drawn thick and solid, others thin and dashed, so colour is never the
only sign. The outline beside it says the same in words.
"""

from __future__ import annotations

from html import escape

BOX_W, BOX_H, GAP_X, GAP_Y, PAD = 150, 44, 60, 18, 10
QUALITY_WORDS = {"good": "good ending", "mixed": "mixed ending", "poor": "poor ending"}


def _columns(trainer: dict) -> dict[str, int]:
    depth = {trainer["start"]: 0}
    for node in trainer["outline"]:  # the outline is breadth-first from the start
        for choice in node["choices"]:
            if choice["next_kind"] == "node" and choice["next"] not in depth:
                depth[choice["next"]] = depth[node["id"]] + 1
    last = max(depth.values()) + 1
    for ending in trainer["endings"]:
        depth[ending["id"]] = last
    return depth


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_svg(trainer: dict, ex: str) -> str:
    depth = _columns(trainer)
    rows: dict[int, list[str]] = {}
    for ident, column in depth.items():
        rows.setdefault(column, []).append(ident)
    places = {}
    for column, idents in rows.items():
        for row, ident in enumerate(idents):
            places[ident] = (PAD + column * (BOX_W + GAP_X), PAD + row * (BOX_H + GAP_Y))
    width = PAD * 2 + (max(rows) + 1) * (BOX_W + GAP_X) - GAP_X + GAP_X // 2  # room for the "instead" curves
    height = PAD * 2 + max(len(v) for v in rows.values()) * (BOX_H + GAP_Y) - GAP_Y
    best = {(s["node"], s["choice"]) for s in trainer["best_path"]["steps"]}

    out = [f'<svg class="roleplay__diagram" viewBox="0 0 {width} {height}" width="{width}" role="img" '
           f'aria-labelledby="{ex}-diagram-title {ex}-diagram-desc" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{ex}-diagram-title">Diagram of the whole conversation</title>',
           f'<desc id="{ex}-diagram-desc">{len(trainer["outline"])} decision points and '
           f'{len(trainer["endings"])} endings. Thick solid lines are the best choices. Dotted curves '
           f'beside the endings join an ending to the one reached instead when a path missed a moment. '
           f'The outline gives the same information in words.</desc>']
    for node in trainer["outline"]:
        x1, y1 = places[node["id"]]
        for choice in node["choices"]:
            x2, y2 = places[choice["next"]]
            style = ("roleplay__edge roleplay__edge--best" if (node["id"], choice["id"]) in best
                     else "roleplay__edge")
            out.append(f'<line class="{style}" x1="{x1 + BOX_W}" y1="{y1 + BOX_H / 2}" x2="{x2}" y2="{y2 + BOX_H / 2}"/>')
    for ending in trainer["endings"]:
        for missed in ending.get("if_missed", []):
            x, y1 = places[ending["id"]]
            y2 = places[missed["ending"]][1]
            edge, bulge = x + BOX_W, x + BOX_W + GAP_X // 2
            out.append(f'<path class="roleplay__edge roleplay__edge--instead" d="M {edge} {y1 + BOX_H / 2} '
                       f'C {bulge} {y1 + BOX_H / 2}, {bulge} {y2 + BOX_H / 2}, {edge} {y2 + BOX_H / 2}"/>')
    for node in trainer["outline"]:
        x, y = places[node["id"]]
        out.append(f'<g class="roleplay__box"><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6"/>'
                   f'<text x="{x + 8}" y="{y + 18}">{escape(_short(node["id"]))}</text>'
                   f'<text x="{x + 8}" y="{y + 35}" class="roleplay__box-note">{len(node["choices"])} choices</text></g>')
    for ending in trainer["endings"]:
        x, y = places[ending["id"]]
        out.append(f'<g class="roleplay__box roleplay__box--{escape(ending["quality"])}">'
                   f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="18"/>'
                   f'<text x="{x + 10}" y="{y + 18}">{escape(_short(ending["title"]))}</text>'
                   f'<text x="{x + 10}" y="{y + 35}" class="roleplay__box-note">'
                   f'{QUALITY_WORDS.get(ending["quality"], ending["quality"])}</text></g>')
    out.append("</svg>")
    return "\n".join(out)
