from django.shortcuts import render

from reports import selectors
from reports.pagecache import cached_page
from reports.views.common import reader_view


@reader_view
@cached_page
def metrics(request):
    catalogue = selectors.metric_catalogue()
    return render(request, "reports/metrics.html", {"groups": selectors.metrics_by_category(catalogue)})


@reader_view
def dictionary(request):
    catalogue = selectors.metric_catalogue()
    return render(request, "reports/dictionary.html", {"groups": selectors.metrics_by_category(catalogue)})
