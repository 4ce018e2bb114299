"""`python -m exercises aggregate`: the readiness roll-up of many teams' exports, printed (never in the browser)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .catalogue import CONTENT_DIR, load_all
from .readiness.exchange import MAX_BYTES
from .readiness.rollup import rollup, rollup_csv


def read_files(inputs: list[str]) -> tuple[list[dict], list[dict]]:
    files, refused = [], []
    for item in inputs:
        path = Path(item)
        paths = sorted(path.glob("*.json")) if path.is_dir() else [path]
        for p in paths:
            if not p.is_file():
                refused.append({"file": str(p), "reason": "no such file"})
            elif p.stat().st_size > MAX_BYTES:
                refused.append({"file": p.name, "reason": f"it is larger than {MAX_BYTES // 1024} KB"})
            else:
                try:
                    files.append({"name": p.name, "text": p.read_text(encoding="utf-8-sig")})
                except (OSError, UnicodeDecodeError):
                    refused.append({"file": p.name, "reason": "it could not be read as UTF-8 text"})
    return files, refused


def run_aggregate(inputs: list[str], csv_out: Path | None, as_json: bool) -> int:
    entries, problems = load_all([CONTENT_DIR / "readiness"])  # only the question sets: quick to start
    check = next((e for e in entries if e.header.type == "readiness"), None)
    if check is None:
        for p in problems:
            print(p, file=sys.stderr)
        print("There is no valid readiness question set to read the exports with.", file=sys.stderr)
        return 1
    files, not_read = read_files(inputs)
    result = rollup(check.model, files)
    result["refused"] = not_read + result["refused"]
    if csv_out:
        csv_out.write_text(rollup_csv(result), encoding="utf-8")
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0 if result["teams"] else 1
    print(f"Pooled {result['teams']} team(s)." + (f" {len(result['refused'])} file(s) not used:" if result["refused"] else ""))
    for r in result["refused"]:
        print(f"  Not used: {r['file']}: {r['reason']}")
    names = [s["name"] for s in result["scale"]]
    print("\nTeams at each level, for each part of the house (" + " / ".join(names) + "):")
    for p in result["parts"]:
        print(f"  {p['label'].split(':')[0]:<12} " + " ".join(f"{n:>6}" for n in p["counts"]))
    print("\nTeams at each stage: " + "; ".join(f"{s['name']} {s['count']}" for s in result["stages"]))
    print("\nThe most common gaps:")
    for g in result["gaps"]:
        print(f"  {g['count']:>6}  {g['text']}")
    if csv_out:
        print(f"\nOne row per team written to {csv_out}")
    return 0 if result["teams"] else 1
