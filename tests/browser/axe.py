"""Run axe-core (from npm, pinned) in a page: WCAG 2.2 A and AA rules plus axe's best practices."""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def run_axe(page) -> list[dict]:
    if not page.evaluate("typeof window.axe === 'object'"):
        # Evaluated, not added as a <script>: the site's Content-Security-Policy blocks inline scripts.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS)
    return [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"],
         "where": [n["target"] for n in v["nodes"]][:5],
         "why": v["nodes"][0]["failureSummary"][:300] if v["nodes"] else ""}
        for v in result["violations"]
    ]
