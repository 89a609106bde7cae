"""What the searches did, read from a benchmark folder's run reports (OUT/runs/*/*.json.gz).

usage: python3 scripts/search-trees.py BENCH_DIR [METHOD ...]   (default: every method)

Per method: how runs stopped and how many of them passed, the model calls they used, and per
kind of step (first answer, repair, redraw, rollout...) how many candidates there were and how
their verdicts went. Plain standard library, so it runs wherever the results are.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path


def reports(folder: Path, methods: set[str]) -> list[dict]:
    found = []
    for path in sorted(folder.glob("runs/*/*.json.gz")):
        method = path.name.rsplit("-", 1)[0]
        if methods and method not in methods:
            continue
        with gzip.open(path) as f:
            report = json.load(f)
        report["_task"], report["_method"] = path.parent.name, method
        found.append(report)
    return found


def tiers(folder: Path) -> dict[str, str]:
    with (folder / "raw.jsonl").open() as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return {row["task"]: row.get("tier", "?") for row in rows}


def phases(report: dict) -> list[tuple[str, str]]:
    """(phase, verdict status) of every candidate of the run, in order."""
    tree = (report.get("search") or {}).get("tree") or []
    if tree:
        return [(s["phase"], s["status"]) for s in tree if s.get("attempt") is not None]
    return [(a.get("kind", "?"), (a.get("verdict") or {}).get("status", "no verdict"))
            for a in report.get("attempts", [])]


def main(folder: Path, methods: set[str]) -> None:
    tier_of = tiers(folder)
    by_method: dict[str, list[dict]] = defaultdict(list)
    for r in reports(folder, methods):
        by_method[r["_method"]].append(r)
    for method, runs in sorted(by_method.items()):
        print(f"## {method}: {len(runs)} runs\n")
        stops: dict[str, Counter] = defaultdict(Counter)
        for r in runs:
            stop = (r.get("search") or {}).get("stop") or "-"
            stops[stop]["runs"] += 1
            stops[stop]["passed"] += r.get("status") == "verified"
            stops[stop][f"calls={r['totals']['model_calls']}"] += 1
            stops[stop]["hard runs"] += tier_of.get(r["_task"]) == "hard"
            stops[stop]["hard passed"] += (tier_of.get(r["_task"]) == "hard"
                                            and r.get("status") == "verified")
        print("| stop | runs | passed | hard runs | hard passed | model calls used (runs) |")
        print("|---|---|---|---|---|---|")
        for stop, c in sorted(stops.items(), key=lambda kv: -kv[1]["runs"]):
            calls = ", ".join(f"{k[6:]} ({v})" for k, v in sorted(
                ((k, v) for k, v in c.items() if k.startswith("calls=")),
                key=lambda kv: int(kv[0][6:])))
            print(f"| {stop} | {c['runs']} | {c['passed']} | {c['hard runs']} | "
                  f"{c['hard passed']} | {calls} |")
        kinds: dict[str, Counter] = defaultdict(Counter)
        for r in runs:
            for phase, status in phases(r):
                kinds[phase][status or "?"] += 1
        statuses = sorted({s for c in kinds.values() for s in c})
        print("\n| step | candidates | " + " | ".join(statuses) + " |")
        print("|---|---|" + "---|" * len(statuses))
        for phase, c in sorted(kinds.items(), key=lambda kv: -sum(kv[1].values())):
            print(f"| {phase} | {sum(c.values())} | " + " | ".join(str(c[s]) for s in statuses)
                  + " |")
        print()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), set(sys.argv[2:]))
