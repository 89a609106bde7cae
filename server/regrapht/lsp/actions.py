"""The "Parallelize to CUDA" action as domain logic: where it is offered, what a run's stages
look like as progress, where the result goes, and whether it may be written without asking.

No lsprotocol and no I/O here: `server.py` calls these, `lsp_types.py` turns their values into
LSP objects. Positions are 0-based (line, character) as in LSP; CodeSite's are 1-based.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node

from regrapht.parse.nodes import walk
from regrapht.parse.parser import function_name, parse_tree
from regrapht.parse.site import SourceSpan
from regrapht.pipeline import RunResult
from regrapht.report import overall_status, summary_line
from regrapht.validate.verdict import Status

TITLE = "Parallelize to CUDA"
COMMAND = "regrapht.parallelize"
LANGUAGES = {".c": "c", ".h": "c", ".cpp": "cpp", ".cc": "cpp", ".cxx": "cpp", ".hpp": "cpp",
             ".hh": "cpp", ".C": "cpp", ".cu": "cuda", ".cuh": "cuda"}
LANGUAGE_IDS = {"c": "c", "cpp": "cpp", "cuda": "cuda", "cuda-cpp": "cuda"}
LOOPS = {"for_statement", "while_statement", "do_statement", "for_range_loop"}
WRITE_ANYWAY = "Write anyway"
DONT_WRITE = "Don't write"
COMPILER_LINES = 6  # compiler error lines quoted in a message


@dataclass(frozen=True)
class FunctionAt:
    """A function with a loop around a position (0-based lines, end inclusive)."""

    name: str
    start_line: int
    end_line: int


def language_of(path: str, language_id: str | None = None) -> str | None:
    """"c", "cpp" or "cuda" from the editor's language id or the file name; None otherwise."""
    if language_id in LANGUAGE_IDS:
        return LANGUAGE_IDS[language_id]
    suffix = Path(path).suffix
    return LANGUAGES.get(suffix) or LANGUAGES.get(suffix.lower())


def _contains(node: Node, point: tuple[int, int]) -> bool:
    return node.start_point <= point <= node.end_point


def function_with_loop_at(text: str, language: str, line: int, character: int
                          ) -> FunctionAt | None:
    """The innermost function around (line, character) when it has a loop; tree-sitter only
    (a few milliseconds), tolerant of syntax errors elsewhere: the run says what is wrong."""
    point = (line, character)
    tree = parse_tree(text, language)
    around = [n for n in walk(tree.root_node)
              if n.type == "function_definition" and _contains(n, point)]
    if not around:
        return None
    definition = max(around, key=lambda n: n.start_byte)
    if not any(n.type in LOOPS for n in walk(definition)):
        return None
    return FunctionAt(function_name(definition) or "function", definition.start_point[0],
                      definition.end_point[0])


# ---------------------------------------------------------------------------- progress


class StageTracker:
    """Turns the pipeline's notify lines into progress messages with a percentage: parsing,
    reference, model loading, search step k of N (with what is being tried), validating."""

    def __init__(self, steps: int, method: str) -> None:
        self.steps = max(steps, 1)
        self.method = method
        self.step = 0
        self.doing = ""

    def _percent_of_step(self, within: float) -> int:
        return min(99, int(10 + 88 * (self.step - 1 + within) / self.steps))

    def on_notify(self, message: str) -> tuple[str, int]:
        if message.startswith("parsing"):
            return message, 0
        if message.startswith("reference"):
            return "reference: building and timing your code at -O3", 3
        if message.startswith("model: loading"):
            return "loading the model", 8
        if match := re.match(r"model: writing (.+) \(call (\d+)/(\d+)\)$", message):
            # the search's step line: "model: writing <technique> [after <technique>] (call k/N)"
            self.step, self.steps = int(match.group(2)), max(int(match.group(3)), 1)
            self.doing = match.group(1)
            return self.label("the model writes a CUDA version"), self._percent_of_step(0)
        if match := re.match(r"model: writing (?:repair (\d+)|a CUDA version)", message):
            self.step = int(match.group(1)) + 1 if match.group(1) else 1
            self.doing = f"repair {match.group(1)}" if match.group(1) else "one shot"
            return self.label("the model writes a CUDA version"), self._percent_of_step(0)
        if message.startswith("validating"):
            return self.label("compiling and validating"), self._percent_of_step(0.7)
        if self.step:
            return self.label(message), self._percent_of_step(1)
        return message, 9

    def label(self, what: str) -> str:
        return f"search step {self.step} of {self.steps} ({self.method}: {self.doing}): {what}"

    def on_tokens(self, count: int) -> tuple[str, int]:
        return self.label(f"the model writes ({count} tokens)"), self._percent_of_step(0.3)


# ---------------------------------------------------------------------------- output


@dataclass(frozen=True)
class OutputPlan:
    """Where a result goes: a new CUDA file beside the source, or the function replaced."""

    mode: str  # "file" | "replace"
    cuda_path: Path  # the file created (file mode) or the source itself (replace mode)
    report_path: Path


def plan_output(source: Path, mode: str) -> OutputPlan:
    """Raises ValueError when the mode cannot apply to this source (replace needs a .cu file)."""
    if mode == "replace":
        if source.suffix not in (".cu", ".cuh"):
            raise ValueError(f"outputMode 'replace' needs a CUDA source (.cu); {source.name} is "
                             "not one. Use outputMode 'file' to write the CUDA file beside it.")
        return OutputPlan(mode, source, source.with_name(source.stem + ".report.json"))
    cuda = source.with_suffix(".cu")
    if cuda == source:
        cuda = source.with_name(source.stem + "_cuda.cu")
    return OutputPlan(mode, cuda, cuda.with_name(cuda.stem + ".report.json"))


def replaced_span(span: SourceSpan) -> tuple[int, int, int, int]:
    """The function's text as an LSP range: 0-based start line/char, end line/char (exclusive)."""
    return span.start_line - 1, span.start_column - 1, span.end_line - 1, span.end_column


# ---------------------------------------------------------------------------- decision


@dataclass(frozen=True)
class Decision:
    """What to do with a finished run: "apply" it, "ask" the user first, or "refuse"."""

    action: str
    status: str  # verified | compiled-not-run | failed
    message: str


def _why_failed(result: RunResult) -> str:
    last = result.outcome.attempts[-1].verdict if result.outcome.attempts else None
    if last is None:
        return "the model was never asked"
    why = f"{last.status.value}: {last.reason}"
    if last.compiler_errors:
        errors = [ln for ln in last.compiler_errors.splitlines() if ln.strip()][:COMPILER_LINES]
        why += "\n" + "\n".join(errors)
    return why


def decide(result: RunResult, target: Path) -> Decision:
    """A verified result is written; one that compiled but was not run, or whose speed looks
    impossible, only when the user says so; a failed one never, and the user is told why."""
    status = overall_status(result)
    verdict = result.best_verdict
    if verdict is None:
        return Decision("refuse", status, "regrapht found no usable CUDA version after "
                        f"{result.outcome.model_calls} model call(s); nothing was written. "
                        f"Last attempt {_why_failed(result)}")
    if verdict.status is Status.COMPILED_NOT_RUN:
        return Decision("ask", status, f"The CUDA version of {result.site.name} compiles but was "
                        f"NOT run: {verdict.reason}. Write {target.name} anyway?")
    if verdict.suspicious:
        return Decision("ask", status, f"{summary_line(result)}. Write {target.name} anyway?")
    return Decision("apply", status, f"{summary_line(result)}. Wrote {target.name}.")
