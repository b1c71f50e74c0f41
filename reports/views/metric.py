from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from reports import charts, selectors
from reports.pagecache import cached_page
from reports.views import params
from reports.views.common import filter_context, page_links, reader_view

# A bar per place stays readable up to about this many; the table below lists every one.
MAX_BARS = 40
TREND_PLACES = 8


@reader_view
@cached_page
def metric(request, key: str):
    catalogue = selectors.metric_catalogue()
    metric = catalogue.get(key)
    if metric is None:
        raise Http404
    filters = params.parse_filters(request.GET)
    view = params.parse_view(request.GET)
    page = params.parse_page(request.GET)
    counts = selectors.metric_year_counts(metric=metric, filters=filters)
    years = sorted(y for y in counts if y is not None)
    # The year with the most reports (the latest of equals): a new year with one early report is a poor first view.
    widest = max(years, key=lambda y: (counts[y], y)) if years else None
    year = params.parse_year(request.GET, "year", default=widest)

    bar_figure = trend_figure = None
    reporting = shown = 0
    # Only the pane being shown is computed; the tabs are links, so the other is one request away.
    if year is not None and view == "chart":
        shown_cells, reporting = selectors.metric_year_cells(metric=metric, year=year, filters=filters,
                                                             limit=MAX_BARS)
        keys = list(dict.fromkeys(shown_cells["place_key"])) if not shown_cells.empty else []
        chosen = [f"s{i}" for i in filters.subdistricts]
        missing = [k for k in chosen if k not in keys]
        labels = charts.place_labels(shown_cells, list(selectors.places_by_id(filters.subdistricts).values()))
        shown = len(keys)
        bar_figure = charts.bars_across(
            shown_cells, metric=metric, order=keys + missing, labels=labels,
            title=_("%(metric)s：%(year)s年各街道") % {"metric": metric.name, "year": year},
            filename=f"{metric.name_zh}_{year}")
        trend_ids = list(filters.subdistricts) or [int(k[1:]) for k in keys[:TREND_PLACES]]
        trend = selectors.metric_trend_cells(metric=metric, place_ids=trend_ids, filters=filters)
        trend_years = _year_axis(years, filters)
        trend_figure = charts.lines_over_years(
            trend, metric=metric, years=trend_years, labels=charts.place_labels(trend),
            title=_("%(metric)s：历年变化") % {"metric": metric.name}, filename=f"{metric.name_zh}_历年")
    table = selectors.fact_table(filters=filters, metric=metric, page=page, catalogue=catalogue,
                                 total=sum(counts.values())) if view == "table" else None
    context = {
        "metric": metric,
        "catalogue": selectors.metrics_by_category(catalogue),
        "years": years,
        "year": year,
        "view": view,
        "bar_figure": bar_figure,
        "trend_figure": trend_figure,
        "reporting": reporting,
        "shown": shown,
        "table": table,
        "pager": page_links(request, page=table.page, pages=table.pages) if table else None,
        "keep": [("view", view)],
        **filter_context(request, filters, extra_pairs=[("metric", metric.key)]),
    }
    return render(request, "reports/metric.html", context)


def _year_axis(years: list[int], filters) -> list[int]:
    if not years:
        return []
    first = filters.year_from if filters.year_from is not None else years[0]
    last = filters.year_to if filters.year_to is not None else years[-1]
    return list(range(max(first, years[0]), min(last, years[-1]) + 1))
