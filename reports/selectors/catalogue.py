"""Reference rows: the metric catalogue, districts and subdistricts offered as choices."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, QuerySet
from django.urls import reverse

from reports.formatting import axis_unit, english
from reports.models import District, Metric, Subdistrict

from .base import public_facts


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
        District.objects.filter(Exists(public_facts().filter(district=OuterRef("pk"))))
        .order_by(F("admin_code").asc(nulls_last=True), "name").values("id", "name", "city")
    )


def subdistrict_choices(*, districts: tuple[int, ...] = ()) -> list[dict]:
    """Subdistricts with any visible fact, grouped-ready (district first), for pickers."""
    queryset = Subdistrict.objects.filter(Exists(public_facts().filter(subdistrict=OuterRef("pk"))))
    if districts:
        queryset = queryset.filter(district_id__in=districts)
    return list(in_place_order(queryset).values("id", "name", "district_id", "district__name"))


def existing_ids(model, ids) -> set[int]:
    return set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))


def in_place_order(queryset: QuerySet[Subdistrict]) -> QuerySet[Subdistrict]:
    return queryset.order_by(F("district__admin_code").asc(nulls_last=True), "district__name",
                             F("admin_code").asc(nulls_last=True), "name")


def article_url_template() -> str:
    """'/articles/{}/' — reverse() once per request instead of once per chart point."""
    return reverse("reports:article", args=[987654321]).replace("987654321", "{}")


