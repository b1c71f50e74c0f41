from django.urls import path

from reports.views.article import article
from reports.views.compare import compare, compare_places
from reports.views.export import export
from reports.views.metric import metric
from reports.views.metrics import dictionary, metrics
from reports.views.overview import overview
from reports.views.search import search
from reports.views.subdistrict import subdistrict

app_name = "reports"

urlpatterns = [
    path("", overview, name="overview"),
    path("metrics/", metrics, name="metrics"),
    path("dictionary/", dictionary, name="dictionary"),
    path("metrics/<slug:key>/", metric, name="metric"),
    path("subdistricts/<int:pk>/", subdistrict, name="subdistrict"),
    path("compare/", compare, name="compare"),
    path("compare/places/", compare_places, name="compare_places"),
    path("articles/<int:pk>/", article, name="article"),
    path("search/", search, name="search"),
    path("export/<slug:table>.<slug:fmt>", export, name="export"),
]
