"""Rules every view follows: 未报告 is never zero, rejected facts never show, corrections replace
extracted values, disagreeing sources are all shown and flagged, and bad parameters get a 400 page."""

from datetime import date

import pytest

from reports.models import Fact
from tests.dashboard.conftest import bars, figures
from tests.dashboard.gold import add_article, add_fact

pytestmark = pytest.mark.django_db


@pytest.fixture
def conflict(gold):
    """A later article that puts 圣泉街道's 2023 grids at 135, where the seed page says 133."""
    article = add_article(gold, text="截至年底，圣泉街道共划分网格 135 个。", published=date(2024, 2, 1),
                          publication="重庆日报", title="圣泉街道网格化治理再升级")
    return add_fact(article, place=gold.subdistricts["圣泉街道"], year=2023, metric=gold.metrics["grid_count"],
                    value=135, evidence="截至年底，圣泉街道共划分网格 135 个。")


def test_it_shows_both_values_when_two_articles_disagree(gold, conflict, client):
    response = client.get("/metrics/grid_count/")
    bar = figures(response)["figure-bar"]
    primary = next(t for t in bar["data"] if t["type"] == "bar")
    diamonds = [t for t in bar["data"] if t.get("mode") == "markers"]
    drawn = {primary["x"][primary["y"].index("圣泉街道")], *[x for t in diamonds for x in t["x"]]}
    assert {133, 135} <= drawn
    assert any("⚠" in text for text in primary["text"])
    hover = primary["customdata"][primary["y"].index("圣泉街道")][1]
    assert "133个" in hover and "135个" in hover
    urls = {primary["customdata"][primary["y"].index("圣泉街道")][0],
            *[c[0] for t in diamonds for c in t["customdata"]]}
    assert f"/articles/{conflict.article_id}/?fact={conflict.pk}#fact-{conflict.pk}" in urls


def test_it_flags_both_rows_of_a_conflict_in_the_table(gold, conflict, client):
    rows = client.get("/metrics/grid_count/?view=table&year_from=2023").context["table"].rows
    flagged = {(r["place"], r["display"]) for r in rows if r["conflict"]}
    assert flagged == {("圣泉街道", "133个"), ("圣泉街道", "135个")}
    assert not any(r["conflict"] for r in rows if r["place"] == "几江街道")


def test_it_shows_both_readings_on_the_subdistrict_and_compare_pages(gold, conflict, client):
    place = gold.subdistricts["圣泉街道"]
    html = client.get(f"/subdistricts/{place.pk}/").content.decode()
    assert "133个" in html and "135个" in html and "来源不一致" in html
    compare = client.get(f"/compare/?subdistrict={place.pk}&metric=grid_count&view=table").content.decode()
    assert "133个" in compare and "135个" in compare


def test_it_never_shows_a_rejected_fact(gold, client):
    fact = gold.fact("几江街道", 2023, "grid_count")
    Fact.objects.filter(pk=fact.pk).update(review_status=Fact.ReviewStatus.REJECTED)
    assert ("网格数", "几江街道") not in bars(figures(client.get("/"))["figure-grid"])
    assert bars(figures(client.get("/metrics/grid_count/"))["figure-bar"]) == {("网格数", "圣泉街道"): 133}
    metric = client.get("/metrics/grid_count/?view=table")
    assert all(row["id"] != fact.pk for row in metric.context["table"].rows)
    assert "168" not in client.get(f"/articles/{fact.article_id}/").content.decode().split('class="article-facts"')[1]
    csv_text = b"".join(client.get("/export/facts.csv").streaming_content).decode("utf-8-sig")
    assert f"?fact={fact.pk}#" not in csv_text


def test_it_refuses_to_filter_on_rejected(gold, client):
    response = client.get("/metrics/grid_count/?status=rejected")
    assert response.status_code == 400
    assert "已驳回" in response.content.decode()


def test_it_shows_the_corrected_value_instead_of_the_extracted_one(gold, client):
    fact = gold.fact("圣泉街道", 2023, "grid_count")
    Fact.objects.filter(pk=fact.pk).update(value=134, review_status=Fact.ReviewStatus.CORRECTED,
                                           extracted={"value": "133"})
    assert bars(figures(client.get("/"))["figure-grid"])[("网格数", "圣泉街道")] == 134
    rows = client.get("/metrics/grid_count/?view=table&status=corrected").context["table"].rows
    assert [(r["place"], r["display"], r["status_label"]) for r in rows] == [("圣泉街道", "134个", "已更正")]


@pytest.mark.parametrize("url, message", [
    ("/?year_from=abc", "year_from"),
    ("/?year_from=2024&year_to=2020", "晚于"),
    ("/?district=999999", "999999"),
    ("/?district=1;DROP", "district"),
    ("/?category=sports", "category"),
    ("/?status=maybe", "status"),
    ("/?page=0", "page"),
    ("/metrics/grid_count/?year=1800", "year"),
    ("/metrics/grid_count/?view=pie", "view"),
    ("/compare/?metric=no_such_metric", "no_such_metric"),
    ("/compare/?chart=pie", "chart"),
    ("/compare/?subdistrict=" + ",".join(str(i) for i in range(1, 15)), "subdistrict"),
    ("/search/?q=" + "网" * 101, "100"),
    ("/search/?q=网格&kind=people", "kind"),
    ("/articles/1/?fact=x", "fact"),
    ("/export/wide.csv", "year"),
    ("/export/facts.csv?metric=nope", "nope"),
    ("/export/facts.xlsx?year_to=20x", "year_to"),
])
def test_it_answers_a_bad_parameter_with_a_400_page_and_a_message(gold, client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert "请求参数有误" in html and message in html


def test_it_asks_for_a_login_when_the_dashboard_is_not_public(gold, client, settings, django_user_model):
    settings.GOVDASH_PUBLIC_DASHBOARD = False
    for url in ("/", "/metrics/grid_count/", "/export/facts.csv", "/search/?q=网格"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    client.force_login(django_user_model.objects.create_user(username="读者", password="x-Secret-123"))
    assert client.get("/").status_code == 200
