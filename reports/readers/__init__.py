"""Turn an uploaded file into plain text, whatever its format.

Pure Python (no Django): the ingest service calls ``read_document`` and gets
either a ``DocumentText`` or a ``ReadError`` carrying a message for the user in
Chinese and in English. The format is decided by the file's content; its
extension must name a supported format, so a mislabelled file is still read
correctly but an unknown one is refused.
"""

from reports.readers import sniff as _sniff
from reports.readers.archive import Member, unpack_zip
from reports.readers.base import DocumentText, ReadError

FORMAT_NAMES = {
    _sniff.TXT: "文本", _sniff.PDF: "PDF", _sniff.DOCX: "Word", _sniff.HTML: "网页", _sniff.ZIP: "zip 压缩包",
}


def supported_extensions() -> list[str]:
    return sorted(_sniff.EXTENSIONS)


def detect_format(data: bytes, filename: str) -> str:
    """The format to read ``data`` as; ReadError for empty, unknown or unsupported files."""
    if not data:
        raise ReadError(f"文件“{filename}”是空的（0 字节），没有可导入的内容。请检查是否选错了文件。",
                        f"{filename} is empty.")
    suffix = _sniff.extension(filename)
    expected = _sniff.EXTENSIONS.get(suffix)
    if expected is None:
        raise ReadError(
            f"不支持的文件类型“{suffix or '（无扩展名）'}”（{filename}）。"
            f"可上传：{'、'.join(supported_extensions())}，或把这些文件打包成 .zip。",
            f"Unsupported file type {suffix or filename!r}; supported: {', '.join(supported_extensions())}.",
        )
    try:
        actual = _sniff.sniff(data)
    except _sniff.Unsupported as unsupported:
        raise ReadError(
            f"文件“{filename}”的扩展名是 {suffix}，但内容其实是{unsupported.what_zh}，不能导入。"
            + unsupported.advice_zh,
            f"{filename} is really a {unsupported.what_zh}, which is not supported.",
        ) from None
    if actual is None:
        # No magic number: text, or HTML without a leading tag; the extension decides which.
        actual = expected if expected in (_sniff.TXT, _sniff.HTML) else None
        if actual is None:
            raise ReadError(
                f"文件“{filename}”的扩展名是 {suffix}，但内容不是{FORMAT_NAMES[expected]}文件"
                "（可能已损坏或改过扩展名）。请用原软件打开确认后重新保存上传。",
                f"{filename} does not contain {expected} data.",
            )
    if expected == _sniff.DOCX and actual == _sniff.ZIP:
        # A .docx is a zip inside; one that does not open as Word is a damaged Word file, not a broken archive.
        raise ReadError(
            f"Word 文件“{filename}”已损坏或不完整（可能下载或复制时中断），无法打开。"
            "请用 Word 打开确认，另存为 .docx 后重新上传。",
            f"{filename} is a damaged or truncated Word file.",
        )
    if expected == _sniff.TXT and actual == _sniff.HTML:
        # A saved page renamed .txt is still a web page; read it as one so markup is not ingested as text.
        return _sniff.HTML
    return actual


def read_document(data: bytes, filename: str) -> DocumentText:
    file_format = detect_format(data, filename)
    if file_format == _sniff.PDF:
        from reports.readers.pdf import read_pdf

        return read_pdf(data)
    if file_format == _sniff.DOCX:
        from reports.readers.docx import read_docx

        return read_docx(data)
    if file_format == _sniff.HTML:
        from reports.readers.html import read_html

        return read_html(data)
    if file_format == _sniff.ZIP:
        raise ReadError(f"压缩包“{filename}”需要在上传时解开，不能作为单个文件处理。",
                        f"{filename} is an archive; unpack it first.")
    from reports.readers.text import read_text

    return read_text(data)


__all__ = ["DocumentText", "Member", "ReadError", "detect_format", "read_document", "supported_extensions",
           "unpack_zip"]
