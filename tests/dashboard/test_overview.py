"""The overview: three families across every reporting subdistrict, and the coverage matrix."""

import pytest

from tests.dashboard.conftest import bars, figures, not_reported

pytestmark = pytest.mark.django_db


def test_it_compares_grids_across_the_seed_subdistricts(gold, client):
    response = client.get("/")
    assert response.status_code == 200
    grid = figures(response)["figure-grid"]
    values = bars(grid)
    # Each place's latest reported year: 圣泉 2023 (133, not 2022's 93), 几江 2023.
    assert values[("网格数", "圣泉街道")] == 133
    assert values[("网格数", "几江街道")] == 168
    assert values[("微网格数", "圣泉街道")] == 3310
    assert values[("微网格数", "几江街道")] == 876
    assert values[("网格员", "化龙桥街道")] == 1036
    # 专职 33 + 兼职 11 from one article: one reading of 44 with its parts named.
    assert values[("网格员", "圣泉街道")] == 44


def test_it_labels_places_without_a_value_as_not_reported_and_draws_no_bar(gold, client):
    grid = figures(client.get("/"))["figure-grid"]
    assert "三江街道" in not_reported(grid)
    assert not any(place == "三江街道" for (_metric, place) in bars(grid))


def test_it_stacks_elderly_care_sites_by_facility_type(gold, client):
    elderly = figures(client.get("/"))["figure-elderly"]
    values = bars(elderly)
    assert values[("社区养老服务站", "圣泉街道")] == 5
    assert values[("中心敬老院", "圣泉街道")] == 1
    totals = [t for t in elderly["data"] if t.get("mode") == "text" and t.get("name") != "未报告"]
    assert any("6个（2023）" in text for t in totals for text in t["text"])


def test_it_shows_economy_figures_in_chinese_units(gold, client):
    economy = figures(client.get("/"))["figure-economy"]
    texts = [text for t in economy["data"] if t.get("type") == "bar" for text in t["text"]]
    assert "51.03亿元（2023）" in texts
    assert "28亿元（2022）" in texts
    assert "15%（2022）" in texts
    assert bars(economy)[("工业总产值", "三江街道")] == 28


def test_it_gives_each_subdistrict_one_colour_on_every_chart(gold, client):
    colours = {}
    for figure in figures(client.get("/")).values():
        for trace in figure["data"]:
            if trace.get("type") != "bar" or not isinstance(trace.get("marker", {}).get("color"), list):
                continue
            for place, colour in zip(trace["y"], trace["marker"]["color"], strict=True):
                colours.setdefault(place, set()).add(colour)
    metric_page = figures(client.get("/metrics/grid_count/"))["figure-bar"]
    bar = next(t for t in metric_page["data"] if t.get("type") == "bar")
    for place, colour in zip(bar["y"], bar["marker"]["color"], strict=True):
        colours.setdefault(place, set()).add(colour)
    assert {"圣泉街道", "几江街道", "三江街道", "化龙桥街道"} <= set(colours)
    assert all(len(c) == 1 for c in colours.values()), colours
    assert len({next(iter(c)) for p, c in colours.items()
                if p in {"圣泉街道", "几江街道", "三江街道", "化龙桥街道"}}) == 4


def test_it_shows_which_subdistrict_reports_which_metric_in_which_year(gold, client):
    response = client.get("/")
    coverage = response.context["coverage"]
    keys = [column["metric"].key for column in coverage.metrics]
    rows = {row["place"]["name"]: dict(zip(keys, [c["years"] for c in row["cells"]], strict=True))
            for row in coverage.rows}
    assert set(rows) == {"圣泉街道", "几江街道", "三江街道", "化龙桥街道"}
    assert rows["圣泉街道"]["grid_count"] == "2022–2023"
    assert rows["三江街道"]["industrial_output"] == "2022"
    assert rows["三江街道"]["grid_count"] == ""
    place = gold.subdistricts["圣泉街道"].pk
    assert f'href="/metrics/grid_count/?subdistrict={place}">2022–2023</a>' in response.content.decode()


def test_it_narrows_to_a_district_by_url(gold, client):
    district = gold.districts["江津区"].pk
    response = client.get(f"/?district={district}")
    values = bars(figures(response)["figure-grid"])
    assert {place for _m, place in values} == {"圣泉街道", "几江街道"}
    assert f"district={district}" in response.context["export_query"]


def test_it_pages_through_many_subdistricts(gold, client):
    from tests.dashboard.gold import add_article, add_fact

    article = add_article(gold, text="测试街道共划分网格 10 个。", published=gold.articles["000_d238ae38aa525291"]
                          .issue.published)
    district = gold.districts["江津区"]
    for number in range(35):
        place = district.subdistricts.create(name=f"测试{number:02d}街道")
        add_fact(article, place=place, year=2023, metric=gold.metrics["grid_count"], value=10 + number,
                 evidence="测试街道共划分网格 10 个。")
    first = client.get("/")
    assert first.context["total_places"] == 39
    assert len(first.context["places"]) == 20
    second = client.get("/?page=2")
    assert len(second.context["places"]) == 19
    assert first.context["pager"]["next"] == "?page=2"
