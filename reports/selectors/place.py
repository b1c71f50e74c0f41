"""The subdistrict page and the compare page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

import pandas as pd
from django.db.models import Count, Exists, F, OuterRef, QuerySet
from django.utils.translation import gettext as _

from reports.models import Article, Initiative, Subdistrict

from .base import FactFilter, public_facts
from .catalogue import MetricInfo, article_url_template, in_place_order, metric_catalogue, metrics_by_category
from .cells import cells_for, records


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
    frame = cells_for(filters.facts().filter(subdistrict_id=subdistrict.pk), catalogue)
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
    # A union of three index scans: the same test written as one OR of EXISTS read every article in the
    # database (a sequential scan, three times per subdistrict page).
    ids = (Article.objects.filter(subdistrict_id=subdistrict_id).order_by().values("pk")
           .union(year_filter.facts().filter(subdistrict_id=subdistrict_id).order_by().values("article_id"),
                  Initiative.objects.filter(subdistrict_id=subdistrict_id).order_by().values("article_id")))
    return Article.objects.filter(pk__in=ids)


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
    return cells_for(queryset, {m.key: m for m in metrics})


def default_compare_places(*, metrics: list[MetricInfo], filters: FactFilter, limit: int = 6) -> list[int]:
    """Subdistricts reporting the most of the chosen metrics: a useful first view before anyone picks."""
    return list(filters.facts().filter(subdistrict__isnull=False, metric_id__in=[m.id for m in metrics])
                .values("subdistrict_id").annotate(n=Count("id")).order_by("-n", "subdistrict_id")
                .values_list("subdistrict_id", flat=True)[:limit])


def compare_place_choices(*, metrics: list[MetricInfo], chosen: list[int], filters: FactFilter) -> list[dict]:
    """Subdistricts the compare picker offers: every place with a visible fact (within the district filter),
    the chosen ones first, then those reporting any of the chosen metrics, then the rest, each group in
    gazetteer order. One query; ``has_data`` says whether the place reports a chosen metric."""
    facts = public_facts().filter(subdistrict=OuterRef("pk"))
    queryset = Subdistrict.objects.filter(Exists(facts))
    if filters.districts:
        queryset = queryset.filter(district_id__in=filters.districts)
    # Any place may be added to the choice: the subdistrict filter (the choice itself) does not narrow this.
    chosen_facts = replace(filters, subdistricts=()).facts().filter(
        subdistrict=OuterRef("pk"), metric_id__in=[m.id for m in metrics], year__isnull=False)
    rows = list(in_place_order(queryset.annotate(has_data=Exists(chosen_facts)))
                .values("id", "name", "district__name", "has_data"))
    picked = set(chosen)
    missing = picked - {r["id"] for r in rows}
    if missing:
        # A chosen place outside the district filter or without any fact is still shown, ticked.
        rows += [{**row, "has_data": False} for row in places_by_id(missing).values()]
    position = {place: index for index, place in enumerate(chosen)}
    return sorted(rows, key=lambda r: (0, position[r["id"]]) if r["id"] in picked else (1 if r["has_data"] else 2, 0))


def metric_place_counts(*, subdistrict_ids: list[int], metrics: list[MetricInfo],
                        filters: FactFilter) -> dict[str, int]:
    """How many of the given subdistricts report each metric (0 included), on the compare page's rules."""
    counts = {m.key: 0 for m in metrics}
    if not metrics or not subdistrict_ids:
        return counts
    by_id = {m.id: m.key for m in metrics}
    for row in (filters.facts().filter(subdistrict_id__in=subdistrict_ids, metric_id__in=list(by_id),
                                       year__isnull=False)
                .values("metric_id").annotate(n=Count("subdistrict_id", distinct=True)).order_by()):
        counts[by_id[row["metric_id"]]] = row["n"]
    return counts


def places_by_id(ids) -> dict[int, dict]:
    return {row["id"]: row for row in Subdistrict.objects.filter(pk__in=ids).values("id", "name", "district__name")}


