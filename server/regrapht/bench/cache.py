"""Model outputs cached by prompt hash, so that a rerun of a benchmark costs no model time.

`CachingModel` has the `ChatModel` interface. The key is a sha256 of everything that decides
an answer: the model's identity, the messages, the grammar, the stop strings, max_tokens, the
temperature and the seed. The model behind it is loaded on the first miss only (a fully cached
rerun never loads it), and calls to it are serialized through one lock: one loaded model serves
all the runner's threads. A model that batches concurrent calls itself (`batch.BatchingModel`)
is used with `serialize=False`, so that the threads' requests reach it together. Entries are
JSON files `<dir>/<hh>/<hash>.json` written atomically, so several runs (or a run killed
mid-way) can share a directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from regrapht.generate.llm import ChatModel, Completion, Message, ModelError


def prompt_key(model_id: str, messages: Sequence[Message], **options: object) -> str:
    payload = json.dumps({"model": model_id, "messages": list(messages), **options},
                         sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class CachingModel:
    """A `ChatModel` answering from `cache_dir` when it can, else from `load()`'s model."""

    def __init__(self, load: Callable[[], ChatModel], model_id: str, cache_dir: Path,
                 name: str | None = None, serialize: bool = True) -> None:
        self._load = load
        self._serialize = serialize
        self._call_lock = threading.Lock()
        self._model: ChatModel | None = None
        self._failed: ModelError | None = None
        self._lock = threading.Lock()
        self.model_id = model_id
        self.cache_dir = cache_dir
        self._name = name or model_id
        self.hits = 0
        self.misses = 0

    @property
    def name(self) -> str:
        return self._model.name if self._model is not None else self._name

    def _path(self, key: str) -> Path:
        return self.cache_dir / key[:2] / f"{key}.json"

    def lookup(self, key: str) -> Completion | None:
        try:
            row = json.loads(self._path(key).read_text())
            return Completion(row["text"], int(row["prompt_tokens"]),
                              int(row["completion_tokens"]), float(row["seconds"]),
                              str(row["finish_reason"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent or damaged: ask the model again

    def store(self, key: str, completion: Completion) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(asdict(completion)))
        os.replace(tmp, path)

    def chat(self, messages: Sequence[Message], *, max_tokens: int | None = None,
             temperature: float | None = None, stop: Sequence[str] = (),
             grammar: str | None = None, cancel: threading.Event | None = None,
             on_token: Callable[[int], None] | None = None, seed: int | None = None
             ) -> Completion:
        key = prompt_key(self.model_id, messages, max_tokens=max_tokens, temperature=temperature,
                         stop=list(stop), grammar=grammar, seed=seed)
        cached = self.lookup(key)
        if cached is not None:
            with self._lock:
                self.hits += 1
            return cached
        model = self._loaded()
        if self._serialize:
            with self._call_lock:  # one model, one call at a time
                completion = self._model_chat(model, key, messages, max_tokens, temperature,
                                              stop, grammar, cancel, on_token, seed)
        else:
            completion = self._model_chat(model, key, messages, max_tokens, temperature, stop,
                                          grammar, cancel, on_token, seed)
        return completion

    def _loaded(self) -> ChatModel:
        with self._lock:
            if self._failed is not None:  # every waiting thread would load it again
                raise self._failed
            if self._model is None:
                try:
                    self._model = self._load()
                except ModelError as exc:
                    self._failed = exc
                    raise
            return self._model

    def _model_chat(self, model: ChatModel, key: str, messages: Sequence[Message],
                    max_tokens: int | None, temperature: float | None, stop: Sequence[str],
                    grammar: str | None, cancel: threading.Event | None,
                    on_token: Callable[[int], None] | None, seed: int | None) -> Completion:
        cached = self.lookup(key)  # another thread may have asked the same meanwhile
        if cached is not None:
            with self._lock:
                self.hits += 1
            return cached
        completion = model.chat(messages, max_tokens=max_tokens, temperature=temperature,
                                stop=stop, grammar=grammar, cancel=cancel, on_token=on_token,
                                seed=seed)
        with self._lock:
            self.misses += 1
        self.store(key, completion)
        return completion
