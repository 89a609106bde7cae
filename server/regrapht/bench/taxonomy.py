"""Where candidates die: a failure taxonomy per method and step kind, from a run's own records.

`classify` is a pure function over what a run's report (runs/<task>/<method>-<sample>.json.gz)
stores per attempt: the verdict's status, nvcc's errors, the failure text, the answer and its
token count or cut flag, and the code of the state it started from. The categories follow the
failure analysis of bench/results/2026-11-26-llama-cuda-rerun (its section 1): a compile failure
gets one primary kind, chosen in this order: cut by the token limit, unbalanced code, the
fixed-interface launcher redefined, the launcher contract, then the first error in the file.
`taxonomy_section` is the table `regrapht bench report` appends to summary.md.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from regrapht.generate.extract import extract_code
from regrapht.search.engine import normalised_code

# Records written before attempts carried `cut` (the 2026-11-26 runs): an answer of the then
# default max_tokens (generate.llm) was cut. Newer records say so themselves.
OLD_TOKEN_LIMIT = 1024
STEP_KINDS = ("first answer", "repair", "graph step", "rollout", "redraw")

CATEGORIES = (
    "verified", "no-op", "cut", "assembly",
    "compile: syntax/truncated", "compile: harness launcher redefined",
    "contract: __global__ launcher", "contract: launcher signature",
    "contract: launcher missing", "compile: undefined identifier", "compile: type",
    "compile: host function in device code", "compile: other",
    "wrong output", "never written", "out-of-bounds", "crash", "timeout",
    "compiled, not run", "other",
)

# A line the generated wrapper wrote, as nvcc quotes it (or as nvcc.answer_terms names it).
_WRAPPER = re.compile(r'REGRAPHT_CHECK|\bd_\w+_\b|\b\w+_len_\b|extern "C"|regrapht generates')
_MESSAGE = re.compile(r"(?:candidate\.cu\(\d+\)|line \d+ of your code): error: (.*)$")
_TYPE = re.compile(
    r"expression must (have|be a modifiable)|no operator|a value of type|argument of type|"
    r"no suitable|cannot be used to initialize|incompatible|no instance of|cannot convert|"
    r"is not a (type|template)|nonstandard|invalid type|not a pointer|must be a pointer|"
    r"class .* has no member|has no member|too (few|many) (arguments|initializer)|"
    r"invalid conversion|is not a valid|a reference of type|initial value of reference")


@dataclass(frozen=True)
class AttemptRecord:
    """What the taxonomy reads of one attempt."""

    status: str  # the verdict's status value ("verified", "compile-failed", "wrong", ...)
    reason: str = ""  # the verdict's reason: the failure text
    compiler_errors: str = ""
    answer: str = ""  # the model's raw answer
    completion_tokens: int = 0
    cut: bool | None = None  # stopped at the token limit (None: not recorded, see above)
    parent_answer: str | None = None  # the answer of the state it started from, if any
    function: str = ""  # the sequential function's name (the launcher is <function>_device)
    fixed_interface: bool = False  # the harness generates the launcher itself


def _errors(text: str) -> list[tuple[str, str]]:
    """(message, the lines quoted under it) per error nvcc reported."""
    found: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if m := _MESSAGE.search(line.strip()):
            found.append((m.group(1).strip(), []))
        elif found and line.startswith((" ", "\t")):
            found[-1][1].append(line.strip())
        elif "ptxas error" in line or line.strip().startswith("error"):
            found.append((line.strip(), []))
    return [(m, "\n".join(q)) for m, q in found]


def _unbalanced(code: str) -> bool:
    code = re.sub(r"/\*.*?\*/|//[^\n]*|\"(\\.|[^\"\\])*\"|'(\\.|[^'\\])*'", "", code, flags=re.S)
    return code.count("{") != code.count("}") or code.count("(") != code.count(")")


def _compile_kind(r: AttemptRecord) -> str:
    errors = _errors(r.compiler_errors)
    launcher = f"{r.function}_device" if r.function else "_device"
    if _unbalanced(extract_code(r.answer)):
        return "compile: syntax/truncated"
    for message, _ in errors:
        if r.fixed_interface and "has already been defined" in message and launcher in message:
            return "compile: harness launcher redefined"
    for message, quoted in errors:
        in_wrapper = bool(_WRAPPER.search(quoted) or _WRAPPER.search(message))
        if "__global__ function call must be configured" in message:
            return "contract: __global__ launcher"
        if f'identifier "{launcher}" is undefined' in message:
            return "contract: launcher missing"
        if in_wrapper and (launcher in quoted or "regrapht generates" in message) and (
                _TYPE.search(message) or "argument" in message):
            return "contract: launcher signature"
    for message, quoted in errors:
        in_wrapper = bool(_WRAPPER.search(quoted) or _WRAPPER.search(message))
        if in_wrapper and ("expected" in message or "is undefined" in message):
            return "compile: syntax/truncated"  # the wrapper landed inside the answer's code
    if not errors:
        return "compile: other"
    message = errors[0][0]
    if "is undefined" in message:
        return "compile: undefined identifier"
    if re.search(r"__host__ function.*from a __(global|device)__|calling a __host__", message):
        return "compile: host function in device code"
    if _TYPE.search(message):
        return "compile: type"
    if re.match(r"expected (a|an) ", message) or "unrecognized token" in message:
        return "compile: syntax/truncated"
    return "compile: other"


def _failure_kind(status: str, reason: str) -> str:
    if "timeout" in reason or "took longer" in reason:
        return "timeout"
    if "never written" in reason:
        return "never written"
    if "wrote past the end" in reason or "out-of-bounds" in reason:
        return "out-of-bounds"
    if status == "crashed" or "CUDA error" in reason:
        return "crash"
    return "wrong output"


def classify(r: AttemptRecord) -> str:
    """The attempt's category, one of CATEGORIES."""
    same = (r.parent_answer is not None and normalised_code(r.answer) != ""
            and normalised_code(r.answer) == normalised_code(r.parent_answer))
    if same:
        return "no-op"
    if r.status == "verified":
        return "verified"
    if r.cut or (r.cut is None and r.completion_tokens >= OLD_TOKEN_LIMIT):
        return "cut"
    if r.status == "assembly-failed":
        return "assembly"
    if r.status == "compile-failed":
        return _compile_kind(r)
    if r.status in ("wrong", "crashed"):
        return _failure_kind(r.status, r.reason)
    if r.status == "compiled-not-run":
        return "compiled, not run"
    return "other"


def step_kind(index: int, kind: str, phase: str) -> str:
    """first answer | repair | graph step | rollout | redraw, for the report's columns."""
    if index == 0:
        return "first answer"
    if phase == "repair" or kind == "repair":
        return "repair"
    if phase == "rollout":
        return "rollout"
    if phase in ("redraw", "sample") or kind == "sample":
        return "redraw"
    return "graph step"


def attempt_records(report: dict[str, Any], *, parents: bool = True
                    ) -> list[tuple[str, AttemptRecord]]:
    """(step kind, record) for every attempt of one run's report. The parent of a repair is
    the state it repairs; of any other step, the state it started from (none at the root)."""
    attempts = report.get("attempts") or []
    tree = (report.get("search") or {}).get("tree") or []
    node_of = {n["attempt"]: n for n in tree if n.get("attempt") is not None}
    by_id = {n["id"]: n for n in tree}
    settings = report.get("settings") or {}
    function = (report.get("source") or {}).get("function", "")
    out = []
    for a in attempts:
        v = a.get("verdict") or {}
        node = node_of.get(a["index"], {})
        parent = None
        repaired = re.match(r"repairs state (\d+)", node.get("note", ""))
        source = by_id.get(int(repaired.group(1))) if repaired else by_id.get(node.get("parent"))
        if parents and source is not None and source.get("attempt") is not None \
                and source["attempt"] < len(attempts):
            parent = attempts[source["attempt"]].get("answer", "")
        record = AttemptRecord(
            status=v.get("status", ""), reason=v.get("reason", ""),
            compiler_errors=v.get("compiler_errors", ""), answer=a.get("answer", ""),
            completion_tokens=int(a.get("completion_tokens") or 0),
            cut=bool(a["cut"]) if "cut" in a else None, parent_answer=parent,
            function=function, fixed_interface=bool(settings.get("kernel_interface")))
        out.append((step_kind(a["index"], a.get("kind", ""), node.get("phase", "")), record))
    return out


@dataclass
class Taxonomy:
    """Counts of one results folder."""

    methods: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    steps: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    noop_outcomes: Counter[str] = field(default_factory=Counter)  # a no-op's own verdict
    redrawn: Counter[str] = field(default_factory=Counter)  # per method: repeats drawn again


def taxonomy(out: Path, *, parents: bool = True) -> Taxonomy:
    """Categories of every attempt under out/runs, per method and per step kind, with the
    answers drawn again because they repeated one already tried (the search trace's count).
    `parents=False`: no attempt counts as a no-op (each keeps its own verdict's category)."""
    found = Taxonomy()
    methods, steps, redrawn = found.methods, found.steps, found.redrawn
    for path in sorted((out / "runs").glob("*/*.json.gz")):
        try:
            report = json.loads(gzip.decompress(path.read_bytes()))
        except (OSError, ValueError, EOFError):
            continue
        method = (report.get("settings") or {}).get("method") or path.name.rsplit("-", 1)[0]
        redrawn[method] += int((report.get("search") or {}).get("duplicates_redrawn") or 0)
        for kind, record in attempt_records(report, parents=parents):
            category = classify(record)
            methods[method][category] += 1
            steps[kind][category] += 1
            if category == "no-op":
                found.noop_outcomes[classify(replace(record, parent_answer=None))] += 1
    return found


def _table(head: str, groups: dict[str, Counter[str]], order: list[str]) -> list[str]:
    used = [c for c in CATEGORIES if any(g[c] for g in groups.values())]
    lines = [f"| category | {' | '.join(order)} | all |", "|---" * (len(order) + 2) + "|"]
    for c in used:
        counts = [groups[g][c] for g in order]
        lines.append(f"| {c} | " + " | ".join(str(n) for n in counts) + f" | {sum(counts)} |")
    totals = [sum(groups[g].values()) for g in order]
    lines.append(f"| **{head}** | " + " | ".join(str(n) for n in totals)
                 + f" | {sum(totals)} |")
    return lines


def taxonomy_section(out: Path) -> str:
    """The summary's failure taxonomy ('' when the folder holds no run reports)."""
    found = taxonomy(out)
    if not found.methods:
        return ""
    noops = found.noop_outcomes
    lines = ["", "## Where candidates die (every attempt, bench/taxonomy.py)", "",
             "A compile failure counts once, by its primary kind. `no-op` is an answer whose "
             "code (comments, whitespace and includes aside) equals that of the state it "
             "started from (for a repair: the state it repairs); it is counted before its "
             "verdict"
             + (f" (of the {sum(noops.values())}: "
                + ", ".join(f"{c} {n}" for c, n in noops.most_common()) + ")" if noops else "")
             + ".", ""]
    lines += _table("attempts", found.methods, sorted(found.methods))
    lines += ["", "By step kind:", ""]
    lines += _table("attempts", found.steps, [k for k in STEP_KINDS if k in found.steps])
    if any(found.redrawn.values()):
        lines += ["", "Repeated answers drawn again (sampled) instead of compiled again: "
                  + ", ".join(f"{m} {n}" for m, n in sorted(found.redrawn.items()) if n)
                  + "."]
    return "\n".join(lines) + "\n"
