"""PDF with a text layer, read through pdfminer.six's layout analysis so newspaper columns come out in reading order.

pdfminer.six is pure Python and MIT-licensed (PyMuPDF is AGPL, unsuitable for a network service); from
20260107 on it ships JSON CMaps instead of pickles (CVE-2025-64512).
"""

import io
import logging
import re
import zlib

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTTextContainer
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from reports.readers.base import DocumentText, ReadError, check_plausible_chinese, letters

logger = logging.getLogger(__name__)

MAX_PAGES = 500
# A newspaper page's content stream is a few hundred kB; anything near this is a decompression bomb.
MAX_STREAM_BYTES = 64 * 1024 * 1024
# boxes_flow 0.5 (pdfminer's default, made explicit): text boxes are ordered column by column, which is how
# newspaper pages are read; None would sort top-down and interleave the columns line by line.
LAPARAMS = LAParams(boxes_flow=0.5)

_CID = re.compile(r"\(cid:\d+\)")


class _StreamTooLarge(Exception):
    pass


class _CappedZlib:
    """pdfminer inflates streams with ``zlib.decompress`` and no size limit; this stands in with one."""

    error = zlib.error

    @staticmethod
    def decompress(data, *args, **kwargs):
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, MAX_STREAM_BYTES)
        if inflater.unconsumed_tail:
            raise _StreamTooLarge
        return out + inflater.flush()

    @staticmethod
    def decompressobj(*args, **kwargs):
        return zlib.decompressobj(*args, **kwargs)


def _install_stream_cap() -> None:
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _CappedZlib):
        pdftypes.zlib = _CappedZlib()


_install_stream_cap()

_ENCRYPTED = ReadError(
    "PDF 文件已加密（设置了打开密码或限制了复制文字），无法读取文字。"
    "请在 PDF 阅读器中取消密码或另存为未加密的 PDF 后重新上传。",
    "The PDF is encrypted; remove the password and upload again.",
)
_DAMAGED = ReadError(
    "PDF 文件已损坏或不完整（可能下载或复制时中断），无法读取。请重新获取原文件后上传。",
    "The PDF is damaged or truncated.",
)


def read_pdf(data: bytes) -> DocumentText:
    # A complete PDF ends with %%EOF; pdfminer quietly reads what it can of a truncated one,
    # which would ingest half an issue without anyone noticing.
    if b"%%EOF" not in data[-2048:]:
        raise _DAMAGED
    try:
        pages, encrypted = _pages_text(data)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise _ENCRYPTED from None
    except _StreamTooLarge:
        raise ReadError(
            "PDF 中有解压后异常巨大的数据（超过 64 MB），为安全起见拒绝处理。请用 PDF 软件重新导出后上传。",
            "The PDF holds a stream that inflates beyond 64 MB.",
        ) from None
    except ReadError:
        raise
    except Exception as error:  # pdfminer raises a zoo of types (PSEOF, KeyError, struct.error...) on bad files
        logger.info("pdfminer could not read a PDF: %r", error)
        raise _DAMAGED from error

    text = "\n\n".join(page for page in pages if page.strip())
    cids = len(_CID.findall(text))
    if cids:
        if encrypted:
            raise _ENCRYPTED
        readable = letters(_CID.sub("", text))
        if cids > 20 or cids * 20 > readable:
            raise ReadError(
                f"PDF 使用的字体没有文字映射表，提取出的是无法识别的字形编号（{cids} 处），不能当作文字导入。"
                "请用原排版软件重新导出 PDF（勾选“嵌入字体/可搜索文字”），或改为上传 Word/文本文件。",
                f"The PDF's fonts have no Unicode map ({cids} glyphs unreadable).",
            )
        # A handful of unmapped symbols (bullets, dingbats) is common; drop them rather than the page.
        text = _CID.sub("", text)
    if letters(text) < 10:
        raise ReadError(
            "这个 PDF 没有文字层（可能是扫描件或图片），需要先做文字识别（OCR）。"
            "请用 OCR 软件生成“可搜索的 PDF”，或上传文本/Word 版后再试。",
            "The PDF has no text layer (a scan?); run OCR first.",
        )
    check_plausible_chinese(text, source="PDF 中", advice="请用原排版软件重新导出 PDF，或改为上传 Word/文本文件。")
    return DocumentText(text=text, file_format="pdf")


def _pages_text(data: bytes) -> tuple[list[str], bool]:
    parser = PDFParser(io.BytesIO(data))
    document = PDFDocument(parser)
    encrypted = bool(getattr(document, "encryption", None))
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=LAPARAMS)
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    for number, page in enumerate(PDFPage.create_pages(document), start=1):
        if number > MAX_PAGES:
            raise ReadError(
                f"PDF 超过 {MAX_PAGES} 页，不像是一期报纸。请拆分后上传。",
                f"The PDF has more than {MAX_PAGES} pages.",
            )
        interpreter.process_page(page)
        layout = device.get_result()
        boxes = [element.get_text().strip() for element in layout if isinstance(element, LTTextContainer)]
        pages.append("\n\n".join(box for box in boxes if box))
    return pages, encrypted
