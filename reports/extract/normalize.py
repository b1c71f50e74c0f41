"""NFKC normalization that remembers where every character came from.

Normalization changes lengths (… becomes ..., ㎡ becomes m2), so each normalized character keeps the offset of the
source character it came from; evidence offsets can then be mapped back to the text a user uploaded.

Besides NFKC, three repairs that reposted pages need before any rule can read them:
- a page in traditional script is read in simplified script (OpenCC), so one catalogue and one gazetteer serve both;
- pinyin that mirror sites insert after characters (地區(qū)生產(chǎn)總值, 伊春(chun)市) is dropped;
- a space between two Chinese characters, left by a line break of the printed column (社会消费品零售 总额,
  600.5亿 元), is dropped.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters other than those NFKC leaves alone (ASCII, CJK ideographs and the CJK punctuation Chinese prose uses
# most): only these are looked at one by one.
_UNSTABLE = re.compile(r"[^\x20-\x7e\u4e00-\u9fff\u3001\u3002\u3008-\u3011\u2014\u2018\u2019\u201c\u201d\u00b7]")
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


# Variant forms that OpenCC's t2s leaves as they are (陜西 for 陕西, 寧陜縣 for 宁陕县): never written in simplified
# prose, so mapped on every page.
_VARIANTS = str.maketrans("陜衞隂囯鑛", "陕卫阴国矿")
_VARIANT = re.compile("[陜衞隂囯鑛]")


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
    """NFKC per character (full-width digits and punctuation become ASCII), CR/LF become LF, then the repairs above."""
    nfkc = _nfkc(text)
    norm = _simplified(_without(_without(_without(_without(nfkc, _PINYIN), _SPACE_IN_WORD, in_long_lines=True),
                                         _SPACE_IN_NUMBER), _LETTER_SPACED))
    if _VARIANT.search(norm.text):
        norm = Normalized(norm.text.translate(_VARIANTS), norm.source)
    return norm


# A pinyin syllable in brackets right after a character: lower-case letters (tone marks allowed) with a vowel.
# A gloss of several syllables (洪城红(hóngchénghóng)) carries tone marks, which no English word in brackets does.
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff)])\((?:(?=[a-zü]*[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])"
                     r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}"
                     r"|(?=[a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{7,30})\)")
_SPACE_IN_WORD = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")
# 地区生产总值360 513万元: a yearbook's space between groups of three digits, before a unit, is no break.
# (Traditional pages are converted after this repair: 151 442萬元 spells its unit in traditional script.)
# (The space comes first in the pattern, so the scan skips to spaces instead of trying look-behinds everywhere.)
_SPACE_IN_NUMBER = re.compile(r"[ \u2009\u202f](?:(?<=[^\d.,]\d.)|(?<=[^\d.,]\d\d.)|(?<=[^\d.,]\d{3}.))"
                              r"(?=\d{3}(?:[ \u2009\u202f]\d{3})*(?:\.\d+)?\s*"
                              r"(?:[万萬亿億]元|元|[万萬]人|人|[户戶]|[个個]|家|名))")
# 甘 霖 镇: a yearbook's title printed letter-spaced, one character at a time to the end of its line, is one word.
_LETTER_SPACED = re.compile(r"(?:(?<=^[\u4e00-\u9fff])|(?<=\n[\u4e00-\u9fff])|(?<= [\u4e00-\u9fff])) +"
                            r"(?=[\u4e00-\u9fff](?: +[\u4e00-\u9fff])* *(?:\n|$))")
# Characters common in traditional-script prose and never written in simplified script: a page holding several is
# a traditional page. (Converting a simplified page would harm it: 乾 in 乾坤 is no 干.)
_TRADITIONAL = re.compile(r"[們個區為這會經發產業體務關與來時說國對開過還進動現實樣當點從後機總數據構單網黨員縣鎮萬億]")
_TRADITIONAL_MIN = 3


# Headlines separate phrases with spaces (化龙桥街道 党建引领聚合合力): only lines of running text lose them.
_LONG_LINE = 60


def _without(norm: Normalized, pattern: re.Pattern, *, in_long_lines: bool = False) -> Normalized:
    if not pattern.search(norm.text):
        return norm
    text = norm.text
    # Line bounds found once (a rescan per match would be quadratic on a page of one long line).
    breaks = [m.start() for m in re.finditer("\n", text)] if in_long_lines else []
    parts, source, pos = [], [], 0
    for m in pattern.finditer(text):
        if in_long_lines:
            i = bisect.bisect_left(breaks, m.start())
            line_start = breaks[i - 1] + 1 if i else 0
            line_end = breaks[i] if i < len(breaks) else len(text)
            if line_end - line_start < _LONG_LINE:
                continue
        parts.append(norm.text[pos:m.start()])
        source.extend(norm.source[pos:m.start()])
        pos = m.end()
    parts.append(norm.text[pos:])
    source.extend(norm.source[pos:])
    return Normalized("".join(parts), tuple(source))


def _simplified(norm: Normalized) -> Normalized:
    hits = 0
    for _ in _TRADITIONAL.finditer(norm.text):
        hits += 1
        if hits >= _TRADITIONAL_MIN:
            break
    else:
        return norm
    converted = _converter().convert(norm.text)
    if len(converted) != len(norm.text):
        # A phrase converted to another length: convert character by character so offsets stay one to one.
        convert = _converter().convert
        converted = "".join(c if len(c := convert(ch)) == 1 else ch for ch in norm.text)
    return Normalized(converted, norm.source)


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _nfkc(text: str) -> Normalized:
    parts: list[str] = []
    resized: list[tuple[int, int]] = []  # (offset, length of its normal form) where that length is not one
    pos = 0
    for match in _UNSTABLE.finditer(text):
        i = match.start()
        ch = match.group()
        out = "" if ch == "\r" and text.startswith("\n", i + 1) else _normalize_char(ch)
        if out == ch:
            continue
        parts.append(text[pos:i])
        parts.append(out)
        pos = i + 1
        if len(out) != 1:
            resized.append((i, len(out)))
    parts.append(text[pos:])
    if not resized:
        return Normalized("".join(parts), tuple(range(len(text))))
    # Offsets are rebuilt only around the few characters that changed length.
    source: list[int] = []
    pos = 0
    for i, length in resized:
        source.extend(range(pos, i))
        source.extend([i] * length)
        pos = i + 1
    source.extend(range(pos, len(text)))
    return Normalized("".join(parts), tuple(source))


