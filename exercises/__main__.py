"""Command line: python -m exercises validate [PATH ...] | list [--json]."""

from __future__ import annotations

import argparse
import json
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
    args = parser.parse_args(argv)

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


if __name__ == "__main__":
    sys.exit(main())
