"""Read a readiness question set into a model, reporting every problem with its place."""

from __future__ import annotations

from ..definition import Header, read_page_path
from ..fields import Fields, unique_ids
from .model import PARTS, STAGES, Group, Readiness, Statement

LOCAL_LISTS = ("community_resources",)
MIN_PER_PART, MAX_PER_PART = 5, 8
MIN_PER_STAGE, MAX_PER_STAGE = 3, 5
MAX_LOCAL = 50


def read_statement(f: Fields, group: str) -> Statement:
    local = f.text("local", required=False, max_length=40)
    if local and local not in LOCAL_LISTS:
        f.report(f.path + ("local",), f"'{local}' is not a list in docs/data/local.yml: use one of {', '.join(LOCAL_LISTS)}")
    statement = Statement(
        id=f.ident("id"), text=f.text("text", max_length=200), learn_more=read_page_path(f, "learn_more"),
        next_step=f.text("next_step", max_length=300), help=f.text("help", max_length=200), local=local, group=group,
    )
    f.done()
    return statement


def read_groups(fields: Fields, key: str, id_key: str, expected: tuple[str, ...], low: int, high: int,
                seen: list) -> tuple[Group, ...]:
    groups = []
    entries = fields.items(key, min_items=len(expected))
    ids = [item.get(id_key) if isinstance(item, dict) else None for _, item in entries]
    if fields.ok and entries and ids != list(expected):
        fields.report((key,), f"needs exactly {', '.join(expected)}, in that order (found {', '.join(map(str, ids))})")
    for path, item in entries:
        f = Fields(item, path, fields.report)
        gid = f.text(id_key, max_length=40)
        statements = []
        found = f.items("statements", min_items=low)
        if len(found) > high:
            f.report(path + ("statements",), f"has {len(found)} statements; the most is {high}")
        for spath, sitem in found:
            s = read_statement(Fields(sitem, spath, fields.report), gid)
            statements.append(s)
            seen.append((spath + ("id",), s.id))
        f.done()
        groups.append(Group(gid, tuple(statements)))
    return tuple(groups)


def read_local(f: Fields) -> dict:
    """The locality's lists the build copied in from docs/data/local.yml (already checked there)."""
    out: dict = {"locality": f.text("locality", required=False, max_length=200)}
    for name in LOCAL_LISTS:
        rows = []
        for path, row in f.items(name, required=False)[:MAX_LOCAL]:
            rf = Fields(row, path, f.report)
            rows.append({"name": rf.text("name", max_length=600), "what": rf.text("what", max_length=600),
                         "contact": rf.text("contact", required=False, max_length=600)})
            rf.done()
        out[name] = rows
    f.done()
    return out


def load(fields: Fields, header: Header) -> Readiness:
    intro = fields.text("intro", required=False)
    seen: list = []
    parts = read_groups(fields, "parts", "house", PARTS, MIN_PER_PART, MAX_PER_PART, seen)
    stages = read_groups(fields, "stages", "id", tuple(s for s, _ in STAGES), MIN_PER_STAGE, MAX_PER_STAGE, seen)
    unique_ids(seen, fields.report, "statement")
    local = read_local(fields.mapping("local", required=False))
    return Readiness(header, intro, parts, stages, local)


def linked_pages(model: Readiness) -> list[tuple[tuple, str]]:
    out = []
    for key, groups in (("parts", model.parts), ("stages", model.stages)):
        for i, g in enumerate(groups):
            for j, s in enumerate(g.statements):
                out.append(((key, i, "statements", j, "learn_more"), s.learn_more))
    return out
