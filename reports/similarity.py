"""Near-duplicate articles: MinHash signatures over character shingles, looked up by banded LSH.

A reprinted or lightly edited article (two characters changed, one number altered) has a different SHA-256 but
almost the same shingles. Each stored article keeps its signature and one key per band; a new article is
compared only with the articles that share a band key with it (an indexed lookup), never with every article.

Pure Python and numpy, no Django: the ingest service stores and looks up what this module computes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

# Characters per shingle. Chinese carries a word in two or three characters; five-character shingles make
# stock phrases (网格化管理, 党建引领) shared by every article on the subject count for little, while an
# edited article keeps nearly all of its shingles: each changed character touches at most five of them.
SHINGLE = 5
PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
# Fewer shingles than this (a caption, a one-line notice) says too little to call two articles the same.
MIN_SHINGLES = 40

# Estimated Jaccard similarity of shingle sets at and above which an article is held as a repeat.
# Measured on the five seed pages (fixtures/seeds: 12 articles as the extractor splits them, exact Jaccard of
# 5-character shingles):
#   - two different seed articles: at most 0.008 (two 江津日报 pages on Party building and grid governance);
#   - a copy of a seed article with two characters changed and one number altered: 0.89 (the shortest article,
#     155 characters) to 0.99;
#   - a seed article with its first third cut (a shortened reprint): 0.64-0.69.
# 0.5 sits far from both groups: a reprint that keeps two thirds of its text is still caught, and different
# articles, even on the same subject in the same paper, are two orders of magnitude below it.
# tests/test_similarity.py measures these groups again on the seeds.
THRESHOLD = 0.5
# With 32 bands of 4 rows, a pair at Jaccard s shares a band with probability 1 - (1 - s^4)^32: 0.87 at 0.5,
# above 0.999 at 0.8, and 0.0003 at 0.1, so candidates are few and repeats are almost never missed.

_rng = np.random.default_rng(20240115)
# Fixed coefficients: signatures stored in the database must stay comparable across processes and releases.
# Multiply-shift hashing: (a * x + b) mod 2^64 with odd a, keeping the top 32 bits.
_A = _rng.integers(1, 1 << 63, size=PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_B = _rng.integers(0, 1 << 63, size=PERMUTATIONS, dtype=np.uint64)
_CHUNK = 4096
_DROP = re.compile(r"[\W_]+", re.UNICODE)


def normalize(text: str) -> str:
    """Full-width forms folded (NFKC), letters lower-cased, spaces and punctuation dropped: layout and
    typesetting differences between two printings of an article do not count."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).lower())


def shingles(text: str) -> set[int]:
    """64-bit hashes of the normalized text's overlapping ``SHINGLE``-character pieces."""
    norm = normalize(text)
    if len(norm) < SHINGLE:
        return set()
    return {int.from_bytes(hashlib.blake2b(norm[i:i + SHINGLE].encode("utf-8"), digest_size=8).digest(), "little")
            for i in range(len(norm) - SHINGLE + 1)}


def jaccard(a: set, b: set) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def signature(text: str) -> list[int] | None:
    """The MinHash signature of an article (``PERMUTATIONS`` values below 2^32), or None for a text too short
    to compare."""
    hashed = shingles(text)
    if len(hashed) < MIN_SHINGLES:
        return None
    values = np.fromiter(hashed, dtype=np.uint64, count=len(hashed))
    result = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    # A permutation per row, a few thousand shingles at a time: memory stays at a few megabytes for any text.
    # uint64 arithmetic wraps, which is the mod 2^64 the hash family wants.
    with np.errstate(over="ignore"):
        for start in range(0, len(values), _CHUNK):
            chunk = values[start:start + _CHUNK]
            mixed = (_A[:, None] * chunk[None, :] + _B[:, None]) >> np.uint64(32)
            np.minimum(result, mixed.min(axis=1), out=result)
    return [int(v) for v in result]


def band_keys(sig: list[int]) -> list[int]:
    """One signed 64-bit key per band (band number included), for an indexed equality lookup."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS:(band + 1) * ROWS]
        digest = hashlib.blake2b(repr((band, *chunk)).encode("ascii"), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def estimate(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two articles from their signatures."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)
