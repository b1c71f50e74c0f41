"""The data dictionary: every metric's definition and scope, on its own page and on each metric page."""

import pytest

from reports.definitions import DEFINITIONS
from reports.extract.catalogue import default_catalogue
from reports.models import Metric

pytestmark = pytest.mark.django_db


def test_it_defines_every_catalogued_metric():
    assert {m.key for m in default_catalogue().metrics} == set(DEFINITIONS)


def test_it_lists_every_metric_with_its_definition(gold, client):
    html = client.get("/dictionary/").content.decode()
    for metric in Metric.objects.all():
        assert f'id="metric-{metric.key}"' in html
        assert DEFINITIONS[metric.key].meaning in html
    assert "只数专职或只数兼职的数字比整支网格力量口径窄" in html


def test_it_shows_the_definition_on_the_metric_page(gold, client):
    html = client.get("/metrics/elderly_care_sites/").content.decode()
    assert DEFINITIONS["elderly_care_sites"].includes in html
    assert DEFINITIONS["elderly_care_sites"].not_comparable in html
    assert 'href="/dictionary/#metric-elderly_care_sites"' in html


def test_it_gives_english_readers_the_catalogue_description(gold, client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/metrics/grid_workers/").content.decode()
    assert "People staffing the grids" in html and "Definition" in html
    assert "Data dictionary" in client.get("/dictionary/").content.decode()
