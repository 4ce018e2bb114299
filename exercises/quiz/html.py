"""Draw a quiz as HTML at build time, so its text and controls show before the engine starts.

Everything from the definition is escaped. The page's view (docs/assets/exercises/views/quiz.js)
fills in the feedback the engine returns.
"""

from __future__ import annotations

from html import escape

from ..site.links import Links
from ..site.session_mode import session_link
from .model import Quiz


def render_html(quiz: Quiz, links: Links) -> str:
    ex = quiz.header.id
    out = [session_link(ex)]
    if quiz.intro:
        out.append(f'<p class="exercise__intro">{escape(quiz.intro)}</p>')
    out.append(f'<h3 class="exercise__heading" id="{ex}-choices-heading">{escape(quiz.choices_heading)}</h3>')
    out.append(f'<ul class="quiz__choices" data-choices aria-labelledby="{ex}-choices-heading">')
    for c in quiz.choices:
        out.append(f'<li data-choice="{escape(c.id)}">{escape(c.text)}</li>')
    out.append("</ul>")
    out.append(f'<form class="quiz__form" data-form novalidate aria-labelledby="{ex}-form-heading">')
    out.append(f'<h3 class="exercise__heading" id="{ex}-form-heading">Your answers</h3>')
    out.append('<ol class="quiz__questions">')
    for q in quiz.questions:
        qid = f"{ex}-{q.id}"
        url, title = links.resolve(q.learn_more)
        out.append(f'<li class="quiz__question" data-question="{escape(q.id)}">')
        out.append(f'<label class="quiz__label" for="{qid}">{escape(q.prompt)}</label>')
        out.append(f'<select id="{qid}" name="{escape(q.id)}" class="quiz__select" aria-describedby="{qid}-feedback">')
        out.append('<option value="">Choose an answer</option>')
        for c in quiz.choices:  # the page's view shuffles them for each attempt
            out.append(f'<option value="{escape(c.id)}">{escape(c.text)}</option>')
        out.append("</select>")
        out.append(f'<div class="quiz__feedback" id="{qid}-feedback" data-feedback hidden></div>')
        out.append(f'<p class="quiz__more" data-more hidden><a href="{escape(url)}">Read more: {escape(title)}</a></p>')
        out.append("</li>")
    out.append("</ol>")
    out.append('<div class="exercise__actions">')
    out.append('<button type="submit" class="md-button md-button--primary">Check my answers</button>')
    out.append('<button type="reset" class="md-button">Start again</button>')
    out.append("</div>")
    out.append("</form>")
    out.append(f'<div class="exercise__result" data-result hidden>'
               f'<h3 class="exercise__heading" id="{ex}-result-heading" tabindex="-1">Your result</h3>'
               f'<p data-summary></p><div class="exercise__actions"><button type="button" class="md-button" '
               f'data-show-answers hidden>Show the answers</button></div></div>')
    out.append(f'<details class="exercise__answers" data-answers data-search-exclude><summary>Answers (for trainers, '
               f'or to check your work on paper)</summary>{render_answers(quiz, links)}</details>')
    return "\n".join(out)


def render_answers(quiz: Quiz, links: Links) -> str:
    """Each question with its answer and the explanation: for trainers, or to check work on paper."""
    out = ["<ol>"]
    for q in quiz.questions:
        url, title = links.resolve(q.learn_more)
        right = quiz.choice(q.answer)
        out.append(f'<li><strong>{escape(q.prompt)}:</strong> {escape(right.text)}. {escape(q.explanation)} '
                   f'<a href="{escape(url)}">Read more: {escape(title)}</a></li>')
    out.append("</ol>")
    return "\n".join(out)


def render_paper(quiz: Quiz) -> str:
    """The quiz on paper, without its answers: the choices, then each question with a blank box to write in."""
    ex = quiz.header.id
    out = []
    if quiz.intro:
        out.append(f'<p class="exercise__intro">{escape(quiz.intro)}</p>')
    out.append(f'<h3 id="{ex}-paper-choices">{escape(quiz.choices_heading)}</h3><ul class="quiz__choices">')
    out += [f"<li>{escape(c.text)}</li>" for c in quiz.choices]
    out.append(f'</ul><h3 id="{ex}-paper-questions">Your answers</h3><ol class="quiz__paper">')
    out += [f'<li><p>{escape(q.prompt)}</p><div class="paper-blank" aria-hidden="true"></div></li>'
            for q in quiz.questions]
    out.append("</ol>")
    return "\n".join(out)
