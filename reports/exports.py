"""Writers for exported tables: CSV (UTF-8 with BOM so Excel shows Chinese), JSON Lines and XLSX."""

import csv
import datetime as dt
import decimal
import io
import json

from openpyxl import Workbook


def _plain(value):
    if isinstance(value, decimal.Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def iter_csv(rows, columns):
    """Yield CSV text chunks: a BOM and header first, then one line per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([zh for _, zh, _ in columns])
    yield "\ufeff" + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(["" if row[key] is None else _plain(row[key]) for key, _, _ in columns])
        yield buffer.getvalue()


def iter_jsonl(rows, columns):
    for row in rows:
        yield json.dumps({key: _plain(row[key]) for key, _, _ in columns}, ensure_ascii=False) + "\n"


def write_xlsx(rows, columns, target, *, sheet_title="数据", about: dict | None = None) -> None:
    """Write rows to ``target`` (a path or binary file) with openpyxl's write-only mode to bound memory."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    sheet.append([zh for _, zh, _ in columns])
    for row in rows:
        sheet.append([_plain(row[key]) for key, _, _ in columns])
    info = workbook.create_sheet("说明")
    for key, value in (about or {}).items():
        info.append([key, str(value)])
    workbook.save(target)
