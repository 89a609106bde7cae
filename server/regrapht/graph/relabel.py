"""Put a trajectory's technique name onto an existing node, so that synonyms collapse.

Offline and light (standard library only). How it decides, in order:
1. Normalize: lower case; `-`, `_`, `/` and punctuation become spaces; abbreviations are spelled
   out (smem -> shared memory, shfl -> shuffle, ...); word forms are folded (coalesced,
   coalescing -> coalesce; tiled, tiling -> tile; ...); filler words (the, of, using, level,
   optimization, ...) are dropped.
2. Equal word sets, against a node's name or any of its synonyms: the same technique
   ("tiling with shared memory" = "shared memory tiling").
   Before comparing, a word no node uses is replaced by the known word it misspells (85 %
   alike, difflib): "memroy" -> "memory", "registr" -> "register".
3. Near miss: the normalized strings are at least 90 % alike (difflib) AND the two use exactly
   the same discriminating words (shared, register, warp, block, constant, texture, atomic,
   shuffle, vector, ..., and any word with a digit: 2d is not 3d). So "shared memory tile"
   collapses onto "shared memory tiling", but "register tiling" never does, however alike the
   strings look.
4. Otherwise no match: the caller adds a new node.
Each decision comes back with its reason, so a relabelling can be audited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher, get_close_matches

from regrapht.graph.schema import Technique

ABBREVIATIONS = {
    "smem": "shared memory", "shmem": "shared memory", "shm": "shared memory",
    "gmem": "global memory", "cmem": "constant memory", "tex": "texture", "reg": "register",
    "regs": "register", "shfl": "shuffle", "simd": "vector", "float4": "vector",
    "ilp": "instruction parallelism", "l2": "l2 cache", "sm": "multiprocessor",
    "cuda": "", "gpu": "",
}
FORMS = {
    "coalesced": "coalesce", "coalescing": "coalesce", "coalesces": "coalesce",
    "tiled": "tile", "tiling": "tile", "tiles": "tile", "unrolled": "unroll",
    "unrolling": "unroll", "vectorized": "vector", "vectorised": "vector",
    "vectorization": "vector", "vectorisation": "vector", "vectorize": "vector",
    "vectorise": "vector", "vectors": "vector", "shuffles": "shuffle", "registers": "register",
    "atomics": "atomic", "reductions": "reduction", "reduce": "reduction", "fused": "fusion",
    "fuse": "fusion", "fusing": "fusion", "divergent": "divergence", "threads": "thread",
    "blocks": "block", "warps": "warp", "loops": "loop", "streams": "stream",
    "parallelization": "parallel", "parallelisation": "parallel", "parallelize": "parallel",
    "parallelise": "parallel", "parallelized": "parallel", "prefetching": "prefetch",
    "mapping": "map", "mapped": "map", "caching": "cache", "cached": "cache",
}
FILLER = {"the", "a", "an", "of", "for", "with", "using", "use", "via", "by", "to", "and",
          "in", "on", "level", "based", "optimization", "optimisation", "technique", "apply",
          "applying", "access", "accesses", "pattern", "patterns", "improve", "improved",
          "global"}  # global memory is where data lives unless a technique says otherwise
DISCRIMINATING = {
    "shared", "register", "warp", "block", "thread", "constant", "texture",
    "atomic", "shuffle", "vector", "tensor", "stream", "async", "cooperative", "grid",
    "unroll", "fusion", "tile", "coalesce", "divergence", "reduction", "prefetch", "cache",
    "loop", "launch", "occupancy", "math", "intrinsic", "bank", "conflict", "pinned",
    "double", "buffer", "transpose", "scan", "sort", "stride", "map", "parallel",
}
SIMILAR = 0.9


@dataclass(frozen=True)
class Relabel:
    name: str | None  # the existing node, or None: a new technique
    reason: str


def normalize(name: str) -> tuple[str, ...]:
    text = re.sub(r"[^a-z0-9 ]+", " ", name.lower().replace("-", " ").replace("_", " "))
    words: list[str] = []
    for word in text.split():
        expanded = ABBREVIATIONS.get(word, word)
        for part in expanded.split():
            part = FORMS.get(part, part)
            if part and part not in FILLER:
                words.append(part)
    return tuple(words)


def _key_words(words: tuple[str, ...]) -> set[str]:
    """The words that tell techniques apart: listed ones, and any with a digit (2d, 3d, 128)."""
    return {w for w in words if w in DISCRIMINATING or any(c.isdigit() for c in w)}


def _names(t: Technique) -> Iterable[str]:
    yield t.name
    yield from t.synonyms


def _spelled(words: tuple[str, ...], vocabulary: set[str]) -> tuple[str, ...]:
    """Each unknown word replaced by the known word it is a misspelling of (85 % alike)."""
    fixed = []
    for word in words:
        if word not in vocabulary and len(word) > 3:
            close = get_close_matches(word, vocabulary, n=1, cutoff=0.85)
            word = close[0] if close else word
        fixed.append(word)
    return tuple(fixed)


def relabel(name: str, techniques: Iterable[Technique]) -> Relabel:
    pool = list(techniques)
    vocabulary = {w for t in pool for known in _names(t) for w in normalize(known)}
    words = _spelled(normalize(name), vocabulary | DISCRIMINATING)
    if not words:
        return Relabel(None, f"'{name}' has no words left after normalizing")
    for t in pool:
        for known in _names(t):
            if set(normalize(known)) == set(words):
                return Relabel(t.name, f"same words as '{known}'")
    best: tuple[float, Technique, str] | None = None
    text = " ".join(sorted(words))
    for t in pool:
        for known in _names(t):
            other = normalize(known)
            if _key_words(other) != _key_words(words):
                continue
            ratio = SequenceMatcher(None, text, " ".join(sorted(other))).ratio()
            if ratio >= SIMILAR and (best is None or ratio > best[0]):
                best = (ratio, t, known)
    if best:
        return Relabel(best[1].name, f"{best[0]:.0%} alike '{best[2]}', same key words")
    return Relabel(None, "no technique with the same key words")
