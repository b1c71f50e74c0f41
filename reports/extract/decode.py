"""Bytes to text: detect the encoding, then check the result is real Chinese text rather than mojibake or junk.

Big5 bytes decode as GB18030 without a single error, and charset-normalizer alone mis-labels short GBK snippets
(cp949), so no decoder's silence is trusted: every candidate decoding is scored by how much of its Han text falls
in the common-character tables of its script (GB2312 level 1 for simplified, Big5 level 1 for traditional). Real
text scores close to 1; a wrong guess lands in rare or unrelated characters and scores far lower.
"""

from __future__ import annotations

import codecs
import unicodedata
from functools import lru_cache

from .types import DecodedText, DecodeError

# GBK and GB2312 are subsets of GB18030; decoding the family as gb18030 keeps rare characters (䶮, 𠀀) readable.
_GB_FAMILY = {"gb2312", "gbk", "cp936", "hz", "gb18030", "euc_cn", "ms936"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MIN_COMMON_SHARE = 0.8
_MIN_COMMON_SHARE_SHORT = 0.6
_SHORT_HAN = 20


@lru_cache(maxsize=1)
def _common_han() -> tuple[frozenset[str], frozenset[str]]:
    """GB2312 level-1 (3,755 most used simplified) and Big5 level-1 (5,401 most used traditional) characters."""
    gb = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                gb.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    big5 = set()
    for lead in range(0xA4, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            if (lead, trail) > (0xC6, 0x7E):
                break
            try:
                big5.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(gb), frozenset(big5)


def _is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FA1F or 0xF900 <= o <= 0xFAFF


def _profile(text: str) -> dict:
    gb, big5 = _common_han()
    han = in_gb = in_big5 = control = replacement = private = latin1 = non_ascii = punct = 0
    for ch in text:
        o = ord(ch)
        if 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2010 <= o <= 0x206F:
            punct += 1  # CJK and general punctuation, full-width forms
        if o < 128:
            if o < 32 and ch not in "\t\n\r\x0c":
                control += 1
            elif o == 127:
                control += 1
            continue
        non_ascii += 1
        if _is_han(ch):
            han += 1
            in_gb += ch in gb
            in_big5 += ch in big5
        elif o == 0xFFFD:
            replacement += 1
        elif 0xE000 <= o <= 0xF8FF:
            private += 1
        elif 0x80 <= o <= 0xFF:
            latin1 += 1
        elif unicodedata.category(ch) == "Cc":
            control += 1
    common = max(in_gb, in_big5) / han if han else 0.0
    # What Chinese prose is made of: ASCII, common Han characters and punctuation.
    readable = (len(text) - non_ascii + max(in_gb, in_big5) + punct) / max(len(text), 1)
    return {"nul": "\x00" in text, "blank": not text.strip(), "han": han, "common": common, "control": control,
            "readable": readable, "replacement": replacement, "private": private,
            "latin1": latin1, "non_ascii": non_ascii, "length": len(text)}


def _problem(p: dict) -> tuple[str, str] | None:
    """Why a decoding is not trustworthy, as (Chinese, English), or None when it looks like real text."""
    length = max(p["length"], 1)
    if p["nul"] or p["control"] > max(2, 0.01 * length):
        return ("文件看起来是二进制数据，不是文本。", "The file looks like binary data, not text.")
    if p["replacement"] > max(2, 0.005 * length):
        return ("文件中有大量无法识别的字符，可能编码有误或已损坏。",
                "The file has many undecodable characters; it may be damaged or in an unknown encoding.")
    if p["private"] > max(2, 0.01 * length):
        return ("文件解码后出现大量乱码（私用区字符），编码无法确定。",
                "Decoding produced many private-use characters (mojibake); the encoding cannot be determined.")
    if p["han"]:
        floor = _MIN_COMMON_SHARE if p["han"] >= _SHORT_HAN else _MIN_COMMON_SHARE_SHORT
        if p["common"] < floor:
            return ("文件解码后是乱码（常用汉字比例过低），编码无法确定。",
                    "Decoding produced mojibake (too few common Chinese characters); "
                    "the encoding cannot be determined.")
    elif p["non_ascii"] >= 4 and p["latin1"] > 0.5 * p["non_ascii"]:
        return ("文件看起来是被错误转码的中文（乱码）。",
                "The text looks like Chinese that was converted with the wrong encoding (mojibake).")
    return None


def _score(p: dict) -> float:
    if p["han"]:
        return p["common"] - 0.1 * (p["replacement"] + p["private"] + p["control"]) / max(p["length"], 1)
    return 0.5 - (p["control"] + p["replacement"]) / max(p["length"], 1)


def _normalize_name(name: str) -> str:
    name = codecs.lookup(name).name
    return "gb18030" if name in _GB_FAMILY else name


def _candidates(data: bytes) -> list[tuple[str, float]]:
    """Encodings charset-normalizer proposes (with its confidence), plus the two Chinese families always."""
    from charset_normalizer import from_bytes

    found: dict[str, float] = {}
    try:
        results = from_bytes(data[:200_000])
    except Exception:  # the detector is advisory; a crash in it must not lose the upload
        results = []
    for match in results:
        try:
            name = _normalize_name(match.encoding)
        except LookupError:
            continue
        if name.startswith(("utf-16", "utf-32", "utf_16", "utf_32")) and len(data) < 16:
            continue  # a few bytes with a NUL are as likely binary as BOM-less UTF-16
        found.setdefault(name, max(0.0, 1.0 - float(match.chaos)))
    for name in ("gb18030", "big5"):
        found.setdefault(name, 0.5)
    return list(found.items())


def decode_bytes(data: bytes) -> DecodedText:
    """Decode an uploaded text file; raise DecodeError for empty input, binary junk or mojibake."""
    if not data or not data.strip(b" \t\r\n\x00"):
        raise DecodeError("文件是空的，没有可导入的内容。", "The file is empty.")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as error:
                raise DecodeError(
                    "文件带有 Unicode 标记，但内容无法按该编码解码。",
                    f"The file starts with a {name} byte-order mark but does not decode as {name}.",
                ) from error
            return _checked(text, name.replace("-sig", ""), 1.0)
    if b"\x00" not in data:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            # Valid multi-byte UTF-8 is very unlikely to happen by accident, so strict success is decisive.
            return _checked(text, "utf-8", 1.0)
    best: tuple[float, str, str, float] | None = None
    for name, confidence in _candidates(data):
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        profile = _profile(text)
        # A guessed encoding must yield Chinese prose; Hangul or kana from a wrong guess is not.
        if profile["blank"] or _problem(profile) or profile["readable"] < 0.9:
            continue
        score = _score(profile) + 0.01 * confidence
        if best is None or score > best[0]:
            best = (score, name, text, profile["common"] if profile["han"] else confidence)
    if best is None:
        raise DecodeError("无法识别文件的编码，或内容不是中文文本（可能是二进制文件或乱码）。",
                          "The encoding could not be determined, or the content is not Chinese text "
                          "(binary data or mojibake).")
    _, name, text, confidence = best
    return DecodedText(text=text.lstrip("\ufeff"), encoding=name, confidence=round(min(confidence, 1.0), 3))


def _checked(text: str, encoding: str, confidence: float) -> DecodedText:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise DecodeError("文件是空的，没有可导入的内容。", "The file is empty.")
    profile = _profile(text)
    problem = _problem(profile)
    if problem:
        raise DecodeError(*problem)
    return DecodedText(text=text, encoding=encoding, confidence=confidence)
