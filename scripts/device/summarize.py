"""Summarize a folder of `regrapht parallelize` JSON reports as a Markdown table.

Usage: python3 scripts/device/summarize.py RESULTS_DIR
Speedups are over the -O3 sequential reference (median over repeats). Means are over the
verified runs only, arithmetic and geometric, and the number of runs they cover is stated.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path


def fmt(x: float | None, unit: str = "") -> str:
    return "-" if x is None else f"{x:.3g}{unit}"


def ms(stats: dict | None) -> str:
    if not stats:
        return "-"
    return f"{stats['median'] * 1e3:.3g} [{stats['p25'] * 1e3:.3g}, {stats['p75'] * 1e3:.3g}]"


def main(folder: Path) -> None:
    reports = sorted(folder.glob("*.report.json"))
    machine_txt = folder / "machine.txt"
    machine = machine_txt.read_text().strip() if machine_txt.exists() else ""
    print(f"# regrapht parallelize on the bundled examples\n\nMachine:\n```\n{machine}\n```\n")
    print("Times in ms: median [p25, p75] over repeats. Speedup = reference median / candidate "
          "median. Kernel = launcher on device data; e2e = drop-in function incl. allocation "
          "and transfers.\n")
    print("| example | status | speedup kernel | speedup e2e | reference ms | kernel ms | e2e ms "
          "| sizes | model calls | tokens | wall s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    kernel, e2e = [], []
    for path in reports:
        r = json.loads(path.read_text())
        res = r.get("result") or {}
        sk, se = res.get("speedup_kernel"), res.get("speedup_end_to_end")
        if r["status"] == "verified":
            kernel.append(sk)
            e2e.append(se)
        sizes = ", ".join(f"{k}={v}" for k, v in r["reference"]["timing_sizes"].items())
        print(f"| {r['source']['function']} | {r['status']} | {fmt(sk, 'x')} | {fmt(se, 'x')} "
              f"| {ms(r['reference']['seconds'])} | {ms(res.get('kernel_seconds'))} "
              f"| {ms(res.get('end_to_end_seconds'))} | {sizes} | {r['totals']['model_calls']} "
              f"| {r['totals']['tokens']} | {r['totals']['wall_seconds']:.0f} |")
    print()
    for label, values in (("kernel-only", kernel), ("end-to-end", e2e)):
        if values:
            arith = sum(values) / len(values)
            geo = math.exp(sum(math.log(v) for v in values) / len(values))
            print(f"- {label} speedup over {len(values)} verified of {len(reports)}: "
                  f"arithmetic mean {arith:.3g}x, geometric mean {geo:.3g}x")
    faster = sum(1 for v in e2e if v > 1)
    print(f"- verified and faster end-to-end: {faster} of {len(reports)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
