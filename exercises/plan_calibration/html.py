"""Draw the calibration page at build time: where to paste or load codes, and how to read the figures.

The view (docs/assets/exercises/views/plan-calibration.js) draws the figures the engine returns:
a chart of the spread of scores for each plan, with the same numbers in a table.
"""

from __future__ import annotations

from html import escape

from ..plan_review.agreement import ALPHA_CONVENTION, KAPPA_CONVENTION
from ..site.links import Links
from . import Calibration


def render_html(model: Calibration, links: Links) -> str:
    ex = model.header.id
    out = []
    if model.intro:
        out.append(f'<p class="exercise__intro">{escape(model.intro)}</p>')
    out.append("<p>This page reads codes for these plans:</p><ul>")
    for plan in model.plans:
        url, _ = links.resolve(plan.header.page)
        out.append(f'<li><a href="{escape(url)}">{escape(plan.header.title)}</a> (code {escape(plan.code)}, '
                   f'rubric version {plan.rubric.version})</li>')
    out.append("</ul>")
    out.append(f'<form class="calibration__form" data-form novalidate aria-labelledby="{ex}-form-heading">')
    out.append(f'<h3 class="exercise__heading" id="{ex}-form-heading">The group\'s scores</h3>')
    out.append(f'<p><label for="{ex}-codes">Score codes, one a line (or CSV text)</label><br>'
               f'<textarea id="{ex}-codes" data-codes rows="8" cols="60" spellcheck="false" autocomplete="off" '
               f'maxlength="200000"></textarea></p>')
    out.append(f'<p><label for="{ex}-files">Or load files (the .txt files participants downloaded, or a .csv)</label><br>'
               f'<input id="{ex}-files" data-files type="file" multiple accept=".txt,.csv,text/plain,text/csv"></p>')
    out.append('<div class="exercise__actions">')
    out.append('<button type="submit" class="md-button md-button--primary">Work out the agreement</button>')
    out.append('<button type="reset" class="md-button">Clear</button>')
    out.append("</div></form>")
    out.append(f'<div class="exercise__result" data-result hidden>')
    out.append(f'<h3 class="exercise__heading" id="{ex}-result-heading" tabindex="-1">How far the group agree</h3>')
    out.append('<p data-summary></p>')
    out.append(f'<div data-refused-box hidden><h4 id="{ex}-refused-heading">Codes that could not be used</h4>'
               f'<ul data-refused aria-labelledby="{ex}-refused-heading"></ul></div>')
    out.append('<div data-plans></div>')
    out.append("</div>")
    out.append(f'<details class="exercise__answers"><summary>How to read the figures</summary>'
               f'{render_reading_guide()}</details>')
    return "\n".join(out)


def render_reading_guide() -> str:
    """How to read the figures the page gives: the same words on the page and in a trainer's pack."""
    return ("<ul>"
            f"<li><strong>Same as the reference</strong>: the share of scores equal to the reference score; "
            f"<strong>within one level</strong>: the share no more than one level away.</li>"
            f"<li><strong>Agreement between scorers</strong>: the share of pairs of scorers who gave the same "
            f"score, over every part of the plan.</li>"
            f"<li><strong>Fleiss' kappa</strong> corrects that agreement for what chance alone would give: 1 is "
            f"full agreement, 0 no better than chance. Words from {escape(KAPPA_CONVENTION)}: slight (up to 0.20), "
            f"fair (up to 0.40), moderate (up to 0.60), substantial (up to 0.80), almost perfect (above).</li>"
            f"<li><strong>Krippendorff's alpha (ordinal)</strong> also counts how far apart the scores are: a 0 "
            f"against a 2 is a bigger disagreement than a 1 against a 2. Words from {escape(ALPHA_CONVENTION)}: "
            f"0.800 or more reliable; from 0.667 good enough only for tentative conclusions; below that, not "
            f"reliable enough.</li>"
            f"<li>Kappa and alpha need several things scored, so they are given for each plan as a whole, not "
            f"for each part. With a handful of scorers they move a lot: use them to start a discussion, not to "
            f"judge a person.</li>"
            f"</ul>")
