"""Types shared by the readers, and the plausibility check every extracted text goes through."""

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentText:
    text: str
    file_format: str
    encoding: str = ""
    # What the reader had to do short of failing (a PDF page read without layout analysis...), for the user.
    warnings: tuple[str, ...] = ()


class ReadError(Exception):
    """The file cannot be turned into text; ``message_zh`` says what is wrong and what to do."""

    def __init__(self, message_zh: str, message_en: str):
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Latin-1 supplement and Latin Extended: what UTF-8 Chinese looks like when read as cp1252/latin-1.
_LATIN_MOJIBAKE = re.compile(r"[\u00c0-\u024f]")
# Hangul, kana and box drawing turn up when GB bytes are read as cp949 / Shift-JIS and vice versa.
_FOREIGN_SCRIPT = re.compile(r"[\u3040-\u30ff\u3130-\u318f\uac00-\ud7af\u2500-\u257f]")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")


def letters(text: str) -> int:
    return sum(1 for ch in text if unicodedata.category(ch)[0] in "LN")


TEXT_ADVICE = "请用文本编辑器打开确认内容正常，另存为 UTF-8 编码后重新上传。"


def check_plausible_chinese(text: str, *, source: str, advice: str = TEXT_ADVICE) -> None:
    """Refuse text that is not readable Chinese: garbage in would become wrong numbers out.

    ``source`` names the format in the message (e.g. "PDF"), so the user knows where to look.
    """
    total = letters(text)
    if total == 0:
        return
    replacement = text.count("\ufffd")
    cjk = len(_CJK.findall(text))
    suspicious = len(_LATIN_MOJIBAKE.findall(text)) + len(_FOREIGN_SCRIPT.findall(text)) + len(
        _PRIVATE_USE.findall(text)) + replacement
    # A few stray symbols are normal (names, units); a page where they rival the Chinese characters is not.
    if replacement > max(3, total // 100) or (suspicious > 20 and suspicious > cjk / 2):
        raise ReadError(
            f"{source}的文字解码后是乱码（无法识别的字符 {suspicious} 个，汉字 {cjk} 个），"
            "可能是编码识别错误或文件已损坏。" + advice,
            f"The {source} text decodes to mojibake ({suspicious} suspicious characters, {cjk} CJK); "
            "save it as UTF-8 and upload again.",
        )


_BLANK_RUN = re.compile(r"\n{3,}")
_SPACE_RUN = re.compile(r"[ \t\u00a0\u3000]+")


def tidy_lines(text: str) -> str:
    """Strip every line, squeeze runs of spaces and keep at most one blank line between paragraphs."""
    lines = (_SPACE_RUN.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()
