"""Read a role-play definition into a model, reporting every problem with its place.

Fields are read first (`load`); a definition over a limit (nodes, choices, endings, dimensions, moments)
is reported and checked no further. Then the conversation is checked as a whole (`check_graph`):
every choice leads somewhere, every node can be reached, every path ends, scores stay in range
and following the best choices reaches a good ending. Last, `paths.check_paths` proves over every
path that good endings are earned and that no ending's words claim what the path did not contain.
"""

from __future__ import annotations

import re

from ..definition import Header
from ..fields import Fields, Report, one_of, texts, type_name, unique_ids
from .model import (HOUSE, QUALITIES, SETTINGS, STEPS, Carer, Choice, Dimension, Ending, Guidance, GuidanceItem,
                    Moment, Node, Part, Person, Practitioner, Preparation, Roleplay)
from .paths import Moves, check_paths
from .score import Extremes, by_dimension

# Limits. A definition over any of them is reported and not analysed further, so that checking it stays
# quick: path checks walk up to nodes × choices × 2^moments states.
MAX_NODES = 100
MAX_CHOICES = 6
MAX_ENDINGS = 40
MAX_DIMENSIONS = 10
MAX_EFFECT = 10
MAX_MOMENTS = 12
MAX_GUIDANCE = 12
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Places:
    """Passes problems on, adding which node, choice or ending they are in: '(in node 'x', choice 'y')'."""

    def __init__(self, report: Report):
        self.report = report
        self.pending: list[tuple[tuple, str]] = []
        self.nodes: dict[int, str] = {}
        self.choices: dict[tuple[int, int], str] = {}
        self.endings: dict[int, str] = {}

    def __call__(self, path: tuple, message: str) -> None:
        self.pending.append((path, message))

    def label(self, path: tuple) -> str:
        parts = []
        if len(path) >= 2 and path[0] == "nodes" and self.nodes.get(path[1]):
            parts.append(f"node '{self.nodes[path[1]]}'")
            if len(path) >= 4 and path[2] == "choices" and self.choices.get((path[1], path[3])):
                parts.append(f"choice '{self.choices[(path[1], path[3])]}'")
        elif len(path) >= 2 and path[0] == "endings" and self.endings.get(path[1]):
            parts.append(f"ending '{self.endings[path[1]]}'")
        return f" (in {', '.join(parts)})" if parts else ""

    def flush(self) -> None:
        for path, message in self.pending:
            self.report(path, message + self.label(path))
        self.pending.clear()


def read_person(f: Fields) -> Person:
    person = Person(
        name=f.text("name", max_length=80),
        age=f.integer("age", minimum=0, maximum=120),
        conditions=texts(f, "conditions"),
        home_life=f.text("home_life", max_length=1000),
        what_matters=f.text("what_matters", max_length=1000),
        role_notes=f.text("role_notes", required=False, max_length=1500),
    )
    f.done()
    return person


def read_dimension(f: Fields) -> Dimension:
    dim = Dimension(
        id=f.ident("id"),
        label=f.text("label", max_length=80),
        description=f.text("description", max_length=400),
        min=f.integer("min"),
        max=f.integer("max"),
        step=one_of(f, "step", STEPS, "step of care and support planning"),
        house=one_of(f, "house", HOUSE, "part of the house"),
    )
    if dim.min > 0:
        f.report(f.path + ("min",), f"min is {dim.min}, but every score starts at 0: min must be 0 or less")
    if dim.max < 0:
        f.report(f.path + ("max",), f"max is {dim.max}, but every score starts at 0: max must be 0 or more")
    if dim.min == dim.max == 0 and f.ok and "min" in f.data and "max" in f.data:
        f.report(f.path + ("max",), "min and max are both 0: give the score some room, e.g. min: -2, max: 4")
    f.done()
    return dim


def read_effects(f: Fields, dims: set[str]) -> dict[str, int]:
    effects: dict[str, int] = {}
    for key, value in f.data.items():
        f.seen.add(key)
        where = f.path + (str(key),)
        if key not in dims:
            f.report(where, f"'{key}' is not one of the dimensions declared at the top ({', '.join(sorted(dims))})")
        elif isinstance(value, bool) or not isinstance(value, int):
            f.report(where, "expected a whole number, e.g. 1 or -1")
        elif abs(value) > MAX_EFFECT:
            f.report(where, f"{value} is too big a step; effects run from -{MAX_EFFECT} to {MAX_EFFECT}")
        else:
            effects[str(key)] = value
    return effects


def read_choice(f: Fields, dims: set[str]) -> Choice:
    ident = f.ident("id")
    say = f.text("say", max_length=600)
    nxt = f.ident("next")
    feedback = f.text("feedback", required=False, max_length=1500)
    if not feedback and f.ok:
        f.report(f.path + ("feedback",), "every choice needs feedback: say why this choice helps or not")
    skills = tuple(s for s in texts(f, "skills", required=False, max_length=60))
    effects = read_effects(f.mapping("effects", required=False), dims)
    best = f.flag("best")
    f.done()
    return Choice(id=ident, say=say, next=nxt, feedback=feedback, skills=skills, effects=effects, best=best)


def read_node(f: Fields, i: int, places: Places, dims: set[str]) -> Node:
    ident = f.ident("id")
    places.nodes[i] = ident
    says = f.text("says", max_length=1500)
    speaker = f.text("speaker", required=False, max_length=80)
    context = f.text("context", required=False, max_length=600)
    discussion = f.text("discussion", required=False, max_length=600)
    choices = []
    entries = f.items("choices", min_items=0)
    if not entries and f.ok and "choices" in f.data:
        f.report(f.path + ("choices",), "has no choices, so the conversation would stop here without an ending: "
                                        "add at least one choice")
    if len(entries) > MAX_CHOICES:
        f.report(f.path + ("choices",), f"has {len(entries)} choices; the limit is {MAX_CHOICES}")
    for j, (path, item) in enumerate(entries):
        cf = Fields(item, path, places)
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            places.choices[(i, j)] = item["id"]
        choices.append(read_choice(cf, dims))
    unique_ids([(f.path + ("choices", j, "id"), c.id) for j, c in enumerate(choices)], places, "choice")
    f.done()
    return Node(id=ident, says=says, choices=tuple(choices), speaker=speaker, context=context, discussion=discussion)


def read_parts(f: Fields, key: str, moments: set[str], max_length: int) -> tuple[Part, ...]:
    """Words that may depend on moments: a text, or a list of texts and {text, if | unless} mappings."""
    value = f.raw(key)
    if isinstance(value, str):
        entries = [(f.path + (key,), value)]
    else:
        entries = f.items(key, min_items=1)
    parts = []
    for path, item in entries:
        if isinstance(item, dict):
            pf = Fields(item, path, f.report)
            text = pf.text("text", max_length=max_length)
            when, unless = (moment_ref(pf, k, moments) for k in ("if", "unless"))
            if when and unless:
                pf.report(path + ("unless",), "give either 'if' or 'unless', not both")
            pf.done()
            if text:
                parts.append(Part(text, when, unless))
        elif not isinstance(item, str) or not item.strip():
            f.report(path, f"expected a line of text, or a mapping with 'text' and 'if' or 'unless'; found "
                           f"{type_name(item)}")
        elif len(item.strip()) > max_length:
            f.report(path, f"is {len(item.strip())} characters long; the limit is {max_length}")
        else:
            parts.append(Part(item.strip()))
    return tuple(parts)


def moment_ref(f: Fields, key: str, moments: set[str]) -> str:
    value = f.ident(key, required=False)
    if value and value not in moments:
        f.report(f.path + (key,), f"'{value}' is not one of the moments declared at the top"
                                  f" ({', '.join(sorted(moments)) or 'none declared'})")
    return value


def read_ending(f: Fields, i: int, places: Places, moments: set[str]) -> Ending:
    ident = f.ident("id")
    places.endings[i] = ident
    claims = []
    for path, item in f.items("claims", required=False):
        if not isinstance(item, str) or item not in moments:
            f.report(path, f"'{item}' is not one of the moments declared at the top"
                           f" ({', '.join(sorted(moments)) or 'none declared'})")
        else:
            claims.append(item)
    missed = []
    mf = f.mapping("if_missed", required=False)
    for key, target in mf.data.items():
        mf.seen.add(key)
        where = mf.path + (str(key),)
        if key not in moments:
            f.report(where, f"'{key}' is not one of the moments declared at the top"
                            f" ({', '.join(sorted(moments)) or 'none declared'})")
        elif not isinstance(target, str) or not target.strip():
            f.report(where, "expected the id of the ending to go to instead")
        else:
            missed.append((str(key), target.strip()))
    ending = Ending(
        id=ident,
        title=f.text("title", max_length=120),
        what_happened=read_parts(f, "what_happened", moments, 1500),
        plan=read_parts(f, "plan", moments, 300),
        quality=one_of(f, "quality", QUALITIES, "quality"),
        claims=tuple(claims),
        if_missed=tuple(missed),
    )
    f.done()
    return ending


def real_date(text: str) -> bool:
    import datetime as dt

    try:
        return bool(DATE.match(text)) and dt.date.fromisoformat(text) is not None
    except ValueError:
        return False


def read_guidance(f: Fields) -> Guidance:
    checked = f.raw("checked")
    if checked is not None and not isinstance(checked, str):
        f.seen.add("checked")
        f.report(f.path + ("checked",), "write the date in quotes, e.g. checked: \"2026-11-22\", so that it stays "
                                        "text in the page")
        checked = ""
    else:
        checked = f.text("checked", max_length=10)
        if checked and not real_date(checked):
            f.report(f.path + ("checked",), f"'{checked}' is not a date: write it as YYYY-MM-DD, e.g. \"2026-11-22\"")
            checked = ""
    items = []
    entries = f.items("follows", min_items=1)
    if len(entries) > MAX_GUIDANCE:
        f.report(f.path + ("follows",), f"has {len(entries)} entries; the limit is {MAX_GUIDANCE}")
    for path, item in entries:
        gf = Fields(item, path, f.report)
        entry = GuidanceItem(ref=gf.text("ref", max_length=40), title=gf.text("title", max_length=200),
                             used_for=gf.text("used_for", max_length=600),
                             url=gf.text("url", required=False, max_length=300))
        if entry.url and not re.match(r"^https://[^\s<>\"']+$", entry.url):
            gf.report(path + ("url",), f"'{entry.url[:80]}' is not a web address: give an https:// address, or leave "
                                       f"it out")
        gf.done()
        items.append(entry)
    f.done()
    return Guidance(checked=checked, follows=tuple(items))


def read_moment(f: Fields) -> Moment:
    ident = f.ident("id")
    label = f.text("label", max_length=200)
    at = []
    for path, item in f.items("at", min_items=1):
        if not isinstance(item, str) or not re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?::[a-z0-9]+(?:-[a-z0-9]+)*)?$",
                                                     item.strip()):
            f.report(path, f"'{item}' is not a place: give a node id (the node is reached) or node-id:choice-id "
                           f"(that choice is taken)")
        else:
            at.append(item.strip())
    moment = Moment(id=ident, label=label, at=tuple(at), essential=f.flag("essential"))
    f.done()
    return moment


def check_moment_places(model: Roleplay, report: Report) -> None:
    """Every place a moment names exists: a node, or a choice of that node."""
    for i, m in enumerate(model.moments):
        for j, place in enumerate(m.at):
            node_id, _, choice_id = place.partition(":")
            node = model.node(node_id)
            where = ("moments", i, "at", j)
            if node is None:
                what = "an ending (a moment happens on the way, before the ending)" if model.ending(node_id) else \
                    "not a node"
                report(where, f"'{node_id}' is {what}; give a node id, or node-id:choice-id")
            elif choice_id and node.choice(choice_id) is None:
                report(where, f"node '{node_id}' has no choice '{choice_id}' (its choices: "
                              f"{', '.join(c.id for c in node.choices)})")


def load(fields: Fields, header: Header) -> Roleplay:
    places = Places(fields.report)
    summary = fields.text("summary", max_length=1000)
    setting = one_of(fields, "setting", SETTINGS, "setting")
    person = read_person(fields.mapping("person"))
    carer = None
    if fields.raw("carer") is not None:
        cf = fields.mapping("carer")
        carer = Carer(name=cf.text("name", max_length=80), relationship=cf.text("relationship", max_length=80),
                      role_notes=cf.text("role_notes", required=False, max_length=1500))
        cf.done()
    pf = fields.mapping("practitioner")
    practitioner = Practitioner(role=pf.text("role", max_length=80), notes=pf.text("notes", max_length=1500))
    pf.done()
    prep = fields.mapping("preparation")
    preparation = Preparation(summary=prep.text("summary", max_length=1500),
                              results=texts(prep, "results", required=False),
                              prompts=texts(prep, "prompts", required=False))
    prep.done()

    guidance = None
    if fields.raw("guidance") is None:
        fields.report(("guidance",), "this field is required but missing: name the clinical guidance the scenario "
                                     "follows, and the date it was checked (see the role-play format page)")
    else:
        guidance = read_guidance(fields.mapping("guidance"))
    over_limit = False
    dimension_items = fields.items("dimensions", min_items=1)
    if len(dimension_items) > MAX_DIMENSIONS:
        fields.report(("dimensions",), f"has {len(dimension_items)} dimensions; the limit is {MAX_DIMENSIONS}")
        over_limit = True
    dimensions = [read_dimension(Fields(item, path, fields.report)) for path, item in dimension_items]
    unique_ids([(("dimensions", i, "id"), d.id) for i, d in enumerate(dimensions)], fields.report, "dimension")
    dims = {d.id for d in dimensions if d.id}

    moment_items = fields.items("moments", min_items=1)
    if len(moment_items) > MAX_MOMENTS:
        fields.report(("moments",), f"has {len(moment_items)} moments; the limit is {MAX_MOMENTS}")
        over_limit = True
    moments = [read_moment(Fields(item, path, fields.report)) for path, item in moment_items[:MAX_MOMENTS]]
    unique_ids([(("moments", i, "id"), m.id) for i, m in enumerate(moments)], fields.report, "moment")
    if moment_items and not any(m.essential for m in moments):
        fields.report(("moments",), "no moment is marked essential: true. Mark what this scenario teaches, so that "
                                    "a good ending needs it")
    moment_ids = {m.id for m in moments if m.id}

    start = fields.ident("start")
    node_items = fields.items("nodes", min_items=1)
    if len(node_items) > MAX_NODES:
        fields.report(("nodes",), f"has {len(node_items)} nodes; the limit is {MAX_NODES}: the conversation is "
                                  f"not checked further until it is within the limit")
        over_limit = True
    nodes = [read_node(Fields(item, path, places), i, places, dims) for i, (path, item) in enumerate(node_items)]
    over_limit = over_limit or any(len(n.choices) > MAX_CHOICES for n in nodes)
    ending_items = fields.items("endings", min_items=1)
    if len(ending_items) > MAX_ENDINGS:
        fields.report(("endings",), f"has {len(ending_items)} endings; the limit is {MAX_ENDINGS}")
        over_limit = True
    endings = [read_ending(Fields(item, path, places), i, places, moment_ids)
               for i, (path, item) in enumerate(ending_items)]
    unique_ids([(("nodes", i, "id"), n.id) for i, n in enumerate(nodes)]
               + [(("endings", i, "id"), e.id) for i, e in enumerate(endings)], places, "node or ending")

    model = Roleplay(header=header, summary=summary, setting=setting, person=person, carer=carer,
                     practitioner=practitioner, preparation=preparation, dimensions=tuple(dimensions),
                     start=start, nodes=tuple(nodes), endings=tuple(endings), guidance=guidance,
                     moments=tuple(moments))
    ids = [n.id for n in nodes] + [e.id for e in endings]
    if nodes and endings and start and len(set(ids)) == len(ids) and not over_limit:
        check_moment_places(model, places)
        if check_graph(model, places):
            check_paths(model, places)
    places.flush()
    return model


def linked_pages(model: Roleplay) -> list[tuple[tuple, str]]:
    return []


# ---- the conversation as a whole ------------------------------------------------------------


def arrows(ids: list[str]) -> str:
    return " → ".join(ids)


def check_graph(model: Roleplay, report: Report) -> bool:
    """Checks the conversation's shape; True when it is sound enough to check every path."""
    node_at = {n.id: i for i, n in enumerate(model.nodes)}
    ending_at = {e.id: i for i, e in enumerate(model.endings)}
    known = set(node_at) | set(ending_at)

    def choice_path(node_id: str, choice: Choice, key: str) -> tuple:
        node = model.nodes[node_at[node_id]]
        return ("nodes", node_at[node_id], "choices", node.choices.index(choice), key)

    sound = True
    if model.start in ending_at:
        report(("start",), f"'{model.start}' is an ending; the start must be a node")
        return False
    if model.start not in node_at:
        report(("start",), f"there is no node with id '{model.start}'")
        return False
    for node_id, choice in model.edges():
        if choice.next not in known:
            sound = False  # an empty `next` has been reported already, where it was read
            if choice.next:
                report(choice_path(node_id, choice, "next"),
                       f"leads to '{choice.next}', but there is no node or ending with that id")
    sound = sound and all(n.choices for n in model.nodes)
    sound = check_if_missed(model, ending_at, node_at, report) and sound

    reached = {model.start}
    todo = [model.start]
    while todo:
        ident = todo.pop()
        node, ending = model.node(ident), model.ending(ident)
        onward = [c.next for c in node.choices] if node else [t for _, t in ending.if_missed] if ending else []
        for nxt in onward:
            if nxt in known and nxt not in reached:
                reached.add(nxt)
                todo.append(nxt)
    for i, n in enumerate(model.nodes):
        if n.id not in reached:
            report(("nodes", i), f"cannot be reached: no path from the start ('{model.start}') leads to this node")
    for i, e in enumerate(model.endings):
        if e.id not in reached:
            report(("endings", i), f"cannot be reached: no path from the start ('{model.start}') leads to this ending")
    if not sound:
        return False  # the checks below need every choice to lead somewhere
    if not check_every_path_ends(model, reached, node_at, report):
        return False
    check_scores(model, report)
    return check_best(model, node_at, report)


def check_if_missed(model: Roleplay, ending_at: dict, node_at: dict, report: Report) -> bool:
    """Every `if_missed` goes to another ending, and following them never goes round in a circle."""
    ok = True
    for i, e in enumerate(model.endings):
        for moment, target in e.if_missed:
            where = ("endings", i, "if_missed", moment)
            if target == e.id:
                report(where, f"sends '{e.id}' to itself: name another ending")
                ok = False
            elif target not in ending_at:
                what = "a node; if_missed must name an ending" if target in node_at else "not an ending"
                report(where, f"'{target}' is {what}")
                ok = False
    if not ok:
        return False
    for i, e in enumerate(model.endings):
        trail, at = [e.id], e
        while at.if_missed:
            follow = [t for _, t in at.if_missed if t in trail]
            if follow:
                report(("endings", i, "if_missed"),
                       f"going from ending to ending through if_missed can go round in a circle "
                       f"({arrows(trail + follow[:1])}): an ending reached instead must not lead back")
                return False
            # one chain at a time is enough: every target is itself checked as a start
            at = model.endings[ending_at[at.if_missed[0][1]]]
            trail.append(at.id)
    return True


def check_every_path_ends(model: Roleplay, reached: set[str], node_at: dict, report: Report) -> bool:
    """A loop is fine if some choice leaves it toward an ending; report loops with no way out."""
    can_end = {e.id for e in model.endings}
    grew = True
    while grew:
        grew = False
        for n in model.nodes:
            if n.id not in can_end and any(c.next in can_end for c in n.choices):
                can_end.add(n.id)
                grew = True
    trapped = [n for n in model.nodes if n.id in reached and n.id not in can_end]
    loops_seen: set[frozenset] = set()
    for n in trapped:
        walk = [n.id]
        while walk.count(walk[-1]) < 2:
            walk.append(model.nodes[node_at[walk[-1]]].choices[0].next)
        loop = walk[walk.index(walk[-1]):]
        if frozenset(loop) in loops_seen:
            continue
        loops_seen.add(frozenset(loop))
        first = min(loop, key=lambda ident: node_at[ident])
        report(("nodes", node_at[first]),
               f"the conversation can go round in a loop here with no way out to an ending ({arrows(loop)}): "
               f"give one of these nodes a choice that leads toward an ending")
    return not trapped


def check_scores(model: Roleplay, report: Report) -> None:
    used = {dim for _, c in model.edges() for dim in c.effects}
    for i, dim in enumerate(model.dimensions):
        if not dim.id:
            continue
        if dim.id not in used:
            report(("dimensions", i), f"no choice changes the score for '{dim.id}': add it to some choices' effects, "
                                      f"or remove the dimension")
            continue
        for highest, key, limit in ((True, "max", dim.max), (False, "min", dim.min)):
            ext = Extremes(model, by_dimension(dim.id), highest)
            if ext.unbounded:
                loop = [src for src, _ in ext.loop] + [ext.loop[0][0]] if ext.loop else []
                change = sum(c.effects.get(dim.id, 0) for _, c in ext.loop)
                report(("dimensions", i),
                       f"the loop {arrows(loop)} changes '{dim.id}' by {change:+d} each time round, so its score has "
                       f"no {'upper' if highest else 'lower'} limit: make the effects round the loop add up to 0")
                break
            value, where = ext.extreme(highest)
            if (highest and value > limit) or (not highest and value < limit):
                route = arrows([model.start] + [c.next for _, c in ext.path_to(where)])
                report(("dimensions", i, key),
                       f"the path {route} takes '{dim.id}' to {value}, {'above' if highest else 'below'} the declared "
                       f"{key} of {limit}: change {key} to {value}, or change the effects")


def check_best(model: Roleplay, node_at: dict, report: Report) -> bool:
    """Following the best choices from the start ends well on every best route (moments included).

    A search depth first over (node, moments so far), each visited once: at most nodes × 2^moments states."""
    if not any(c.best for _, c in model.edges()):
        report(("nodes",), "no best path: no choice is marked best: true. Mark the best choice at each decision, "
                           "so that following them from the start reaches a good ending")
        return False
    moves = Moves(model)
    done: set[tuple[str, int]] = set()
    reported: set[tuple] = set()
    ok = True

    def problem(where: tuple, message: str) -> None:
        nonlocal ok
        ok = False
        if where not in reported:
            reported.add(where)
            report(where, message)

    trail: list[str] = []  # the node ids of the path being followed, the current node last
    on_trail: dict[str, int] = {}
    frames: list = []  # (node id, the states to go on to, in the order to take them)

    def enter(node_id: str, mask: int) -> None:
        """Check every best choice of a node reached with these moments; note where to go on to."""
        done.add((node_id, mask))
        trail.append(node_id)
        on_trail[node_id] = on_trail.get(node_id, 0) + 1
        i = node_at[node_id]
        node = model.nodes[i]
        onward = []
        if not node.best_choices:
            problem(("nodes", i), f"is on the best path ({arrows(trail)}), but none of its choices is marked "
                                  f"best: true")
        masks = moves.masks[node_id]
        for j, choice in enumerate(node.choices):
            if not choice.best:
                continue
            walked = mask | masks[j]
            ending = moves.endings.get(choice.next)
            if ending is not None:
                final, detours = moves.resolve(ending, walked)
                if final.quality != "good":
                    missed = "; ".join(f"'{m.id}' did not happen, so '{e.id}' goes to its if_missed ending"
                                       for e, m in detours)
                    problem(("nodes", i, "choices", j, "best"),
                            f"following best choices ends at '{final.id}', whose quality is {final.quality}"
                            + (f" ({missed})" if missed else "") + "; best choices must lead to a good ending"
                            + (": put the missed moment on the best path" if missed else ""))
            elif on_trail.get(choice.next):
                loop = trail[trail.index(choice.next):]  # a node is on the trail at most once
                problem(("nodes", i, "choices", j, "best"),
                        f"following best choices goes round in a loop ({arrows(loop + [choice.next])}) "
                        f"and never reaches an ending")
            else:
                onward.append((choice.next, walked))
        frames.append((node_id, onward))  # taken from the end: the last best choice is followed first

    enter(model.start, 0)
    while frames:
        node_id, onward = frames[-1]
        while onward and onward[-1] in done:
            onward.pop()
        if onward:
            enter(*onward.pop())
        else:
            frames.pop()
            trail.pop()
            on_trail[node_id] -= 1
    return ok
