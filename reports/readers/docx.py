"""Word .docx: paragraphs, tables and text boxes in document order."""

import io
import zipfile

from reports.readers.base import DocumentText, ReadError, check_plausible_chinese, letters, tidy_lines
from reports.readers.names import format_size

# A .docx is a zip of XML; python-docx inflates it whole, so the inflated size is checked first.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

_DAMAGED = ReadError(
    "Word 文件已损坏或不是有效的 .docx，无法读取。请用 Word 打开后另存为 .docx 再上传。",
    "The .docx file is damaged.",
)


def read_docx(data: bytes, *, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES) -> DocumentText:
    import docx  # python-docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _DAMAGED from None
    inflated = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos) or 1
    if inflated > max_uncompressed or inflated > MAX_RATIO * max(compressed, 64 * 1024):
        raise ReadError(
            f"Word 文件解压后异常巨大（{format_size(inflated)}），为安全起见拒绝处理。"
            "请确认文件来源后重新保存再上传。",
            f"The .docx inflates to {inflated} bytes; refused.",
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx surfaces KeyError, lxml errors, PackageNotFoundError...
        raise _DAMAGED from error

    parts = []
    # One pass in document order: a text box's paragraphs sit inside a paragraph of the body, so
    # reading paragraph by paragraph would repeat them.
    for node in document.element.body.iter(f"{W}p", f"{W}tr", f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        ancestors = [ancestor.tag for ancestor in node.iterancestors()]
        # Text boxes are stored twice (modern shape + VML fallback); read the modern copy only.
        if MC_FALLBACK in ancestors:
            continue
        if node.tag == f"{W}tr":
            parts.append("\n\n")
        elif node.tag == f"{W}p":
            # Paragraphs are separated by a blank line, as on the seed pages; a table row reads as one line.
            parts.append(" " if f"{W}tc" in ancestors else "\n\n")
        else:
            parts.append(_run_text(node))
    text = tidy_lines("".join(parts))
    if letters(text) == 0:
        raise ReadError("Word 文件里没有文字（可能只有图片），没有可导入的内容。", "The .docx holds no text.")
    check_plausible_chinese(text, source="Word 文件中", advice="请用 Word 打开确认内容正常后另存为 .docx 再上传。")
    return DocumentText(text=text, file_format="docx")


def _run_text(node) -> str:
    if node.tag == f"{W}t":
        return node.text or ""
    if node.tag == f"{W}tab":
        return "\t"
    return "\n"
