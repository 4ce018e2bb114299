"""Command line: python -m exercises validate [PATH ...] | list [--json] | run | play | calibrate FILE_OR_CODE ... | aggregate FILE_OR_FOLDER ..."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from .catalogue import REPO_ROOT, docs_pages, load_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m exercises", description="House of Care exercise definitions.")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every definition, or the files and folders given")
    v.add_argument("paths", nargs="*", type=Path)
    v.add_argument("--docs", type=Path, default=REPO_ROOT / "docs",
                   help="the docs folder whose pages definitions may link to (default: %(default)s)")
    ls = sub.add_parser("list", help="list the exercises")
    ls.add_argument("--json", action="store_true", help="one JSON object per line")
    run = sub.add_parser("run", help="ask the engine to act on an exercise and print its JSON reply")
    run.add_argument("id")
    run.add_argument("action", help="e.g. score (quiz); scenario, step, report or trainer (role-play)")
    run.add_argument("--data", default="{}",
                     help='the learner\'s input as JSON, e.g. \'{"choices": ["open-agenda"]}\', or @FILE to read it '
                          'from a file (for large data, such as a roll-up); the limits of the browser\'s requests apply')
    play = sub.add_parser("play", help="play a role-play in the terminal")
    play.add_argument("id")
    cal = sub.add_parser("calibrate", help="pool a group's plan-review score codes (or a CSV) and print the figures")
    cal.add_argument("inputs", nargs="+", metavar="FILE_OR_CODE",
                     help="a score code, or a file of codes (one a line) or a CSV with columns scorer,plan,criterion,score")
    cal.add_argument("--json", action="store_true", help="print the figures as JSON")
    agg = sub.add_parser("aggregate", help="roll up many teams' readiness exports (files, or folders of .json files)")
    agg.add_argument("inputs", nargs="+", metavar="FILE_OR_FOLDER")
    agg.add_argument("--csv", type=Path, help="also write one row per team to this CSV file")
    agg.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    if args.command in ("run", "play"):
        return run_engine(args)
    if args.command == "aggregate":
        from .aggregate_cli import run_aggregate

        return run_aggregate(args.inputs, args.csv, args.json)
    if args.command == "calibrate":
        from .calibrate_cli import run_calibrate

        return run_calibrate(args.inputs, args.json)

    if args.command == "validate":
        pages = docs_pages(args.docs) if args.docs.is_dir() else None
        entries, problems = load_all(args.paths or None, pages)
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} problem(s) found.", file=sys.stderr)
            return 1
        print(f"{len(entries)} definition(s) valid.", file=sys.stderr)
        return 0

    entries, problems = load_all()
    for problem in problems:
        print(problem, file=sys.stderr)
    for entry in sorted(entries, key=lambda e: e.header.id):
        h = entry.header
        if args.json:
            print(json.dumps({"id": h.id, "type": h.type, "title": h.title, "path": h.site_path}, ensure_ascii=False))
        else:
            print(f"{h.id}\t{h.type}\t{h.title}\t{h.site_path}")
    return 1 if problems else 0


def run_engine(args) -> int:
    from .registry import family

    entries, problems = load_all()
    entry = next((e for e in entries if e.header.id == args.id), None)
    if entry is None:
        known = ", ".join(sorted(e.header.id for e in entries))
        print(f"There is no valid exercise '{args.id}'. Exercises: {known}", file=sys.stderr)
        return 1
    handler = family(entry.header.type)
    if args.command == "play":
        if entry.header.type != "roleplay":
            print(f"'{args.id}' is a {entry.header.type}; only role-plays can be played here.", file=sys.stderr)
            return 1
        return play_in_terminal(handler, entry.model)
    from .browser import RequestError, limit_for_action, plain_error, read_json

    try:
        limit = limit_for_action(args.action)
        data = read_json(read_data_argument(args.data, limit), "the data", limit)
        result = handler.act(entry.model, args.action, data)
        text = json.dumps(result, ensure_ascii=False, indent=1)
        if not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate sent in the data: keep it escaped
                text = json.dumps(result, ensure_ascii=True, indent=1)
    except RequestError as exc:
        print(f"Refused: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - input the exercise refuses, or a failure, in plain words
        print(f"Refused: {plain_error(exc, args.action)}", file=sys.stderr)
        return 1
    print(text)
    return 0


def read_data_argument(value: str, limit: int) -> str:
    """--data: JSON text, or @FILE; a file over the limit is refused before it is read whole."""
    from .browser import RequestError, size_words

    if not value.startswith("@"):
        return value
    path = Path(value[1:])
    try:
        size = path.stat().st_size
        if size > limit:
            raise RequestError(f"the data file {path} is {size:,} bytes; the limit is {size_words(limit)}")
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise RequestError(f"the data file {path} cannot be read ({exc.strerror or exc})") from None
    if len(raw) > limit:
        raise RequestError(f"the data file {path} is over the limit of {size_words(limit)}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise RequestError(f"the data file {path} is not UTF-8 text (line {line})") from None


def play_in_terminal(handler, model) -> int:
    choices: list[str] = []
    while True:
        step = handler.act(model, "step", {"choices": choices})
        if step["history"]:
            print(f"\n  Feedback: {step['history'][-1]['feedback']}")
        if step["ended"]:
            break
        node = step["node"]
        print(f"\n{node['speaker']}: \u201c{node['says']}\u201d")
        if node.get("context"):
            print(f"  ({node['context']})")
        for number, choice in enumerate(step["choices"], start=1):
            print(f"  {number}. {choice['say']}")
        try:
            answer = input("Your choice (number, b to go back, q to stop): ").strip().lower()
        except EOFError:
            return 0
        except KeyboardInterrupt:
            print()
            return 130
        number = int(answer) if re.fullmatch(r"[0-9]{1,2}", answer) else 0  # ASCII digits only: never '²'
        if answer == "q":
            return 0
        if answer == "b":
            choices = choices[:-1]
        elif 1 <= number <= len(step["choices"]):
            choices.append(step["choices"][number - 1]["id"])
        else:
            print(f"Please type one of the numbers shown (1 to {len(step['choices'])}), b or q.")
    report = handler.act(model, "report", {"choices": choices})
    print(f"\nHow it ended: {report['ending']['title']} ({report['ending']['quality']})")
    print(report["ending"]["what_happened"])
    for detour in report["detours"]:
        print(f"  Why it ended here: {detour['words']}")
    print("The plan:")
    for line in report["ending"]["plan"]:
        print(f"  - {line}")
    print(report["overview"])
    for m in report["moments"]:
        print(f"  {'Done' if m['happened'] else 'Not done'}: {m['label']}"
              + (" (a good ending needs this)" if m["essential"] else ""))
    for d in report["dimensions"]:
        print(f"  {d['label']} ({d['level_words']}): {d['words']}")
    for heading, found in (("Skills you used", report["skills_used"]), ("Habits to watch", report["habits"])):
        if found:
            print(f"{heading}: " + "; ".join(k["words"] for k in found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
