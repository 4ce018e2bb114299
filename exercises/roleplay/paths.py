"""Every path through a conversation, as far as endings care: which moments can have happened on the
way to each ending. The checker uses it to prove that good endings are earned and that no ending's
words claim what the path did not contain.

A state is (node, moments so far). There are at most nodes × 2^moments states, however many paths
there are, so loops and long conversations are covered without listing paths one by one. A search
breadth first from the start keeps, for each state, the step that first reached it, so every problem
comes with the shortest path that shows it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Callable

from .model import Ending, Moment, Roleplay

Report = Callable[[tuple, str], None]
State = tuple[str, frozenset]


@dataclass(frozen=True)
class Arrival:
    """A way of ending: the ending a choice led to, where the path really ends, and the moments on it."""

    reached: Ending
    final: Ending
    happened: frozenset
    path: tuple[str, ...]  # node ids from the start, then the ending the choice led to
    choices: tuple[str, ...]  # the choice ids taken on the way (what the page sends the engine)


def arrivals(model: Roleplay) -> list[Arrival]:
    """One arrival for each (ending a choice leads to, set of moments) that some path can give."""
    start = model.node(model.start)
    if start is None:
        return []
    first: State = (start.id, frozenset())
    came_from: dict[State, tuple[State, str] | None] = {first: None}
    queue = deque([first])
    found: dict[tuple[str, frozenset], Arrival] = {}

    def trail(state: State) -> tuple[tuple[str, ...], tuple[str, ...]]:
        nodes, choices = [state[0]], []
        while came_from[state] is not None:
            state, choice_id = came_from[state]
            nodes.append(state[0])
            choices.append(choice_id)
        return tuple(nodes[::-1]), tuple(choices[::-1])

    while queue:
        state = queue.popleft()
        node = model.node(state[0])
        for choice in node.choices:
            happened = state[1] | model.happened([(node, choice)])
            ending = model.ending(choice.next)
            if ending is not None:
                if (ending.id, happened) not in found:
                    final, _ = model.resolve(ending, happened)
                    nodes, choices = trail(state)
                    found[(ending.id, happened)] = Arrival(ending, final, happened, nodes + (ending.id,),
                                                           choices + (choice.id,))
                continue
            nxt = (choice.next, happened)
            if model.node(choice.next) is not None and nxt not in came_from:
                came_from[nxt] = (state, choice.id)
                queue.append(nxt)
    return sorted(found.values(), key=lambda a: (len(a.path), a.path))


def route(arrival: Arrival) -> str:
    steps = " → ".join(arrival.path)
    if arrival.final.id != arrival.reached.id:
        steps += f", then if_missed → {arrival.final.id}"
    return steps


def check_paths(model: Roleplay, report: Report) -> None:
    """Good endings need every essential moment; claimed moments happened on every path to the ending."""
    at = {e.id: i for i, e in enumerate(model.endings)}
    essential = [m for m in model.moments if m.essential]
    seen: set[tuple[str, str, str]] = set()
    reached_finally: set[str] = set()

    def once(kind: str, ending: Ending, moment: Moment, message: str) -> None:
        if (kind, ending.id, moment.id) not in seen:
            seen.add((kind, ending.id, moment.id))
            report(("endings", at[ending.id]), message)

    for arrival in arrivals(model):
        final = arrival.final
        reached_finally.add(final.id)
        for moment in essential:
            if final.quality == "good" and moment.id not in arrival.happened:
                once("essential", final, moment,
                     f"a path reaches the good ending '{final.id}' without the essential moment '{moment.id}' "
                     f"(“{moment.label}”): {route(arrival)}. Add if_missed: {{{moment.id}: <a mixed ending>}} "
                     f"to '{arrival.reached.id}', or make the moment happen on that path")
        for claim in final.claims:
            moment = model.moment(claim)
            if moment is not None and claim not in arrival.happened:
                once("claim", final, moment,
                     f"its words claim '{claim}' (“{moment.label}”), but a path ends here without it: "
                     f"{route(arrival)}. Put the words that depend on it in a part with if: {claim}, "
                     f"or add if_missed: {{{claim}: <another ending>}}")
    for i, e in enumerate(model.endings):
        if e.id not in reached_finally and any(c.next == e.id for _, c in model.edges()) | any(
                t == e.id for other in model.endings for _, t in other.if_missed):
            report(("endings", i), "no path ends here: every path that leads here is sent on by if_missed, or no "
                                   "path misses the moment that would send it here")
