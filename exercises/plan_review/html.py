"""Draw a plan review at build time: the plan as a document, a scoring form with the rubric's
descriptors at hand, and the reference marking for trainers and for paper.

Everything from the definition is escaped. The page's view (docs/assets/exercises/views/plan-review.js)
fills in the comparison the engine returns.
"""

from __future__ import annotations

from html import escape

from ..care_planning import SETTINGS
from ..site.links import Links
from ..site.session_mode import session_link
from .model import Plan, Section


def section_html(section: Section) -> list[str]:
    out = [f"<h4>{escape(section.heading)}</h4>"]
    out += [f"<p>{escape(p)}</p>" for p in section.paragraphs]
    if section.items:
        out.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in section.items) + "</ul>")
    if section.facts:
        out.append('<table class="plan-doc__facts"><tbody>')
        out += [f'<tr><th scope="row">{escape(k)}</th><td>{escape(v)}</td></tr>' for k, v in section.facts]
        out.append("</tbody></table>")
    if section.rows:
        out.append("<table><thead><tr>" + "".join(f'<th scope="col">{escape(c)}</th>' for c in section.columns)
                   + "</tr></thead><tbody>")
        out += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in section.rows]
        out.append("</tbody></table>")
    return out


def render_html(plan: Plan, links: Links) -> str:
    ex = plan.header.id
    rubric = plan.rubric
    out = [session_link(ex)]
    if plan.intro:
        out.append(f'<p class="exercise__intro">{escape(plan.intro)}</p>')
    out.append(f'<p class="exercise__intro">{escape(plan.about)} <span class="plan-review__setting">'
               f'({escape(SETTINGS[plan.setting])})</span></p>')
    if plan.roleplay:
        url, title = links.resolve(f"exercises/roleplay/{plan.roleplay}.md")
        out.append(f'<p>This plan comes from the role-play <a href="{escape(url)}">{escape(title)}</a>.</p>')

    out.append(render_document(plan))

    out.append(f'<form class="plan-review__form" data-form novalidate aria-labelledby="{ex}-form-heading">')
    out.append(f'<h3 class="exercise__heading" id="{ex}-form-heading">Your scores: {escape(rubric.title)}</h3>')
    if rubric.intro:
        out.append(f"<p>{escape(rubric.intro)}</p>")
    out.append('<ol class="plan-review__criteria">')
    for n, c in enumerate(rubric.criteria, start=1):
        cid = f"{ex}-{c.id}"
        url, title = links.resolve(c.learn_more)
        out.append(f'<li class="plan-review__criterion" data-criterion="{escape(c.id)}">')
        out.append(f'<fieldset aria-describedby="{cid}-feedback"><legend>{n}. {escape(c.title)}</legend>')
        for level, words in zip(rubric.levels, c.descriptors):
            rid = f"{cid}-{level.score}"
            out.append(f'<div class="plan-review__level"><input type="radio" id="{rid}" name="{escape(c.id)}" '
                       f'value="{level.score}"><label for="{rid}"><strong>{level.score}, {escape(level.name)}:</strong> '
                       f'{escape(words)}</label></div>')
        out.append("</fieldset>")
        out.append(f'<div class="plan-review__feedback" id="{cid}-feedback" data-feedback hidden></div>')
        out.append(f'<p class="plan-review__more" data-more hidden><a href="{escape(url)}">Read more: '
                   f'{escape(title)}</a></p>')
        out.append("</li>")
    out.append("</ol>")
    out.append('<div class="exercise__actions">')
    out.append('<button type="submit" class="md-button md-button--primary">Check my scores</button>')
    out.append('<button type="reset" class="md-button">Clear my scores</button>')
    out.append("</div>")
    out.append("</form>")

    out.append(f'<div class="exercise__result" data-result hidden>')
    out.append(f'<h3 class="exercise__heading" id="{ex}-result-heading" tabindex="-1">How your scores compare '
               f'with the reference</h3>')
    out.append("<p data-summary></p>")
    out.append(f'<table class="plan-review__compare" data-compare><caption>Your score and the reference score for '
               f'each part of the plan</caption><thead><tr><th scope="col">Part of the plan</th>'
               f'<th scope="col">Your score</th><th scope="col">Reference</th><th scope="col">Compared</th>'
               f'</tr></thead><tbody></tbody></table>')
    out.append('<div class="exercise__actions"><button type="button" class="md-button" data-print>Print this plan '
               'and my scores</button></div>')
    out.append(f'<section class="plan-review__share" aria-labelledby="{ex}-share-heading">')
    out.append(f'<h4 id="{ex}-share-heading">Share your scores with your trainer</h4>')
    out.append("<p>In a group session, make a score code and read it out or paste it into the chat. The code "
               "holds your initials and your scores, nothing else. It goes nowhere unless you share it.</p>")
    out.append(f'<p><label for="{ex}-scorer">Your initials or a short name (letters and digits)</label> '
               f'<input id="{ex}-scorer" data-scorer type="text" maxlength="20" autocomplete="off" '
               f'spellcheck="false"></p>')
    out.append('<div class="exercise__actions"><button type="button" class="md-button" data-make-code>Make my score '
               'code</button></div>')
    out.append(f'<div data-code-box hidden><p>Your score code: <output class="plan-review__code" data-code '
               f'for="{ex}-scorer"></output></p><div class="exercise__actions"><button type="button" class="md-button" '
               f'data-copy>Copy the code</button><button type="button" class="md-button" data-download>Download the '
               f'code as a file</button></div></div>')
    out.append("</section>")
    out.append("</div>")

    out.append(f'<details class="exercise__answers" data-answers data-search-exclude><summary>Reference scores (for trainers, or to '
               f'check your scores on paper)</summary>')
    out.append(render_reference(plan))
    out.append("</details>")
    return "\n".join(out)


def render_document(plan: Plan) -> str:
    """The example plan as a document, without any marking."""
    ex = plan.header.id
    out = [f'<article class="plan-doc" aria-labelledby="{ex}-doc-title">',
           f'<h3 class="plan-doc__title" id="{ex}-doc-title">{escape(plan.document_title)}</h3>']
    for section in plan.sections:
        out += section_html(section)
    out.append("</article>")
    return "\n".join(out)


def render_reference(plan: Plan) -> str:
    """The reference marking: each criterion's score and why, and the total."""
    rubric = plan.rubric
    out = [f'<p>Reference total: {sum(plan.reference_scores())} out of {len(rubric.criteria) * rubric.top}. '
           f'Rubric: {escape(rubric.title)}, version {rubric.version}.</p><ol>']
    for c in rubric.criteria:
        mark = plan.reference[c.id]
        out.append(f"<li><strong>{escape(c.title)}: {mark.score}, {escape(rubric.levels[mark.score].name)}.</strong> "
                   f"{escape(mark.why)}</li>")
    out.append("</ol>")
    return "\n".join(out)


def render_paper_form(plan: Plan) -> str:
    """A scoring sheet for paper: each criterion with the rubric's words for each level and a box to tick."""
    ex = plan.header.id
    rubric = plan.rubric
    out = [f'<h3 id="{ex}-paper-scores">Your scores: {escape(rubric.title)}</h3>']
    if rubric.intro:
        out.append(f"<p>{escape(rubric.intro)}</p>")
    out.append("<p>For each part of the plan, tick the one level that fits best.</p>")
    for n, c in enumerate(rubric.criteria, start=1):
        out.append(f'<table class="paper-score"><caption>{n}. {escape(c.title)}</caption><thead><tr>'
                   f'<th scope="col">Tick one</th><th scope="col">Level</th><th scope="col">What it looks like</th>'
                   f'</tr></thead><tbody>')
        out += [f'<tr><td><span class="paper-tick" aria-hidden="true">☐</span></td><th scope="row">{level.score}, '
                f'{escape(level.name)}</th><td>{escape(words)}</td></tr>'
                for level, words in zip(rubric.levels, c.descriptors)]
        out.append("</tbody></table>")
    return "\n".join(out)
