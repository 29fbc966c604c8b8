"""Near-duplicate detection for syndicated copies: a 64-bit SimHash over word shingles.

Hand-written (about twenty lines) because the libraries that do this well (datasketch's MinHash
LSH) pull in SciPy and more machinery than one fingerprint per document needs. Two documents whose
fingerprints differ in at most ``MAX_DISTANCE`` bits are near-duplicates. To find candidates without
comparing every pair, the fingerprint is cut into ``BANDS`` 16-bit bands: by the pigeonhole
principle, two fingerprints within 3 bits agree exactly on at least one of the four bands.
"""

from __future__ import annotations

import hashlib
import re

MAX_DISTANCE = 3
BANDS = 4
_WORD = re.compile(r"\w+")
_MIN_WORDS = 50  # shorter texts are too short to call near-duplicates reliably


def simhash(text: str, shingle: int = 2) -> int:
    """A signed 64-bit SimHash of ``text`` (0 when the text is too short to fingerprint)."""
    words = _WORD.findall(text.casefold())
    if len(words) < _MIN_WORDS:
        return 0
    weights = [0] * 64
    for i in range(len(words) - shingle + 1):
        gram = " ".join(words[i : i + shingle]).encode("utf-8")
        h = int.from_bytes(hashlib.blake2b(gram, digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if (h >> bit) & 1 else -1
    value = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    return value - (1 << 64) if value >= 1 << 63 else value  # stored as a signed BIGINT


def bands(h: int) -> list[int]:
    """The fingerprint cut into ``BANDS`` 16-bit integers."""
    u = h & 0xFFFFFFFFFFFFFFFF
    return [(u >> (16 * i)) & 0xFFFF for i in range(BANDS)]


def distance(a: int, b: int) -> int:
    """Hamming distance between two fingerprints."""
    return ((a ^ b) & 0xFFFFFFFFFFFFFFFF).bit_count()


def is_near_duplicate(a: int, b: int) -> bool:
    """True when two non-empty fingerprints are within ``MAX_DISTANCE`` bits."""
    return bool(a) and bool(b) and distance(a, b) <= MAX_DISTANCE
