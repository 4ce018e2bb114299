"""Draw the self-check at build time: the statements, grouped by part of the house and by stage, each with
the answer scale; places for the result, the history and the roll-up, which the view fills in
(docs/assets/exercises/views/readiness.js). Everything from the definition is escaped."""

from __future__ import annotations

from html import escape

from ..care_planning import HOUSE
from ..site.links import Links
from ..site.session_mode import session_link
from .model import DONT_KNOW, DONT_KNOW_NAME, SCALE, STAGES, Readiness


def statement_html(ex: str, s, links: Links) -> str:
    sid = f"{ex}-{s.id}"
    url, title = links.resolve(s.learn_more)
    options = "".join(f'<option value="{k}">{escape(name)}</option>' for k, name in SCALE)
    return (f'<li class="readiness__statement" data-statement="{escape(s.id)}">'
            f'<label for="{sid}">{escape(s.text)}</label> '
            f'<select id="{sid}" name="{escape(s.id)}" class="quiz__select"><option value="">Choose an answer</option>'
            f'{options}<option value="{DONT_KNOW}">{DONT_KNOW_NAME}</option></select> '
            f'<a class="readiness__more" href="{escape(url)}">About this: {escape(title)}</a></li>')


def render_html(model: Readiness, links: Links) -> str:
    ex = model.header.id
    out = [session_link(ex)]
    if model.intro:
        out.append(f'<p class="exercise__intro">{escape(model.intro)}</p>')
    out.append(f'<form class="readiness__form" data-form novalidate aria-labelledby="{ex}-form-heading">')
    out.append(f'<h3 class="exercise__heading" id="{ex}-form-heading">Your team\'s answers</h3>')
    out.append(f'<p><label for="{ex}-team">Your team or practice</label> <input id="{ex}-team" data-team type="text" '
               f'maxlength="80" autocomplete="organization"> <label for="{ex}-date">Date of this check</label> '
               f'<input id="{ex}-date" data-date type="date"></p>')
    out.append("<p>For each statement, choose how far it is true for your team. \u201cDon't know\u201d counts as a gap, "
               "and is listed so you can find out.</p>")
    for g in model.parts:
        out.append(f'<fieldset class="readiness__group"><legend>{escape(HOUSE[g.id][0])}</legend><ol>')
        out += [statement_html(ex, s, links) for s in g.statements]
        out.append("</ol></fieldset>")
    names = dict(STAGES)
    out.append("<p>These statements show which stage of building your house you have reached.</p>")
    for g in model.stages:
        out.append(f'<fieldset class="readiness__group"><legend>Stage: {escape(names[g.id])}</legend><ol>')
        out += [statement_html(ex, s, links) for s in g.statements]
        out.append("</ol></fieldset>")
    out.append('<div class="exercise__actions">')
    out.append('<button type="submit" class="md-button md-button--primary">Show our house</button>')
    out.append('<button type="button" class="md-button" data-save>Save this check</button>')
    out.append('<button type="reset" class="md-button">Clear the answers</button>')
    out.append("</div></form>")
    out.append(f'<div class="exercise__result" data-result hidden>'
               f'<h3 class="exercise__heading" id="{ex}-result-heading" tabindex="-1">Your house</h3>'
               f'<div data-house></div><p data-overall></p><p data-stage></p>'
               f'<h4>Next steps, most urgent first</h4><ol class="readiness__actions" data-actions></ol>'
               f'<div data-unsure></div>'
               f'<div class="exercise__actions"><button type="button" class="md-button" data-print>Print a one-page '
               f'summary</button></div></div>')
    out.append(f'<section class="readiness__history" aria-labelledby="{ex}-history-heading">'
               f'<h3 class="exercise__heading" id="{ex}-history-heading">Your saved checks</h3>'
               f'<p>Checks are kept in this browser only. Save each check, then compare two to see what improved '
               f'and what slipped. Export them to keep a copy, to use on another computer, or to send to your '
               f'cluster or locality coordinator.</p>'
               f'<ul data-checks></ul>'
               f'<p><label for="{ex}-before">Compare</label> <select id="{ex}-before" data-before class="quiz__select">'
               f'</select> <label for="{ex}-after">with</label> <select id="{ex}-after" data-after '
               f'class="quiz__select"></select></p>'
               f'<div class="exercise__actions"><button type="button" class="md-button" data-compare>Compare the two '
               f'checks</button><button type="button" class="md-button" data-export-json>Export as JSON</button>'
               f'<button type="button" class="md-button" data-export-csv>Export as CSV</button></div>'
               f'<p><label for="{ex}-import">Import an earlier export (JSON)</label> <input id="{ex}-import" '
               f'data-import type="file" accept=".json,application/json"></p>'
               f'<div data-comparison hidden tabindex="-1"></div></section>')
    out.append(f'<section class="readiness__rollup" aria-labelledby="{ex}-rollup-heading">'
               f'<h3 class="exercise__heading" id="{ex}-rollup-heading">For coordinators: pool many teams</h3>'
               f'<p>Load the JSON exports of the practices in a cluster, locality or region. Everything is worked '
               f'out in this browser.</p>'
               f'<p><label for="{ex}-rollup-files">Practices\u2019 exports (JSON files)</label> <input '
               f'id="{ex}-rollup-files" data-rollup-files type="file" multiple accept=".json,application/json"></p>'
               f'<div class="exercise__actions"><button type="button" class="md-button" data-rollup>Pool the '
               f'files</button></div><div data-rollup-result hidden tabindex="-1"></div></section>')
    return "\n".join(out)


def groups(model: Readiness) -> list[tuple[str, tuple]]:
    """Each part of the house, then each stage, with its heading and its statements."""
    names = dict(STAGES)
    return ([(HOUSE[g.id][0], g.statements) for g in model.parts]
            + [(f"Stage: {names[g.id]}", g.statements) for g in model.stages])


def render_paper(model: Readiness) -> str:
    """The self-check on paper: each statement with the answer scale as boxes to tick."""
    answers = [name for _, name in SCALE] + [DONT_KNOW_NAME]
    out = []
    if model.intro:
        out.append(f'<p class="exercise__intro">{escape(model.intro)}</p>')
    out.append("<p>For each statement, tick how far it is true for your team. \u201cDon't know\u201d counts as a gap.</p>")
    for heading, statements in groups(model):
        out.append(f'<table class="paper-score"><caption>{escape(heading)}</caption><thead><tr>'
                   f'<th scope="col">Statement</th>' + "".join(f'<th scope="col">{escape(a)}</th>' for a in answers)
                   + "</tr></thead><tbody>")
        out += [f'<tr><th scope="row">{escape(s.text)}</th>' + "".join(
                    f'<td><span class="paper-tick" aria-hidden="true">☐</span></td>' for _ in answers) + "</tr>"
                for s in statements]
        out.append("</tbody></table>")
    return "\n".join(out)


def render_next_steps(model: Readiness, links: Links) -> str:
    """Every statement with the next step the result suggests when it is not yet true: for the facilitator."""
    ex = model.header.id
    out = []
    for n, (heading, statements) in enumerate(groups(model), start=1):
        out.append(f'<h4 id="{ex}-steps-{n}">{escape(heading)}</h4><dl class="readiness__steps">')
        for s in statements:
            url, title = links.resolve(s.learn_more)
            out.append(f"<dt>{escape(s.text)}</dt><dd>Next step: {escape(s.next_step)} "
                       f'<a href="{escape(url)}">About this: {escape(title)}</a></dd>')
        out.append("</dl>")
    return "\n".join(out)
