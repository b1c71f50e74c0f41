"""Turn an uploaded file into plain text, whatever its format.

Pure Python (no Django): the ingest service calls ``read_document`` and gets
either a ``DocumentText`` or a ``ReadError`` carrying a message for the user in
Chinese and in English.
"""

from dataclasses import dataclass

from reports.extract import DecodeError, decode_bytes


@dataclass(frozen=True)
class DocumentText:
    text: str
    file_format: str
    encoding: str = ""


class ReadError(Exception):
    def __init__(self, message_zh: str, message_en: str):
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en


def _read_text(data: bytes) -> DocumentText:
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        raise ReadError(error.reason_zh, error.reason_en) from error
    return DocumentText(text=decoded.text, file_format="txt", encoding=decoded.encoding)


READERS = {".txt": _read_text, ".text": _read_text}


def supported_extensions() -> list[str]:
    return sorted(READERS)


def read_document(data: bytes, filename: str) -> DocumentText:
    if not data:
        raise ReadError("文件是空的，没有可导入的内容。", "The file is empty.")
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    reader = READERS.get(suffix)
    if reader is None:
        raise ReadError(
            f"不支持的文件类型“{suffix or filename}”。可上传：{'、'.join(supported_extensions())}。",
            f"Unsupported file type {suffix or filename!r}; supported: {', '.join(supported_extensions())}.",
        )
    return reader(data)
