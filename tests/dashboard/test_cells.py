"""How readings become cells, and how values are written for readers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from reports.formatting import format_value, year_span
from reports.selectors import MetricInfo, build_cells, cells_frame

GRID_WORKERS = MetricInfo(id=1, key="grid_workers", name_zh="网格员", name_en="Grid workers", unit="人",
                          category="grid", position=0)
GROWTH = MetricInfo(id=2, key="gdp_growth_pct", name_zh="地区生产总值增速", name_en="GDP growth", unit="%",
                    category="economy", position=1)


def fact(pk, value, *, article=1, note="", status="auto", published=dt.date(2023, 1, 1), metric=GRID_WORKERS,
         qualifier="exact"):
    return {"id": pk, "subdistrict_id": 7, "subdistrict__name": "圣泉街道", "district_id": 3,
            "district__name": "江津区",
            "year": 2022, "metric_id": metric.id, "value": Decimal(value), "upper_value": None, "unit": metric.unit,
            "qualifier": qualifier, "note": note, "review_status": status, "article_id": article,
            "article__title": "标题", "article__issue__published": published,
            "article__issue__publication__name": "江津日报"}


def cells(*rows):
    return build_cells(list(rows), {GRID_WORKERS.id: GRID_WORKERS, GROWTH.id: GROWTH})


def test_it_adds_up_parts_one_article_names_by_type():
    [cell] = cells(fact(1, 33, note="专职"), fact(2, 11, note="兼职"))
    assert not cell.conflict
    assert cell.primary.value == 44
    assert [f["note"] for f in cell.primary.components] == ["专职", "兼职"]


def test_it_orders_the_parts_the_same_whatever_order_the_database_returns_them_in():
    [cell] = cells(fact(2, 11, note="兼职"), fact(1, 33, note="专职"))
    assert [f["note"] for f in cell.primary.components] == ["专职", "兼职"]
    assert cell.primary.source["id"] == 1


def test_it_keeps_a_stated_total_over_its_breakdown():
    [cell] = cells(fact(1, 50), fact(2, 33, note="专职"))
    assert not cell.conflict
    assert cell.primary.value == 50
    assert [f["value"] for f in cell.primary.parts] == [33]


def test_it_never_adds_up_rates():
    [cell] = cells(fact(1, 5, note="预计", metric=GROWTH), fact(2, 6, note="实际", metric=GROWTH))
    assert cell.conflict
    assert {r.value for r in cell.readings} == {5, 6}


def test_it_flags_two_unreviewed_articles_that_disagree():
    [cell] = cells(fact(1, 133, article=1, published=dt.date(2024, 3, 1)),
                   fact(2, 135, article=2, published=dt.date(2024, 1, 1)))
    assert cell.conflict
    assert [r.value for r in cell.readings] == [133, 135]
    assert not any(r.reviewed for r in cell.readings)


@pytest.mark.parametrize("status", ["confirmed", "corrected"])
def test_it_publishes_the_reviewed_reading_over_a_newer_automatic_one(status):
    [cell] = cells(fact(1, 133, article=1, published=dt.date(2024, 3, 1)),
                   fact(2, 135, article=2, status=status, published=dt.date(2024, 1, 1)))
    assert not cell.conflict
    assert [r.value for r in cell.readings] == [135]
    assert cell.primary.reviewed and cell.primary.first["id"] == 2


def test_it_links_a_corrected_reading_to_a_sentence_that_prints_its_value():
    [cell] = cells(fact(1, 168, article=1, published=dt.date(2023, 7, 15)),
                   fact(2, 168, article=2, status="corrected", published=dt.date(2023, 7, 20)))
    assert [r.value for r in cell.readings] == [168] and cell.primary.first["id"] == 2
    assert cell.primary.source["id"] == 1
    [row] = cells_frame([cell]).to_dict("records")
    assert row["fact_id"] == 1 and row["url"].endswith("?fact=1#fact-1")
    assert row["review_status"] == "corrected" and row["reviewed"]


def test_it_still_flags_two_reviewed_readings_that_disagree():
    [cell] = cells(fact(1, 133, article=1, status="confirmed"), fact(2, 135, article=2, status="corrected"),
                   fact(3, 140, article=3))
    assert cell.conflict
    assert sorted(r.value for r in cell.readings) == [133, 135]


def test_it_leads_a_reading_with_the_mention_a_reviewer_checked():
    [cell] = cells(fact(1, 133, article=1), fact(2, 133, article=1, status="confirmed"))
    assert cell.primary.reviewed and cell.primary.first["id"] == 2


def test_it_counts_a_sum_as_reviewed_only_when_every_part_is():
    [cell] = cells(fact(1, 33, note="专职", status="confirmed"), fact(2, 11, note="兼职"))
    assert cell.primary.value == 44 and not cell.primary.reviewed


def test_it_prefers_the_latest_article_among_unreviewed_ones():
    [cell] = cells(fact(1, 133, article=1, published=dt.date(2024, 1, 1)),
                   fact(2, 135, article=2, published=dt.date(2024, 3, 1)))
    assert cell.primary.value == 135


def test_it_treats_two_articles_giving_the_same_number_as_agreement():
    [cell] = cells(fact(1, 133, article=1), fact(2, 133, article=2, qualifier="about"))
    assert not cell.conflict
    assert len(cell.readings) == 2


@pytest.mark.parametrize("value, unit, qualifier, upper, expected", [
    ("133", "个", "exact", None, "133个"),
    ("1000", "家", "about", None, "近1000家"),
    ("3200", "家", "over", None, "3200+家"),
    ("51.03", "亿元", "exact", None, "51.03亿元"),
    ("0.8", "亿元", "exact", None, "0.8亿元"),
    ("15000", "万元", "exact", None, "1.5亿元"),
    ("231700", "万元", "exact", None, "23.17亿元"),
    ("37116", "人次", "exact", None, "3.71万人次"),
    ("1100000", "平方米", "exact", None, "110万平方米"),
    ("5", "%", "exact", None, "5%"),
    ("1500", "人", "exact", "2000", "1500–2000人"),
    ("10", "名", "under", None, "不足10名"),
])
def test_it_writes_values_the_chinese_way(value, unit, qualifier, upper, expected):
    assert format_value(Decimal(value), unit=unit, qualifier=qualifier,
                        upper=Decimal(upper) if upper else None) == expected


@pytest.mark.parametrize("value, unit, qualifier, expected", [
    # Moving the point keeps every digit the newspaper printed.
    ("51.03", "亿元", "exact", "5.103 bn yuan"),
    ("28", "亿元", "exact", "2.8 bn yuan"),
    ("1234.5", "万元", "exact", "12.345 M yuan"),
    ("12.345", "%", "exact", "12.345%"),
    ("1000", "家", "about", "~1,000"),
    ("3200", "家", "over", "3,200+"),
    ("37116", "人次", "exact", "37,116"),
    ("5", "%", "exact", "5%"),
])
def test_it_writes_values_for_english_readers(value, unit, qualifier, expected):
    with translation.override("en"):
        assert format_value(Decimal(value), unit=unit, qualifier=qualifier) == expected


def test_it_says_not_reported_for_a_missing_value():
    assert format_value(None, unit="个") == "未报告"


def test_it_writes_year_coverage_compactly():
    assert year_span([2019, 2020, 2021, 2023]) == "2019–2021, 2023"


@pytest.mark.django_db
def test_it_formats_values_the_same_way_in_the_database_as_in_python():
    from django.db import connection

    from reports.selectors import display_sql

    cases = [(v, u, unit, q) for v, u in [("133", None), ("1000", None), ("51.03", None), ("0.8", None),
                                          ("15000", None), ("231700", None), ("37116", None), ("1100000", None),
                                          ("5", None), ("1500", "2000"), ("9000", "12000"), ("0.00125", None),
                                          ("123456789", None), ("2.5", "2.5"), ("999.995", None)]
             for unit in ["个", "家", "亿元", "万元", "元", "%", "平方米", "千伏"]
             for q in ["exact", "about", "over", "under"]]
    sql, params = display_sql("t.v::numeric", "t.u::numeric", "t.unit", "t.q")
    rows = ", ".join(["(%s, %s, %s, %s)"] * len(cases))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql} FROM (VALUES {rows}) AS t(v, u, unit, q)",
                       [*params, *[x for case in cases for x in case]])
        from_sql = [r[0] for r in cursor.fetchall()]
    from_python = [format_value(Decimal(v), upper=Decimal(u) if u else None, unit=unit, qualifier=q, en=False)
                   for v, u, unit, q in cases]
    assert from_sql == from_python


def test_it_adds_up_equal_parts_with_different_notes():
    [cell] = cells(fact(1, 5, note="专职"), fact(2, 5, note="兼职"))
    assert cell.primary.value == 10 and not cell.conflict


def test_it_marks_a_reading_of_one_part_as_narrower_than_the_metric():
    [alone] = cells_frame(cells(fact(1, 33, note="专职"))).to_dict("records")
    assert alone["scope"] == "仅专职"
    [summed] = cells_frame(cells(fact(1, 33, note="专职"), fact(2, 11, note="兼职"))).to_dict("records")
    assert summed["scope"] == "" and summed["value"] == 44
    [both] = cells_frame(cells(fact(1, 44, note="专兼职"))).to_dict("records")
    assert both["scope"] == ""


def test_it_marks_a_running_total_of_a_yearly_metric():
    elevators = MetricInfo(id=3, key="elevators_installed", name_zh="加装电梯", name_en="Elevators", unit="台",
                           category="other", position=2)
    row = fact(1, 320, metric=elevators)
    row["cumulative"] = True
    [cell] = build_cells([row], {elevators.id: elevators})
    assert cells_frame([cell]).to_dict("records")[0]["scope"] == "截至当时累计"
    row = fact(1, 1036)
    row["cumulative"] = True  # a stock (grid workers) is reported to date anyway: no mark
    assert cells_frame(cells(row)).to_dict("records")[0]["scope"] == ""
