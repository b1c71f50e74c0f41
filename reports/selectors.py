"""Read-side queries: querysets and DataFrames for views, charts and exports.

Every reader-facing number goes through ``build_cells``: a *cell* is one place, year and metric; each article
that reports it gives one *reading*. Readings that disagree are all kept and the cell is flagged as a conflict,
so no view ever has to pick a winner silently. Rejected facts never reach a cell; corrected facts already hold
the corrected value (the extractor's original is kept in ``Fact.extracted``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.formatting import COUNT_UNITS, axis_unit, english, format_value, year_span
from reports.models import Article, District, Fact, Initiative, Metric, Subdistrict

# A confirmed or corrected reading is preferred over an unreviewed one as the value a chart draws first.
STATUS_RANK = {Fact.ReviewStatus.CORRECTED: 2, Fact.ReviewStatus.CONFIRMED: 1, Fact.ReviewStatus.AUTO: 0}
PUBLIC_STATUSES = (Fact.ReviewStatus.AUTO, Fact.ReviewStatus.CONFIRMED, Fact.ReviewStatus.CORRECTED)


@dataclass(frozen=True)
class Family:
    key: str
    title: object
    metrics: tuple[str, ...]
    stacked: bool = False


# The three families the overview compares; metrics missing from the catalogue are skipped.
FAMILIES = (
    Family("grid", gettext_lazy("网格治理"), ("grid_count", "micro_grid_count", "grid_workers")),
    Family("elderly", gettext_lazy("养老服务"), ("elderly_care_sites",), stacked=True),
    Family("economy", gettext_lazy("经济发展"),
           ("gdp", "industrial_output", "gdp_growth_pct", "industrial_output_growth_pct")),
)


@dataclass(frozen=True)
class FactFilter:
    """The reader's filters, already validated (see reports/views/params.py)."""

    districts: tuple[int, ...] = ()
    subdistricts: tuple[int, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    category: str | None = None
    statuses: tuple[str, ...] = ()

    def facts(self, queryset: QuerySet[Fact] | None = None) -> QuerySet[Fact]:
        queryset = _visible() if queryset is None else queryset
        queryset = self._places_and_years(queryset)
        if self.category:
            queryset = queryset.filter(metric__category=self.category)
        if self.statuses:
            queryset = queryset.filter(review_status__in=self.statuses)
        return queryset

    def initiatives(self, queryset: QuerySet[Initiative] | None = None) -> QuerySet[Initiative]:
        return self._places_and_years(Initiative.objects.all() if queryset is None else queryset)

    def articles(self, queryset: QuerySet[Article] | None = None) -> QuerySet[Article]:
        return self._places_and_years(Article.objects.all() if queryset is None else queryset)

    def _places_and_years(self, queryset):
        if self.districts:
            queryset = queryset.filter(district_id__in=self.districts)
        if self.subdistricts:
            queryset = queryset.filter(subdistrict_id__in=self.subdistricts)
        if self.year_from is not None:
            queryset = queryset.filter(year__gte=self.year_from)
        if self.year_to is not None:
            queryset = queryset.filter(year__lte=self.year_to)
        return queryset

    @property
    def is_empty(self) -> bool:
        return self == FactFilter()


def _visible() -> QuerySet[Fact]:
    return Fact.objects.exclude(review_status=Fact.ReviewStatus.REJECTED)


def visible_facts() -> QuerySet[Fact]:
    """Facts a reader may see: rejected ones never are."""
    return _visible().select_related("subdistrict", "district", "metric", "article__issue__publication")


# ---------------------------------------------------------------------------------------------------------------
# Reference rows


@dataclass(frozen=True)
class MetricInfo:
    id: int
    key: str
    name_zh: str
    name_en: str
    unit: str
    category: str
    position: int

    @property
    def name(self) -> str:
        return self.name_en if english() and self.name_en else self.name_zh

    @property
    def unit_label(self) -> str:
        return axis_unit(self.unit)

    @property
    def additive(self) -> bool:
        # Parts of a count add up (专职 33 + 兼职 11 网格员); rates never do.
        return self.unit != "%" and not self.key.endswith("_pct")

    @property
    def category_label(self) -> str:
        return str(Metric.Category(self.category).label) if self.category in Metric.Category.values else self.category


def metric_catalogue() -> dict[str, MetricInfo]:
    """Every metric by key, in catalogue order (one query)."""
    return {m.key: m for m in (MetricInfo(**row) for row in Metric.objects.order_by("position", "key").values(
        "id", "key", "name_zh", "name_en", "unit", "category", "position"))}


def metrics_by_category(catalogue: dict[str, MetricInfo]) -> list[tuple[str, str, list[MetricInfo]]]:
    groups: dict[str, list[MetricInfo]] = defaultdict(list)
    for metric in catalogue.values():
        groups[metric.category].append(metric)
    order = {value: i for i, value in enumerate(Metric.Category.values)}
    return [(category, metrics[0].category_label, metrics)
            for category, metrics in sorted(groups.items(), key=lambda item: order.get(item[0], 99))]


def district_choices() -> list[dict]:
    """Districts with any fact, for filter forms."""
    # A bare EXISTS on the (district, metric, year) index: one index probe per district.
    return list(
        District.objects.filter(Exists(Fact.objects.filter(district=OuterRef("pk"))))
        .order_by(F("admin_code").asc(nulls_last=True), "name").values("id", "name", "city")
    )


def subdistrict_choices(*, districts: tuple[int, ...] = ()) -> list[dict]:
    """Subdistricts with any visible fact, grouped-ready (district first), for pickers."""
    queryset = Subdistrict.objects.filter(Exists(_visible().filter(subdistrict=OuterRef("pk"))))
    if districts:
        queryset = queryset.filter(district_id__in=districts)
    return list(_place_order(queryset).values("id", "name", "district_id", "district__name"))


def existing_ids(model, ids) -> set[int]:
    return set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))


def _place_order(queryset: QuerySet[Subdistrict]) -> QuerySet[Subdistrict]:
    return queryset.order_by(F("district__admin_code").asc(nulls_last=True), "district__name",
                             F("admin_code").asc(nulls_last=True), "name")


def article_url_template() -> str:
    """'/articles/{}/' — reverse() once per request instead of once per chart point."""
    return reverse("reports:article", args=[987654321]).replace("987654321", "{}")


# ---------------------------------------------------------------------------------------------------------------
# Cells and readings

# What grouping and ranking need; names and titles (DETAIL_VALUES) are fetched for the cells that are shown.
LIGHT_VALUES = ("id", "subdistrict_id", "district_id", "year", "metric_id", "value", "upper_value", "unit",
                "qualifier", "note", "review_status", "article_id", "article__issue__published")
DETAIL_VALUES = ("subdistrict__name", "district__name", "article__title", "article__issue__publication__name")
FACT_VALUES = LIGHT_VALUES + DETAIL_VALUES


@dataclass
class Reading:
    """What one article says about a cell."""

    facts: list[dict]
    value: Decimal
    upper: Decimal | None
    qualifier: str
    # An article that splits the figure by type (社区养老服务站 5, 中心敬老院 1) gives parts that add up...
    components: list[dict] = field(default_factory=list)
    # ...or a total with a breakdown that need not (网格员 44 名，其中专职 33 名).
    parts: list[dict] = field(default_factory=list)

    @property
    def first(self) -> dict:
        return self.facts[0]

    @property
    def rank(self) -> tuple:
        published = self.first["article__issue__published"] or dt.date.min
        return (max(STATUS_RANK.get(f["review_status"], 0) for f in self.facts), published, self.first["article_id"])


@dataclass
class Cell:
    place_key: str
    place_id: int
    place: str
    level: str
    district: str
    year: int | None
    metric: MetricInfo
    readings: list[Reading]

    @property
    def conflict(self) -> bool:
        return len({(r.value, r.upper) for r in self.readings}) > 1

    @property
    def primary(self) -> Reading:
        return self.readings[0]


def _reading_from(facts: list[dict], metric: MetricInfo) -> list[Reading]:
    """Readings of one article for one cell."""
    distinct: dict[tuple, dict] = {}
    for fact in facts:
        distinct.setdefault((fact["value"], fact["upper_value"], fact["qualifier"], fact["note"]), fact)
    facts = list(distinct.values())
    # One number said once (or repeated with another qualifier) is one reading; the same number under two
    # notes (专职 5, 兼职 5) is two parts and is handled below.
    if len({(f["value"], f["upper_value"], f["note"]) for f in facts}) == 1:
        return [Reading(facts=facts, value=facts[0]["value"], upper=facts[0]["upper_value"],
                        qualifier=facts[0]["qualifier"])]
    plain = [f for f in facts if not f["note"]]
    noted = [f for f in facts if f["note"]]
    plain_values = {(f["value"], f["upper_value"]) for f in plain}
    if len(plain_values) == 1 and noted:
        return [Reading(facts=plain + noted, value=plain[0]["value"], upper=plain[0]["upper_value"],
                        qualifier=plain[0]["qualifier"], parts=noted)]
    if not plain and metric.additive and len({f["note"] for f in noted}) == len(noted):
        qualifiers = {f["qualifier"] for f in noted}
        upper = None
        if any(f["upper_value"] is not None for f in noted):
            upper = sum((f["upper_value"] if f["upper_value"] is not None else f["value"]) for f in noted)
        return [Reading(facts=noted, value=sum(f["value"] for f in noted), upper=upper,
                        qualifier=qualifiers.pop() if len(qualifiers) == 1 else Fact.Qualifier.ABOUT,
                        components=noted)]
    # The article itself gives different numbers for the same thing: every one is its own reading.
    by_value: dict[tuple, list[dict]] = defaultdict(list)
    for fact in facts:
        by_value[(fact["value"], fact["upper_value"])].append(fact)
    return [Reading(facts=group, value=group[0]["value"], upper=group[0]["upper_value"],
                    qualifier=group[0]["qualifier"]) for group in by_value.values()]


def build_cells(rows, catalogue_by_id: dict[int, MetricInfo]) -> list[Cell]:
    """Group fact rows (``FACT_VALUES`` dicts) into cells; the most trusted, most recent reading first."""
    grouped: dict[tuple, dict[int, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        if row["subdistrict_id"] is not None:
            place = ("s", row["subdistrict_id"])
        elif row["district_id"] is not None:
            place = ("d", row["district_id"])
        else:
            continue
        grouped[(place, row["year"], row["metric_id"])][row["article_id"]].append(row)
    cells = []
    for (place, year, metric_id), by_article in grouped.items():
        metric = catalogue_by_id[metric_id]
        readings = [r for facts in by_article.values() for r in _reading_from(facts, metric)]
        readings.sort(key=lambda r: r.rank, reverse=True)
        first = readings[0].first
        subdistrict = place[0] == "s"
        cells.append(Cell(
            place_key=f"{place[0]}{place[1]}", place_id=place[1],
            place=first.get("subdistrict__name") if subdistrict else first.get("district__name"),
            level="subdistrict" if subdistrict else "district", district=first.get("district__name") or "",
            year=year, metric=metric, readings=readings,
        ))
    return cells


def attach_details(cells: list[Cell]) -> list[Cell]:
    """Fill in place names, titles and newspapers of cells built from ``LIGHT_VALUES`` rows (one query)."""
    facts = {f["id"]: f for cell in cells for r in cell.readings for f in r.facts}
    for row in Fact.objects.filter(pk__in=list(facts)).values("id", *DETAIL_VALUES):
        facts[row.pop("id")].update(row)
    for cell in cells:
        first = cell.primary.first
        cell.place = first["subdistrict__name"] if cell.level == "subdistrict" else first["district__name"]
        cell.district = first["district__name"] or ""
    return cells


CELL_COLUMNS = ["place_key", "place_id", "place", "level", "district", "year", "metric", "metric_name", "unit",
                "value", "upper", "qualifier", "display", "note", "breakdown", "components", "fact_id", "article_id",
                "url", "source", "title", "review_status", "primary", "conflict", "readings", "reading_values"]


def cells_frame(cells: list[Cell]) -> pd.DataFrame:
    """One row per reading; ``primary`` marks the reading a chart draws, ``conflict`` the disagreeing cells."""
    url = article_url_template()
    en = english()
    names: dict[int, str] = {}
    records = []
    for cell in cells:
        conflict = cell.conflict
        unit = cell.metric.unit
        name = names.get(cell.metric.id)
        if name is None:
            name = names[cell.metric.id] = cell.metric.name
        values = [format_value(r.value, unit=unit, qualifier=r.qualifier, upper=r.upper, en=en)
                  for r in cell.readings]
        for index, reading in enumerate(cell.readings):
            first = reading.first
            breakdown = reading.components or reading.parts
            published = first["article__issue__published"]
            records.append({
                "place_key": cell.place_key, "place_id": cell.place_id, "place": cell.place, "level": cell.level,
                "district": cell.district, "year": cell.year, "metric": cell.metric.key,
                "metric_name": name, "unit": unit,
                "value": float(reading.value), "upper": float(reading.upper) if reading.upper is not None else None,
                "qualifier": reading.qualifier, "display": values[index], "note": first["note"],
                "breakdown": ("; " if en else "，").join(
                    f"{f['note']} {format_value(f['value'], unit=unit, qualifier=f['qualifier'], en=en)}"
                    for f in breakdown) if breakdown else "",
                "components": [(f["note"], float(f["value"]), f["id"]) for f in reading.components],
                "fact_id": first["id"], "article_id": first["article_id"],
                "url": url.format(first["article_id"]) + f"?fact={first['id']}#fact-{first['id']}",
                "source": " ".join(filter(None, [first["article__issue__publication__name"],
                                                 published.isoformat() if published else ""])),
                "title": first["article__title"], "review_status": first["review_status"],
                "primary": index == 0, "conflict": conflict, "readings": len(cell.readings),
                "reading_values": values,
            })
    return pd.DataFrame.from_records(records, columns=CELL_COLUMNS)


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows of a frame as dicts, column by column: DataFrame.to_dict("records") boxes every value and costs
    ~10 ms per thousand rows."""
    if frame.empty:
        return []
    columns = list(frame.columns)
    values = [frame[column].tolist() for column in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def readings_by_place_and_year(frame: pd.DataFrame, *, place_keys: list[str], years: list[int],
                               metric_key: str | None = None) -> list[dict]:
    """A table row per place, a column per year holding every reading (conflicts show all; empty = 未报告)."""
    cells: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for record in records(frame):
        if metric_key is None or record["metric"] == metric_key:
            cells[(record["place_key"], int(record["year"]))].append(record)
    return [{"key": key, "id": int(key[1:]), "years": [cells.get((key, y), []) for y in years]} for key in place_keys]


def _cells_for(queryset: QuerySet[Fact], catalogue: dict[str, MetricInfo]) -> pd.DataFrame:
    by_id = {m.id: m for m in catalogue.values()}
    return cells_frame(build_cells(queryset.filter(metric__isnull=False).values(*FACT_VALUES), by_id))


def latest_per_place(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep each place's and metric's latest reported year (within the filters), as the grapher does."""
    if frame.empty:
        return frame
    latest = frame.groupby(["place_key", "metric"])["year"].transform("max")
    return frame[frame["year"] == latest]


# ---------------------------------------------------------------------------------------------------------------
# Overview


@dataclass
class FamilyData:
    family: Family
    metrics: list[MetricInfo]
    cells: pd.DataFrame


@dataclass
class Coverage:
    metrics: list[MetricInfo]
    rows: list[dict]


@dataclass
class OverviewData:
    families: list[FamilyData]
    places: list[dict]
    total_places: int
    coverage: Coverage


def overview(*, filters: FactFilter, page: int = 1, per_page: int = 20) -> OverviewData:
    """The three families for one page of reporting subdistricts, with their coverage matrix.

    Paging by place keeps the work per request independent of the size of the database.
    """
    catalogue = metric_catalogue()
    families = [(family, [catalogue[k] for k in family.metrics if k in catalogue]) for family in FAMILIES]
    if filters.category:
        families = [(f, ms) for f, ms in families if f.key == filters.category or
                    any(m.category == filters.category for m in ms)]
    family_metric_ids = [m.id for _f, ms in families for m in ms]
    places_qs = _place_order(Subdistrict.objects.filter(
        Exists(filters.facts().filter(subdistrict=OuterRef("pk"), metric_id__in=family_metric_ids))))
    total = places_qs.count()
    places = list(places_qs[(page - 1) * per_page: page * per_page].values("id", "name", "district__name"))
    place_ids = [p["id"] for p in places]
    # Only each place's latest year per metric leaves the database: a tenth of the rows with ten years of data.
    latest = (filters.facts().filter(subdistrict_id=OuterRef("subdistrict_id"), metric_id=OuterRef("metric_id"),
                                     year__isnull=False)
              .order_by("-year").values("year")[:1])
    frame = _cells_for(filters.facts().filter(subdistrict_id__in=place_ids, metric_id__in=family_metric_ids,
                                              year=Subquery(latest)), catalogue)
    data = [FamilyData(family=f, metrics=ms, cells=frame[frame["metric"].isin([m.key for m in ms])])
            for f, ms in families if ms]
    return OverviewData(families=data, places=places, total_places=total,
                        coverage=coverage(place_ids=place_ids, places=places, filters=filters, catalogue=catalogue))


def coverage(*, place_ids: list[int], places: list[dict], filters: FactFilter,
             catalogue: dict[str, MetricInfo]) -> Coverage:
    """Which subdistrict reports which metric in which year (aggregated in the database)."""
    rows = (filters.facts().filter(subdistrict_id__in=place_ids, metric__isnull=False)
            .values("subdistrict_id", "metric_id").annotate(years=ArrayAgg("year", distinct=True, default=[]))
            .order_by())
    years: dict[tuple[int, int], list[int]] = {}
    for row in rows:
        years[(row["subdistrict_id"], row["metric_id"])] = [y for y in row["years"] if y is not None]
    metric_ids = {metric_id for _p, metric_id in years}
    metrics = [m for m in catalogue.values() if m.id in metric_ids]
    # Links and year spans are built here, once per cell: reversing a URL per cell in the template cost more
    # than the whole query.
    metric_url = reverse("reports:metric", args=["KEY"])
    place_url = reverse("reports:subdistrict", args=[987654321])
    hrefs = {m.id: metric_url.replace("KEY", m.key) for m in metrics}
    table = []
    for place in places:
        cells = []
        for m in metrics:
            found = years.get((place["id"], m.id))
            cells.append({"years": year_span(found) if found else "",
                          "href": f"{hrefs[m.id]}?subdistrict={place['id']}" if found else ""})
        table.append({"place": place, "cells": cells, "href": place_url.replace("987654321", str(place["id"]))})
    return Coverage(metrics=[{"metric": m, "href": hrefs[m.id], "name": m.name} for m in metrics], rows=table)


# ---------------------------------------------------------------------------------------------------------------
# Metric page


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


def metric_trend_cells(*, metric: MetricInfo, place_ids: list[int], filters: FactFilter) -> pd.DataFrame:
    queryset = filters.facts().filter(metric_id=metric.id, subdistrict_id__in=place_ids, year__isnull=False)
    return _cells_for(queryset, {metric.key: metric})


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
    conflicts = _conflicting_fact_ids(rows, filters, catalogue=catalogue)
    url = article_url_template()
    place_url = reverse("reports:subdistrict", args=[987654321]).replace("987654321", "{}")
    en = english()
    for row in rows:
        unit = row["metric__unit"] or row["unit"]
        row["display"] = format_value(row["value"], unit=unit, qualifier=row["qualifier"], upper=row["upper_value"],
                                      en=en)
        row["place"] = row["subdistrict__name"] or row["district__name"] or ""
        row["metric_name"] = row["metric__name_en"] if en and row["metric__name_en"] else row["metric__name_zh"]
        row["conflict"] = row["id"] in conflicts
        row["url"] = url.format(row["article_id"]) + f"?fact={row['id']}#fact-{row['id']}"
        row["status_label"] = Fact.ReviewStatus(row["review_status"]).label
        row["place_url"] = place_url.format(row["subdistrict_id"]) if row["subdistrict_id"] else ""
        published = row["article__issue__published"]
        row["source_label"] = " ".join(filter(None, [row["article__issue__publication__name"],
                                                     published.isoformat() if published else ""]))
        row["excerpt"] = evidence_excerpt(row["evidence"], start=row["start"], value_start=row["value_start"])
    return FactTable(rows=rows, total=total, page=page, pages=pages)


def _conflicting_fact_ids(rows: list[dict], filters: FactFilter,
                          catalogue: dict[str, MetricInfo] | None = None) -> set[int]:
    """Ids of the given facts whose cell has readings that disagree (one query for the whole page)."""
    if not rows:
        return set()
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
    conflicted = set()
    for cell in build_cells(siblings, by_id):
        if cell.conflict:
            conflicted.update(f["id"] for r in cell.readings for f in r.facts)
    return conflicted


# ---------------------------------------------------------------------------------------------------------------
# Subdistrict page


@dataclass
class PlaceProfile:
    subdistrict: Subdistrict
    cells: pd.DataFrame
    years: list[int]
    metric_rows: list[dict]
    initiatives: list[tuple[str, list[dict]]]
    articles: list[dict]
    total_articles: int


def place_profile(*, subdistrict: Subdistrict, filters: FactFilter, article_limit: int = 50) -> PlaceProfile:
    catalogue = metric_catalogue()
    frame = _cells_for(filters.facts().filter(subdistrict_id=subdistrict.pk), catalogue)
    rows_ = records(frame)
    years = sorted({int(r["year"]) for r in rows_ if r["year"] == r["year"] and r["year"] is not None})
    by_cell: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for record in rows_:
        if record["year"] in years:
            by_cell[(record["metric"], int(record["year"]))].append(record)
    reported = {r["metric"] for r in rows_}
    metric_rows = []
    for category, label, metrics in metrics_by_category(catalogue):
        rows = [{"metric": metric, "years": [by_cell.get((metric.key, y), []) for y in years]}
                for metric in metrics if metric.key in reported]
        if rows:
            metric_rows.append({"category": category, "label": label, "rows": rows})
    initiatives = defaultdict(list)
    url = article_url_template()
    for row in (filters.initiatives().filter(subdistrict_id=subdistrict.pk)
                .order_by("category", F("year").desc(nulls_last=True), "name")
                .values("id", "name", "category", "year", "evidence", "article_id")):
        row["url"] = url.format(row["article_id"]) + f"?initiative={row['id']}#initiative-{row['id']}"
        initiatives[row["category"] or _("未分类")].append(row)
    articles_qs = place_articles(subdistrict_id=subdistrict.pk, filters=filters)
    total_articles = articles_qs.count()
    articles = list(articles_qs.order_by(F("issue__published").desc(nulls_last=True), "-pk")
                    .values("id", "title", "year", "issue__published", "issue__publication__name")[:article_limit])
    return PlaceProfile(subdistrict=subdistrict, cells=frame, years=years, metric_rows=metric_rows,
                        initiatives=sorted(initiatives.items()), articles=articles, total_articles=total_articles)


def place_articles(*, subdistrict_id: int, filters: FactFilter) -> QuerySet[Article]:
    """Articles about a subdistrict, or that report a fact or initiative of it."""
    year_filter = FactFilter(year_from=filters.year_from, year_to=filters.year_to)
    return Article.objects.filter(
        Q(subdistrict_id=subdistrict_id)
        | Q(Exists(year_filter.facts().filter(article=OuterRef("pk"), subdistrict_id=subdistrict_id)))
        | Q(Exists(Initiative.objects.filter(article=OuterRef("pk"), subdistrict_id=subdistrict_id)))
    )


def place_texts(*, subdistrict_id: int, limit_chars: int = 400_000) -> list[str]:
    """Texts of a subdistrict's articles for its keyword profile, newest first, capped in size."""
    texts, size = [], 0
    for title, text in (place_articles(subdistrict_id=subdistrict_id, filters=FactFilter())
                        .order_by(F("issue__published").desc(nulls_last=True), "-pk")
                        .values_list("title", "text").iterator(chunk_size=100)):
        texts.append(f"{title}\n{text}")
        size += len(text)
        if size >= limit_chars:
            break
    return texts


# ---------------------------------------------------------------------------------------------------------------
# Compare page


def compare_cells(*, subdistrict_ids: list[int], metrics: list[MetricInfo], filters: FactFilter) -> pd.DataFrame:
    queryset = filters.facts().filter(subdistrict_id__in=subdistrict_ids, metric_id__in=[m.id for m in metrics],
                                      year__isnull=False)
    return _cells_for(queryset, {m.key: m for m in metrics})


def default_compare_places(*, metrics: list[MetricInfo], filters: FactFilter, limit: int = 6) -> list[int]:
    """Subdistricts reporting the most of the chosen metrics: a useful first view before anyone picks."""
    return list(filters.facts().filter(subdistrict__isnull=False, metric_id__in=[m.id for m in metrics])
                .values("subdistrict_id").annotate(n=Count("id")).order_by("-n", "subdistrict_id")
                .values_list("subdistrict_id", flat=True)[:limit])


def places_by_id(ids) -> dict[int, dict]:
    return {row["id"]: row for row in Subdistrict.objects.filter(pk__in=ids).values("id", "name", "district__name")}


# ---------------------------------------------------------------------------------------------------------------
# Article page


@dataclass
class Segment:
    text: str
    facts: tuple[int, ...] = ()
    initiatives: tuple[int, ...] = ()
    value_of: tuple[int, ...] = ()
    current: bool = False
    anchors: tuple[str, ...] = ()
    label: str = ""
    record_url: str = ""
    conflict: bool = False


def highlight_segments(text: str, *, facts: list[dict], initiatives: list[dict],
                       current: str | None = None) -> list[Segment]:
    """Cut the article text at every span boundary so each piece knows which facts and initiatives cover it.

    Spans overlap (two facts from one sentence), so the text is split flat rather than nested.
    """
    length = len(text)
    spans = []
    for fact in facts:
        start, end = max(0, fact["start"]), min(length, fact["end"])
        if end > start:
            spans.append(("fact", fact["id"], start, end))
        if fact.get("value_start") is not None and fact.get("value_end") is not None:
            v_start, v_end = max(0, fact["value_start"]), min(length, fact["value_end"])
            if v_end > v_start:
                spans.append(("value", fact["id"], v_start, v_end))
    for initiative in initiatives:
        start, end = max(0, initiative["start"]), min(length, initiative["end"])
        if end > start:
            spans.append(("initiative", initiative["id"], start, end))
    cuts = sorted({0, length, *[s[2] for s in spans], *[s[3] for s in spans]})
    anchors_at: dict[int, list[str]] = defaultdict(list)
    for kind, record_id, start, _end in spans:
        if kind != "value":
            name = f"{kind}-{record_id}"
            if name not in anchors_at[start]:
                anchors_at[start].append(name)
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in spans if s[2] <= start and s[3] >= end]
        fact_ids = tuple(sorted({s[1] for s in covering if s[0] == "fact"}))
        initiative_ids = tuple(sorted({s[1] for s in covering if s[0] == "initiative"}))
        value_of = tuple(sorted({s[1] for s in covering if s[0] == "value"}))
        names = [f"fact-{i}" for i in fact_ids] + [f"initiative-{i}" for i in initiative_ids]
        segments.append(Segment(text=text[start:end], facts=fact_ids, initiatives=initiative_ids, value_of=value_of,
                                current=current is not None and current in names,
                                anchors=tuple(anchors_at.get(start, ()))))
    return segments


@dataclass
class ArticleData:
    article: Article
    segments: list[Segment]
    facts: list[dict]
    initiatives: list[dict]


def article_data(*, article_id: int, current: str | None = None) -> ArticleData:
    article = (Article.objects.select_related("issue__publication", "subdistrict", "district")
               .get(pk=article_id))
    facts = list(_visible().filter(article_id=article_id).order_by("start", "pk").values(
        "id", "start", "end", "value_start", "value_end", "value", "upper_value", "unit", "qualifier", "note",
        "year", "label", "review_status", "evidence", "subdistrict_id", "subdistrict__name", "district__name",
        "metric__key", "metric__name_zh", "metric__name_en", "metric__unit", "metric_id", "district_id"))
    initiatives = list(Initiative.objects.filter(article_id=article_id).order_by("start", "pk").values(
        "id", "start", "end", "name", "category", "year", "subdistrict_id", "subdistrict__name", "district__name",
        "evidence"))
    conflicts = _conflicting_fact_ids([f for f in facts if f["metric_id"]], FactFilter())
    metric_url = reverse("reports:metric", args=["KEY"])
    place_url = reverse("reports:subdistrict", args=[987654321])
    for fact in facts:
        unit = fact["metric__unit"] or fact["unit"]
        fact["display"] = format_value(fact["value"], unit=unit, qualifier=fact["qualifier"], upper=fact["upper_value"])
        fact["place"] = fact["subdistrict__name"] or fact["district__name"] or ""
        fact["name"] = (fact["metric__name_en"] if english() and fact["metric__name_en"] else fact["metric__name_zh"]) \
            or fact["label"]
        fact["conflict"] = fact["id"] in conflicts
        fact["current"] = current == f"fact-{fact['id']}"
        fact["status_label"] = Fact.ReviewStatus(fact["review_status"]).label
        if fact["metric__key"]:
            record = metric_url.replace("KEY", fact["metric__key"])
            if fact["subdistrict_id"]:
                record += f"?subdistrict={fact['subdistrict_id']}"
            fact["record_url"] = f"{record}#fact-{fact['id']}"
        else:
            fact["record_url"] = f"#fact-{fact['id']}"
    for initiative in initiatives:
        initiative["record_url"] = (place_url.replace("987654321", str(initiative["subdistrict_id"]))
                                    + f"#initiative-{initiative['id']}") if initiative["subdistrict_id"] else ""
    segments = highlight_segments(article.text, facts=facts, initiatives=initiatives, current=current)
    fact_by_id = {f["id"]: f for f in facts}
    initiative_by_id = {i["id"]: i for i in initiatives}
    for segment in segments:
        covering = [fact_by_id[i] for i in segment.facts] + [initiative_by_id[i] for i in segment.initiatives]
        segment.label = "；".join(
            f"{f['place']} {f['year'] or ''} {f['name']} {f['display']}".strip() if "display" in f
            else f"{_('特色举措')}：{f['name']}" for f in covering)
        records = [f["record_url"] for f in covering if f.get("record_url")]
        segment.record_url = records[0] if records else ""
        segment.conflict = any(fact_by_id[i]["conflict"] for i in segment.facts)
    return ArticleData(article=article, segments=segments, facts=facts, initiatives=initiatives)


# ---------------------------------------------------------------------------------------------------------------
# Exports: tuples straight from the database cursor, so a full export streams at database speed.

# (column key, Chinese header, English header, number format for XLSX or None)
FACT_COLUMNS = [
    ("id", "编号", "id", None),
    ("district", "区县", "district", None),
    ("place", "街道/镇", "subdistrict", None),
    ("year", "年份", "year", "0"),
    ("metric", "指标代码", "metric", None),
    ("metric_name", "指标", "metric name", None),
    ("label", "名目", "label", None),
    ("value", "数值", "value", "#,##0.####"),
    ("upper_value", "上限", "upper value", "#,##0.####"),
    ("unit", "单位", "unit", None),
    ("qualifier", "限定", "qualifier", None),
    ("display", "显示值", "as printed", None),
    ("note", "备注", "note", None),
    ("review_status", "审核状态", "review status", None),
    ("newspaper", "报纸", "newspaper", None),
    ("published", "出版日期", "published", "yyyy-mm-dd"),
    ("article_id", "文章编号", "article id", None),
    ("article_title", "文章标题", "article title", None),
    ("evidence", "原文句子", "evidence", None),
    ("source", "来源链接", "source link", None),
]

_FACT_EXPORT_FIELDS = ("id", "district__name", "subdistrict__name", "year", "metric__key", "metric__name_zh",
                       "label", "value", "upper_value", "unit", "metric__unit", "qualifier", "note", "review_status",
                       "article__issue__publication__name", "article__issue__published", "article_id",
                       "article__title", "evidence")


def iter_fact_tuples(*, filters: FactFilter | None = None, metric_keys: tuple[str, ...] = (),
                     base_url: str = "", chunk_size: int = 5000):
    """Rows of the long facts table, aligned with ``FACT_COLUMNS``, read with a server-side cursor."""
    queryset = (filters or FactFilter()).facts()
    if metric_keys:
        queryset = queryset.filter(metric__key__in=metric_keys)
    url = base_url + article_url_template()
    display_cache: dict[tuple, str] = {}
    for (pk, district, place, year, metric, metric_name, label, value, upper, unit, metric_unit, qualifier, note,
         status, newspaper, published, article_id, title, evidence) in (
            queryset.order_by("pk").values_list(*_FACT_EXPORT_FIELDS).iterator(chunk_size=chunk_size)):
        unit = metric_unit or unit
        key = (value, upper, unit, qualifier)
        display = display_cache.get(key)
        if display is None:
            display = format_value(value, unit=unit, qualifier=qualifier, upper=upper, en=False)
            if len(display_cache) < 50_000:
                display_cache[key] = display
        yield (pk, district or "", place or district or "", year, metric or "", metric_name or "", label, value,
               upper, unit, qualifier, display, note, status, newspaper, published, article_id, title, evidence,
               url.format(article_id) + f"?fact={pk}#fact-{pk}")


def display_sql(value: str, upper: str, unit: str, qualifier: str) -> tuple[str, list]:
    """SQL for ``format_value`` in Chinese over the given column expressions, with its parameters.

    The full CSV export formats in the database so rows stream at database speed; tests/dashboard/test_cells.py
    checks this against ``format_value`` case by case.
    """
    units = sorted(COUNT_UNITS)
    magnitude = f"greatest(abs({value}), abs(coalesce({upper}, {value})))"
    divisor = (f"(CASE WHEN {unit} = '元' AND {magnitude} >= 100000000 THEN 100000000 "
               f"WHEN {unit} = '元' AND {magnitude} >= 10000 THEN 10000 "
               f"WHEN {unit} = '万元' AND {magnitude} >= 10000 THEN 10000 "
               f"WHEN {unit} = ANY(%s) AND {magnitude} >= 100000000 THEN 100000000 "
               f"WHEN {unit} = ANY(%s) AND {magnitude} >= 10000 THEN 10000 ELSE 1 END)")
    shown = (f"(CASE WHEN {unit} = '元' AND {magnitude} >= 100000000 THEN '亿元' "
             f"WHEN {unit} = '元' AND {magnitude} >= 10000 THEN '万元' "
             f"WHEN {unit} = '万元' AND {magnitude} >= 10000 THEN '亿元' "
             f"WHEN {unit} = ANY(%s) AND {magnitude} >= 100000000 THEN '亿' || {unit} "
             f"WHEN {unit} = ANY(%s) AND {magnitude} >= 10000 THEN '万' || {unit} ELSE {unit} END)")

    def number(column: str) -> str:
        scaled = f"({column}::numeric / {divisor})"
        places = f"(CASE WHEN abs({scaled}) >= 1000 THEN 1 WHEN abs({scaled}) >= 1 THEN 2 ELSE 4 END)"
        return f"trim_scale(round({scaled}, {places}))::text"

    text = (f"({number(value)} || CASE WHEN {upper} IS NOT NULL AND {upper} <> {value} "
            f"THEN '–' || {number(upper)} ELSE '' END)")
    sql = (f"(CASE {qualifier} WHEN 'about' THEN '近' || {text} WHEN 'over' THEN {text} || '+' "
           f"WHEN 'under' THEN '不足' || {text} ELSE {text} END || {shown})")
    # Every placeholder is the list of count units.
    return sql, [units] * sql.count("%s")


def fact_csv_lines_sql(*, filters: FactFilter | None = None, metric_keys: tuple[str, ...] = (),
                       base_url: str = "") -> tuple[str, list]:
    """One query whose single column is a finished CSV line per fact, in ``FACT_COLUMNS`` order.

    Python only joins lines, so the full export runs at the speed the database reads rows.
    """
    queryset = (filters or FactFilter()).facts()
    if metric_keys:
        queryset = queryset.filter(metric__key__in=metric_keys)
    inner_sql, inner_params = queryset.order_by().values(
        "id", "year", "label", "value", "upper_value", "unit", "qualifier", "note", "review_status", "article_id",
        "evidence", "district__name", "subdistrict__name", "metric__key", "metric__name_zh", "metric__unit",
        "article__issue__publication__name", "article__issue__published", "article__title").query.sql_with_params()

    def q(expression: str) -> str:
        return f"'\"' || replace(coalesce(({expression})::text, ''), '\"', '\"\"') || '\"'"

    unit = "coalesce(nullif(f.\"metric__unit\", ''), f.unit, '')"
    display, display_params = display_sql("f.value", "f.upper_value", unit, "f.qualifier")
    prefix, suffix = article_url_template().split("{}")
    source = "%s || f.article_id::text || %s || '?fact=' || f.id::text || '#fact-' || f.id::text"
    columns = [
        "f.id::text", q('f."district__name"'), q('coalesce(f."subdistrict__name", f."district__name")'),
        "coalesce(f.year::text, '')", q('f."metric__key"'), q('f."metric__name_zh"'), q("f.label"),
        "trim_scale(f.value)::text", "coalesce(trim_scale(f.upper_value)::text, '')", q(unit), q("f.qualifier"),
        q(display), q("f.note"), q("f.review_status"), q('f."article__issue__publication__name"'),
        "coalesce(to_char(f.\"article__issue__published\", 'YYYY-MM-DD'), '')", "f.article_id::text",
        q('f."article__title"'), q("f.evidence"), q(source),
    ]
    sql = f"SELECT concat_ws(',', {', '.join(columns)}) FROM ({inner_sql}) AS f ORDER BY f.id"
    params = [*display_params, base_url + prefix, suffix, *inner_params]
    return sql, params


def count_facts(*, filters: FactFilter | None = None, metric_keys: tuple[str, ...] = ()) -> int:
    queryset = (filters or FactFilter()).facts()
    if metric_keys:
        queryset = queryset.filter(metric__key__in=metric_keys)
    return queryset.count()


def iter_fact_rows(queryset: QuerySet[Fact] | None = None, chunk_size: int = 2000):
    """Dict rows keyed by ``FACT_COLUMNS`` (the ``export_facts`` command)."""
    keys = [c[0] for c in FACT_COLUMNS]
    if queryset is not None:
        ids = set(queryset.values_list("pk", flat=True))
        rows = (r for r in iter_fact_tuples(chunk_size=chunk_size) if r[0] in ids)
    else:
        rows = iter_fact_tuples(chunk_size=chunk_size)
    for row in rows:
        yield dict(zip(keys, row, strict=True))


INITIATIVE_COLUMNS = [
    ("id", "编号", "id", None),
    ("district", "区县", "district", None),
    ("place", "街道/镇", "subdistrict", None),
    ("year", "年份", "year", "0"),
    ("name", "举措名称", "initiative", None),
    ("category", "类别", "category", None),
    ("newspaper", "报纸", "newspaper", None),
    ("published", "出版日期", "published", "yyyy-mm-dd"),
    ("article_id", "文章编号", "article id", None),
    ("article_title", "文章标题", "article title", None),
    ("evidence", "原文句子", "evidence", None),
    ("source", "来源链接", "source link", None),
]


def iter_initiative_tuples(*, filters: FactFilter | None = None, base_url: str = "", chunk_size: int = 5000):
    url = base_url + article_url_template()
    for (pk, district, place, year, name, category, newspaper, published, article_id, title, evidence) in (
            (filters or FactFilter()).initiatives().order_by("pk").values_list(
                "id", "district__name", "subdistrict__name", "year", "name", "category",
                "article__issue__publication__name", "article__issue__published", "article_id", "article__title",
                "evidence").iterator(chunk_size=chunk_size)):
        yield (pk, district or "", place or district or "", year, name, category, newspaper, published, article_id,
               title, evidence, url.format(article_id) + f"?initiative={pk}#initiative-{pk}")


def count_initiatives(*, filters: FactFilter | None = None) -> int:
    return (filters or FactFilter()).initiatives().count()


@dataclass
class WideTable:
    columns: list[tuple]
    rows: list[tuple]


def wide_table(*, year: int, filters: FactFilter) -> WideTable:
    """Subdistricts × metrics for one year: one numeric column per metric, notes on approximations and conflicts.

    Built from cells, so conflicts and component sums follow the same rules as the charts.
    """
    catalogue = metric_catalogue()
    by_id = {m.id: m for m in catalogue.values()}
    queryset = filters.facts().filter(year=year, metric__isnull=False, subdistrict__isnull=False)
    metric_ids = set(queryset.values_list("metric_id", flat=True).distinct().order_by())
    metrics = [m for m in catalogue.values() if m.id in metric_ids]
    places: dict[int, dict] = {}
    # Chunks keep memory flat for a year with many thousands of places.
    for cell in build_cells(queryset.values(*FACT_VALUES).iterator(chunk_size=5000), by_id):
        entry = places.setdefault(cell.place_id, {"place": cell.place, "district": cell.district, "values": {},
                                                  "notes": []})
        primary = cell.primary
        entry["values"][cell.metric.key] = primary.value
        unit = cell.metric.unit
        if cell.conflict:
            shown = " / ".join(format_value(r.value, unit=unit, qualifier=r.qualifier, upper=r.upper)
                               for r in cell.readings)
            entry["notes"].append(f"{cell.metric.name_zh}：数据冲突 {shown}")
        elif primary.qualifier != Fact.Qualifier.EXACT or primary.upper is not None:
            shown = format_value(primary.value, unit=unit, qualifier=primary.qualifier, upper=primary.upper)
            entry["notes"].append(f"{cell.metric.name_zh}：{shown}")
    columns = [("district", "区县", "district", None), ("place", "街道/镇", "subdistrict", None),
               ("year", "年份", "year", "0")]
    columns += [(m.key, f"{m.name_zh}（{m.unit}）" if m.unit else m.name_zh,
                 f"{m.name_en} ({m.unit})" if m.unit else m.name_en, "#,##0.####") for m in metrics]
    columns.append(("notes", "说明（约数与冲突）", "notes (approximate and conflicting values)", None))
    rows = []
    for entry in sorted(places.values(), key=lambda e: (e["district"], e["place"])):
        rows.append((entry["district"], entry["place"], year, *[entry["values"].get(m.key) for m in metrics],
                     "；".join(entry["notes"])))
    return WideTable(columns=columns, rows=rows)

