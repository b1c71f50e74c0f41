"""Writers for exported tables: CSV (UTF-8 with BOM so Excel shows Chinese), JSON, JSON Lines and XLSX.

Rows are tuples aligned with a column list ``(key, Chinese header, English header, XLSX number format)``
(dict rows keyed by column are accepted too). CSV and JSON are generators, so a view can stream them;
XLSX is written with openpyxl's write-only mode, which keeps memory flat but can only finish the zip at the end.
"""

import csv
import datetime as dt
import decimal
import io
import json

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

CHUNK_ROWS = 1000
WIDTHS = {"evidence": 60, "article_title": 36, "name": 24, "source": 40, "notes": 50, "metric_name": 16,
          "display": 14, "place": 14, "district": 10, "newspaper": 12, "published": 12}


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


def iter_csv(rows, columns, *, english: bool = False):
    """Yield CSV text chunks: a BOM and the header first, then a chunk per ``CHUNK_ROWS`` rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([en if english else zh for _key, zh, en, *_rest in columns])
    yield "\ufeff" + buffer.getvalue()
    batch = []
    for row in rows:
        batch.append([_text(v) for v in _values(row, columns)])
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


def iter_csv_lines(sql: str, params: list, columns, *, chunk_rows: int = 5000):
    """Yield a CSV built by a query whose single column is a finished line (see selectors.fact_csv_lines_sql).

    Rows come through a server-side cursor ``chunk_rows`` at a time, so memory stays flat at any size.
    """
    from django.db import connection

    buffer = io.StringIO()
    csv.writer(buffer).writerow([zh for _key, zh, *_rest in columns])
    yield "\ufeff" + buffer.getvalue()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_rows):
            yield "\r\n".join([row[0] for row in rows]) + "\r\n"


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


def write_xlsx(rows, columns, target, *, sheet_title="数据", about: dict | list | None = None,
               about_title="说明") -> int:
    """Write rows to ``target`` (a path or binary file); return how many were written.

    Headers are Chinese, numbers keep their number format, and a second sheet records what the export
    contains (filters, export time).
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    sheet.freeze_panes = "A2"
    for index, (key, *_rest) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(key, 11)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F2933")
    header = []
    for _key, zh, *_rest in columns:
        cell = WriteOnlyCell(sheet, value=zh)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
        header.append(cell)
    sheet.append(header)
    formats = [(index, column[3]) for index, column in enumerate(columns) if len(column) > 3 and column[3]]
    count = 0
    for row in rows:
        values = [_xlsx_value(v) for v in _values(row, columns)]
        for index, number_format in formats:
            if values[index] is not None:
                cell = WriteOnlyCell(sheet, value=values[index])
                cell.number_format = number_format
                values[index] = cell
        sheet.append(values)
        count += 1
    info = workbook.create_sheet(about_title)
    info.column_dimensions["A"].width = 16
    info.column_dimensions["B"].width = 60
    items = about.items() if isinstance(about, dict) else (about or [])
    for key, value in items:
        info.append([str(key), str(value)])
    workbook.save(target)
    return count


def _xlsx_value(value):
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
