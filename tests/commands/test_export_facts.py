import csv
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from reports.models import Fact

pytestmark = pytest.mark.django_db


@pytest.fixture
def facts(seeded):
    rejected = Fact.objects.exclude(metric__key="grid_count").filter(metric__isnull=False).order_by("pk").first()
    Fact.objects.filter(pk=rejected.pk).update(review_status="rejected")
    assert Fact.objects.filter(metric__isnull=True).exists()  # unclassified candidates, which stay in the admin
    return Fact.objects.exclude(review_status="rejected").filter(metric__isnull=False)


def test_it_exports_csv_with_a_bom_and_chinese_headers(facts, tmp_path):
    target = tmp_path / "facts.csv"
    call_command("export_facts", format="csv", output=str(target))
    raw = target.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == facts.count()
    assert {"街道/镇", "年份", "数值", "原文句子"} <= set(rows[0])


def test_it_exports_json_lines_to_stdout(facts):
    out = StringIO()
    call_command("export_facts", format="jsonl", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == facts.count()
    assert any(r["place"] == "圣泉街道" and r["metric"] == "grid_count" and r["value"] == 133 for r in rows)
    assert all(r["metric"] for r in rows)


def test_it_exports_xlsx_with_a_sheet_recording_the_export(facts, tmp_path):
    target = tmp_path / "facts.xlsx"
    call_command("export_facts", format="xlsx", output=str(target))
    workbook = load_workbook(target, read_only=True)
    assert workbook.sheetnames == ["数据", "说明"]
    assert sum(1 for _ in workbook["数据"].iter_rows()) == facts.count() + 1
    assert "导出时间" in [row[0] for row in workbook["说明"].iter_rows(values_only=True)]


def test_it_needs_an_output_file_for_xlsx(db):
    with pytest.raises(CommandError, match="--output"):
        call_command("export_facts", format="xlsx")
