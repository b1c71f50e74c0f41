from django.shortcuts import render
from django.urls import reverse
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
    # The form sends pick=1: an empty choice from it is the reader's own, not a first visit to fill with defaults.
    picked = params.parse_choice(request.GET, "pick", ("1",)) == "1"
    metrics = _metrics(request, catalogue)
    if not metrics and not picked:
        metrics = [catalogue[k] for k in DEFAULT_METRICS if k in catalogue]
    view = params.parse_view(request.GET)
    chart = params.parse_choice(request.GET, "chart", ("bar", "line"), default="bar")
    # ?places=all lists every place in the page itself, for a browser without JavaScript.
    every_place = params.parse_choice(request.GET, "places", ("all",)) == "all"
    chosen = list(filters.subdistricts)
    if not chosen and metrics and not picked:
        chosen = selectors.default_compare_places(metrics=metrics, filters=filters)
    places = selectors.places_by_id(chosen)
    place_keys = [f"s{i}" for i in chosen if i in places]
    frame = selectors.compare_cells(subdistrict_ids=chosen, metrics=metrics, filters=filters)
    years = _years(frame, filters)
    labels = charts.place_labels(frame, [places[i] for i in chosen if i in places])
    sections = []
    coverage: dict[str, int] = {}
    # No chart without a place to draw: the page says what to choose instead.
    for metric in metrics if place_keys else []:
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
        reported = set(cells["place_key"]) if not cells.empty else set()
        # Named under the chart: a line chart has no slot where a place without any figure could say so.
        unreported = [labels.get(k, k) for k in place_keys if k not in reported]
        coverage[metric.key] = len(reported)
        sections.append({"metric": metric, "figure": figure, "figure_id": f"figure-{metric.key}", "rows": rows,
                         "unreported": unreported})
    if place_keys:
        # How many of the chosen places report each metric not shown yet, for the metric picker (one query).
        others = [m for m in catalogue.values() if m.key not in coverage]
        coverage.update(selectors.metric_place_counts(subdistrict_ids=chosen, metrics=others, filters=filters))
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
        "place_choices": (selectors.compare_place_choices(metrics=metrics, chosen=chosen, filters=filters)
                          if every_place else [places[i] for i in chosen if i in places]),
        # The other places come from compare_places (charts.js): a list of every subdistrict in the page made
        # each copy of it some 700 kB at three thousand places, served again on every cache hit.
        "places_url": None if every_place else reverse("reports:compare_places") + "?" + params.query_string(
            [*[(k, v) for k, v in params.filter_pairs(filters) if k != "subdistrict"],
             *[("metric", m.key) for m in metrics]]),
        "coverage": coverage if place_keys else None,
        "picked": picked,
        "max_places": MAX_PLACES,
        # The link 复制链接 copies: every choice spelled out, so it shows the same places even after new data
        # would change which places a first visit picks.
        "share_query": params.query_string(_share_pairs(filters, chosen, metrics, chart=chart, view=view,
                                                        picked=picked)),
        **filter_context(request, filters, extra_pairs=[("metric", m.key) for m in metrics]),
    }
    # The exports name the places, metrics and years shown, so they hold exactly what the page draws.
    pairs = [(k, v) for k, v in params.filter_pairs(filters) if k not in ("subdistrict", "year_from", "year_to")]
    pairs += [("subdistrict", i) for i in chosen] + [("metric", m.key) for m in metrics]
    if years:
        pairs += [("year_from", years[0]), ("year_to", years[-1])]
        context["wide_range"] = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    context["export_query"] = params.query_string(pairs)
    return render(request, "reports/compare.html", context)


@reader_view
@cached_page
def compare_places(request):
    """The compare picker's places beyond the chosen ones, for the metrics and filters in the query: those
    reporting a chosen metric first. charts.js puts them under the chosen places."""
    filters = params.parse_filters(request.GET, max_subdistricts=MAX_PLACES)
    metrics = _metrics(request, selectors.metric_catalogue())
    choices = selectors.compare_place_choices(metrics=metrics, chosen=[], filters=filters)
    return render(request, "reports/compare_places.html", {"place_choices": choices, "chosen": []})


def _share_pairs(filters, chosen, metrics, *, chart: str, view: str, picked: bool) -> list[tuple[str, object]]:
    pairs = [(k, v) for k, v in params.filter_pairs(filters) if k != "subdistrict"]
    pairs += [("subdistrict", i) for i in chosen] + [("metric", m.key) for m in metrics]
    pairs += [("chart", chart), ("view", view)]
    if picked and not (chosen and metrics):
        pairs.append(("pick", 1))
    return pairs


def _metrics(request, catalogue) -> list:
    keys = params.list_values(request.GET, "metric")
    unknown = [k for k in keys if k not in catalogue]
    if unknown:
        raise params.BadParameter(_("参数 metric：没有代码为 %(keys)s 的指标。")
                                  % {"keys": params.shown("、".join(unknown), 200)})
    keys = list(dict.fromkeys(keys))
    if len(keys) > MAX_METRICS:
        raise params.BadParameter(_("最多同时比较 %(limit)s 个指标。") % {"limit": MAX_METRICS})
    return [catalogue[k] for k in keys]


def _years(frame, filters) -> list[int]:
    present = sorted({int(y) for y in frame["year"].dropna()}) if not frame.empty else []
    first = filters.year_from if filters.year_from is not None else (present[0] if present else None)
    last = filters.year_to if filters.year_to is not None else (present[-1] if present else None)
    if first is None or last is None:
        return present
    if last - first >= MAX_YEARS:
        first = last - MAX_YEARS + 1
    return list(range(first, last + 1))

