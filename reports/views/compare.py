from django.shortcuts import render
from django.utils.translation import gettext as _

from reports import charts, selectors
from reports.pagecache import cached_page
from reports.views import params
from reports.views.common import filter_context, reader_view

MAX_PLACES = 12
MAX_METRICS = 8
MAX_YEARS = 30
DEFAULT_METRICS = ("grid_count", "micro_grid_count", "grid_workers")


@reader_view
@cached_page
def compare(request):
    filters = params.parse_filters(request.GET, max_subdistricts=MAX_PLACES)
    catalogue = selectors.metric_catalogue()
    keys = params.list_values(request.GET, "metric")
    unknown = [k for k in keys if k not in catalogue]
    if unknown:
        raise params.BadParameter(_("参数 metric：没有代码为 %(keys)s 的指标。")
                                  % {"keys": params.shown("、".join(unknown), 200)})
    keys = list(dict.fromkeys(keys))
    if len(keys) > MAX_METRICS:
        raise params.BadParameter(_("最多同时比较 %(limit)s 个指标。") % {"limit": MAX_METRICS})
    metrics = [catalogue[k] for k in keys] or [catalogue[k] for k in DEFAULT_METRICS if k in catalogue]
    view = params.parse_view(request.GET)
    chart = params.parse_choice(request.GET, "chart", ("bar", "line"), default="bar")
    chosen = list(filters.subdistricts)
    if not chosen and metrics:
        chosen = selectors.default_compare_places(metrics=metrics, filters=filters)
    places = selectors.places_by_id(chosen)
    place_keys = [f"s{i}" for i in chosen if i in places]
    frame = selectors.compare_cells(subdistrict_ids=chosen, metrics=metrics, filters=filters)
    years = _years(frame, filters)
    labels = charts.place_labels(frame, [places[i] for i in chosen if i in places])
    sections = []
    for metric in metrics:
        cells = frame[frame["metric"] == metric.key] if not frame.empty else frame
        title = f"{metric.name}（{metric.unit_label}）" if metric.unit_label else metric.name
        if chart == "line":
            figure = charts.lines_over_years(cells, metric=metric, years=years, labels=labels, title=title,
                                             filename=metric.name_zh)
        else:
            figure = charts.grouped_by_year(cells, metric=metric, places=place_keys, years=years, labels=labels,
                                            title=title, filename=metric.name_zh)
        rows = selectors.readings_by_place_and_year(cells, place_keys=place_keys, years=years)
        for row in rows:
            row["label"] = labels.get(row["key"], row["key"])
        sections.append({"metric": metric, "figure": figure, "figure_id": f"figure-{metric.key}", "rows": rows})
    context = {
        "metrics": metrics,
        "chosen": chosen,
        "chosen_metrics": [m.key for m in metrics],
        "places": [places[i] for i in chosen if i in places],
        "years": years,
        "sections": sections,
        "view": view,
        "chart": chart,
        "catalogue": selectors.metrics_by_category(catalogue),
        "subdistrict_choices": selectors.subdistrict_choices(districts=filters.districts),
        **filter_context(request, filters, extra_pairs=[("metric", m.key) for m in metrics]),
    }
    if not filters.subdistricts:
        # The export and the shareable link name the places shown, so they reproduce this exact view.
        extra = [("subdistrict", i) for i in chosen] + [("metric", m.key) for m in metrics]
        context["export_query"] = params.query_string([*params.filter_pairs(filters), *extra])
    return render(request, "reports/compare.html", context)


def _years(frame, filters) -> list[int]:
    present = sorted({int(y) for y in frame["year"].dropna()}) if not frame.empty else []
    first = filters.year_from if filters.year_from is not None else (present[0] if present else None)
    last = filters.year_to if filters.year_to is not None else (present[-1] if present else None)
    if first is None or last is None:
        return present
    if last - first >= MAX_YEARS:
        first = last - MAX_YEARS + 1
    return list(range(first, last + 1))

