"""Hostile inputs made on the fly (the large ones), shared by the tests in this folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
FILES = Path(__file__).resolve().parent / "files"
BROKEN = ROOT / "tests" / "roleplay" / "broken" / "loop-no-way-out.yaml"
HANG = 20  # seconds: a check that takes longer than this is taken to hang


def run(*args: str, cwd: Path = ROOT, input: str | None = None, timeout: int = HANG) -> subprocess.CompletedProcess:
    """`python -m exercises ...`; a run longer than HANG seconds fails the test as a hang."""
    return subprocess.run([sys.executable, "-m", "exercises", *args], capture_output=True, text=True, cwd=cwd,
                          input=input, timeout=timeout)


def roleplay_head() -> str:
    """A small role-play's fields up to its nodes (from a broken example, which has every field)."""
    text = BROKEN.read_text(encoding="utf-8")
    return text[:text.index("start: hello")]


def chain_ending_in_a_loop(count: int) -> str:
    """A role-play whose `count` nodes form a chain; the last two go round in a loop with no way out.
    Written compactly, so that 4,000 nodes stay under the 512 KB limit for a file."""
    out = [roleplay_head(), "start: n0\nnodes:\n"]
    for i in range(count):
        nxt = f"n{i + 1}" if i < count - 1 else f"n{count - 2}"
        out.append(f"- {{id: n{i}, says: S, choices: [{{id: go, say: G, next: {nxt}, feedback: F, best: true}}]}}\n")
    out.append("endings:\n- {id: good, title: A plan, what_happened: Done., plan: [Garden.], quality: good}\n")
    return "".join(out)


def long_best_path(count: int) -> str:
    """A role-play whose best path runs through `count` nodes to a good ending."""
    out = [roleplay_head(), "start: n0\nnodes:\n"]
    for i in range(count):
        nxt = f"n{i + 1}" if i < count - 1 else "good"
        out.append(f"- id: n{i}\n  says: Step {i}.\n  choices:\n  - id: go\n    say: Go on.\n    next: {nxt}\n"
                   f"    feedback: On.\n    best: true\n")
    out.append("endings:\n- id: good\n  title: A plan\n  what_happened: Ann has a plan.\n  plan: [Garden.]\n"
               "  quality: good\n")
    return "".join(out)


def many_paths(nodes: int = 100, moments: int = 12) -> str:
    """A role-play at the limits whose every combination of moments can reach every node: the most work
    the path checks can be given (nodes × 2^moments states)."""
    head = roleplay_head()
    head = head[:head.index("moments:")]
    out = [head, "moments:\n"]
    step = max(1, nodes // moments)
    for k in range(moments):
        out.append(f"- {{id: m{k}, label: did thing {k}, at: ['n{k * step}:c0'], essential: {str(k == 0).lower()}}}\n")
    out.append("start: n0\nnodes:\n")
    for i in range(nodes):
        nxt = f"n{i + 1}" if i < nodes - 1 else "good"
        out.append(f"- id: n{i}\n  says: Step {i}.\n  choices:\n"
                   f"  - {{id: c0, say: A, next: {nxt}, feedback: F, best: true}}\n"
                   f"  - {{id: c1, say: B, next: {nxt}, feedback: F, best: true}}\n"
                   f"  - {{id: c2, say: C, next: good, feedback: F, best: true, effects: {{listening: 1}}}}\n"
                   f"  - {{id: c3, say: D, next: mixed, feedback: F, effects: {{listening: -1}}}}\n"
                   f"  - {{id: c4, say: E, next: n{(i * 7) % nodes}, feedback: F}}\n"
                   f"  - {{id: c5, say: G, next: poor, feedback: F, effects: {{follow-up: -1}}}}\n")
    out.append("endings:\n"
               "- {id: good, title: Good, what_happened: Fine., plan: [A.], quality: good}\n"
               "- {id: mixed, title: Mixed, what_happened: So so., plan: [B.], quality: mixed}\n"
               "- {id: poor, title: Poor, what_happened: Bad., plan: [C.], quality: poor}\n")
    return "".join(out)
