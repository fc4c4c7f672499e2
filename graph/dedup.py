"""Near-duplicate articles: a wire story republished by ten outlets is one origin.

Each article gets a MinHash signature over word 5-shingles of its normalised
text, cut into bands; two articles sharing a band are candidates, and a pair
is a copy when the exact Jaccard similarity of their shingle sets reaches the
threshold. The later article (by publication date, then id) is the copy:
``(copy:Article)-[:COPY_OF {similarity}]->(original:Article)``, so the edges
are the same whatever order the articles were loaded in.

>>> a = "Islamic State claimed responsibility for the attack on the concert hall near Moscow on Friday night."
>>> b = "UPDATE: " + a
>>> similarity(a, b) > 0.8, bool(set(band_keys(a)) & set(band_keys(b)))
(True, True)
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np

__all__ = ["THRESHOLD", "band_keys", "copy_and_original", "is_copy", "shingles", "similarity"]

THRESHOLD = 0.8
SHINGLE = 5
BANDS, ROWS = 16, 4  # 64 hash functions; pairs above ~0.7 Jaccard almost always share a band
_PRIME = (1 << 31) - 1  # a < 2**31 times a 32-bit hash stays below 2**63: exact in uint64
_WORD = re.compile(r"\w+")


def _seeds(n: int) -> tuple[np.ndarray, np.ndarray]:
    a, b = [], []
    for i in range(n):
        h = hashlib.blake2b(f"claimgraph-minhash-{i}".encode(), digest_size=16).digest()
        a.append(int.from_bytes(h[:8], "big") % _PRIME | 1)
        b.append(int.from_bytes(h[8:], "big") % _PRIME)
    return np.array(a, dtype=np.uint64)[:, None], np.array(b, dtype=np.uint64)[:, None]


_A, _B = _seeds(BANDS * ROWS)


@lru_cache(maxsize=4096)
def shingles(text: str) -> frozenset[int]:
    """Hashes of the article's word 5-grams (lower case, punctuation ignored)."""
    words = _WORD.findall(text.lower())
    grams = [" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))]
    return frozenset(int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams)


def band_keys(text: str) -> list[str]:
    """The LSH keys of an article: one per band of its MinHash signature."""
    grams = shingles(text)
    if not grams:
        return []
    hashes = np.fromiter((g & 0xFFFFFFFF for g in grams), dtype=np.uint64, count=len(grams))[None, :]
    signature = ((_A * hashes + _B) % _PRIME).min(axis=1).tolist()  # one permutation a row
    keys = []
    for band in range(BANDS):
        rows = signature[band * ROWS:(band + 1) * ROWS]
        digest = hashlib.blake2b(repr(rows).encode(), digest_size=8).hexdigest()
        keys.append(f"b{band}x{digest}")
    return keys


def similarity(a: str, b: str) -> float:
    """Exact Jaccard similarity of two texts' shingle sets."""
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def is_copy(a: str, b: str, threshold: float = THRESHOLD) -> float | None:
    """The similarity when the two texts are near-duplicates, else None."""
    s = similarity(a, b)
    return round(s, 3) if s >= threshold else None


def copy_and_original(a: tuple[str, str | None], b: tuple[str, str | None]) -> tuple[str, str]:
    """Of two (id, published) articles, (the copy's id, the original's id): the earlier one,
    undated counting as latest, ties broken by id, is the original."""
    first, second = sorted([a, b], key=lambda p: (p[1] or "9999", p[0]))
    return second[0], first[0]
