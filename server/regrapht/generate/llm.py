"""The local language model: the only module that imports llama_cpp.

Everything else talks to the model through `LocalModel.chat`, which streams tokens so that a
cancellation request stops generation between two tokens rather than after the whole answer.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol


class ModelError(Exception):
    """The model file cannot be used; the message names the fix."""


class GenerationCancelled(Exception):
    """Generation stopped because the caller asked for it."""


ANSWER_TOKENS = 2048  # most new tokens of one answer by default


@dataclass(frozen=True)
class ModelSettings:
    """How to load and sample the model."""

    path: Path
    n_ctx: int = 8192
    n_threads: int | None = None  # None: all physical cores llama.cpp finds
    n_gpu_layers: int = 0  # -1 offloads every layer when the build supports it
    seed: int = 0
    temperature: float = 0.0  # greedy by default: same prompt, same answer
    # a whole kernel plus launcher after a deep graph step: at 1,024, 26 answers of the
    # 2026-11-26 benchmark were cut (mostly deeper steps); prompt + answer fit n_ctx
    max_tokens: int = ANSWER_TOKENS


@dataclass(frozen=True)
class Completion:
    """One answer of the model, with what it cost."""

    text: str
    prompt_tokens: int
    completion_tokens: int
    seconds: float
    finish_reason: str  # "stop" | "length"


Message = dict[str, str]  # {"role": "system"|"user"|"assistant", "content": "..."}


class ChatModel(Protocol):
    """What the pipeline needs of a model: `LocalModel`, or `generate.scripted.ScriptedModel`
    (a test aid that replays answers from a file)."""

    @property
    def name(self) -> str: ...

    def chat(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        stop: Sequence[str] = (),
        grammar: str | None = None,
        cancel: threading.Event | None = None,
        on_token: Callable[[int], None] | None = None,
        seed: int | None = None,
    ) -> Completion: ...


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """llama.cpp prints its load log on fd 2; keep the user's terminal readable."""
    if os.environ.get("REGRAPHT_LLAMA_VERBOSE"):
        yield
        return
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


FENCE_OPEN = "```cuda\n"  # how the code-block grammar (prompts/code_block.gbnf) opens
FENCE = "```"


def fenced_answer(text: str, finish: str) -> str:
    """An answer generated after FENCE_OPEN, as one code block: closed when it stopped at the
    next fence, left open when it ran out of tokens."""
    return FENCE_OPEN + text + (FENCE if finish == "stop" else "")


def _is_code_block(grammar: str) -> bool:
    from regrapht.generate.prompting import code_block_grammar  # after llama.cpp: see below

    return grammar == code_block_grammar()


def load_native_first() -> None:
    """Load llama.cpp's native libraries before anything else loads its own (the entry points
    call this first). A llama-cpp-python built with CUDA crashed (SIGSEGV) loading a model in
    a process that had loaded the tree-sitter grammars before it, and worked when it came
    first (H100 machine, llama-cpp-python 0.3.36 with CUDA 13, 2026-11-26). Does nothing where
    llama-cpp-python is missing: the model commands say so when they need it."""
    # a broken install (its shared library missing) raises on import: the model commands say
    # so when they need the model, the rest of the command line must still work
    with contextlib.suppress(ImportError, OSError, RuntimeError):
        import llama_cpp  # noqa: F401


def _import_llama() -> Any:
    try:
        import llama_cpp
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ModelError(
            "llama-cpp-python is not installed; run `pip install regrapht` again "
            "(README: 'Set up and run')."
        ) from exc
    return llama_cpp


def _load(settings: ModelSettings, vocab_only: bool = False) -> Any:
    llama_cpp = _import_llama()
    if not settings.path.is_file():
        raise ModelError(
            f"model file not found: {settings.path}. Run `regrapht model fetch`, or point "
            "--model / REGRAPHT_MODEL / the config file at a GGUF file."
        )
    try:
        with _quiet_stderr():
            # verbose=True: with False, llama-cpp-python points the whole process's stdout at
            # /dev/null while it loads, and in the language server stdout is the protocol: a
            # message sent meanwhile by the event loop was lost (a progress report, seen in the
            # end-to-end tests; a reply could be). Its load log goes to stderr, quieted here.
            llm = llama_cpp.Llama(
                model_path=str(settings.path),
                n_ctx=settings.n_ctx,
                n_threads=settings.n_threads,
                n_gpu_layers=settings.n_gpu_layers,
                seed=settings.seed,
                vocab_only=vocab_only,
                verbose=True,
            )
    except (ValueError, RuntimeError, OSError) as exc:
        raise ModelError(
            f"llama.cpp could not load {settings.path}: {exc}. The file may be truncated or "
            "not a GGUF model; `regrapht model fetch --force` restores the default model."
        ) from exc
    llm.verbose = False  # then quiet as verbose=False: no timing lines after each answer,
    _quiet_native_log()  # and llama.cpp's own log for errors only
    return llm


def _quiet_native_log() -> None:
    from llama_cpp._logger import set_verbose  # the level Llama(verbose=...) sets

    set_verbose(bool(os.environ.get("REGRAPHT_LLAMA_VERBOSE")))


PREFILL_CHUNK = 64  # prompt tokens evaluated between two cancellation checks


@contextlib.contextmanager
def cancellable_prefill(llm: Any, cancel: threading.Event | None,
                        chunk: int = PREFILL_CHUNK) -> Iterator[None]:
    """While active, `llm.eval` (llama-cpp-python evaluates the whole prompt in one call of up
    to n_batch tokens per native decode) goes through the prompt `chunk` tokens at a time and
    raises GenerationCancelled between chunks once `cancel` is set. A graph-search prompt holds
    thousands of tokens, which on a laptop CPU is tens of seconds in native code where neither
    a cancel request nor Ctrl-C would be seen. Chunked evaluation is equivalent: each call
    appends to the tokens already evaluated."""
    original = type(llm).eval

    def eval_in_chunks(tokens: Sequence[int]) -> None:
        for start in range(0, len(tokens), chunk):
            if cancel is not None and cancel.is_set():
                raise GenerationCancelled()
            original(llm, tokens[start:start + chunk])

    llm.eval = eval_in_chunks
    try:
        yield
    finally:
        del llm.eval


class LocalModel:
    """A loaded GGUF model answering chat requests."""

    def __init__(self, settings: ModelSettings) -> None:
        self.settings = settings
        self._llm = _load(settings)

    @property
    def name(self) -> str:
        meta = getattr(self._llm, "metadata", {}) or {}
        return str(meta.get("general.name", self.settings.path.name))

    def chat(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        stop: Sequence[str] = (),
        grammar: str | None = None,
        cancel: threading.Event | None = None,
        on_token: Callable[[int], None] | None = None,
        seed: int | None = None,
    ) -> Completion:
        """Answer `messages`; raises GenerationCancelled as soon as `cancel` is set.

        `grammar` (GBNF text) constrains decoding, e.g. to exactly one fenced code block. The
        code-block grammar is applied by opening the answer with its fence inside the model's
        chat prompt and stopping at the next fence: the language the grammar allows, without
        llama.cpp checking the whole vocabulary against it at every token (on the H100, one
        copy made 20 tokens/s through the grammar). Any other grammar goes to llama.cpp.
        `seed` overrides the settings' seed (a redraw of the same prompt needs its own).
        """
        started = time.perf_counter()
        prompt_tokens = self.prompt_tokens(messages)
        options: dict[str, Any] = {
            "max_tokens": max_tokens or self.settings.max_tokens,
            "temperature": self.settings.temperature if temperature is None else temperature,
            "seed": self.settings.seed if seed is None else seed,
            "stream": True,
        }
        opened = grammar is not None and _is_code_block(grammar) and self._template is not None
        if opened:  # the grammar's language without its cost: open the fence, stop at the next
            prompt, stops = self.chat_prompt(messages, stop, fenced=True)
            stream = self._llm.create_completion(prompt=prompt, stop=stops, **options)
        else:
            llama_grammar = None
            if grammar is not None:
                with _quiet_stderr():
                    llama_grammar = _import_llama().LlamaGrammar.from_string(grammar,
                                                                             verbose=False)
            stream = self._llm.create_chat_completion(
                messages=list(messages), stop=list(stop) or None, grammar=llama_grammar,
                **options)
        pieces: list[str] = []
        finish = "stop"
        count = 0
        try:
            with cancellable_prefill(self._llm, cancel):  # the prompt runs inside the stream
                for chunk in stream:
                    if cancel is not None and cancel.is_set():
                        raise GenerationCancelled()
                    choice = chunk["choices"][0]
                    piece = (choice.get("text") if opened
                             else choice.get("delta", {}).get("content")) or ""
                    if piece:
                        pieces.append(piece)
                        count += 1
                        if on_token is not None:
                            on_token(count)
                    if choice.get("finish_reason"):
                        finish = choice["finish_reason"]
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
        text = "".join(pieces)
        if opened:
            text = fenced_answer(text, finish)
        return Completion(
            text=text,
            prompt_tokens=prompt_tokens,
            completion_tokens=count,
            seconds=time.perf_counter() - started,
            finish_reason=finish,
        )

    def prompt_tokens(self, messages: Sequence[Message]) -> int:
        """The tokens of the messages' contents: what a Completion reports as its prompt."""
        text = "".join(m["content"] for m in messages)
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False))

    @functools.cached_property
    def _template(self) -> Any:
        """The model's own chat template (as llama.cpp's chat completion uses it), or None."""
        meta = getattr(self._llm, "metadata", {}) or {}
        template = meta.get("tokenizer.chat_template")
        if not template:
            return None
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        def text(token: int) -> str:
            return bytes(self._llm.detokenize([token], special=True)).decode("utf-8", "replace")

        return Jinja2ChatFormatter(template=template, eos_token=text(self._llm.token_eos()),
                                   bos_token=text(self._llm.token_bos()))

    @property
    def _template_stops(self) -> list[str]:
        return [self._template.eos_token] if self._template is not None else []

    def chat_prompt(self, messages: Sequence[Message], stop: Sequence[str], *, fenced: bool
                    ) -> tuple[list[int], list[str]]:
        """The chat prompt's tokens, the answer opened with the code-block fence when `fenced`,
        and the strings the answer stops at (the next fence, the template's end)."""
        stops = [*stop, *([FENCE] if fenced else []), *self._template_stops]
        return self._chat_tokens(messages, FENCE_OPEN if fenced else ""), stops

    def _chat_tokens(self, messages: Sequence[Message], opening: str) -> list[int]:
        """The chat prompt as create_chat_completion builds it, with the answer's start."""
        prompt = self._template(messages=list(messages)).prompt + opening
        return list(self._llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True))


def backend_info() -> dict[str, Any]:
    """What llama.cpp this install has: version, GPU offload support, CPU features."""
    llama_cpp = _import_llama()
    info: dict[str, Any] = {"llama_cpp_python": getattr(llama_cpp, "__version__", "unknown")}
    try:
        info["gpu_offload"] = bool(llama_cpp.llama_supports_gpu_offload())
    except AttributeError:  # pragma: no cover - very old builds
        info["gpu_offload"] = False
    try:
        raw = llama_cpp.llama_print_system_info()
        info["system_info"] = raw.decode() if isinstance(raw, bytes) else str(raw)
    except AttributeError:  # pragma: no cover
        info["system_info"] = ""
    info["backend"] = "GPU offload available" if info["gpu_offload"] else "CPU only"
    return info


def read_metadata(path: Path) -> dict[str, str]:
    """GGUF metadata (architecture, name, quantization, context length...) via llama.cpp."""
    llm = _load(ModelSettings(path=path, n_ctx=512), vocab_only=True)
    return {str(k): str(v) for k, v in (getattr(llm, "metadata", {}) or {}).items()}
