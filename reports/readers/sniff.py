"""Tell a file's real format from its first bytes; the extension only has to agree.

Browsers send whatever Content-Type the operating system guesses and users rename
files freely, so neither is trusted on its own.
"""

import io
import re
import zipfile

PDF = "pdf"
DOCX = "docx"
HTML = "html"
TXT = "txt"
ZIP = "zip"

# Extension → the format a file with that name is expected to hold.
EXTENSIONS = {
    ".txt": TXT, ".text": TXT,
    ".pdf": PDF,
    ".docx": DOCX,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
    ".zip": ZIP,
}

# Formats we recognise only to explain why they are refused.
_KNOWN_UNSUPPORTED = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文件（.doc/.xls）", "请用 Word 另存为 .docx 后上传。"),
    (b"\x89PNG\r\n\x1a\n", "PNG 图片", "图片中的文字需要先做文字识别（OCR），请上传带文字层的 PDF 或文本。"),
    (b"\xff\xd8\xff", "JPEG 图片", "图片中的文字需要先做文字识别（OCR），请上传带文字层的 PDF 或文本。"),
    (b"GIF8", "GIF 图片", "图片中的文字需要先做文字识别（OCR），请上传带文字层的 PDF 或文本。"),
    (b"II*\x00", "TIFF 图片", "图片中的文字需要先做文字识别（OCR），请上传带文字层的 PDF 或文本。"),
    (b"MM\x00*", "TIFF 图片", "图片中的文字需要先做文字识别（OCR），请上传带文字层的 PDF 或文本。"),
    (b"Rar!\x1a\x07", "RAR 压缩包", "只支持 .zip 压缩包，请解压后重新打包为 .zip 或逐个上传。"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包", "只支持 .zip 压缩包，请解压后重新打包为 .zip 或逐个上传。"),
    (b"\x1f\x8b", "gzip 压缩文件", "只支持 .zip 压缩包，请解压后重新打包为 .zip 或逐个上传。"),
    (b"{\\rtf", "RTF 文档", "请用 Word 另存为 .docx 后上传。"),
    (b"\x7fELF", "可执行程序", "请上传报纸版面的文本、PDF、Word 或网页文件。"),
]

_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)


class Unsupported(Exception):
    def __init__(self, what_zh: str, advice_zh: str):
        super().__init__(what_zh)
        self.what_zh = what_zh
        self.advice_zh = advice_zh


def extension(filename: str) -> str:
    name = filename.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def sniff(data: bytes) -> str | None:
    """The format the bytes themselves announce, or None for "plain text, maybe" (decided by the text reader)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    for magic, what, advice in _KNOWN_UNSUPPORTED:
        if data.startswith(magic):
            raise Unsupported(what, advice)
    if _HTML_START.match(data[:4096]) or _utf16_html(data[:4096]):
        return HTML
    return None


def _utf16_html(head: bytes) -> bool:
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            text = head[2:len(head) - len(head) % 2].decode(codec, errors="ignore")
            return bool(_HTML_START.match(text.encode("utf-8")))
    return False


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        # Damaged containers are reported by the reader the extension points to.
        return ZIP
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        raise Unsupported("Excel 表格（.xlsx）", "请上传报纸版面的文本、PDF、Word（.docx）或网页文件。")
    if "ppt/presentation.xml" in names:
        raise Unsupported("PowerPoint 演示文稿（.pptx）", "请上传报纸版面的文本、PDF、Word（.docx）或网页文件。")
    if "mimetype" in names and "META-INF/container.xml" in names:
        raise Unsupported("电子书或 OpenDocument 文件", "请另存为 .docx 或 PDF 后上传。")
    return ZIP
