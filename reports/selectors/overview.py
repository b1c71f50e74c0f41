"""The overview page: families of metrics and the coverage matrix."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse

from reports.formatting import year_span
from reports.models import Subdistrict

from .base import FAMILIES, FactFilter, Family
from .catalogue import MetricInfo, in_place_order, metric_catalogue
from .cells import cells_for


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
    places_qs = in_place_order(Subdistrict.objects.filter(
        Exists(filters.facts().filter(subdistrict=OuterRef("pk"), metric_id__in=family_metric_ids))))
    total = places_qs.count()
    places = list(places_qs[(page - 1) * per_page: page * per_page].values("id", "name", "district__name"))
    place_ids = [p["id"] for p in places]
    # Only each place's latest year per metric leaves the database: a tenth of the rows with ten years of data.
    latest = (filters.facts().filter(subdistrict_id=OuterRef("subdistrict_id"), metric_id=OuterRef("metric_id"),
                                     year__isnull=False)
              .order_by("-year").values("year")[:1])
    frame = cells_for(filters.facts().filter(subdistrict_id__in=place_ids, metric_id__in=family_metric_ids,
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


