"""Every table downloads as CSV, XLSX and JSON, filtered or full, with row counts equal to the database's."""

import csv
import io
import json
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from reports.models import Fact, Initiative

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[dict]:
    raw = body(response)
    assert raw.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def filename(response) -> str:
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    encoded = disposition.split("filename*=utf-8''", 1)[1]
    return unquote(encoded)


def test_it_exports_every_visible_fact_as_csv_with_provenance(gold, client):
    Fact.objects.filter(pk=gold.facts[0].pk).update(review_status="rejected")
    response = client.get("/export/facts.csv")
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert len(rows) == Fact.objects.exclude(review_status="rejected").count()
    row = next(r for r in rows if r["街道/镇"] == "圣泉街道" and r["指标代码"] == "market_entities_new")
    # Qualifier and review status in Chinese words, like the headers above them.
    assert (row["年份"], row["数值"], row["限定"], row["显示值"]) == ("2023", "1000", "约", "近1000家")
    assert row["审核状态"] == "自动抽取"
    assert row["报纸"] == "江津日报" and row["出版日期"] == "2024-01-15"
    assert "近1000家" in row["原文句子"]
    assert row["来源链接"].startswith("http://testserver/articles/")
    name = filename(response)
    assert name.startswith("街道治理数据_数据明细_") and name.endswith(".csv")


def test_it_exports_filtered_facts_as_xlsx_with_a_sheet_of_filters(gold, client):
    district = gold.districts["江津区"]
    response = client.get(f"/export/facts.xlsx?district={district.pk}&year_from=2023")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "_江津区_2023起_" in filename(response)  # the file name says which filters made it
    workbook = load_workbook(io.BytesIO(body(response)))
    assert workbook.sheetnames == ["数据明细", "说明"]
    sheet = workbook["数据明细"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["编号", "区县", "街道/镇", "年份"]
    expected = Fact.objects.exclude(review_status="rejected").filter(district=district, year__gte=2023).count()
    assert sheet.max_row - 1 == expected
    value_column = header.index("数值") + 1
    cell = next(sheet.iter_rows(min_row=2, max_row=2, min_col=value_column, max_col=value_column))[0]
    assert isinstance(cell.value, int | float) and cell.number_format == "#,##0.####"
    about = dict(workbook["说明"].iter_rows(values_only=True))
    assert about["区县"] == "江津区"
    assert about["年份"] == "2023–…"
    assert "导出时间" in about


def test_it_exports_json_with_its_filters(gold, client):
    response = client.get("/export/facts.json?metric=grid_count")
    document = json.loads(body(response))
    assert document["meta"]["table"] == "facts"
    assert len(document["rows"]) == Fact.objects.filter(metric__key="grid_count").count()
    values = {(r["place"], r["year"]): r["value"] for r in document["rows"]}
    assert values == {("圣泉街道", 2023): 133, ("几江街道", 2023): 168, ("圣泉街道", 2022): 93}
    assert "网格数" in filename(response)


def test_it_exports_initiatives_in_every_format(gold, client):
    count = Initiative.objects.count()
    assert len(csv_rows(client.get("/export/initiatives.csv"))) == count
    assert len(json.loads(body(client.get("/export/initiatives.json")))["rows"]) == count
    sheet = load_workbook(io.BytesIO(body(client.get("/export/initiatives.xlsx"))))["特色举措"]
    assert sheet.max_row - 1 == count
    assert [c.value for c in sheet[1]][4] == "举措名称"


def test_it_exports_the_wide_table_of_subdistricts_by_metric(gold, client):
    rows = csv_rows(client.get("/export/wide.csv?year=2023"))
    by_place = {r["街道/镇"]: r for r in rows}
    assert set(by_place) == {"圣泉街道", "几江街道", "化龙桥街道"}
    assert by_place["圣泉街道"]["网格数（个）"] == "133"
    assert by_place["几江街道"]["网格数（个）"] == "168"
    assert by_place["几江街道"]["地区生产总值（亿元）"] == ""  # not reported: empty, never 0
    assert "新增市场主体：近1000家" in by_place["圣泉街道"]["说明（约数与冲突）"]
    assert "51.03亿元（预计）" in by_place["圣泉街道"]["说明（约数与冲突）"]  # an estimate says so
    workbook = load_workbook(io.BytesIO(body(client.get("/export/wide.xlsx?year=2023"))))
    assert workbook["对比宽表"].max_row - 1 == 3
    assert "2023年" in filename(client.get("/export/wide.json?year=2023"))


FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"点击\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\tcmd", "\r=1"]


def test_it_neutralises_formula_prefixes_in_csv_and_keeps_numbers_and_raw_text_elsewhere(gold, client):
    facts = gold.facts[:len(FORMULAS)]
    for fact, formula in zip(facts, FORMULAS, strict=True):
        Fact.objects.filter(pk=fact.pk).update(evidence=formula, note=formula)
    negative = gold.facts[len(FORMULAS)]
    Fact.objects.filter(pk=negative.pk).update(value=-5)
    initiative = gold.initiatives[0]
    Initiative.objects.filter(pk=initiative.pk).update(name="=1+2", evidence="@cmd")

    rows = {int(r["编号"]): r for r in csv_rows(client.get("/export/facts.csv"))}
    for fact, formula in zip(facts, FORMULAS, strict=True):
        assert (rows[fact.pk]["原文句子"], rows[fact.pk]["备注"]) == ("'" + formula, "'" + formula)
    assert rows[negative.pk]["数值"] == "-5"  # a number, not text: left as it is
    untouched = rows[gold.facts[-1].pk]
    assert not untouched["原文句子"].startswith("'")
    named = next(r for r in csv_rows(client.get("/export/initiatives.csv")) if r["编号"] == str(initiative.pk))
    assert (named["举措名称"], named["原文句子"]) == ("'=1+2", "'@cmd")
    # The Python CSV writer (wide table, export_facts command) neutralises the same way.
    assert exports_neutralised(["=1", "-x", 5, -5]) == ["'=1", "'-x", "5", "-5"]

    document = json.loads(body(client.get("/export/facts.json")))
    raw = {r["id"]: r for r in document["rows"]}
    assert [raw[f.pk]["evidence"] for f in facts] == FORMULAS
    assert raw[negative.pk]["value"] == -5
    sheet = load_workbook(io.BytesIO(body(client.get("/export/facts.xlsx"))))["数据明细"]
    header = [c.value for c in sheet[1]]
    by_id = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    evidence = by_id[facts[0].pk][header.index("原文句子")]
    assert (evidence.value, evidence.data_type) == (FORMULAS[0], "s")  # a string, never a formula
    assert by_id[negative.pk][header.index("数值")].value == -5


def exports_neutralised(values) -> list[str]:
    from reports.exports import iter_csv

    columns = [(f"c{i}", f"c{i}", f"c{i}", None) for i in range(len(values))]
    text = "".join(iter_csv([tuple(values)], columns)).removeprefix("\ufeff")
    return next(iter(csv.reader(io.StringIO(text.splitlines()[1]))))


@pytest.mark.django_db(transaction=True)
def test_the_facts_csv_stops_its_query_when_the_reader_goes_away_and_raises_its_errors():
    import threading

    from django.db import DatabaseError

    from reports import exports, selectors
    from tests.dashboard.gold import load_gold

    load_gold()
    sql, params, quoted = selectors.fact_csv_sql()
    # One chunk per row: the query is still handing rows over when the download is abandoned.
    stream = exports.iter_csv_copy(sql, params, selectors.FACT_COLUMNS, quoted=quoted, chunk_bytes=1)
    assert next(stream).startswith("\ufeff编号,".encode())
    assert next(stream).count(b"\r\n") == 1
    stream.close()
    assert not [t for t in threading.enumerate() if t.name == "csv-copy"]
    assert Fact.objects.count() > 0  # the connection still answers
    broken = exports.iter_csv_copy("SELECT 1 / 0 AS c0", [], selectors.FACT_COLUMNS[:1], quoted=["c0"])
    next(broken)
    with pytest.raises(DatabaseError):
        list(broken)
    assert Fact.objects.count() > 0
