"""PDF with a text layer, read through pdfminer.six's layout analysis so newspaper columns come out in reading order.

pdfminer.six is pure Python and MIT-licensed (PyMuPDF is AGPL, unsuitable for a network service); from
20260107 on it ships JSON CMaps instead of pickles (CVE-2025-64512).
"""

import io
import logging
import re
import zlib

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTContainer, LTTextContainer
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from reports.readers.base import DocumentText, ReadError, check_plausible_chinese, letters

logger = logging.getLogger(__name__)

MAX_PAGES = 500
# Layout analysis groups characters into lines, lines into boxes and boxes into columns, and each grouping is
# quadratic when everything is near everything else: 754 bytes of text drawn over itself took 20 s, 1.6 MB took
# 10 GB. A dense broadsheet page holds about 15,000 characters in a few hundred lines and a hundred boxes; past
# these caps a page is refused (characters, objects: checked while it is drawn, before memory is spent) or read
# by a cheaper method (lines, boxes, text drawn over text).
MAX_CHARS_PER_PAGE = 30_000
MAX_OBJECTS_PER_PAGE = 100_000
MAX_LINES_PER_PAGE = 2_000
MAX_BOXES_PER_PAGE = 400
# Fake bold draws a glyph two to four times; a page where many characters share a spot is text over text.
STACKED_SHARE = 0.3
# A newspaper page's content stream is a few hundred kB; anything near this is a decompression bomb.
MAX_STREAM_BYTES = 64 * 1024 * 1024
# boxes_flow 0.5 (pdfminer's default, made explicit): text boxes are ordered column by column, which is how
# newspaper pages are read; None would sort top-down and interleave the columns line by line.
LAPARAMS = LAParams(boxes_flow=0.5)

_CID = re.compile(r"\(cid:\d+\)")


class _StreamTooLarge(Exception):
    pass


class _PageTooBusy(Exception):
    def __init__(self, page: int, what_zh: str, count: int, limit: int):
        super().__init__(page, what_zh, count, limit)
        self.page, self.what_zh, self.count, self.limit = page, what_zh, count, limit


class _Fallback(Exception):
    pass


def _flat_chars(container) -> list[LTChar]:
    out, stack = [], [container]
    while stack:
        for item in stack.pop():
            if isinstance(item, LTChar):
                out.append(item)
            elif isinstance(item, LTContainer):
                stack.append(item)
    return out


def _stacked(chars: list[LTChar]) -> bool:
    cells: dict[tuple[int, int], int] = {}
    for c in chars:
        key = (round(c.x0 / max(c.width, 1.0)), round(c.y0 / max(c.height, 1.0)))
        cells[key] = cells.get(key, 0) + 1
    crowded = sum(n for n in cells.values() if n > 4)
    return crowded > 100 and crowded > STACKED_SHARE * len(chars)


def _plain_text(chars: list[LTChar]) -> str:
    """Characters in the order the file draws them, a new line where the baseline moves: no layout analysis."""
    out, last_y = [], None
    for c in chars:
        if last_y is not None and abs(c.y0 - last_y) > c.height / 2:
            out.append("\n")
        out.append(c.get_text())
        last_y = c.y0
    return "".join(out)


class _BoundedAggregator(PDFPageAggregator):
    """pdfminer's page aggregator with the caps above: counts what a page draws, and analyses its layout only
    when that stays cheap; ``plain`` / ``unordered`` name the pages read otherwise."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plain: list[int] = []
        self.unordered: list[int] = []
        self.chars = self.objects = 0

    def begin_page(self, page, ctm):
        super().begin_page(page, ctm)
        self.chars = self.objects = 0
        self.plain_text = None

    def _count(self) -> None:
        self.objects += 1
        if self.objects > MAX_OBJECTS_PER_PAGE:
            raise _PageTooBusy(self.pageno, "个图文对象", self.objects, MAX_OBJECTS_PER_PAGE)

    def render_char(self, *args, **kwargs):
        self.chars += 1
        if self.chars > MAX_CHARS_PER_PAGE:
            raise _PageTooBusy(self.pageno, "个字符", self.chars, MAX_CHARS_PER_PAGE)
        self._count()
        return super().render_char(*args, **kwargs)

    def paint_path(self, *args, **kwargs):
        self._count()
        return super().paint_path(*args, **kwargs)

    def render_image(self, *args, **kwargs):
        self._count()
        return super().render_image(*args, **kwargs)

    def end_page(self, page):
        number = self.pageno
        chars = _flat_chars(self.cur_item)
        if _stacked(chars):
            self.plain.append(number)
            self.plain_text = _plain_text(chars)
            self.pageno += 1
            self.receive_layout(self.cur_item)
            return
        layout = self.cur_item
        group_objects, group_textlines = layout.group_objects, layout.group_textlines

        def bounded_lines(laparams, objs):
            lines = list(group_objects(laparams, objs))
            if len(lines) > MAX_LINES_PER_PAGE:
                raise _Fallback("lines")
            return lines

        def bounded_boxes(laparams, lines):
            boxes = list(group_textlines(laparams, lines))
            if laparams.boxes_flow is not None and len(boxes) > MAX_BOXES_PER_PAGE:
                raise _Fallback("boxes")
            return boxes

        layout.group_objects, layout.group_textlines = bounded_lines, bounded_boxes
        try:
            super().end_page(page)
        except _Fallback as fallback:
            self.laparams, laparams = LAParams(boxes_flow=None), self.laparams
            try:
                if str(fallback) == "boxes":
                    # Too many boxes to order by columns: ordered top-down instead (no grouping into columns).
                    self.unordered.append(number)
                    layout.group_objects = group_objects
                    super().end_page(page)
                else:
                    self.plain.append(number)
                    self.plain_text = _plain_text(chars)
                    self.pageno += 1
                    self.receive_layout(self.cur_item)
            finally:
                self.laparams = laparams


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
        pages, encrypted, warnings = _pages_text(data)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise _ENCRYPTED from None
    except _PageTooBusy as busy:
        raise ReadError(
            f"PDF 第 {busy.page} 页有超过 {busy.limit:,} {busy.what_zh}，远多于一版报纸，为避免耗尽服务器资源拒绝处理。"
            "请确认文件无误，或改为上传文本/Word 版。",
            f"Page {busy.page} of the PDF holds more than {busy.limit} objects of one kind.",
        ) from None
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
    return DocumentText(text=text, file_format="pdf", warnings=warnings)


def _page_list(numbers: list[int]) -> str:
    shown = "、".join(str(n) for n in numbers[:10])
    return shown + (f" 等 {len(numbers)} 页" if len(numbers) > 10 else "")


def _pages_text(data: bytes) -> tuple[list[str], bool, tuple[str, ...]]:
    parser = PDFParser(io.BytesIO(data))
    document = PDFDocument(parser)
    encrypted = bool(getattr(document, "encryption", None))
    manager = PDFResourceManager(caching=True)
    device = _BoundedAggregator(manager, laparams=LAPARAMS)
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
        if device.plain_text is not None:
            pages.append(device.plain_text)
            continue
        boxes = [element.get_text().strip() for element in layout if isinstance(element, LTTextContainer)]
        pages.append("\n\n".join(box for box in boxes if box))
    warnings = []
    if device.plain:
        warnings.append(f"PDF 第 {_page_list(device.plain)} 页文字大量重叠或行数过多，未做版面分析，"
                        "按文件中的绘制顺序读取，段落和分栏可能错乱。请核对这些页的数据，或改为上传文本/Word 版。")
    if device.unordered:
        warnings.append(f"PDF 第 {_page_list(device.unordered)} 页文字块过多，未按分栏排序，而是自上而下读取，"
                        "分栏可能交错。请核对这些页的数据，或改为上传文本/Word 版。")
    return pages, encrypted, tuple(warnings)
