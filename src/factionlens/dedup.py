"""Near-duplicate detection for syndicated copies: MinHash over word 3-shingles, with LSH bands.

A syndicated copy keeps most of a report's sentences but changes its header, a few words and the
footer. The share of word 3-shingles two texts have in common (Jaccard similarity) measures that
well; MinHash estimates it from a 64-number signature per document, and locality-sensitive bands
(16 bands of 4 numbers) find candidate pairs without comparing every pair: two documents are
compared only if they agree on a whole band.

Hand-written (about forty lines, on NumPy, which the NLP library already needs) because datasketch,
which does this well, also pulls in SciPy for one fingerprint per document.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
THRESHOLD = (
    0.5  # estimated Jaccard similarity of word 3-shingles at or above which texts are copies
)
SHINGLE = 3
_MIN_WORDS = 20  # shorter texts are too short to call near-duplicates reliably
_WORD = re.compile(r"\w+")

# Fixed random permutations h -> (h XOR mask) * odd (mod 2**64): the same in every process.
_RNG = np.random.default_rng(20240209)
_MASKS = _RNG.integers(0, 2**63, NUM_PERM, dtype=np.uint64) * np.uint64(2)
_ODDS = _RNG.integers(0, 2**62, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def signature(text: str) -> list[int]:
    """The MinHash signature of ``text`` (NUM_PERM 32-bit numbers), or [] for a too-short text."""
    words = _WORD.findall(text.casefold())
    if len(words) < _MIN_WORDS:
        return []
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams),
        dtype=np.uint64,
        count=len(grams),
    )
    with np.errstate(over="ignore"):
        permuted = (hashes[:, None] ^ _MASKS[None, :]) * _ODDS[None, :]
    return [int(v) >> 32 for v in permuted.min(axis=0)]


def bands(sig: list[int]) -> list[int]:
    """One signed 64-bit key per band of ``sig`` (empty for an empty signature)."""
    out = []
    for b in range(BANDS if sig else 0):
        chunk = ",".join(str(v) for v in sig[b * ROWS : (b + 1) * ROWS]).encode()
        out.append(
            int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True)
        )
    return out


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of the shingles of two texts from their signatures."""
    if not a or not b:
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def closest(sig: list[int], candidates: Iterable[tuple[str, list[int]]]) -> str | None:
    """The id of the candidate most similar to ``sig``, if it is a near-duplicate; else None."""
    best = max(((similarity(sig, other), key) for key, other in candidates if other), default=None)
    return best[1] if best is not None and best[0] >= THRESHOLD else None


def is_near_duplicate(a: list[int], b: list[int]) -> bool:
    """True when two texts share at least THRESHOLD of their word 3-shingles (estimated)."""
    return similarity(a, b) >= THRESHOLD


class NearDuplicateIndex:
    """An in-memory index of signatures, for runs without a database (``extract``)."""

    def __init__(self) -> None:
        self._bands: dict[tuple[int, int], list[str]] = {}
        self._sigs: dict[str, list[int]] = {}

    def add(self, doc_id: str, sig: list[int]) -> str | None:
        """Index ``sig`` under ``doc_id``; return the id of an earlier near-duplicate, if any."""
        if not sig or doc_id in self._sigs:
            return None
        keys = list(enumerate(bands(sig)))
        seen = {other for k in keys for other in self._bands.get(k, [])}
        match = closest(sig, ((o, self._sigs[o]) for o in seen))
        self._sigs[doc_id] = sig
        for k in keys:
            self._bands.setdefault(k, []).append(doc_id)
        return match
