from django.urls import path

from reports.views.article import article
from reports.views.overview import overview

app_name = "reports"

urlpatterns = [
    path("", overview, name="overview"),
    path("articles/<int:pk>/", article, name="article"),
]
