from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from reports import charts, search, selectors
from reports.models import Subdistrict
from reports.pagecache import cached_page
from reports.views import params
from reports.views.common import filter_context, reader_view


@reader_view
@cached_page
def subdistrict(request, pk: int):
    place = get_object_or_404(Subdistrict.objects.select_related("district"), pk=pk)
    filters = params.parse_filters(request.GET)
    profile = selectors.place_profile(subdistrict=place, filters=filters)
    keywords_figure = None
    if profile.total_articles:
        newest = profile.articles[0]["id"] if profile.articles else 0
        district = place.district.name
        exclude = {place.name, place.short_name, district, district.rstrip("区县市"), *place.aliases}
        # The texts are read only when this place's keywords are not cached yet.
        keywords = search.keyword_profile(lambda: selectors.place_texts(subdistrict_id=place.pk),
                                          exclude=exclude,
                                          cache_key=(place.pk, profile.total_articles, newest))
        if keywords:
            keywords_figure = charts.keyword_bars(
                keywords, colour=charts.place_colour(place.name), filename=f"{place.name}_关键词",
                title=_("%(place)s：报道关键词（TF-IDF 前 %(count)s）") % {"place": place.name, "count": len(keywords)})
    context = {
        "place": place,
        "profile": profile,
        "colour": charts.place_colour(place.name),
        "keywords_figure": keywords_figure,
        **filter_context(request, filters),
        "export_query": params.query_string([*params.filter_pairs(filters), ("subdistrict", place.pk)]
                                            if place.pk not in filters.subdistricts
                                            else params.filter_pairs(filters)),
    }
    return render(request, "reports/subdistrict.html", context)
