from django.http import Http404
from django.shortcuts import render

from reports import selectors
from reports.models import Article
from reports.pagecache import cached_page
from reports.views import params
from reports.views.common import reader_view


@reader_view
@cached_page
def article(request, pk: int):
    fact = params.parse_int(request.GET, "fact", minimum=1, maximum=2**62)
    initiative = params.parse_int(request.GET, "initiative", minimum=1, maximum=2**62)
    current = f"fact-{fact}" if fact else (f"initiative-{initiative}" if initiative else None)
    try:
        data = selectors.article_data(article_id=pk, current=current)
    except Article.DoesNotExist:
        raise Http404 from None
    return render(request, "reports/article.html", {"data": data, "article": data.article, "current": current})
