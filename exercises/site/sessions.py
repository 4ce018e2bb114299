"""Ready-to-run session plans for trainers (docs/data/sessions/<id>.yml, one file a session).

Each plan has a title, its length in minutes, its audience, what it is about, objectives, what to prepare
(four weeks before, one week before, on the day) and a run-sheet: numbered segments, each with its
minutes, a method from a fixed list, what to use (pages under docs/ or exercise ids), facilitator notes
and questions to ask. Checked at build time: the segments must add up to the stated length, and every
page and exercise named must exist; a problem names the file, the line and the field.

Drawn where a page holds a marker on a line of its own:
  [[session: <id>]]  the whole plan (its page is docs/trainers/sessions/<id>.md)
  [[sessions]]       a table of every plan, with its length and audience

Text is shown as typed (exercises.site.safe_markdown); links written in the text are relative to the
session pages' folder, docs/trainers/sessions/, as are citations such as (../../sources.md#bhf-legacy).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from ..fields import type_name
from . import session_mode
from .data_files import as_typed, place, read_data
from .links import page_title
from .safe_markdown import text, text_with_links

FOLDER = "sessions"                  # under docs/data/
PAGES = "trainers/sessions"          # under docs/
SESSION_MARKER = re.compile(r"^\[\[session:[ \t]*([^\]\n]*?)[ \t]*\]\][ \t]*$", re.M)
LIST_MARKER = re.compile(r"^\[\[sessions\]\][ \t]*$", re.M)
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
PAGE = re.compile(r"^[a-z0-9][a-z0-9/_-]*\.md$")

METHODS = ("talk", "exercise", "role-play in threes", "discussion", "pairs", "break", "reflection")
FIELDS = ("title", "minutes", "audience", "about", "objectives", "prepare", "run_sheet")
PREPARE = (("four_weeks_before", "Four weeks before"), ("one_week_before", "One week before"),
           ("on_the_day", "On the day"))
SEGMENT_FIELDS = ("title", "minutes", "method", "use", "notes", "ask")
MAX_SESSIONS, MAX_SEGMENTS, MAX_LIST, MAX_USE = 20, 40, 12, 4
MAX_SESSION_MINUTES, MAX_SEGMENT_MINUTES = 960, 240
MAX_TITLE, MAX_TEXT = 100, 1500


def read_sessions(docs_dir: Path, exercises: dict[str, Any]) -> dict[str, dict]:
    """Every plan in docs/data/sessions/, checked, by id (its file's name), shortest first.
    `exercises` maps each exercise id to its header (with `page`, `title` and `type`). Problems in all
    the files are reported together, each naming the file, the line and the field, as one ValueError."""
    folder = Path(docs_dir) / "data" / FOLDER
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    problems: list[str] = []
    if len(files) > MAX_SESSIONS:
        raise ValueError(f"{folder}: has {len(files)} session plans; the most is {MAX_SESSIONS}")
    sessions = {}
    for path in files:
        try:
            session = read_session(path, Path(docs_dir), exercises)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        sessions[session["id"]] = session
    if problems:
        raise ValueError("\n".join(problems))
    return dict(sorted(sessions.items(), key=lambda kv: (kv[1]["minutes"], kv[0])))


def read_session(path: Path, docs_dir: Path, exercises: dict[str, Any]) -> dict:
    """One plan, checked; any problem raises ValueError naming the file, the line and the field."""
    ident = path.stem
    if not SLUG.match(ident):
        raise ValueError(f"{path}: a session's file name is its id: use lower-case letters, digits and hyphens")
    data, found_lines = read_data(path, "session plan")
    first = min(found_lines.values(), default=1)  # a top-level field that is missing: where the plan starts
    problems: list[str] = []

    def problem(field: str, message: str) -> None:
        where = place(f"{path}: {field}")
        if where == f"{path}: {field}":
            where = f"{path}:{first}: {field}"
        problems.append(f"{where}: {message}")

    for key in data:
        if key not in FIELDS:
            problem(str(key), f"unknown field (known: {', '.join(FIELDS)})")
    title = one_line(data, "title", MAX_TITLE, problem)
    audience = one_line(data, "audience", 300, problem)
    about = one_line(data, "about", MAX_TEXT, problem)
    minutes = whole_number(data.get("minutes"), "minutes", 10, MAX_SESSION_MINUTES, problem)
    objectives = lines(data.get("objectives"), "objectives", problem)

    prepare = data.get("prepare")
    lists = {}
    if not isinstance(prepare, dict):
        problem("prepare", "needs " + ", ".join(k for k, _ in PREPARE) + ", each a list of things to do"
                + ("" if prepare is None else f" (found {type_name(prepare)})"))
    else:
        for key in prepare:
            if key not in dict(PREPARE):
                problem(f"prepare.{key}", f"unknown field (known: {', '.join(k for k, _ in PREPARE)})")
        for key, _ in PREPARE:
            lists[key] = lines(prepare.get(key), f"prepare.{key}", problem)

    run_sheet = data.get("run_sheet")
    segments = []
    if not isinstance(run_sheet, list) or not run_sheet:
        problem("run_sheet", "needs a list of segments, each with title, minutes, method and notes")
        run_sheet = []
    elif len(run_sheet) > MAX_SEGMENTS:
        problem("run_sheet", f"has {len(run_sheet)} segments; the most is {MAX_SEGMENTS}")
        run_sheet = run_sheet[:MAX_SEGMENTS]
    all_timed = True
    for n, segment in enumerate(run_sheet):
        checked = read_segment(segment, f"run_sheet[{n}]", docs_dir, exercises, problem)
        if checked is None or checked["minutes"] is None:
            all_timed = False
        if checked is not None:
            segments.append(checked)
    if all_timed and minutes is not None and segments:
        total = sum(s["minutes"] for s in segments)
        if total != minutes:
            problem("minutes", f"the session is {minutes} minutes, but its run_sheet's {len(segments)} segments add "
                               f"up to {total} minutes ({' + '.join(str(s['minutes']) for s in segments)}); "
                               f"change a segment's minutes or the session's length so that they agree")
    page = f"{PAGES}/{ident}.md"
    page_file = docs_dir / page
    if not page_file.is_file() or not any(
            found.group(1) == ident for found in SESSION_MARKER.finditer(page_file.read_text(encoding="utf-8"))):
        problems.append(f"{path}:{first}: (page): there is no page docs/{page} holding the line [[session: {ident}]]; "
                        "every session plan needs its page (and an entry in mkdocs.yml's nav)")
    for kind in ("trainer", "participant"):
        pack = pack_page(ident, kind)
        marker = f"[[{kind}-pack: {ident}]]"
        if not (docs_dir / pack).is_file() or marker not in (docs_dir / pack).read_text(encoding="utf-8").splitlines():
            problems.append(f"{path}:{first}: (page): there is no page docs/{pack} holding the line {marker}; every "
                            f"session plan needs its {kind} pack (see CONTRIBUTING.md, Session plans)")
    if problems:
        raise ValueError("\n".join(problems))
    start = 0
    for n, segment in enumerate(segments, start=1):
        segment["number"], segment["start"] = n, start
        start += segment["minutes"]
    return {"id": ident, "page": page, "title": title, "minutes": minutes, "audience": audience, "about": about,
            "objectives": objectives, "prepare": lists, "segments": segments}


def read_segment(segment: Any, at: str, docs_dir: Path, exercises: dict[str, Any], problem) -> dict | None:
    if not isinstance(segment, dict):
        problem(at, "expected a mapping of " + ", ".join(SEGMENT_FIELDS))
        return None
    for key in segment:
        if key not in SEGMENT_FIELDS:
            problem(f"{at}.{key}", f"unknown field (known: {', '.join(SEGMENT_FIELDS)})")
    method = segment.get("method")
    if method not in METHODS:
        problem(f"{at}.method", (f"'{str(method)[:40]}' is not a method" if method is not None else "this field is "
                                 "required but missing") + f"; use one of: {', '.join(METHODS)}")
    title = one_line(segment, "title", MAX_TITLE, problem, at)
    minutes = whole_number(segment.get("minutes"), f"{at}.minutes", 1, MAX_SEGMENT_MINUTES, problem)
    notes = segment.get("notes")
    if method != "break" or notes is not None:
        notes = one_line(segment, "notes", MAX_TEXT, problem, at)
    ask = segment.get("ask")
    ask = [] if ask is None else lines(ask, f"{at}.ask", problem)
    uses = []
    use = segment.get("use")
    if use is not None:
        if method == "break":
            problem(f"{at}.use", "a break uses no page or exercise")
        elif not isinstance(use, list) or not use or len(use) > MAX_USE:
            problem(f"{at}.use", f"needs a list of 1 to {MAX_USE} items, each page: <a page under docs/> "
                                 "or exercise: <an exercise id>")
        else:
            for i, item in enumerate(use):
                found = read_use(item, f"{at}.use[{i}]", docs_dir, exercises, problem)
                if found:
                    uses.append(found)
    return {"title": title, "minutes": minutes, "method": method, "use": uses, "notes": notes or "", "ask": ask}


def read_use(item: Any, at: str, docs_dir: Path, exercises: dict[str, Any], problem) -> dict | None:
    if not isinstance(item, dict) or len(item) != 1 or not set(item) <= {"page", "exercise"}:
        problem(at, "each item is either page: <a page under docs/> or exercise: <an exercise id>")
        return None
    kind, ref = next(iter(item.items()))
    if kind == "page":
        if not isinstance(ref, str) or not PAGE.match(ref) or ".." in ref.split("/") or \
                not (docs_dir / ref).is_file():
            problem(f"{at}.page", f"there is no page '{str(ref)[:80]}' under docs/ (give the Markdown file, "
                                  "for example house/roof.md)")
            return None
        return {"kind": "page", "ref": ref, "page": ref, "title": page_title(docs_dir, ref), "type": ""}
    if not isinstance(ref, str) or ref not in exercises:
        problem(f"{at}.exercise", f"there is no exercise '{str(ref)[:80]}' (see python -m exercises list)")
        return None
    header = exercises[ref]
    from .session_packs import DRAWN_TYPES  # the packs import this module
    if header.type not in DRAWN_TYPES:
        problem(f"{at}.exercise", f"'{ref}' is an exercise of type {header.type}, which the printable packs cannot draw "
                                  f"(they draw: {', '.join(DRAWN_TYPES)})")
        return None
    return {"kind": "exercise", "ref": ref, "page": header.page, "title": header.title, "type": header.type}


def one_line(data: dict, key: str, limit: int, problem, at: str = "") -> str:
    field = f"{at}.{key}" if at else key
    value = data.get(key)
    if value is None:
        problem(field, "this field is required but missing")
    elif not isinstance(value, str):
        problem(field, f"expected text, found {type_name(value)}{as_typed(key, value)}")
    elif not value.strip():
        problem(field, "this field is required but empty")
    elif len(value) > limit:
        problem(field, f"longer than {limit} characters")
    else:
        return " ".join(value.split())
    return ""


def lines(value: Any, field: str, problem) -> list[str]:
    if not isinstance(value, list) or not value or len(value) > MAX_LIST:
        problem(field, f"needs a list of 1 to {MAX_LIST} lines of text"
                + ("" if value is None else f" (found {type_name(value)}"
                   + (f" of {len(value)}" if isinstance(value, list) else "") + ")"))
        return []
    out = []
    for i, line in enumerate(value):
        if not isinstance(line, str) or not line.strip():
            hint = f'; put it in quotes, for example - "{line}"' if as_typed("-", line) else ""
            problem(f"{field}[{i}]", f"expected a line of text, found {type_name(line)}{hint}")
        elif len(line) > MAX_TEXT:
            problem(f"{field}[{i}]", f"longer than {MAX_TEXT} characters")
        else:
            out.append(" ".join(line.split()))
    return out


def whole_number(value: Any, field: str, low: int, high: int, problem) -> int | None:
    if value is None:
        problem(field, f"this field is required but missing: a whole number of minutes from {low} to {high}")
    elif not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        problem(field, f"expected a whole number of minutes from {low} to {high}, found "
                       f"{str(value)[:20] if isinstance(value, (int, float, str)) else type_name(value)}")
    else:
        return value
    return None


# ---- drawing -------------------------------------------------------------------------------------

def clock(minutes: int) -> str:
    """Minutes from the start as h:mm (0:00, 0:10, 1:35)."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} minutes"
    words = f"{hours} hour{'s' if hours > 1 else ''}" + (f" {rest} minutes" if rest else "")
    return f"{words} ({minutes} minutes)"


def md_link(target: str, from_page: str, label: str) -> str:
    """A Markdown link to a docs page, relative to the page being built (MkDocs checks it)."""
    href = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return f"[{text(label)}]({href})"


def use_cell(uses: list[dict], from_page: str, segment: dict | None = None) -> str:
    """What a segment uses, as links. Given the segment, each exercise that session mode runs also links to
    its session mode, with the segment's minutes and title for the timer (see session_mode.py)."""
    shown = []
    for use in uses:
        what = {"roleplay": "role-play; role cards and observer checklist in its trainer view",
                "plan-review": "example plan to score", "plan-calibration": "pools the group's score codes",
                "quiz": "quiz", "readiness": "self-check"}.get(use["type"], "exercise") \
            if use["kind"] == "exercise" else "page"
        if segment and use["kind"] == "exercise" and use["type"] in session_mode.TYPES:
            href = posixpath.relpath(use["page"], posixpath.dirname(from_page) or ".") + \
                session_mode.query(use["ref"], segment["minutes"], segment["title"])
            what += f"; run it with the room in [session mode]({href})"
        shown.append(f"{md_link(use['page'], from_page, use['title'])} ({what})")
    return "; ".join(shown) or "—"


def session_markdown(session: dict, from_page: str) -> str:
    out = [f"**Length:** {duration(session['minutes'])}  ", f"**For:** {text_with_links(session['audience'])}", "",
           text_with_links(session["about"]), "", packs_line(session, from_page), ""]
    out += objectives_markdown(session) + prepare_markdown(session) + run_sheet_markdown(session, from_page)
    out += segments_markdown(session, from_page)
    return "\n".join(out)


def pack_page(ident: str, kind: str) -> str:
    """The page of a session's printable pack (kind trainer or participant), next to the session's page."""
    return f"{PAGES}/{ident}-{kind}-pack.md"


def packs_line(session: dict, from_page: str) -> str:
    return (f"**To print:** {md_link(pack_page(session['id'], 'trainer'), from_page, 'trainer pack')} (run-sheet, "
            f"notes, answers, role cards and checklists) and "
            f"{md_link(pack_page(session['id'], 'participant'), from_page, 'participant pack')} (handouts without "
            f"answers).")


def objectives_markdown(session: dict, who: str = "people") -> list[str]:
    return (["## What people will be able to do { #objectives }" if who == "people" else
             "## What you will be able to do { #objectives }", "",
             f"By the end of the session, {who} will be able to:", ""]
            + [f"- {text_with_links(o)}" for o in session["objectives"]] + [""])


def prepare_markdown(session: dict) -> list[str]:
    out = ["## Before the session { #prepare }", ""]
    for key, heading in PREPARE:
        out += [f"### {heading} {{ #prepare-{key.replace('_', '-')} }}", "", '<div class="session-checklist" markdown="1">', ""]
        out += [f"- {text_with_links(item)}" for item in session["prepare"][key]] + ["", "</div>", ""]
    return out


def run_sheet_markdown(session: dict, from_page: str) -> list[str]:
    segments = session["segments"]
    out = ["## Run-sheet { #run-sheet }", "",
           "Times are from the start of the session. Each segment's notes and questions follow the table.", "",
           '<div class="session-run-sheet" markdown="1">', "",
           "| No. | Start | Minutes | Method | What happens | Use |", "| --- | --- | --- | --- | --- | --- |"]
    for s in segments:
        out.append(f"| [{s['number']}](#segment-{s['number']}) | {clock(s['start'])} | {s['minutes']} | {s['method']} "
                   f"| {text(s['title'])} | {use_cell(s['use'], from_page, s)} |")
    end = segments[-1]["start"] + segments[-1]["minutes"]
    breaks = sum(s["minutes"] for s in segments if s["method"] == "break")
    out += ["", "</div>", "",
            f'<p class="session-total"><strong>The timings add up:</strong> {len(segments)} segments, '
            f"{' + '.join(str(s['minutes']) for s in segments)} = {end} minutes, the session's stated length, "
            f"ending at {clock(end)}"
            + (f", with {breaks} minutes of breaks" if breaks else "") + ".</p>", ""]
    return out


def segments_markdown(session: dict, from_page: str) -> list[str]:
    out = ["## Segment by segment { #segments }", ""]
    for s in session["segments"]:
        out += [f"### {s['number']}. {text(s['title'])} {{ #segment-{s['number']} }}", "",
                f"**{clock(s['start'])} to {clock(s['start'] + s['minutes'])}**, {s['minutes']} minutes, "
                f"{s['method']}.", ""]
        if s["use"]:
            out += [f"**Use:** {use_cell(s['use'], from_page, s)}", ""]
        if s["notes"]:
            out += [f"**Notes:** {text_with_links(s['notes'])}", ""]
        if s["ask"]:
            out += ["**Questions to ask:**", ""] + [f"- {text_with_links(q)}" for q in s["ask"]] + [""]
    return out


def list_markdown(sessions: dict[str, dict], from_page: str) -> str:
    out = ["| Session | Length | For | About |", "| --- | --- | --- | --- |"]
    for s in sessions.values():
        out.append(f"| {md_link(s['page'], from_page, s['title'])} | {duration(s['minutes'])} "
                   f"| {text_with_links(s['audience'])} | {text_with_links(s['about'])} |")
    return "\n".join(out) + "\n"


def fill_sessions(markdown: str, page: str, sessions: dict[str, dict] | None) -> str:
    """Draw each [[session: id]] and [[sessions]] marker; a marker naming no plan raises ValueError."""
    if sessions is None:
        return markdown

    def one(found: re.Match) -> str:
        ident = found.group(1)
        if ident not in sessions:
            known = ", ".join(sessions) or "none"
            raise ValueError(f"docs/{page}: [[session: {ident[:60]}]]: there is no session plan "
                             f"docs/data/{FOLDER}/{ident[:60]}.yml (known: {known})")
        return session_markdown(sessions[ident], page)

    markdown = SESSION_MARKER.sub(one, markdown)
    return LIST_MARKER.sub(lambda _: list_markdown(sessions, page), markdown)
