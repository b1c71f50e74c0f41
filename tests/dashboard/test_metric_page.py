"""The metric page: bars across subdistricts for a year, lines over years, and the table with sources."""

import re

import pytest

from tests.dashboard.conftest import bars, figures

pytestmark = pytest.mark.django_db


def test_it_draws_the_latest_year_across_subdistricts_largest_first(gold, client):
    response = client.get("/metrics/grid_count/")
    assert response.status_code == 200
    assert response.context["year"] == 2023
    bar = figures(response)["figure-bar"]
    assert bars(bar) == {("网格数", "几江街道"): 168, ("网格数", "圣泉街道"): 133}
    trace = next(t for t in bar["data"] if t["type"] == "bar")
    assert trace["y"] == ["几江街道", "圣泉街道"]


def test_it_draws_each_subdistrict_over_the_years(gold, client):
    trend = figures(client.get("/metrics/grid_count/"))["figure-trend"]
    lines = {t["name"]: dict(zip(t["x"], t["y"], strict=True))
             for t in trend["data"] if t.get("mode") == "lines+markers"}
    assert lines["圣泉街道"] == {2022: 93, 2023: 133}
    # 几江 reported no 2022 figure: a gap in its line, never a zero.
    assert lines["几江街道"] == {2022: None, 2023: 168}


def test_it_switches_the_bar_chart_year_by_url(gold, client):
    response = client.get("/metrics/grid_count/?year=2022")
    assert bars(figures(response)["figure-bar"]) == {("网格数", "圣泉街道"): 93}


def test_it_links_every_chart_point_to_its_sentence(gold, client):
    response = client.get("/metrics/grid_count/")
    bar = next(t for t in figures(response)["figure-bar"]["data"] if t["type"] == "bar")
    fact = gold.fact("圣泉街道", 2023, "grid_count")
    url = bar["customdata"][bar["y"].index("圣泉街道")][0]
    assert url == f"/articles/{fact.article_id}/?fact={fact.pk}#fact-{fact.pk}"
    article = client.get(url)
    assert "is-current" in article.content.decode()


def test_it_lists_values_with_their_qualifier_year_place_and_source(gold, client):
    response = client.get("/metrics/market_entities_new/?view=table")
    html = response.content.decode()
    rows = {row["place"]: row for row in response.context["table"].rows}
    assert rows["圣泉街道"]["display"] == "近1000家"
    assert rows["化龙桥街道"]["display"] == "804家"
    assert "近1000家" in html
    fact = gold.fact("圣泉街道", 2023, "market_entities_new")
    assert f'href="/articles/{fact.article_id}/?fact={fact.pk}#fact-{fact.pk}"' in html
    enterprises = client.get("/metrics/enterprises_total/?view=table")
    assert enterprises.context["table"].rows[0]["display"] == "3200+家"


def test_it_starts_on_the_view_the_url_names(gold, client):
    chart = client.get("/metrics/grid_count/").content.decode()
    table = client.get("/metrics/grid_count/?view=table").content.decode()
    assert re.search(r'data-pane="chart"\s*>', chart) and re.search(r'data-pane="table"\s*hidden', chart)
    assert re.search(r'data-pane="chart"\s*hidden', table) and re.search(r'data-pane="table"\s*>', table)


def test_it_answers_404_for_an_unknown_metric(gold, client):
    assert client.get("/metrics/no_such_metric/").status_code == 404
