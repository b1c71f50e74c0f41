"""Read-side queries: querysets and DataFrames for views, charts and exports."""

import pandas as pd
from django.db.models import QuerySet

from reports.models import Fact

QUALIFIER_MARKS = {"exact": "", "about": "近", "over": "+", "under": "<"}


def visible_facts() -> QuerySet[Fact]:
    """Facts a reader may see: rejected ones never are."""
    return (
        Fact.objects.exclude(review_status=Fact.ReviewStatus.REJECTED)
        .select_related("subdistrict", "district", "metric", "article__issue__publication")
    )


# (column key, Chinese header, English header)
FACT_COLUMNS = [
    ("id", "编号", "id"),
    ("district", "区县", "district"),
    ("place", "街道/镇", "subdistrict"),
    ("year", "年份", "year"),
    ("metric", "指标代码", "metric"),
    ("metric_name", "指标", "metric name"),
    ("label", "名目", "label"),
    ("value", "数值", "value"),
    ("upper_value", "上限", "upper value"),
    ("unit", "单位", "unit"),
    ("qualifier", "限定", "qualifier"),
    ("note", "备注", "note"),
    ("review_status", "审核状态", "review status"),
    ("newspaper", "报纸", "newspaper"),
    ("published", "出版日期", "published"),
    ("article_id", "文章编号", "article id"),
    ("article_title", "文章标题", "article title"),
    ("evidence", "原文句子", "evidence"),
]


def fact_row(fact: Fact) -> dict:
    issue = fact.article.issue
    return {
        "id": fact.pk,
        "district": fact.district.name if fact.district else "",
        "place": fact.subdistrict.name if fact.subdistrict else (fact.district.name if fact.district else ""),
        "year": fact.year,
        "metric": fact.metric.key if fact.metric else "",
        "metric_name": fact.metric.name_zh if fact.metric else "",
        "label": fact.label,
        "value": fact.value,
        "upper_value": fact.upper_value,
        "unit": fact.unit,
        "qualifier": fact.qualifier,
        "note": fact.note,
        "review_status": fact.review_status,
        "newspaper": issue.publication.name,
        "published": issue.published,
        "article_id": fact.article_id,
        "article_title": fact.article.title,
        "evidence": fact.evidence,
    }


def iter_fact_rows(queryset: QuerySet[Fact] | None = None, chunk_size: int = 2000):
    queryset = visible_facts() if queryset is None else queryset
    for fact in queryset.order_by("pk").iterator(chunk_size=chunk_size):
        yield fact_row(fact)


def metric_frame(*, metric_keys: list[str]) -> pd.DataFrame:
    """One row per visible fact of the given metrics, subdistrict-level only, for charts."""
    rows = (
        visible_facts()
        .filter(metric__key__in=metric_keys, subdistrict__isnull=False)
        .values("subdistrict__name", "year", "metric__key", "metric__name_zh", "value", "qualifier", "article_id")
        .order_by("subdistrict__name", "year")
    )
    frame = pd.DataFrame.from_records(
        list(rows),
        columns=["subdistrict__name", "year", "metric__key", "metric__name_zh", "value", "qualifier", "article_id"],
    )
    frame = frame.rename(columns={"subdistrict__name": "place", "metric__key": "metric",
                                  "metric__name_zh": "metric_name"})
    frame["value"] = frame["value"].astype(float)
    return frame
