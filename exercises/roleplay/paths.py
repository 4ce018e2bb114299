"""Every path through a conversation, as far as endings care: which moments can have happened on the
way to each ending. The checker uses it to prove that good endings are earned and that no ending's
words claim what the path did not contain.

A state is (node, moments so far). There are at most nodes × 2^moments states, however many paths
there are, so loops and long conversations are covered without listing paths one by one (the loader's
limits keep that number bounded: 100 nodes, 12 moments). A search breadth first from the start keeps,
for each state, the step that first reached it, so every problem comes with a shortest path that shows it.
"""

from __future__ import annotations

from collections import deque
from typing import Callable

from .model import Ending, Moment, Node, Roleplay

Report = Callable[[tuple, str], None]
State = tuple[str, int]  # (node id, the moments so far as bits)


class Moves:
    """The conversation as lookups, so that walking many paths stays quick: nodes and endings by id, and the
    moments each choice makes happen, as bits of a number (one bit a moment)."""

    def __init__(self, model: Roleplay):
        self.model = model
        self.nodes = {}
        for n in model.nodes:
            self.nodes.setdefault(n.id, n)
        self.endings = {}
        for e in model.endings:
            self.endings.setdefault(e.id, e)
        self.bits: dict[str, int] = {}
        for m in model.moments:
            self.bits.setdefault(m.id, 1 << len(self.bits))
        self.masks: dict[str, list[int]] = {}
        for n in self.nodes.values():
            row = []
            for c in n.choices:
                places = (n.id, f"{n.id}:{c.id}")
                row.append(sum({self.bits[m.id] for m in model.moments if any(p in m.at for p in places)}))
            self.masks[n.id] = row
        self._ids: dict[int, frozenset] = {}
        self._resolved: dict[tuple[str, int], tuple[Ending, list]] = {}

    def happened(self, mask: int) -> frozenset:
        """The ids of the moments a mask holds."""
        found = self._ids.get(mask)
        if found is None:
            found = self._ids[mask] = frozenset(i for i, bit in self.bits.items() if mask & bit)
        return found

    def resolve(self, ending: Ending, mask: int) -> tuple[Ending, list[tuple[Ending, Moment]]]:
        """`model.resolve`, once for each ending and set of moments."""
        key = (ending.id, mask)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self.model.resolve(ending, self.happened(mask))
        return found


class Arrival:
    """A way of ending: the ending a choice led to, where the path really ends, and the moments on it.

    `path` (node ids from the start, then the ending the choice led to) and `choices` (the choice ids taken on
    the way: what the page sends the engine) are worked out when asked for."""

    __slots__ = ("reached", "final", "happened", "_trail", "_found")

    def __init__(self, reached: Ending, final: Ending, happened: frozenset, trail: Callable):
        self.reached, self.final, self.happened = reached, final, happened
        self._trail = trail
        self._found = None

    def _walk(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if self._found is None:
            self._found = self._trail()
        return self._found

    @property
    def path(self) -> tuple[str, ...]:
        return self._walk()[0]

    @property
    def choices(self) -> tuple[str, ...]:
        return self._walk()[1]

    def __repr__(self) -> str:
        return f"Arrival({self.reached.id} -> {self.final.id}, {sorted(self.happened)})"


def arrivals(model: Roleplay, moves: Moves | None = None) -> list[Arrival]:
    """One arrival for each (ending a choice leads to, set of moments) that some path can give, shortest
    paths first. The work is at most one step for each (node, set of moments, choice)."""
    moves = moves or Moves(model)
    start = moves.nodes.get(model.start)
    if start is None:
        return []
    first: State = (start.id, 0)
    came_from: dict[State, tuple[State, str] | None] = {first: None}
    queue = deque([first])
    found: dict[tuple[str, int], Arrival] = {}

    def trail(state: State, last: str, choice_id: str) -> Callable:
        def walk() -> tuple[tuple[str, ...], tuple[str, ...]]:
            at, nodes, choices = state, [state[0]], []
            while came_from[at] is not None:
                at, taken = came_from[at]
                nodes.append(at[0])
                choices.append(taken)
            return tuple(nodes[::-1]) + (last,), tuple(choices[::-1]) + (choice_id,)
        return walk

    while queue:
        state = queue.popleft()
        node: Node = moves.nodes[state[0]]
        masks = moves.masks[node.id]
        for k, choice in enumerate(node.choices):
            mask = state[1] | masks[k]
            ending = moves.endings.get(choice.next)
            if ending is not None:
                if (ending.id, mask) not in found:
                    final, _ = moves.resolve(ending, mask)
                    found[(ending.id, mask)] = Arrival(ending, final, moves.happened(mask),
                                                       trail(state, ending.id, choice.id))
                continue
            nxt = (choice.next, mask)
            if nxt not in came_from and choice.next in moves.nodes:
                came_from[nxt] = (state, choice.id)
                queue.append(nxt)
    return list(found.values())  # found breadth first: shortest paths first


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

    moves = Moves(model)
    for arrival in arrivals(model, moves):
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
    led_to = {c.next for _, c in model.edges()} | {t for other in model.endings for _, t in other.if_missed}
    for i, e in enumerate(model.endings):
        if e.id not in reached_finally and e.id in led_to:
            report(("endings", i), "no path ends here: every path that leads here is sent on by if_missed, or no "
                                   "path misses the moment that would send it here")
