from django.shortcuts import render
from django.utils.translation import gettext as _

from reports import charts, selectors
from reports.pagecache import cached_page
from reports.views import params
from reports.views.common import filter_context, page_links, reader_view

PLACES_PER_PAGE = 20


@reader_view
@cached_page
def overview(request):
    filters = params.parse_filters(request.GET)
    page = params.parse_page(request.GET)
    data = selectors.overview(filters=filters, page=page, per_page=PLACES_PER_PAGE)
    labels = charts.place_labels(None, data.places)
    for family in data.families:
        labels.update({k: v for k, v in charts.place_labels(family.cells, data.places).items() if k not in labels})
    families = []
    for family in data.families:
        order = charts.order_by_value(family.cells, [f"s{p['id']}" for p in data.places],
                                      metric_key=family.metrics[0].key)
        title = str(family.family.title)
        if family.family.stacked:
            figure = charts.stacked_by_type(family.cells, metric=family.metrics[0], order=order, labels=labels,
                                            title=_("%(metric)s（按设施类型）") % {"metric": family.metrics[0].name},
                                            filename=title)
        else:
            figure = charts.panels(family.cells, metrics=family.metrics, order=order, labels=labels,
                                   title=_("%(family)s：各街道最新报告值") % {"family": title}, filename=title)
        families.append({"key": family.family.key, "figure_id": f"figure-{family.family.key}", "title": title,
                         "metrics": family.metrics, "figure": figure,
                         "reported": not family.cells.empty})
    pages = max(1, -(-data.total_places // PLACES_PER_PAGE))
    context = {
        "families": families,
        "places": data.places,
        "total_places": data.total_places,
        "coverage": data.coverage,
        "pager": page_links(request, page=min(page, pages), pages=pages),
        **filter_context(request, filters),
        "wide_year": _comparison_year(data),
    }
    return render(request, "reports/overview.html", context)


def _comparison_year(data) -> int | None:
    """The year the most places report a figure for (the latest of those): a wide table for a year only one
    place has reached yet (a count dated to the time of writing) would compare nothing."""
    places: dict[int, set] = {}
    for family in data.families:
        if family.cells.empty:
            continue
        for year, place in family.cells[["year", "place_key"]].dropna().itertuples(index=False):
            places.setdefault(int(year), set()).add(place)
    return max(places, key=lambda year: (len(places[year]), year)) if places else None
