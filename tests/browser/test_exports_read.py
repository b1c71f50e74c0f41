"""Downloads the way a reader makes them, in headless Chromium on the seed data: from a compare view with chosen
places, metrics and years, every export records those choices (XLSX 说明 sheet, JSON metadata, file name), the
wide table has exactly the chosen metrics and years, the CSV speaks Chinese, XLSX source links open on a click,
and a chart's PNG carries the page address and the date."""

import csv
import datetime as dt
import io
import json
import struct
from pathlib import Path

from django.urls import reverse
from openpyxl import load_workbook

from reports.models import Subdistrict
from tests.browser.test_dashboard_pages import ARTIFACTS, open_page


def pk(name: str) -> int:
    return Subdistrict.objects.get(name=name).pk


def download(page, selector: str):
    with page.expect_download() as info:
        page.locator(selector).click()
    item = info.value
    return item.suggested_filename, Path(item.path()).read_bytes()


def test_it_records_every_choice_in_each_export(seeded, page, live_server):
    query = (f"subdistrict={pk('圣泉街道')}&subdistrict={pk('几江街道')}&metric=grid_count&metric=micro_grid_count"
             "&year_from=2022&year_to=2023")
    open_page(page, live_server, reverse("reports:compare") + "?" + query)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".exports").screenshot(path=str(ARTIFACTS / "exports_compare_links.png"))

    name, data = download(page, '[data-export="facts-xlsx"]')
    assert name.startswith("街道治理数据_数据明细_圣泉街道-几江街道_2022-2023_网格数-微网格数_")
    assert name.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(data))
    about = dict(workbook["说明"].iter_rows(values_only=True))
    assert about["街道/镇"] == "圣泉街道、几江街道"
    assert about["年份"] == "2022–2023"
    assert about["指标"] == "网格数、微网格数"
    sheet = workbook["数据明细"]
    header = [c.value for c in sheet[1]]
    assert {row[header.index("指标代码")] for row in sheet.iter_rows(min_row=2, values_only=True)} == {
        "grid_count", "micro_grid_count"}
    link = sheet.cell(row=2, column=header.index("来源链接") + 1)
    # A HYPERLINK formula: the cell opens the sentence on a click, drawn as a link.
    assert link.data_type == "f" and link.value.startswith(f'=HYPERLINK("{live_server.url}/articles/')
    assert link.font.u == "single"
    qualifier = header.index("限定")
    assert {row[qualifier] for row in sheet.iter_rows(min_row=2, values_only=True)} <= {"确数", "约", "以上", "以下"}

    name, data = download(page, '[data-export="facts-json"]')
    meta = json.loads(data)["meta"]
    assert meta["parameters"] == {"subdistrict": [pk("圣泉街道"), pk("几江街道")], "year_from": 2022,
                                  "year_to": 2023, "metric": ["grid_count", "micro_grid_count"]}
    assert meta["filters"]["指标"] == "网格数、微网格数" and meta["filters"]["年份"] == "2022–2023"

    name, data = download(page, '[data-export="wide-csv"]')
    assert "_2022-2023_网格数-微网格数_" in name
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == ["区县", "街道/镇", "年份", "网格数（个）", "微网格数（个）", "说明（约数与冲突）"]
    cells = {(r["街道/镇"], r["年份"]): (r["网格数（个）"], r["微网格数（个）"]) for r in rows}
    assert cells == {("圣泉街道", "2022"): ("93", ""), ("圣泉街道", "2023"): ("133", "3310"),
                     ("几江街道", "2023"): ("168", "876")}
    assert page.console_errors == []


def test_it_writes_chinese_words_in_the_csv(seeded, page, live_server):
    open_page(page, live_server, reverse("reports:metric", args=["market_entities_new"]))
    name, data = download(page, '[data-export="facts-csv"]')
    assert "_新增市场主体_" in name
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    by_place = {r["街道/镇"]: r for r in rows}
    assert by_place["圣泉街道"]["限定"] == "约" and by_place["化龙桥街道"]["限定"] == "确数"
    assert {r["审核状态"] for r in rows} <= {"自动抽取", "已确认", "已更正"}
    assert page.console_errors == []


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_it_puts_the_source_and_date_on_a_chart_png(seeded, page, live_server):
    open_page(page, live_server, reverse("reports:metric", args=["grid_count"]))
    chart = page.locator("#chart-bar")
    chart.hover()
    width, height = chart.evaluate("gd => [gd._fullLayout.width, gd._fullLayout.height]")
    name, data = download(page, '#chart-bar .modebar-btn[data-title="下载图片（PNG）"]')
    assert name == "网格数_2023.png"
    # Drawn at scale 2, 36 px taller than the chart on screen: the band that holds the source line.
    assert png_size(data) == (width * 2, (height + 36) * 2)
    note = chart.get_attribute("data-png-note")
    assert note.startswith("来源: 街道治理数据看板 " + live_server.url + "/metrics/grid_count/")
    assert note.endswith("下载日期 " + dt.date.today().isoformat())
    (ARTIFACTS / "exports_chart_with_source.png").write_bytes(data)
    assert page.console_errors == []
