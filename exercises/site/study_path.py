"""The clinicians' self-study path (docs/data/study-path.yml): modules of pages and exercises in order,
with estimated minutes, objectives and key points. Checked at build time (every page and exercise it
names must exist), drawn into the page holding the line [[study-path]], and handed to the browser as
JSON for docs/assets/study-path.js, which keeps the learner's progress and makes their CPD record.

Pages on the path get a "mark this page as read" place at their end (filled in by the same script).
"""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path

from .data_files import place, read_mapping
from .links import page_title, page_url, relative_url
from .safe_markdown import text

MARKER = re.compile(r"^\[\[study-path\]\][ \t]*$", re.M)
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
WORDS_PER_MINUTE = 200
MAX_MODULES, MAX_ITEMS, MAX_LIST, MAX_MINUTES = 10, 15, 8, 240
MODULE_FIELDS = ("id", "title", "objectives", "key_points", "items")
MARK_HERE = '\n\n<div class="study-path-mark" data-study-path-mark hidden></div>\n'


def words_minutes(docs_dir: Path, page: str) -> int:
    """An estimate of reading time from the page's words (front matter and markup left out)."""
    body = re.sub(r"^---\s*\n.*?\n---\s*\n", "", (docs_dir / page).read_text(encoding="utf-8"), flags=re.S)
    body = re.sub(r"\[\^[^\]]+\]|\([^)]*\.md[^)]*\)|[#*|`>\[\]]", " ", body)
    return max(1, math.ceil(len(body.split()) / WORDS_PER_MINUTE))


def read_path(path: Path, docs_dir: Path, exercises: dict[str, tuple[str, str]]) -> dict:
    """The path, checked; `exercises` maps each exercise id to (its page, its title). A problem raises
    ValueError naming the file, the line and the field."""
    data = read_mapping(path, "self-study path")
    problems: list[str] = []
    def problem(field: str, message: str) -> None:  # field: "[1].items[4].page", under modules
        problems.append(f"{place(f'{path}: modules{field}')}: {message}")

    for key in data:
        if key != "modules":
            problems.append(f"{place(f'{path}: {key}')}: unknown field (known: modules)")
    modules = data.get("modules")
    if not isinstance(modules, list) or not modules:
        raise ValueError(f"{place(f'{path}: modules')}: needs a list of modules")
    if len(modules) > MAX_MODULES:
        problems.append(f"{place(f'{path}: modules')}: has {len(modules)} modules; the most is {MAX_MODULES}")
    out, seen_modules, seen_items = [], set(), set()
    for m, module in enumerate(modules[:MAX_MODULES]):
        at = f"[{m}]"
        if not isinstance(module, dict):
            problem(at, "expected a mapping of " + ", ".join(MODULE_FIELDS))
            continue
        for key in module:
            if key not in MODULE_FIELDS:
                problem(f"{at}.{key}", f"unknown field (known: {', '.join(MODULE_FIELDS)})")
        ident = module.get("id")
        if not isinstance(ident, str) or not SLUG.match(ident):
            problem(f"{at}.id", "needs a short id of lower-case letters, digits and hyphens")
        elif ident in seen_modules:
            problem(f"{at}.id", f"'{ident}' is used by another module")
        seen_modules.add(ident)
        if not isinstance(module.get("title"), str) or not module["title"].strip():
            problem(f"{at}.title", "this field is required")
        lists = {}
        for key in ("objectives", "key_points"):
            value = module.get(key)
            if not isinstance(value, list) or not value or len(value) > MAX_LIST or \
                    not all(isinstance(v, str) and v.strip() for v in value):
                problem(f"{at}.{key}", f"needs a list of 1 to {MAX_LIST} lines of text")
                value = []
            lists[key] = [" ".join(v.split()) for v in value]
        items = module.get("items")
        if not isinstance(items, list) or not items or len(items) > MAX_ITEMS:
            problem(f"{at}.items", f"needs a list of 1 to {MAX_ITEMS} pages or exercises")
            items = []
        drawn = []
        for i, item in enumerate(items):
            ia = f"{at}.items[{i}]"
            if not isinstance(item, dict) or set(item) - {"page", "exercise", "minutes"} or \
                    ("page" in item) == ("exercise" in item):
                problem(ia, "each item is either page: <a page under docs/> or exercise: <an exercise id>, "
                            "with optional minutes")
                continue
            minutes = item.get("minutes")
            if minutes is not None and (not isinstance(minutes, int) or isinstance(minutes, bool)
                                        or not 1 <= minutes <= MAX_MINUTES):
                problem(f"{ia}.minutes", f"expected a whole number of minutes from 1 to {MAX_MINUTES}")
                continue
            if "page" in item:
                page = item["page"]
                if not isinstance(page, str) or not page.endswith(".md") or ".." in page or \
                        not (docs_dir / page).is_file():
                    problem(f"{ia}.page", f"there is no page '{str(page)[:80]}' under docs/")
                    continue
                ref, kind, title = page, "page", page_title(docs_dir, page)
                estimated = minutes is None
                minutes = minutes or words_minutes(docs_dir, page)
            else:
                ref = item["exercise"]
                if ref not in exercises:
                    problem(f"{ia}.exercise", f"there is no exercise '{str(ref)[:80]}' "
                                              f"(see python -m exercises list)")
                    continue
                if minutes is None:
                    problem(f"{ia}.minutes", "an exercise needs its estimated minutes")
                    continue
                page, title = exercises[ref]
                kind, estimated = "exercise", False
            key = f"{kind}:{ref}"
            if key in seen_items:
                problem(ia, f"the {kind} '{ref}' is on the path twice")
                continue
            seen_items.add(key)
            drawn.append({"key": key, "kind": kind, "ref": ref, "page": page, "url": page_url(page),
                          "title": title, "minutes": minutes, "from_length": estimated})
        out.append({"id": ident, "title": " ".join(str(module.get("title", "")).split()), **lists,
                    "items": drawn, "minutes": sum(d["minutes"] for d in drawn)})
    if problems:
        raise ValueError("\n".join(problems))
    return {"modules": out, "minutes": sum(m["minutes"] for m in out)}


def pages_on(study: dict) -> set[str]:
    return {item["page"] for m in study["modules"] for item in m["items"] if item["kind"] == "page"}


def duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} minutes"
    return f"{hours} hour{'s' if hours > 1 else ''}" + (f" {rest} minutes" if rest else "")


def module_markdown(n: int, module: dict, from_page: str) -> str:
    mid = module["id"]
    lines = [f"## Module {n}: {text(module['title'])} {{ #module-{mid} }}", "",
             f"About {duration(module['minutes'])} (estimated).", "", "**By the end you will be able to:**", ""]
    lines += [f"- {text(o)}" for o in module["objectives"]] + ["", "**Key points:**", ""]
    lines += [f"- {text(k)}" for k in module["key_points"]] + [""]
    items = []
    for item in module["items"]:
        href = html.escape(relative_url(item["page"], from_page))
        how = "page" if item["kind"] == "page" else "exercise"
        est = "estimated from its length" if item["from_length"] else "estimated"
        items.append(f'<li class="study-path__item" data-item="{html.escape(item["key"])}">'
                     f'<a href="{href}">{html.escape(item["title"])}</a> '
                     f'<span class="study-path__about">({how}, about {item["minutes"]} minutes, {est})</span> '
                     f'<span class="study-path__state" data-state>Not started</span></li>')
    lines += [f'<ol class="study-path__items" aria-label="Module {n}: {html.escape(module["title"])}">',
              *items, "</ol>", ""]
    fields = (("learnt", "What I learnt"), ("change", "What I will do differently (how I will change or improve my practice)"),
              ("know", "How I will know it has worked"))
    lines.append(f'<fieldset class="study-path__reflect" data-reflect="{mid}"><legend>Your reflections on module {n} '
                 f"(kept in this browser only)</legend>")
    for key, label in fields:
        fid = f"reflect-{mid}-{key}"
        lines.append(f'<p><label for="{fid}">{label}</label><br><textarea id="{fid}" data-field="{key}" rows="3" '
                     f'maxlength="2000"></textarea></p>')
    lines += ["</fieldset>", ""]
    return "\n".join(lines)


def path_markdown(study: dict, from_page: str) -> str:
    payload = json.dumps(study, ensure_ascii=False).replace("<", "\\u003c")
    parts = [f'<script type="application/json" id="study-path-data">{payload}</script>', "",
             f"The path has {len(study['modules'])} modules and takes about {duration(study['minutes'])} in all "
             "(estimated: pages from their length, exercises from how long they usually take).", "",
             '<p class="study-path__status" data-path-status role="status" aria-live="polite"></p>', ""]
    parts += [module_markdown(n, m, from_page) for n, m in enumerate(study["modules"], start=1)]
    parts += [RECORD]
    return "\n".join(parts)


RECORD = """## Your record { #your-record }

Your progress and reflections are kept in this browser only. Nothing is sent to us or to anyone else.
Download your record to keep it, for example for your appraisal or revalidation, or print it and save
it as a PDF. To carry on at another computer, save your progress as a file and load it there.

<div class="study-path__tools">
<p><label for="study-path-name">Your name, for the record (optional)</label><br><input id="study-path-name" data-learner type="text" maxlength="80" autocomplete="name"></p>
<p class="study-path__buttons"><button type="button" class="md-button md-button--primary" data-record-text>Download my record (text)</button> <button type="button" class="md-button" data-record-markdown>Download my record (Markdown)</button> <button type="button" class="md-button" data-record-print>Print my record</button></p>
<p class="study-path__buttons"><button type="button" class="md-button" data-export>Save my progress as a file</button> <label for="study-path-import">Load progress from a file</label> <input id="study-path-import" data-import type="file" accept=".json,application/json"> <button type="button" class="md-button" data-reset>Start the path again</button></p>
</div>

<div class="study-path__record" data-record hidden tabindex="-1"></div>
"""


def fill_study_path(markdown: str, page: str, study: dict | None) -> str:
    """Draw the path where its marker is; give each page on the path its place to be marked as read."""
    if study is None:
        return markdown
    if MARKER.search(markdown):
        markdown = MARKER.sub(lambda _: path_markdown(study, page), markdown, count=1)
    if page in pages_on(study):
        markdown += MARK_HERE
    return markdown
