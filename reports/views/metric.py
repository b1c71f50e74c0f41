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
    level = "subdistrict"
    unreported, unreported_total, single_year = [], 0, False
    # Only the pane being shown is computed; the tabs are links, so the other is one request away.
    if year in counts and view == "chart":
        shown_cells, reporting = selectors.metric_year_cells(metric=metric, year=year, filters=filters,
                                                             limit=MAX_BARS)
        if shown_cells.empty and not filters.subdistricts:
            # No subdistrict gave a figure that year, only whole districts (全区): draw those rather than nothing.
            district_cells = selectors.metric_district_cells(metric=metric, year=year, filters=filters)
            if not district_cells.empty:
                shown_cells, level = district_cells, "district"
                reporting = district_cells["place_key"].nunique()
        keys = list(dict.fromkeys(shown_cells["place_key"])) if not shown_cells.empty else []
        extra_places = []
        if level == "subdistrict":
            # Places that report the metric in another year, or that the filters name, are listed as 未报告
            # rather than left out as if they did not exist.
            unreported, unreported_total = selectors.metric_unreported_places(
                metric=metric, year=year, filters=filters, limit=MAX_BARS)
            extra_places = unreported[:max(0, MAX_BARS - len(keys))]
        missing = [f"s{p['id']}" for p in extra_places]
        labels = charts.place_labels(shown_cells, extra_places)
        shown = len(keys)
        if level == "district":
            title = _("%(metric)s：%(year)s年各区县") % {"metric": metric.name, "year": year}
        else:
            title = _("%(metric)s：%(year)s年各街道") % {"metric": metric.name, "year": year}
        bar_figure = charts.bars_across(shown_cells, metric=metric, order=keys + missing, labels=labels,
                                        title=title, filename=f"{metric.name_zh}_{year}")
        if level == "district":
            trend_ids = [int(k[1:]) for k in keys[:TREND_PLACES]]
        else:
            # Places missing this year may well have a line over the others: they are drawn after the top ones.
            trend_ids = list(filters.subdistricts) or [int(k[1:]) for k in (keys + missing)[:TREND_PLACES]]
        trend = selectors.metric_trend_cells(metric=metric, place_ids=trend_ids, filters=filters, level=level)
        trend_years = _year_axis(years, filters)
        # A line needs two years: with one, the 历年变化 chart would be a row of lone dots.
        if len(trend_years) >= 2 and _places_with_two_years(trend):
            trend_figure = charts.lines_over_years(
                trend, metric=metric, years=trend_years, labels=charts.place_labels(trend),
                title=_("%(metric)s：历年变化") % {"metric": metric.name}, filename=f"{metric.name_zh}_历年")
        else:
            single_year = True
    table = selectors.fact_table(filters=filters, metric=metric, page=page, catalogue=catalogue,
                                 total=sum(counts.values())) if view == "table" and counts else None
    # The table lists every year, so only the chart can be emptied by the year chosen.
    has_data = bool(counts) and (view == "table" or year in counts)
    empty = None if has_data else _empty_reason(metric, filters, years=years, year=year)
    if empty and filters.subdistricts:
        unreported = list(selectors.places_by_id(filters.subdistricts).values())
        unreported_total = len(unreported)
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
        "level": level,
        "unreported": unreported,
        "unreported_total": unreported_total,
        "single_year": single_year,
        "empty": empty,
        "clear_filters": f"?view={view}",
        "pager": page_links(request, page=table.page, pages=table.pages) if table else None,
        "keep": [("view", view)],
        **filter_context(request, filters, extra_pairs=[("metric", metric.key)]),
    }
    return render(request, "reports/metric.html", context)


def _places_with_two_years(frame) -> int:
    if frame.empty:
        return 0
    primary = frame[frame["primary"]]
    return int((primary.groupby("place_key")["year"].nunique() >= 2).sum())


def _empty_reason(metric, filters, *, years: list[int], year) -> dict:
    """Why the page has nothing to draw, and what the reader can do about it."""
    if years and year is not None:
        return {"message": _("%(year)s年没有“%(metric)s”的数据。请在上方选择有数据的年份。")
                % {"year": year, "metric": metric.name}, "filtered": False}
    if not filters.is_empty:
        total = sum(selectors.metric_year_counts(metric=metric, filters=selectors.FactFilter()).values())
        if total:
            return {"message": _("当前筛选条件下没有“%(metric)s”的数据；不加筛选时共有 %(count)s 条。"
                                 "请放宽或清除筛选条件。") % {"metric": metric.name, "count": total},
                    "filtered": True}
    return {"message": _("还没有任何报道给出“%(metric)s”的数值。上传含有这一指标的报纸后，这里会显示图表。")
            % {"metric": metric.name}, "filtered": False}


def _year_axis(years: list[int], filters) -> list[int]:
    if not years:
        return []
    first = filters.year_from if filters.year_from is not None else years[0]
    last = filters.year_to if filters.year_to is not None else years[-1]
    return list(range(max(first, years[0]), min(last, years[-1]) + 1))
