"""Draw a role-play at build time: the scenario, the first turn (so its choices show at once) and the
trainer view. Every word comes from the engine's own view-models (`act`), escaped."""

from __future__ import annotations

import re
from html import escape

from ..site.links import Links
from ..site.session_mode import session_link
from . import act
from .diagram import render_key, render_svg
from .model import Roleplay
from .skills import phrase

QUALITY_WORDS = {"good": "Good ending", "mixed": "Mixed ending", "poor": "Poor ending"}


def _list(items, cls="") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<ul{attr}>" + "".join(f"<li>{escape(str(i))}</li>" for i in items) + "</ul>"


def _effects(effects: dict, labels: dict) -> str:
    parts = [f"{'+' if v > 0 else '−' if v < 0 else '±'}{abs(v)} {labels.get(k, k)}" for k, v in effects.items() if v]
    return ", ".join(parts) or "no change"


def render_scenario(s: dict, ex: str) -> str:
    p = s["person"]
    out = ['<div class="roleplay__scenario">',
           f'<h3 id="{ex}-person">The person</h3>',
           '<dl class="roleplay__facts">',
           f"<dt>Name</dt><dd>{escape(p['name'])} (fictional)</dd>",
           f"<dt>Age</dt><dd>{escape(str(p['age']))}</dd>",
           f"<dt>Conditions</dt><dd>{_list(p['conditions'])}</dd>",
           f"<dt>Home life</dt><dd>{escape(p['home_life'])}</dd>"]
    if s.get("carer"):
        out.append(f"<dt>With them today</dt><dd>{escape(s['carer']['name'])}, "
                   f"{escape(s['carer']['relationship'])}</dd>")
    out.append(f"<dt>Setting</dt><dd>{escape(s['setting_label'])}</dd>")
    out.append(f"<dt>You are</dt><dd>{escape(s['practitioner']['role'])}. {escape(s['practitioner']['notes'])}</dd>")
    out.append("</dl>")
    prep = s["preparation"]
    out.append(f'<h3 id="{ex}-preparation">What they received before today</h3>')
    out.append(f"<p>{escape(prep['summary'])}</p>")
    if prep.get("results"):
        out.append(f"<p>The results in the letter:</p>{_list(prep['results'])}")
    if prep.get("prompts"):
        out.append(f"<p>Questions the letter asked them to think about:</p>{_list(prep['prompts'])}")
    out.append('<details class="roleplay__dimensions"><summary>What the report looks at</summary><ul>')
    for d in s["dimensions"]:
        out.append(f"<li><strong>{escape(d['label'])}</strong>: {escape(d['description'])} "
                   f"(step: {escape(d['step_label'])}; house: {escape(d['house_label'])})</li>")
    out.append("</ul></details></div>")
    return "\n".join(out)


def render_first_turn(step: dict, ex: str) -> str:
    node = step["node"]
    choices = "".join(
        f'<li><button type="button" class="roleplay__choice" data-choice="{escape(c["id"])}">'
        f'{escape(c["say"])}</button></li>' for c in step["choices"])
    context = f'<p class="roleplay__context" data-context>{escape(node["context"])}</p>' if node.get("context") else \
        '<p class="roleplay__context" data-context hidden></p>'
    return (
        f'<div class="roleplay__learner" data-learner>'
        f'<p class="roleplay__option"><input type="checkbox" id="{ex}-hold" data-hold> '
        f'<label for="{ex}-hold">Hold the feedback until the end of the conversation</label></p>'
        f'<p class="roleplay__notice" data-notice hidden></p>'
        f'<h3 id="{ex}-conversation">The conversation</h3>'
        f'<ol class="roleplay__transcript" data-transcript aria-label="The conversation so far"></ol>'
        f'<div class="roleplay__turn" data-turn>'
        f'<p class="roleplay__says" data-says tabindex="-1"><strong data-speaker>{escape(node["speaker"])}</strong> '
        f'says: <span data-says-text>“{escape(node["says"])}”</span></p>'
        f"{context}"
        f'<h4 class="roleplay__ask" id="{ex}-ask">What do you say?</h4>'
        f'<ul class="roleplay__choices" data-choices aria-labelledby="{ex}-ask">{choices}</ul>'
        f"</div>"
        f'<div class="exercise__actions">'
        f'<button type="button" class="md-button" data-back disabled>Go back one step</button>'
        f'<button type="button" class="md-button" data-restart>Start again</button></div>'
        f'<div class="roleplay__report" data-report hidden></div>'
        f"</div>"
    )


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def long_date(iso: str) -> str:
    """'2026-11-22' as '22 November 2026'."""
    year, month, day = iso.split("-")
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def render_guidance(t: dict, ex: str) -> str:
    g = t.get("guidance")
    if not g:
        return ""
    out = [f'<h3 id="{ex}-guidance">The clinical guidance it follows</h3>',
           f"<p>The clinical content was checked against this guidance on {escape(long_date(g['checked']))}. Local "
           f"guidance and the latest versions take precedence.</p><ul>"]
    for item in g["follows"]:
        title = (f'<a href="{escape(item["url"])}">{escape(item["title"])}</a>' if item["url"]
                 else escape(item["title"]))
        out.append(f"<li><strong>{escape(item['ref'])}</strong>, {title}: {escape(item['used_for'])}</li>")
    out.append("</ul>")
    return "\n".join(out)


def render_moments(t: dict, ex: str) -> str:
    if not t.get("moments"):
        return ""
    out = [f'<h3 id="{ex}-moments">What the conversation looks for</h3>',
           "<p>A good ending needs every moment marked <strong>essential</strong>: a path that misses one ends "
           "differently, whatever the last choice. The learner's report lists each moment as done or not done.</p>"
           "<ul>"]
    for m in t["moments"]:
        places = "; ".join(
            (f"choosing “{p['say']}” after “{p['says']}”" if p["choice"] else f"reaching “{p['says']}”")
            for p in m["at"])
        need = " <strong>(essential)</strong>" if m["essential"] else ""
        out.append(f"<li>{escape(m['label'][:1].upper() + m['label'][1:])}{need}. Happens by: {escape(places)}</li>")
    out.append("</ul>")
    return "\n".join(out)


def _parts(parts: list[dict], labels: dict) -> str:
    def when(p: dict) -> str:
        if p["if"]:
            return f" <em>(only if someone {escape(labels.get(p['if'], p['if']))})</em>"
        if p["unless"]:
            return f" <em>(only if nobody {escape(labels.get(p['unless'], p['unless']))})</em>"
        return ""
    return "".join(f"<li>{escape(p['text'])}{when(p)}</li>" for p in parts)


def render_endings(t: dict, ex: str) -> str:
    labels = {m["id"]: m["label"] for m in t.get("moments", [])}
    out = [f'<h3 id="{ex}-endings">Endings</h3><ul class="roleplay__endings">']
    for e in t["endings"]:
        out.append(f"<li><p><strong>{escape(e['title'])}</strong> ({QUALITY_WORDS[e['quality']].lower()})</p>")
        if e["varies"]:
            out.append(f"<p>What happened:</p><ul>{_parts(e['what_happened_parts'], labels)}</ul>"
                       f"<p>The plan:</p><ul>{_parts(e['plan_parts'], labels)}</ul>")
        else:
            out.append(f"<p>{escape(e['what_happened'])}</p>")
        for m in e["if_missed"]:
            out.append(f"<p>If nobody {escape(m['label'])}, the conversation ends instead at "
                       f"<strong>{escape(m['ending_title'])}</strong>.</p>")
        for m in e["instead_of"]:
            out.append(f"<p>Reached instead of <strong>{escape(m['ending_title'])}</strong> when nobody "
                       f"{escape(m['label'])}.</p>")
        out.append("</li>")
    out.append("</ul>")
    return "\n".join(out)


def render_trainer(t: dict, ex: str, links: Links) -> str:
    labels = {d["id"]: d["label"] for d in t["dimensions"]}
    kinds = {e["id"]: e for e in t["endings"]}
    steps = {n["id"]: n for n in t["outline"]}
    out = [f'<details class="roleplay__trainer" data-answers data-search-exclude id="{ex}-trainer">',
           "<summary>Trainer view: the clinical guidance, the whole conversation, best and weakest paths, "
           "discussion questions, role cards and observer checklist</summary>",
           '<div class="exercise__actions"><button type="button" class="md-button" data-print-cards>'
           "Print role cards and checklist</button></div>",
           render_guidance(t, ex), render_moments(t, ex),
           f'<h3 id="{ex}-outline">The whole conversation</h3>', '<ol class="roleplay__outline">']
    for node in t["outline"]:
        out.append(f'<li id="{ex}-node-{escape(node["id"])}"><p><strong>{escape(node["speaker"])}</strong>: '
                   f'“{escape(node["says"])}”' + (" <em>(on the best path)</em>" if node["on_best_path"] else "")
                   + "</p>")
        if node.get("context"):
            out.append(f"<p><em>{escape(node['context'])}</em></p>")
        if node.get("discussion"):
            out.append(f'<p class="roleplay__discussion"><strong>Discuss:</strong> {escape(node["discussion"])}</p>')
        out.append("<ul>")
        for c in node["choices"]:
            target = kinds.get(c["next"])
            step = steps.get(c["next"])
            leads = (f'ends: {escape(target["title"])} ({QUALITY_WORDS[target["quality"]].lower()})' if target
                     else f'<a href="#{ex}-node-{escape(c["next"])}">goes on to {step["number"]}: '
                          f'“{escape(step["label"])}”</a>' if step else f"goes on to {escape(c['next'])}")
            best = '<strong class="roleplay__best">Best choice.</strong> ' if c["best"] else ""
            out.append(f"<li>{best}“{escape(c['say'])}” — {leads}. <br>{escape(c['feedback'])} "
                       f"<br><small>Scores: {escape(_effects(c['effects'], labels))}"
                       + (f"; skills: {escape('; '.join(phrase(k) for k in c['skills']))}" if c["skills"] else "")
                       + "</small></li>")
        out.append("</ul></li>")
    out.append("</ol>")
    out.append(render_endings(t, ex))
    out.append(f'<h3 id="{ex}-diagram">Diagram</h3><div class="roleplay__diagram-wrap" tabindex="0" role="region" '
               f'aria-label="Diagram of the conversation">{render_svg(t, ex)}</div>{render_key(ex)}')
    out += [render_path(t, ex, "best_path"), render_path(t, ex, "weakest_path"), render_discussion(t, ex),
            render_cards(t, ex), "</details>"]
    return exclude_headings("\n".join(out))


PATH_TITLES = {"best_path": "The best path", "weakest_path": "The weakest path"}


def render_path(t: dict, ex: str, key: str) -> str:
    """The best or the weakest path (key best_path or weakest_path): each turn and the choice made, and its ending."""
    path = t[key]
    out = [f'<h3 id="{ex}-{key.replace("_", "-")}">{PATH_TITLES[key]} (total score {path["total"]})</h3><ol>']
    for s in path["steps"]:
        out.append(f"<li>{escape(s['speaker'])}: “{escape(s['says'])}” — you say: “{escape(s['say'])}”</li>")
    out.append(f"</ol><p>It ends: <strong>{escape(path['ending']['title'])}</strong>.</p>")
    return "\n".join(out)


def render_discussion(t: dict, ex: str) -> str:
    if not t["discussion"]:
        return ""
    return "\n".join([f'<h3 id="{ex}-discussion">Discussion questions</h3><ol>']
                     + [f"<li>{escape(d['question'])}</li>" for d in t["discussion"]] + ["</ol>"])


def render_cards(t: dict, ex: str) -> str:
    """The role cards (the person, any carer, the practitioner, the observer) and the observer checklist: nothing
    in them gives away the best path, so they are also the participants' handouts."""
    out = [f'<div class="roleplay__cards"><h3 id="{ex}-cards">Role cards</h3>']
    for card in t["role_cards"]:
        out.append(f'<section class="roleplay__card" aria-labelledby="{ex}-card-{card["role"]}">'
                   f'<h4 id="{ex}-card-{card["role"]}">{escape(card["title"])}</h4>')
        for section in card["sections"]:
            out.append(f"<p><strong>{escape(section['heading'])}</strong></p>{_list(section['items'])}")
        out.append("</section>")
    checklist = t["checklist"]
    out.append(f'<section class="roleplay__card roleplay__checklist" aria-labelledby="{ex}-checklist">'
               f'<h4 id="{ex}-checklist">Observer checklist</h4><table><thead><tr><th scope="col">Look for</th>'
               + "".join(f'<th scope="col">{escape(r)}</th>' for r in checklist["ratings"]) + "</tr></thead><tbody>")
    for item in checklist["items"]:
        out.append(f'<tr><th scope="row">{escape(item["label"])}: {escape(item["look_for"])}</th>'
                   + "".join(f'<td><span class="roleplay__tick" aria-label="{escape(r)}">☐</span></td>'
                             for r in checklist["ratings"]) + "</tr>")
    out.append("</tbody></table></section></div>")
    return "\n".join(out)


HEADING = re.compile(r"<(h[1-6])(?=[\s>])(?![^>]*\bdata-search-exclude\b)")


def exclude_headings(html: str) -> str:
    """Keep trainer-only text out of the site's search: the theme skips the content of an element marked
    data-search-exclude, but still makes an (empty) entry for each heading inside it unless the heading is
    marked too."""
    return HEADING.sub(r"<\1 data-search-exclude", html)


def render_html(model: Roleplay, links: Links) -> str:
    ex = model.header.id
    return "\n".join([
        session_link(ex),
        render_scenario(act(model, "scenario", {}), ex),
        render_first_turn(act(model, "step", {"choices": []}), ex),
        render_trainer(act(model, "trainer", {}), ex, links),
    ])
