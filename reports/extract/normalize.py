"""NFKC normalization that remembers where every character came from.

Normalization changes lengths (… becomes ..., ㎡ becomes m2), so each normalized character keeps the offset of the
source character it came from; evidence offsets can then be mapped back to the text a user uploaded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Runs of characters NFKC leaves alone: ASCII, CJK ideographs and the CJK punctuation Chinese prose uses most.
# Matching them in bulk keeps the per-character work to the few characters that actually change.
_STABLE = re.compile(r"[\x20-\x7e\u4e00-\u9fff\u3001\u3002\u3008-\u3011\u2014\u2018\u2019\u201c\u201d\u00b7]+")
_cache: dict[str, str] = {}


@dataclass(frozen=True)
class Normalized:
    text: str
    source: tuple[int, ...]  # source[i] is the offset in the original text of normalized character i

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized span to the original text (end exclusive)."""
        if not self.source:
            return (0, 0)
        start = min(max(start, 0), len(self.source) - 1)
        last = min(max(end - 1, start), len(self.source) - 1)
        return self.source[start], self.source[last] + 1


def _normalize_char(ch: str) -> str:
    out = _cache.get(ch)
    if out is None:
        if ch == "\r":
            out = "\n"
        elif ch in "\u2028\u2029\x85":
            out = "\n"
        elif ch in "\t\x0b\x0c":
            out = " "
        else:
            out = unicodedata.normalize("NFKC", ch)
            # NFKC keeps control characters; they only confuse the later stages.
            if len(out) == 1 and unicodedata.category(out) in ("Cc", "Cf") and out != "\n":
                out = ""
        if len(_cache) < 100_000:
            _cache[ch] = out
    return out


def normalize(text: str) -> Normalized:
    """NFKC per character (full-width digits and punctuation become ASCII), CR/LF become LF."""
    parts: list[str] = []
    source: list[int] = []
    pos = 0
    for match in _STABLE.finditer(text):
        if match.start() > pos:
            _slow(text, pos, match.start(), parts, source)
        parts.append(match.group())
        source.extend(range(match.start(), match.end()))
        pos = match.end()
    if pos < len(text):
        _slow(text, pos, len(text), parts, source)
    return Normalized("".join(parts), tuple(source))


def _slow(text: str, start: int, end: int, parts: list[str], source: list[int]) -> None:
    for i in range(start, end):
        ch = text[i]
        if ch == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            continue
        out = _normalize_char(ch)
        if out:
            parts.append(out)
            source.extend([i] * len(out))
