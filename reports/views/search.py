from django.shortcuts import render
from django.utils.translation import gettext as _

from reports import search as engine
from reports.pagecache import cached_page
from reports.views import params
from reports.views.common import filter_context, page_links, reader_view


@reader_view
@cached_page
def search(request):
    query = request.GET.get("q", "").strip()
    if len(query) > engine.MAX_QUERY_CHARS:
        raise params.BadParameter(_("搜索词过长：最多 %(limit)s 个字。") % {"limit": engine.MAX_QUERY_CHARS})
    kind = params.parse_choice(request.GET, "kind", ("articles", "initiatives"), default="articles")
    filters = params.parse_filters(request.GET)
    page = params.parse_page(request.GET)
    words = engine.query_words(query) if query else []
    find = engine.search_initiatives if kind == "initiatives" else engine.search_articles
    # Words the reader separated with spaces may occur anywhere; an unbroken query is looked for as a phrase.
    phrase = not any(ch.isspace() for ch in query)
    results = find(words=words, filters=filters, page=page, phrase=phrase) if words else None
    context = {
        "query": query,
        "kind": kind,
        "results": results,
        "pager": page_links(request, page=results.page, pages=results.pages) if results else None,
        **filter_context(request, filters),
        "keep": [("q", query), ("kind", kind)],
    }
    return render(request, "reports/search.html", context)
