from io import StringIO

import pytest
from django.core.management import call_command

from reports.models import Fact, Metric, NewsletterIssue, Publication

pytestmark = pytest.mark.django_db


def test_it_loads_the_five_seed_issues_once():
    call_command("load_seeds", stdout=StringIO())
    assert NewsletterIssue.objects.filter(status="done").count() == 5
    facts = Fact.objects.count()
    again = StringIO()
    call_command("load_seeds", stdout=again)
    assert again.getvalue().count("already loaded") == 5
    assert NewsletterIssue.objects.count() == 5
    assert Fact.objects.count() == facts


def test_it_records_each_newspaper_with_its_region():
    call_command("load_seeds", stdout=StringIO())
    regions = dict(Publication.objects.values_list("name", "region__name"))
    assert regions == {"江津日报": "江津区", "重庆日报": "重庆市", "綦江日报": "綦江区"}


def test_it_yields_the_grid_counts_the_dashboard_shows():
    call_command("load_seeds", stdout=StringIO())
    grids = set(Fact.objects.filter(metric__key="grid_count").values_list("subdistrict__name", "year", "value"))
    assert {("圣泉街道", 2023, 133), ("几江街道", 2023, 168), ("圣泉街道", 2022, 93)} <= grids


def test_it_loads_reference_data():
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert Metric.objects.filter(key="grid_count", unit="个").exists()
    assert Metric.objects.get(key="gdp").unit == "亿元"
    from reports.models import Subdistrict

    # JioNLP carries admin codes down to the county; subdistricts are identified by name within it.
    sanjiang = Subdistrict.objects.get(name="三江街道", district__name="綦江区")
    assert sanjiang.district.admin_code == "500110"
    assert Subdistrict.objects.filter(district__city="重庆市").count() > 800
