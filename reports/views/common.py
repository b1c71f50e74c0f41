"""What every reader-facing view shares: access rule, GET only, and 400 pages for bad parameters."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.translation import gettext as _

from reports import selectors
from reports.models import Metric
from reports.views import params


def reader_view(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not settings.GOVDASH_PUBLIC_DASHBOARD and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            return view(request, *args, **kwargs)
        except params.BadParameter as error:
            return render(request, "reports/bad_request.html", {"message": error.message}, status=400)

    return wrapper


def filter_context(request, filters: selectors.FactFilter, *, extra_pairs=()) -> dict:
    """Context for the shared filter bar and the export links that carry the same filters."""
    pairs = params.filter_pairs(filters)
    return {
        "filters": filters,
        "filter_query": params.query_string(pairs),
        "export_query": params.query_string([*pairs, *extra_pairs]),
        "district_choices": selectors.district_choices(),
        "category_choices": Metric.Category.choices,
        "status_choices": params.review_choices(),
        "export_tables": [("facts", _("数据明细（含出处）")), ("initiatives", _("特色举措")),
                          ("wide", _("对比宽表（街道 × 指标）"))],
        "export_formats": ("csv", "xlsx", "json"),
    }


def page_links(request, *, page: int, pages: int) -> dict:
    """Previous/next links that keep every other parameter of the current URL."""
    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return "?" + query.urlencode()

    return {"page": page, "pages": pages,
            "previous": link(page - 1) if page > 1 else None,
            "next": link(page + 1) if page < pages else None}
