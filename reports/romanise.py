"""Place names in pinyin for English readers and for the place search: 圣泉街道 → "Shengquan Jiedao".

The proper name is written as one word and the administrative suffix as another, as Chinese maps in pinyin do.
"""

from functools import lru_cache

SUFFIXES = ("街道办事处", "街道", "镇", "乡", "区", "县", "市")
ASCII_APOSTROPHE = "'"


def _word(text: str) -> str:
    # Imported on first use: pypinyin's phrase tables take some 55 MB, which a process that never romanises a
    # name (a Chinese reader's cached pages, exports, ingest) need not hold.
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(text, errors="default")
    word = ""
    for syllable in syllables:
        # Xi'an, not Xian: a syllable starting with a vowel after another is marked off.
        if word and syllable[:1] in "aoe":
            word += ASCII_APOSTROPHE
        word += syllable
    return word.capitalize()


@lru_cache(maxsize=8192)
def romanised(name: str) -> str:
    """'Shengquan Jiedao' for 圣泉街道; '' for a name without Chinese characters."""
    name = (name or "").strip()
    if not any("\u4e00" <= ch <= "\u9fff" for ch in name):
        return ""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return f"{_word(name[:-len(suffix)])} {_word(suffix)}"
    return _word(name)
