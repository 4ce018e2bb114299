"""Scores along a path, and the paths worth knowing: best, weakest, extremes, random.

The conversation is a graph whose edges are choices, each carrying effects on the scoring
dimensions. Everything here works on that graph, and copes with loops: the highest or lowest
score reachable is found with the Bellman-Ford method, which also notices a loop that would let
a score grow without limit.
"""

from __future__ import annotations

import random
from typing import Callable

from .model import Choice, Ending, Node, Roleplay

Step = tuple[Node, Choice]
Weight = Callable[[Choice], int]


def zero_scores(model: Roleplay) -> dict[str, int]:
    return {d.id: 0 for d in model.dimensions}


def scores_for(model: Roleplay, steps: list[Step]) -> dict[str, int]:
    scores = zero_scores(model)
    for _, choice in steps:
        for dim, value in choice.effects.items():
            if dim in scores:
                scores[dim] += value
    return scores


def total(scores: dict[str, int]) -> int:
    return sum(scores.values())


def by_dimension(dim: str) -> Weight:
    return lambda choice: choice.effects.get(dim, 0)


def by_total(choice: Choice) -> int:
    return choice.total


class Extremes:
    """The highest (or lowest) score reachable at every node and ending from the start."""

    def __init__(self, model: Roleplay, weight: Weight, highest: bool = True):
        sign = 1 if highest else -1
        known = {n.id for n in model.nodes} | {e.id for e in model.endings}
        edges = [(src, c) for src, c in model.edges() if c.next in known]
        self.model = model
        self.best: dict[str, int] = {model.start: 0} if model.start in known else {}
        self.pred: dict[str, tuple[str, Choice]] = {}
        self.loop: list[tuple[str, Choice]] = []  # the steps of a loop that makes the score unbounded

        changed_at = None
        for _ in range(len(known) + 1):
            changed_at = None
            for src, choice in edges:
                if src not in self.best:
                    continue
                value = self.best[src] + sign * weight(choice)
                if choice.next not in self.best or value > self.best[choice.next]:
                    self.best[choice.next] = value
                    self.pred[choice.next] = (src, choice)
                    changed_at = choice.next
            if changed_at is None:
                break
        self.unbounded = changed_at is not None
        if self.unbounded:
            self.loop = self._loop_through(changed_at, len(known))
        self.best = {k: sign * v for k, v in self.best.items()}

    def _loop_through(self, vertex: str, count: int) -> list[tuple[str, Choice]]:
        """The (node id, choice) steps of a loop on which the score keeps growing."""
        for _ in range(count):  # step back far enough to be inside the loop
            if vertex not in self.pred:
                return []
            vertex = self.pred[vertex][0]
        steps: list[tuple[str, Choice]] = []
        at = vertex
        while at in self.pred and len(steps) <= count:
            src, choice = self.pred[at]
            steps.append((src, choice))
            at = src
            if at == vertex:
                break
        steps.reverse()
        return steps

    def path_to(self, target: str) -> list[tuple[str, Choice]]:
        """The (node id, choice) steps from the start to `target` that give its extreme score."""
        steps: list[tuple[str, Choice]] = []
        at, seen = target, set()
        while at in self.pred and at not in seen:
            seen.add(at)
            src, choice = self.pred[at]
            steps.append((src, choice))
            at = src
        steps.reverse()
        return steps

    def extreme(self, highest: bool = True) -> tuple[int, str]:
        """The most extreme score at any point of any path (0 at the start), and where."""
        pick = max if highest else min
        where = pick(self.best, key=lambda k: self.best[k])
        return self.best[where], where


def reachable_range(model: Roleplay, dim: str) -> tuple[int, int]:
    """The lowest and highest score a dimension can reach at any point of the conversation."""
    hi = Extremes(model, by_dimension(dim), highest=True)
    lo = Extremes(model, by_dimension(dim), highest=False)
    return lo.extreme(highest=False)[0], hi.extreme(highest=True)[0]


def best_path(model: Roleplay) -> tuple[list[Step], Ending | None]:
    """Follow the first choice marked best at each node; stops at an ending (or where it cannot go on).
    The ending is where the path really ends, after any `if_missed`."""
    steps: list[Step] = []
    node, seen = model.node(model.start), set()
    while node is not None and node.id not in seen and node.best_choices:
        seen.add(node.id)
        choice = node.best_choices[0]
        steps.append((node, choice))
        ending = model.ending(choice.next)
        if ending is not None:
            return steps, model.resolve(ending, model.happened(steps))[0]
        node = model.node(choice.next)
    return steps, None


def weakest_path(model: Roleplay) -> tuple[list[Step], Ending | None]:
    """The path with the lowest total score to a poor ending (to any ending if none is poor)."""
    low = Extremes(model, by_total, highest=False)
    ways = []
    for reached in model.endings:
        if reached.id in low.best:
            steps = [(model.node(src), c) for src, c in low.path_to(reached.id)]
            final = model.resolve(reached, model.happened(steps))[0]
            ways.append((final.quality != "poor", low.best[reached.id], steps, final))
    if not ways:
        return [], None
    _, _, steps, final = min(ways, key=lambda w: (w[0], w[1]))
    return steps, final


def random_walk(model: Roleplay, rng: random.Random, max_steps: int = 1000) -> list[str]:
    """Choice ids taken by picking at random at every node until an ending (or max_steps)."""
    taken: list[str] = []
    node = model.node(model.start)
    while node is not None and len(taken) < max_steps:
        choice = rng.choice(node.choices)
        taken.append(choice.id)
        node = model.node(choice.next)
    return taken
