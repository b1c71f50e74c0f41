"""The metric page: one metric across places and years, its fact table and conflicts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from django.db.models import Count, Exists, F, OuterRef, Q, Sum, Value
from django.db.models.functions import Greatest
from django.urls import reverse

from reports.formatting import english, format_value, scope_mark, value_marks
from reports.models import Fact, Subdistrict

from .base import REVIEWED_STATUSES, FactFilter
from .catalogue import MetricInfo, article_url_template, in_place_order, metric_catalogue
from .cells import FACT_VALUES, LIGHT_VALUES, Cell, attach_details, build_cells, cells_for, cells_frame


def metric_year_counts(*, metric: MetricInfo, filters: FactFilter) -> dict[int | None, int]:
    """How many visible facts of a metric each year has: the year picker and the table's total in one scan."""
    return {row["year"]: row["n"] for row in filters.facts().filter(metric_id=metric.id)
            .values("year").annotate(n=Count("id")).order_by()}


def metric_years(*, metric: MetricInfo, filters: FactFilter) -> list[int]:
    return sorted(y for y in metric_year_counts(metric=metric, filters=filters) if y is not None)


def metric_year_cells(*, metric: MetricInfo, year: int, filters: FactFilter,
                      limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """Subdistricts' readings of one metric in one year, largest primary value first, and how many places
    report it. With ``limit``, only the top places are formatted and named: a bar chart shows forty of a
    thousand, and ranking needs numbers only."""
    queryset = filters.facts().filter(metric_id=metric.id, year=year, subdistrict__isnull=False)
    by_id = {metric.id: metric}
    if limit is None:
        cells = build_cells(queryset.values(*LIGHT_VALUES), by_id)
        cells.sort(key=lambda c: (-c.primary.value, c.place_id))
        return cells_frame(attach_details(cells)), len(cells)
    # No reading can exceed the sum of the positive values its article gives for the cell, so places ranked by
    # that bound (computed in the database) can be resolved a batch at a time until the next bound falls
    # below the last place shown: the exact top ``limit`` without building a cell for every place.
    per_article = (queryset.values("subdistrict_id", "article_id")
                   .annotate(total=Sum(Greatest(F("value"), Value(Decimal(0))))).order_by())
    bounds: dict[int, Decimal] = {}
    for row in per_article:
        bounds[row["subdistrict_id"]] = max(bounds.get(row["subdistrict_id"], row["total"]), row["total"])
    order = sorted(bounds, key=lambda place: (-bounds[place], place))
    cells: list[Cell] = []
    position, batch = 0, limit + limit // 2
    for attempt in range(3):
        # After a few rounds the rest is resolved at once, so the query count stays bounded.
        chunk = order[position:] if attempt == 2 else order[position:position + batch]
        position += len(chunk)
        if chunk:
            cells += build_cells(queryset.filter(subdistrict_id__in=chunk).values(*LIGHT_VALUES), by_id)
        cells.sort(key=lambda c: (-c.primary.value, c.place_id))
        if position >= len(order):
            break
        if len(cells) >= limit and cells[limit - 1].primary.value >= bounds[order[position]]:
            break
    return cells_frame(attach_details(cells[:limit])), len(order)


def metric_district_cells(*, metric: MetricInfo, year: int, filters: FactFilter) -> pd.DataFrame:
    """Districts' own readings (全区 figures, no subdistrict named) of one metric in one year, largest first: what
    the metric page draws when no subdistrict reported it that year."""
    queryset = filters.facts().filter(metric_id=metric.id, year=year, subdistrict__isnull=True,
                                      district__isnull=False)
    cells = build_cells(queryset.values(*FACT_VALUES), {metric.id: metric})
    cells.sort(key=lambda c: (-c.primary.value, c.place_id))
    return cells_frame(cells)


def metric_trend_cells(*, metric: MetricInfo, place_ids: list[int], filters: FactFilter,
                       level: str = "subdistrict") -> pd.DataFrame:
    queryset = filters.facts().filter(metric_id=metric.id, year__isnull=False)
    if level == "district":
        queryset = queryset.filter(subdistrict__isnull=True, district_id__in=place_ids)
    else:
        queryset = queryset.filter(subdistrict_id__in=place_ids)
    return cells_for(queryset, {metric.key: metric})


def metric_unreported_places(*, metric: MetricInfo, year: int, filters: FactFilter,
                             limit: int = 40) -> tuple[list[dict], int]:
    """Subdistricts without a reading of the metric in ``year`` that a reader expects to see there: those
    reporting it in another year (within the filters) and those the filters name. At most ``limit`` of them,
    in gazetteer order, and how many there are."""
    reported = filters.facts().filter(metric_id=metric.id, subdistrict=OuterRef("pk"))
    queryset = (Subdistrict.objects.filter(Q(Exists(reported)) | Q(pk__in=filters.subdistricts))
                .exclude(Exists(reported.filter(year=year))))
    if filters.districts:
        queryset = queryset.filter(district_id__in=filters.districts)
    places = list(in_place_order(queryset).values("id", "name", "district__name")[:limit])
    total = len(places) if len(places) < limit else queryset.count()
    return places, total


TABLE_VALUES = FACT_VALUES + ("metric__key", "metric__name_zh", "metric__name_en", "metric__unit", "label",
                              "evidence", "start", "value_start", "value_end")


def evidence_excerpt(evidence: str, *, start: int, value_start: int | None, width: int = 60) -> str:
    """The part of a long sentence around the number, so a table row shows the words that matter."""
    if len(evidence) <= width:
        return evidence
    centre = (value_start - start) if value_start is not None else 0
    begin = max(0, min(centre - width // 2, len(evidence) - width))
    end = begin + width
    return ("…" if begin > 0 else "") + evidence[begin:end] + ("…" if end < len(evidence) else "")


@dataclass
class FactTable:
    rows: list[dict]
    total: int
    page: int
    pages: int


def fact_table(*, filters: FactFilter, metric: MetricInfo | None = None, page: int = 1,
               per_page: int = 50, catalogue: dict[str, MetricInfo] | None = None,
               total: int | None = None) -> FactTable:
    """One page of the long facts table, newest year first and largest value first within a year (the bar
    chart's order); each row flagged when its cell has disagreeing readings. ``total`` saves the count
    when the caller already has it."""
    queryset = filters.facts().filter(metric__isnull=False)
    if metric is not None:
        queryset = queryset.filter(metric_id=metric.id)
    if total is None:
        total = queryset.count()
    pages = max(1, -(-total // per_page))
    page = min(page, pages)
    # Pick the page's ids on the fact table alone, then join names for those rows only: sorting ten thousand
    # joined rows cost ten times more than sorting the facts.
    ids = list(queryset.order_by(F("year").desc(nulls_last=True), "metric_id", "-value", "pk")
               .values_list("pk", flat=True)[(page - 1) * per_page: page * per_page])
    by_id = {row["id"]: row for row in Fact.objects.filter(pk__in=ids).values(*TABLE_VALUES)}
    rows = [by_id[pk] for pk in ids]
    conflicts, shown_ids = cell_fact_ids(rows, filters, catalogue=catalogue)
    url = article_url_template()
    place_url = reverse("reports:subdistrict", args=[987654321]).replace("987654321", "{}")
    en = english()
    for row in rows:
        unit = row["metric__unit"] or row["unit"]
        row["display"] = format_value(row["value"], unit=unit, qualifier=row["qualifier"], upper=row["upper_value"],
                                      en=en)
        row["place"] = row["subdistrict__name"] or row["district__name"] or ""
        row["marks"] = value_marks(row["qualifier"], row["note"])
        row["scope"] = scope_mark(row["metric__key"], row["note"], row["cumulative"])
        row["metric_name"] = row["metric__name_en"] if en and row["metric__name_en"] else row["metric__name_zh"]
        row["conflict"] = row["id"] in conflicts
        row["reviewed"] = row["review_status"] in REVIEWED_STATUSES
        # An automatic figure a reviewed one replaced in its cell (the publication rule): listed, not drawn.
        row["superseded"] = row["id"] not in shown_ids
        row["url"] = url.format(row["article_id"]) + f"?fact={row['id']}#fact-{row['id']}"
        row["status_label"] = Fact.ReviewStatus(row["review_status"]).label
        row["place_url"] = place_url.format(row["subdistrict_id"]) if row["subdistrict_id"] else ""
        published = row["article__issue__published"]
        row["source_label"] = " ".join(filter(None, [row["article__issue__publication__name"],
                                                     published.isoformat() if published else ""]))
        row["excerpt"] = evidence_excerpt(row["evidence"], start=row["start"], value_start=row["value_start"])
    return FactTable(rows=rows, total=total, page=page, pages=pages)


def conflicting_fact_ids(rows: list[dict], filters: FactFilter,
                          catalogue: dict[str, MetricInfo] | None = None) -> set[int]:
    """Ids of the given facts whose cell has readings that disagree (one query for the whole page)."""
    return cell_fact_ids(rows, filters, catalogue=catalogue)[0]


def cell_fact_ids(rows: list[dict], filters: FactFilter,
                  catalogue: dict[str, MetricInfo] | None = None) -> tuple[set[int], set[int]]:
    """Ids of the given facts' cells: those in a cell whose readings disagree, and those a cell publishes (an
    automatic fact replaced by a reviewed one is in neither). One query for the whole page."""
    if not rows:
        return set(), set()
    keys = {(r["subdistrict_id"], r["district_id"], r["year"], r["metric_id"]) for r in rows}
    # One IN list per column selects a small superset of the page's cells; an OR of fifty conditions would
    # cost more to compile than to run.
    queryset = filters.facts().filter(metric_id__in={k[3] for k in keys})
    places = {k[0] for k in keys if k[0] is not None}
    districts = {k[1] for k in keys if k[0] is None and k[1] is not None}
    queryset = queryset.filter(Q(subdistrict_id__in=places) | Q(subdistrict__isnull=True, district_id__in=districts))
    years = {k[2] for k in keys}
    year_filter = Q(year__in=[y for y in years if y is not None])
    if None in years:
        year_filter |= Q(year__isnull=True)
    siblings = [f for f in queryset.filter(year_filter).values(*FACT_VALUES)
                if (f["subdistrict_id"], f["district_id"], f["year"], f["metric_id"]) in keys]
    by_id = {m.id: m for m in (catalogue or metric_catalogue()).values()}
    conflicted, published = set(), set()
    for cell in build_cells(siblings, by_id):
        ids = {f["id"] for r in cell.readings for f in r.facts}
        published |= ids
        if cell.conflict:
            conflicted |= ids
    return conflicted, published


