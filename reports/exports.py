"""Writers for exported tables: CSV (UTF-8 with BOM so Excel shows Chinese), JSON, JSON Lines and XLSX.

Rows are tuples aligned with a column list ``(key, Chinese header, English header, XLSX number format)``
(dict rows keyed by column are accepted too). CSV and JSON are generators, so a view can stream them;
XLSX streams too: its worksheet XML is written straight into a zip entry (see iter_xlsx).
"""

import csv
import datetime as dt
import decimal
import io
import json
import re
import zipfile

CHUNK_ROWS = 1000
WIDTHS = {"evidence": 60, "article_title": 36, "name": 24, "source": 40, "notes": 50, "metric_name": 16,
          "display": 14, "place": 14, "district": 10, "newspaper": 12, "published": 12}


# OWASP CSV injection: a spreadsheet runs a cell starting with one of these as a formula (tab and CR too, since
# some programs strip them first). Text cells get a leading apostrophe; numbers stay numbers, so -5 is untouched.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _values(row, columns):
    if isinstance(row, dict):
        return [row.get(key) for key, *_rest in columns]
    return row


def _plain(value):
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, decimal.Decimal):
        # Decimal('133.0000') prints as 133, Decimal('51.0300') as 51.03: what the newspaper printed.
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _csv_cell(value) -> str:
    return neutralise(value) if isinstance(value, str) else _text(value)


def iter_csv(rows, columns, *, english: bool = False):
    """Yield CSV text chunks: a BOM and the header first, then a chunk per ``CHUNK_ROWS`` rows.

    Text cells that a spreadsheet would take for a formula are neutralised (``neutralise``); JSON and XLSX keep
    the raw text, since neither evaluates it (XLSX strings are written as inline strings, never as formulas).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([en if english else zh for _key, zh, en, *_rest in columns])
    yield "\ufeff" + buffer.getvalue()
    batch = []
    for row in rows:
        batch.append([_csv_cell(v) for v in _values(row, columns)])
        if len(batch) >= CHUNK_ROWS:
            buffer.seek(0)
            buffer.truncate()
            writer.writerows(batch)
            batch.clear()
            yield buffer.getvalue()
    if batch:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(batch)
        yield buffer.getvalue()


def iter_csv_copy(sql: str, params: list, columns, *, quoted: list[str], chunk_bytes: int = 1 << 18):
    """Yield, as bytes, a CSV that PostgreSQL writes itself from a query's columns (COPY … TO STDOUT in CSV
    format, ``quoted`` columns always quoted), the BOM and header first (see selectors.fact_csv_sql).

    COPY sends rows while it formats them and quotes in C. A thread runs it on this request's connection and
    hands chunks over through a short queue, so the database formats the next rows while this process sends the
    last ones, and memory holds a few chunks at most. A reader who goes away cancels the query.
    """
    import queue
    import threading

    from django.db import connection

    buffer = io.StringIO()
    csv.writer(buffer).writerow([zh for _key, zh, *_rest in columns])
    yield ("\ufeff" + buffer.getvalue()).encode()
    connection.ensure_connection()
    raw = connection.connection
    with raw.cursor() as cursor:
        statement = cursor.mogrify(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, FORCE_QUOTE ({', '.join(quoted)}))",
                                   params)
    chunks: queue.Queue = queue.Queue(maxsize=4)
    stopped = threading.Event()
    done = object()

    def hand_over(item) -> None:
        while not stopped.is_set():
            try:
                chunks.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    class Rows:
        def __init__(self):
            self.rows, self.size = [], 0

        def write(self, row: bytes) -> None:
            # psycopg2 hands over one row per call. COPY ends rows with LF, these CSVs with CRLF (as csv.writer).
            self.rows.append(row[:-1])
            self.size += len(row)
            if self.size >= chunk_bytes:
                self.flush()

        def flush(self) -> None:
            if self.rows:
                hand_over(b"\r\n".join(self.rows) + b"\r\n")
                self.rows, self.size = [], 0

    def produce() -> None:
        try:
            rows = Rows()
            with raw.cursor() as cursor:
                cursor.copy_expert(statement, rows)
            rows.flush()
            hand_over(done)
        except BaseException as error:  # handed to the request's thread, which raises it
            hand_over(error)

    thread = threading.Thread(target=produce, name="csv-copy", daemon=True)
    thread.start()
    try:
        while (item := chunks.get()) is not done:
            if isinstance(item, BaseException):
                # As Django's own cursors do: database errors as django.db errors, and the connection checked.
                with connection.wrap_database_errors:
                    raise item
            yield item
    finally:
        if thread.is_alive():
            stopped.set()
            raw.cancel()
            thread.join()
            if connection.in_atomic_block:
                connection.needs_rollback = True
        thread.join()


def iter_json(rows, columns, *, meta: dict):
    """Yield one JSON document ``{"meta": …, "columns": […], "rows": [{…}, …]}`` in chunks."""
    keys = [c[0] for c in columns]
    head = {"meta": meta, "columns": [{"key": k, "zh": zh, "en": en} for k, zh, en, *_rest in columns]}
    yield json.dumps(head, ensure_ascii=False, default=str)[:-1] + ', "rows": [\n'
    encode = json.JSONEncoder(ensure_ascii=False, default=str).encode
    batch, first = [], True
    for row in rows:
        batch.append(encode(dict(zip(keys, [_plain(v) for v in _values(row, columns)], strict=True))))
        if len(batch) >= CHUNK_ROWS:
            yield ("" if first else ",\n") + ",\n".join(batch)
            first = False
            batch.clear()
    if batch:
        yield ("" if first else ",\n") + ",\n".join(batch)
    yield "\n]}\n"


def iter_jsonl(rows, columns):
    keys = [c[0] for c in columns]
    for row in rows:
        yield json.dumps(dict(zip(keys, [_plain(v) for v in _values(row, columns)], strict=True)),
                         ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------------------------
# XLSX, written as a stream.
#
# An XLSX file is a zip of XML parts. Writing the worksheet XML directly into a zip entry (zipfile supports
# unseekable output) lets a download start at once and keeps memory flat; openpyxl's write-only mode needs
# ~15 µs per cell here, which made a full 300k-row export take minutes. Strings are written inline
# (t="inlineStr"), numbers and dates with the column's number format, the header bold on dark grey.

XLSX_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="{count}">{formats}</numFmts>
<fonts count="3"><font><sz val="11"/><name val="等线"/><family val="2"/></font>\
<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="等线"/><family val="2"/></font>\
<font><u/><sz val="11"/><color rgb="FF1D4ED8"/><name val="等线"/><family val="2"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FF1F2933"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="{xf_count}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>{xfs}\
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
XLSX_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/worksheets/sheet2.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"""
XLSX_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="xl/workbook.xml"/></Relationships>"""
XLSX_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
<sheets><sheet name="{first}" sheetId="1" r:id="rId1"/><sheet name="{second}" sheetId="2" r:id="rId2"/></sheets>\
</workbook>"""
XLSX_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet2.xml"/>\
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
Target="styles.xml"/></Relationships>"""
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
EXCEL_EPOCH = dt.date(1899, 12, 30)
# Characters XML 1.0 forbids; a stray control character in a newspaper text must not corrupt the file.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    value = _XML_INVALID.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _column_letters(count: int) -> list[str]:
    letters = []
    for index in range(1, count + 1):
        name = ""
        while index:
            index, rest = divmod(index - 1, 26)
            name = chr(65 + rest) + name
        letters.append(name)
    return letters


class _Drain(io.RawIOBase):
    """An unseekable sink the zip writes into and the generator empties after every batch of rows."""

    def __init__(self):
        super().__init__()
        self.parts: list[bytes] = []

    def writable(self):
        return True

    def write(self, data):
        self.parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def _cell(ref: str, value, style: int) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, decimal.Decimal | int | float):
        text = format(value, "f") if isinstance(value, decimal.Decimal) else repr(value)
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return f'<c r="{ref}" s="{style}"><v>{text}</v></c>'
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{style}"><v>{(value - EXCEL_EPOCH).days}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_xml_text(str(value))}</t></is></c>'


# Columns whose web addresses open on a click: written as HYPERLINK formulas, since a worksheet's own hyperlink
# list stops at 65,530 entries and would have to be held until the last row.
LINK_COLUMNS = {"source"}


def _link_cell(ref: str, value, style: int) -> str:
    text = str(value or "")
    if not text.startswith(("http://", "https://")):
        return _cell(ref, value, 0)
    formula = 'HYPERLINK("' + text.replace('"', '""') + '")'
    return f'<c r="{ref}" s="{style}" t="str"><f>{_xml_text(formula)}</f><v>{_xml_text(text)}</v></c>'


def iter_xlsx(rows, columns, *, sheet_title="数据", about: dict | list | None = None, about_title="说明",
              chunk_rows: int = 2000, counter: list | None = None):
    """Yield an XLSX file in chunks: the data sheet, then a sheet recording what the export contains."""
    formats = list(dict.fromkeys(c[3] for c in columns if len(c) > 3 and c[3]))
    builtin = {"0": 1}
    format_ids = {f: builtin.get(f, 164 + i) for i, f in enumerate(formats)}
    styles = {f: 2 + i for i, f in enumerate(formats)}
    column_styles = [styles.get(c[3], 0) if len(c) > 3 and c[3] else 0 for c in columns]
    link_style = 2 + len(formats)
    cell_writers = [_link_cell if c[0] in LINK_COLUMNS else _cell for c in columns]
    column_styles = [link_style if c[0] in LINK_COLUMNS else style for c, style in zip(columns, column_styles,
                                                                                         strict=True)]
    letters = _column_letters(len(columns))
    sink = _Drain()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        custom = [(f, i) for f, i in format_ids.items() if i >= 164]
        archive.writestr("[Content_Types].xml", XLSX_CONTENT_TYPES)
        archive.writestr("_rels/.rels", XLSX_ROOT_RELS)
        archive.writestr("xl/workbook.xml", XLSX_WORKBOOK.format(first=_xml_text(sheet_title)[:31],
                                                                  second=_xml_text(about_title)[:31]))
        archive.writestr("xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", XLSX_STYLES.format(
            count=len(custom), formats="".join(f'<numFmt numFmtId="{i}" formatCode="{_xml_text(f)}"/>'
                                               for f, i in custom),
            xf_count=3 + len(formats),
            xfs="".join(f'<xf numFmtId="{format_ids[f]}" fontId="0" fillId="0" borderId="0" xfId="0" '
                        f'applyNumberFormat="1"/>' for f in formats)))
        yield sink.take()
        widths = "".join(f'<col min="{i}" max="{i}" width="{WIDTHS.get(c[0], 11)}" customWidth="1"/>'
                         for i, c in enumerate(columns, start=1))
        header = "".join(f'<c r="{letters[i]}1" t="inlineStr" s="1"><is><t>{_xml_text(c[1])}</t></is></c>'
                         for i, c in enumerate(columns))
        count = 0
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((SHEET_HEAD + '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" '
                         'topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
                         f'<cols>{widths}</cols><sheetData><row r="1">{header}</row>').encode())
            batch = []
            for number, row in enumerate(rows, start=2):
                cells = "".join(cell_writers[i](f"{letters[i]}{number}", value, column_styles[i])
                                for i, value in enumerate(_values(row, columns)))
                batch.append(f'<row r="{number}">{cells}</row>')
                count += 1
                if len(batch) >= chunk_rows:
                    sheet.write("".join(batch).encode())
                    batch.clear()
                    yield sink.take()
            sheet.write(("".join(batch) + "</sheetData></worksheet>").encode())
        items = list(about.items() if isinstance(about, dict) else (about or []))
        info_rows = "".join(f'<row r="{n}">{_cell(f"A{n}", str(k), 0)}{_cell(f"B{n}", str(v), 0)}</row>'
                            for n, (k, v) in enumerate(items, start=1))
        archive.writestr("xl/worksheets/sheet2.xml",
                         SHEET_HEAD + '<cols><col min="1" max="1" width="16" customWidth="1"/>'
                         '<col min="2" max="2" width="60" customWidth="1"/></cols>'
                         f"<sheetData>{info_rows}</sheetData></worksheet>")
    if counter is not None:
        counter.append(count)
    yield sink.take()


def write_xlsx(rows, columns, target, *, sheet_title="数据", about: dict | list | None = None,
               about_title="说明") -> int:
    """Write an XLSX to ``target`` (a path or binary file); return how many rows were written."""
    counter: list[int] = []
    chunks = iter_xlsx(rows, columns, sheet_title=sheet_title, about=about, about_title=about_title,
                       counter=counter)
    if isinstance(target, str | bytes) or hasattr(target, "__fspath__"):
        with open(target, "wb") as handle:
            handle.writelines(chunks)
    else:
        target.writelines(chunks)
    return counter[0]
