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
             for t in trend["data"] if t.get("mode", "").startswith("lines+markers")}
    assert lines["圣泉街道"] == {2022: 93, 2023: 133}
    # 几江 reported no 2022 figure: a gap in its line, never a zero.
    assert lines["几江街道"] == {2022: None, 2023: 168}


def test_it_opens_on_the_year_most_places_report_not_a_lone_early_report(gold, client):
    from datetime import date

    from tests.dashboard.gold import add_article, add_fact

    article = add_article(gold, text="三江街道2024年已划分网格40个。", published=date(2024, 3, 2))
    add_fact(article, place=gold.subdistricts["三江街道"], year=2024, metric=gold.metrics["grid_count"], value=40,
             evidence="划分网格40个")
    response = client.get("/metrics/grid_count/")
    assert response.context["year"] == 2023
    assert response.context["years"] == [2022, 2023, 2024]
    assert bars(figures(client.get("/metrics/grid_count/?year=2024"))["figure-bar"]) == {("网格数", "三江街道"): 40}


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


def test_it_shows_the_view_the_url_names(gold, client):
    chart = client.get("/metrics/grid_count/")
    table = client.get("/metrics/grid_count/?view=table")
    assert 'data-pane="chart"' in chart.content.decode() and 'data-pane="table"' not in chart.content.decode()
    assert 'data-pane="table"' in table.content.decode() and "figure-bar" not in table.content.decode()
    assert re.search(r'href="\?view=table"[^>]*aria-selected="false"', chart.content.decode())
    assert re.search(r'href="\?view=chart"[^>]*aria-selected="false"', table.content.decode())


def test_it_answers_404_for_an_unknown_metric(gold, client):
    assert client.get("/metrics/no_such_metric/").status_code == 404


def test_it_ranks_the_top_places_exactly_with_parts_and_conflicts(gold, client):
    """The bar chart resolves places in batches ranked by an upper bound; parts that add up and a confirmed
    reading that overrides a larger one must still land where their values put them."""
    from datetime import date

    from reports import selectors
    from tests.dashboard.gold import add_article, add_fact

    metric = gold.metrics["elderly_care_sites"]
    district = gold.districts["江津区"]
    article = add_article(gold, text="甲站 10 个。乙站 6 个。丙站 6 个。丁站 11 个。戊站 20 个。",
                          published=date(2024, 5, 1))
    later = add_article(gold, text="戊站 5 个。", published=date(2024, 6, 1))
    places = {name: district.subdistricts.create(name=f"{name}街道") for name in "甲乙丁戊"}
    add_fact(article, place=places["甲"], year=2030, metric=metric, value=10, evidence="甲站 10 个。")
    add_fact(article, place=places["乙"], year=2030, metric=metric, value=6, evidence="乙站 6 个。", note="日间照料")
    add_fact(article, place=places["乙"], year=2030, metric=metric, value=6, evidence="丙站 6 个。", note="助餐点")
    add_fact(article, place=places["丁"], year=2030, metric=metric, value=11, evidence="丁站 11 个。")
    add_fact(article, place=places["戊"], year=2030, metric=metric, value=20, evidence="戊站 20 个。")
    add_fact(later, place=places["戊"], year=2030, metric=metric, value=5, evidence="戊站 5 个。",
             review_status="confirmed")
    info = selectors.metric_catalogue()["elderly_care_sites"]
    frame, reporting = selectors.metric_year_cells(metric=info, year=2030, filters=selectors.FactFilter(), limit=2)
    primary = frame[frame["primary"]]
    assert reporting == 4
    assert list(primary["place"]) == ["乙街道", "丁街道"]
    assert list(primary["value"]) == [12, 11]
    full, _count = selectors.metric_year_cells(metric=info, year=2030, filters=selectors.FactFilter())
    assert list(full[full["primary"]]["place"]) == ["乙街道", "丁街道", "甲街道", "戊街道"]


def test_it_lists_places_missing_the_chosen_year_and_draws_no_single_year_trend(gold, client):
    response = client.get("/metrics/grid_count/?year=2022")
    assert [p["name"] for p in response.context["unreported"]] == ["几江街道"]
    assert response.context["trend_figure"] is not None  # 圣泉 has 2022 and 2023
    single = client.get("/metrics/market_entities_new/")
    assert single.context["trend_figure"] is None and single.context["single_year"]
    assert "figure-trend" not in single.content.decode()


def test_it_keeps_the_table_whatever_year_the_chart_was_on(gold, client):
    chart = client.get("/metrics/grid_count/?year=2019")
    assert chart.context["empty"]["filtered"] is False and "2019" in chart.context["empty"]["message"]
    table = client.get("/metrics/grid_count/?year=2019&view=table")
    assert table.context["empty"] is None and table.context["table"].total == 3
