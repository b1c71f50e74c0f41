"""Files for the reader and upload tests, generated on the fly so no binary fixtures live in the repository."""

import io
import random
import zipfile
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
CJK_FONT = "STSong-Light"  # one of reportlab's built-in Adobe CID fonts: no font file needed


def seed_text(index: int) -> str:
    return sorted(SEEDS.glob(f"{index:03d}_*.txt"))[0].read_text(encoding="utf-8")


def _canvas(buffer, **kwargs):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    return canvas.Canvas(buffer, **kwargs)


def pdf_from_text(text: str, *, chars_per_line: int = 34, **canvas_kwargs) -> bytes:
    """A text PDF laid out like the seed pages: one visual line per source line, wrapped, paged."""
    buffer = io.BytesIO()
    pdf = _canvas(buffer, **canvas_kwargs)
    y = 800
    for line in text.splitlines():
        chunks = [line[i:i + chars_per_line] for i in range(0, len(line), chars_per_line)] or [""]
        for chunk in chunks:
            if y < 50:
                pdf.showPage()
                y = 800
            pdf.setFont(CJK_FONT, 11)
            pdf.drawString(40, y, chunk)
            y -= 15
    pdf.save()
    return buffer.getvalue()


def two_column_pdf(title: str, left: list[str], right: list[str]) -> bytes:
    """A headline over two columns, drawn line by line across both columns (the order that trips naive readers)."""
    buffer = io.BytesIO()
    pdf = _canvas(buffer)
    pdf.setFont(CJK_FONT, 18)
    pdf.drawString(60, 790, title)
    pdf.setFont(CJK_FONT, 10)
    y = 750
    for left_line, right_line in zip(left, right, strict=True):
        pdf.drawString(60, y, left_line)
        pdf.drawString(320, y, right_line)
        y -= 14
    pdf.save()
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """A page that is only a picture of text, as a scanner produces."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(image)
    for row in range(40, 760, 24):
        draw.rectangle((40, row, 560, row + 10), fill=40)
    buffer = io.BytesIO()
    pdf = _canvas(buffer)
    pdf.drawImage(ImageReader(image), 0, 0, width=595, height=842)
    pdf.save()
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    return pdf_from_text("圣泉街道在133个网格的基础上，拓展3310个微网格。", encrypt="opensesame")


def unmapped_font_pdf() -> bytes:
    """Chinese drawn with a CID font that has no ToUnicode map: the glyphs show, the text cannot be recovered."""
    glyphs = "".join(f"{cid:04X}" for cid in range(1000, 1060))
    content = f"BT /F1 12 Tf 50 750 Td <{glyphs}> Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SubsetSong /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SubsetSong "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def docx_from_text(text: str, *, table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph.replace("\n", ""))
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_of(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def binary_junk(size: int = 4096) -> bytes:
    return random.Random(5).randbytes(size)


def overlapping_text_pdf(lines: int = 800) -> bytes:
    """The same sentence drawn over itself ``lines`` times, a few points apart: a few kB that took pdfminer's
    layout analysis 19 s at 800 lines (and 10 GB of memory at 1.6 MB)."""
    buffer = io.BytesIO()
    pdf = _canvas(buffer)
    pdf.setFont(CJK_FONT, 12)
    for i in range(lines):
        pdf.drawString(72 + i % 7, 700 - i % 5, "几江街道划分网格5个，配备网格员12名。")
    pdf.save()
    return buffer.getvalue()


def scattered_pdf(chars: int = 1500) -> bytes:
    """Single characters spread over a large page, each its own text box: the column grouping is quadratic in
    boxes (1,000 took 10 s)."""
    buffer = io.BytesIO()
    pdf = _canvas(buffer, pagesize=(2000, 2000))
    pdf.setFont(CJK_FONT, 8)
    side = int(chars ** 0.5) + 1
    for i in range(chars):
        pdf.drawString(10 + (i % side) * 1900 / side, 10 + (i // side) * 1900 / side, "网格"[i % 2])
    pdf.save()
    return buffer.getvalue()


def crowded_pdf(chars: int) -> bytes:
    """One page with ``chars`` characters in tiny print, far more than any newspaper page."""
    buffer = io.BytesIO()
    pdf = _canvas(buffer)
    pdf.setFont(CJK_FONT, 2)
    line = "几江街道划分网格5个，配备网格员12名。" * 10
    for i in range(chars // len(line) + 1):
        pdf.drawString(5, 830 - (i * 2.2) % 820, line)
    pdf.save()
    return buffer.getvalue()
