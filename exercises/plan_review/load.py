"""Read a rubric, and an example plan with its reference marking, reporting every problem with its place.

A plan's definition carries its rubric (the build copies it in from exercises/content/rubrics/), so the
same reader checks a rubric file on its own and the rubric inside a plan.
"""

from __future__ import annotations

import re

from ..care_planning import HOUSE, SETTINGS, STEPS
from ..definition import Header, read_page_path
from ..fields import Fields, one_of, texts, unique_ids
from .model import QUALITIES, Criterion, Level, Mark, Plan, Rubric, Section

PLAN_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")
MAX_CRITERIA = 12
MIN_CRITERIA = 8
MAX_LEVELS = 6
MAX_SECTIONS = 16
MAX_ROWS = 20


def read_rubric(f: Fields) -> Rubric:
    rid = f.ident("id")
    version = f.integer("version", minimum=1, maximum=999)
    title = f.text("title", max_length=200)
    intro = f.text("intro", required=False)
    levels = []
    for path, item in f.items("levels", min_items=2):
        lf = Fields(item, path, f.report)
        score = lf.integer("score", minimum=0, maximum=9)
        if lf.ok and score != len(levels):
            f.report(path + ("score",), f"levels go up in ones from 0: this one should be {len(levels)}")
        levels.append(Level(score, lf.text("name", max_length=40)))
        lf.done()
    if len(levels) > MAX_LEVELS:
        f.report(f.path + ("levels",), f"has {len(levels)} levels; the limit is {MAX_LEVELS}")
    criteria = []
    entries = f.items("criteria", min_items=MIN_CRITERIA)
    if len(entries) > MAX_CRITERIA:
        f.report(f.path + ("criteria",), f"has {len(entries)} criteria; a rubric has {MIN_CRITERIA} to {MAX_CRITERIA}")
    for path, item in entries:
        cf = Fields(item, path, f.report)
        criterion = Criterion(
            id=cf.ident("id"),
            title=cf.text("title", max_length=120),
            step=one_of(cf, "step", STEPS, "step of care and support planning"),
            house=one_of(cf, "house", HOUSE, "part of the house"),
            learn_more=read_page_path(cf, "learn_more"),
            descriptors=texts(cf, "looks_like", max_length=400),
        )
        if levels and cf.ok and criterion.descriptors and len(criterion.descriptors) != len(levels):
            f.report(path + ("looks_like",), f"has {len(criterion.descriptors)} descriptions; give one for each of "
                                             f"the rubric's {len(levels)} levels, in order from {levels[0].name}")
        cf.done()
        criteria.append((path, criterion))
    unique_ids([(p + ("id",), c.id) for p, c in criteria], f.report, "criterion")
    f.done()
    return Rubric(rid, version, title, intro, tuple(levels), tuple(c for _, c in criteria))


def read_section(f: Fields) -> Section:
    heading = f.text("heading", max_length=120)
    text = f.text("text", required=False, max_length=3000)
    paragraphs = tuple(p.strip() for p in text.split("\n\n") if p.strip())
    items = texts(f, "items", required=False, max_length=400)
    columns = texts(f, "columns", required=False, max_length=60)
    rows = []
    for path, row in f.items("rows", required=False):
        if not isinstance(row, list) or len(row) != len(columns) or not all(isinstance(c, str) for c in row):
            f.report(path, f"a row is a list of {len(columns)} texts, one for each of the columns")
            continue
        rows.append(tuple(c.strip() for c in row))
    facts = []
    for path, row in f.items("facts", required=False):
        if not isinstance(row, list) or len(row) != 2 or not all(isinstance(c, str) and c.strip() for c in row):
            f.report(path, "a fact is a list of two texts: what it is, then its value")
            continue
        facts.append((row[0].strip(), row[1].strip()))
    if len(rows) > MAX_ROWS or len(facts) > MAX_ROWS:
        f.report(f.path, f"has more than {MAX_ROWS} rows; the limit is {MAX_ROWS}")
    if columns and not rows:
        f.report(f.path + ("rows",), "a table needs rows as well as columns")
    if f.ok and not (paragraphs or items or rows or facts):
        f.report(f.path, "a section needs some text, items, facts, or a table (columns and rows)")
    f.done()
    return Section(heading, paragraphs, items, columns, tuple(rows), tuple(facts))


def load(fields: Fields, header: Header) -> Plan:
    report = fields.report
    code = fields.text("code", max_length=10)
    if code and not PLAN_CODE.match(code):
        report(("code",), f"'{code}' is not a plan code: use 2 to 10 capital letters or digits, starting with a letter "
                          "(it goes into the codes participants share, e.g. GARY)")
    intro = fields.text("intro", required=False)
    about = fields.text("about", max_length=1000)
    setting = one_of(fields, "setting", SETTINGS, "setting")
    carer = fields.flag("carer")
    roleplay = fields.ident("roleplay", required=False)
    quality = one_of(fields, "quality", QUALITIES, "quality")
    rf = fields.mapping("rubric")
    rubric = read_rubric(rf) if rf.ok else Rubric("", 1, "", "", (), ())

    doc = fields.mapping("document")
    document_title = doc.text("title", max_length=120)
    sections = [read_section(Fields(item, path, report)) for path, item in doc.items("sections", min_items=1)]
    if len(sections) > MAX_SECTIONS:
        report(("document", "sections"), f"has {len(sections)} sections; the limit is {MAX_SECTIONS}")
    doc.done()

    reference: dict[str, Mark] = {}
    ref = fields.mapping("reference")
    top = len(rubric.levels) - 1
    for criterion in rubric.criteria:
        if criterion.id not in ref.data:
            if ref.ok:
                report(("reference", criterion.id), f"this criterion of the rubric has no reference mark: give its "
                                                    f"score (0 to {top}) and why")
            continue
        mf = ref.mapping(criterion.id)
        score = mf.integer("score", minimum=0, maximum=max(top, 0))
        reference[criterion.id] = Mark(score, mf.text("why", max_length=800))
        mf.done()
    for key in ref.data:
        if key not in reference and rubric.criterion(str(key)) is None:
            ref.seen.add(key)
            report(("reference", str(key)), f"there is no criterion '{key}' in the rubric '{rubric.id}'")
    return Plan(header, code, intro, about, setting, carer, roleplay, rubric, document_title, tuple(sections),
                reference, quality)


def linked_pages(plan: Plan) -> list[tuple[tuple, str]]:
    links = [(("rubric", "criteria", i, "learn_more"), c.learn_more) for i, c in enumerate(plan.rubric.criteria)]
    if plan.roleplay:
        links.append((("roleplay",), f"exercises/roleplay/{plan.roleplay}.md"))
    return links
