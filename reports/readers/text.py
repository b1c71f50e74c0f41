"""Plain text in any common Chinese encoding (UTF-8 with or without BOM, GB18030/GBK, Big5, UTF-16)."""

from reports.readers.base import TEXT_ADVICE, DocumentText, ReadError, check_plausible_chinese

# C0 control bytes that never occur in text files (tab, newlines, form feed and ESC excluded: ISO-2022 uses ESC).
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | frozenset(range(0x1C, 0x20))
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if sample.startswith(_UTF16_BOMS) or not sample:
        return False
    if _looks_like_bomless_utf16(sample):
        return False
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls > max(2, len(sample) // 200)


def _looks_like_bomless_utf16(sample: bytes) -> bool:
    # ASCII in UTF-16 puts a NUL in every other byte; CJK text still has NULs for its digits and spaces,
    # but always on the same side.
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    return (even + odd) > len(sample) // 50 and min(even, odd) <= max(even, odd) // 20


def read_text(data: bytes) -> DocumentText:
    from reports.extract import DecodeError, decode_bytes

    if looks_binary(data):
        raise ReadError(
            "文件内容不是文字（看起来是二进制文件，例如图片、程序或损坏的文件），只是扩展名写成了文本。"
            "请确认选对了文件；如果是报纸版面，请上传 PDF、Word 或文本文件。",
            "The file is binary data, not text, despite its name.",
        )
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        advice = "" if "请" in error.reason_zh else TEXT_ADVICE
        raise ReadError(error.reason_zh + advice, error.reason_en) from error
    text = decoded.text
    check_plausible_chinese(text, source="文本文件")
    if not text.strip():
        raise ReadError("文件里只有空白，没有可导入的文字。", "The file holds only whitespace.")
    return DocumentText(text=text, file_format="txt", encoding=decoded.encoding)
