"""Filters every read-side query shares, and which facts readers may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from reports.models import Article, Fact, Initiative

# A confirmed or corrected reading is preferred over an unreviewed one as the value a chart draws first.
STATUS_RANK = {Fact.ReviewStatus.CORRECTED: 2, Fact.ReviewStatus.CONFIRMED: 1, Fact.ReviewStatus.AUTO: 0}
PUBLIC_STATUSES = (Fact.ReviewStatus.AUTO, Fact.ReviewStatus.CONFIRMED, Fact.ReviewStatus.CORRECTED)
REVIEWED_STATUSES = (Fact.ReviewStatus.CONFIRMED, Fact.ReviewStatus.CORRECTED)
# The review filter's choices: 已审核 is every figure a person checked, confirmed or corrected alike.
REVIEW_CHOICES = {"reviewed": REVIEWED_STATUSES, "auto": (Fact.ReviewStatus.AUTO,)}


def reviewed_only() -> bool:
    """The office publishes reviewed figures only (``GOVDASH_PUBLISH_REVIEWED_ONLY``)."""
    return settings.GOVDASH_PUBLISH_REVIEWED_ONLY


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
    # Review statuses to keep: a REVIEW_CHOICES value, or legacy single statuses (已确认 keeps corrected too).
    statuses: tuple[str, ...] = ()

    def facts(self, queryset: QuerySet[Fact] | None = None) -> QuerySet[Fact]:
        queryset = public_facts() if queryset is None else queryset
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

    @property
    def review_choice(self) -> str:
        """The REVIEW_CHOICES key these statuses amount to, or "" (all)."""
        for key, statuses in REVIEW_CHOICES.items():
            if set(self.statuses) == set(statuses):
                return key
        return ""


def unrejected_facts() -> QuerySet[Fact]:
    """Every fact but the rejected ones, without joins (for counts and aggregates)."""
    return Fact.objects.exclude(review_status=Fact.ReviewStatus.REJECTED)


def public_facts() -> QuerySet[Fact]:
    """What readers see: unrejected facts of a catalogued metric. A number the catalogue cannot name (基层 3支) is
    a candidate for staff to classify in the admin, never a public figure; a figure from a near-repeat of an
    earlier article (``Fact.held``) waits for a reviewer; with ``GOVDASH_PUBLISH_REVIEWED_ONLY`` only confirmed
    and corrected figures are public. Where reviewed and automatic figures share a cell, cells.build_cells
    keeps the reviewed ones."""
    queryset = unrejected_facts().filter(metric__isnull=False, held=False)
    if reviewed_only():
        queryset = queryset.filter(review_status__in=REVIEWED_STATUSES)
    return queryset


def visible_facts() -> QuerySet[Fact]:
    """Facts a reader may see: rejected ones never are."""
    return public_facts().select_related("subdistrict", "district", "metric", "article__issue__publication")


