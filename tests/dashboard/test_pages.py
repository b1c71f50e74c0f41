"""Subdistrict, compare, article and search pages, driven through the test client."""

import re
from urllib.parse import urlencode

import pytest

from tests.dashboard.conftest import bars, figures

pytestmark = pytest.mark.django_db


def test_it_profiles_a_subdistrict_by_category_and_year(gold, client):
    place = gold.subdistricts["圣泉街道"]
    response = client.get(f"/subdistricts/{place.pk}/")
    assert response.status_code == 200
    profile = response.context["profile"]
    assert profile.years == [2022, 2023]
    groups = {g["label"]: {row["metric"].key: row for row in g["rows"]} for g in profile.metric_rows}
    grid = groups["网格治理"]["grid_count"]["years"]
    assert [[r["display"] for r in readings] for readings in grid] == [["93个"], ["133个"]]
    assert groups["经济发展"]["gdp"]["years"][0] == []  # 2022: 未报告
    assert "未报告" in response.content.decode()
    assert [item["name"] for item in dict(profile.initiatives)["党建引领"]] == ["津新驿站"]
    assert {a["title"] for a in profile.articles} == {gold.articles["000_d238ae38aa525291"].title,
                                                      gold.articles["002_168036b497775af4"].title}


def test_it_draws_a_keyword_profile_without_numbers_or_the_place_name(gold, client):
    place = gold.subdistricts["圣泉街道"]
    figure = figures(client.get(f"/subdistricts/{place.pk}/"))["figure-keywords"]
    terms = figure["data"][0]["y"]
    assert 5 <= len(terms) <= 20
    assert not any(re.search(r"\d", t) for t in terms)
    assert not any("圣泉" in t for t in terms)
    assert "网格" in terms or "微网格" in terms


def test_keyword_idf_is_jiebas_table_word_for_word():
    """The hashed IDF table gives each word the IDF of jieba's file, and the default to words it lacks."""
    from pathlib import Path

    from reports import search

    path = Path(search._jieba().__file__).parent / "analyse" / "idf.txt"
    table = dict(line.split(" ") for line in path.read_text(encoding="utf-8").splitlines())
    # "of" is not in the table but 景 (U+666F) is: their str hashes are equal, their UTF-8 bytes are not.
    words = ["网格", "治理", "景", "of", "an", "微网格不存在的词", *list(table)[:2000:7]]
    default = search._idf_index()[2]
    assert search._idf_of(words) == [float(table[w]) if w in table else default for w in words]
    assert "of" not in table and search._idf_of(["of"]) == [default]


def test_a_place_lists_articles_about_it_and_those_reporting_its_facts_or_initiatives(gold, client):
    from datetime import date

    from reports.selectors import FactFilter, place_articles
    from tests.dashboard.gold import add_article, add_fact

    place, other = gold.subdistricts["圣泉街道"], gold.subdistricts["几江街道"]
    about_other = add_article(gold, text="几江街道网格18个。圣泉街道网格140个。", published=date(2024, 3, 1))
    about_other.subdistrict = other
    about_other.save()
    add_fact(about_other, place=place, year=2021, metric=gold.metrics["grid_count"], value=140,
             evidence="圣泉街道网格140个。")
    named = add_article(gold, text="打造“圣泉新驿站”，服务群众。", published=date(2024, 4, 1))
    from reports.models import Initiative

    Initiative.objects.create(subdistrict=place, district=place.district, year=2024, name="圣泉新驿站",
                              category="党建引领", article=named, evidence="打造“圣泉新驿站”", start=0, end=8)
    ids = set(place_articles(subdistrict_id=place.pk, filters=FactFilter()).values_list("pk", flat=True))
    assert {about_other.pk, named.pk} <= ids
    assert about_other.pk in set(place_articles(subdistrict_id=other.pk, filters=FactFilter())
                                 .values_list("pk", flat=True))
    # The year filter applies to the facts that tie an article to a place.
    later = set(place_articles(subdistrict_id=place.pk, filters=FactFilter(year_from=2022))
                .values_list("pk", flat=True))
    assert about_other.pk not in later and named.pk in later
    profile = client.get(f"/subdistricts/{place.pk}/").context["profile"]
    assert profile.total_articles == len(ids)


def test_the_compare_page_lists_its_chosen_places_and_fetches_the_others_from_their_own_url(gold, client):
    import html

    a, b = gold.subdistricts["圣泉街道"].pk, gold.subdistricts["三江街道"].pk
    page = client.get(f"/compare/?subdistrict={a}&metric=grid_count").content.decode()
    boxes = re.findall(r'name="subdistrict" value="(\d+)"', page)
    assert boxes == [str(a)]
    src = html.unescape(re.search(r'data-place-rest data-src="([^"]+)"', page).group(1))
    assert src == "/compare/places/?metric=grid_count"
    # Every place with a fact, those reporting the chosen metric first; charts.js drops the chosen one.
    rest = client.get(src)
    assert rest.status_code == 200
    groups = {g: re.findall(r'value="(\d+)"', body) for g, body in
              re.findall(r'data-group="(\d)">(.*?)</div>', rest.content.decode(), re.S)}
    assert str(a) in groups["1"] and str(b) in groups["2"]
    # Without JavaScript the link below the chosen places lists them all in the page, as before.
    every = client.get(f"/compare/?subdistrict={a}&metric=grid_count&places=all").content.decode()
    assert "data-place-rest" not in every
    inline = re.findall(r'name="subdistrict" value="(\d+)"', every)
    assert inline[0] == str(a) and sorted(inline[1:]) == sorted({*groups["1"], *groups["2"]} - {str(a)})


def test_it_compares_chosen_places_metrics_and_years_from_the_url(gold, client):
    a, b = gold.subdistricts["圣泉街道"].pk, gold.subdistricts["几江街道"].pk
    query = urlencode([("subdistrict", a), ("subdistrict", b), ("metric", "grid_count"),
                       ("metric", "micro_grid_count"), ("year_from", 2022), ("year_to", 2023)])
    response = client.get(f"/compare/?{query}")
    assert response.status_code == 200
    found = figures(response)
    grid = found["figure-grid_count"]
    assert bars(grid) == {("圣泉街道", 2022): 93, ("圣泉街道", 2023): 133, ("几江街道", 2023): 168}
    assert [a["text"] for a in grid["layout"]["annotations"] if "未报告" in a["text"]] == ["几江街道 未报告"]  # 2022
    assert "单位：个" in [a["text"] for a in grid["layout"]["annotations"]]
    assert set(found) == {"figure-grid_count", "figure-micro_grid_count"}
    # The same URL reproduces the same view, and the export links name the same selection.
    assert figures(client.get(f"/compare/?{query}")) == found
    assert f"subdistrict={a}&subdistrict={b}" in response.context["export_query"]


def test_it_starts_compare_with_the_best_covered_places(gold, client):
    response = client.get("/compare/")
    names = {p["name"] for p in response.context["places"]}
    assert {"圣泉街道", "几江街道", "化龙桥街道"} <= names
    assert response.context["chosen_metrics"] == ["grid_count", "micro_grid_count", "grid_workers"]


def test_it_draws_lines_when_asked(gold, client):
    a = gold.subdistricts["圣泉街道"].pk
    figure = figures(client.get(f"/compare/?subdistrict={a}&metric=grid_count&chart=line"))["figure-grid_count"]
    line = next(t for t in figure["data"] if t.get("mode", "").startswith("lines+markers"))
    assert dict(zip(line["x"], line["y"], strict=True)) == {2022: 93, 2023: 133}


def test_it_highlights_each_fact_and_initiative_in_the_article(gold, client):
    fact = gold.fact("圣泉街道", 2023, "grid_count")
    response = client.get(f"/articles/{fact.article_id}/?fact={fact.pk}")
    html = response.content.decode()
    current = re.findall(r'<a class="hl hl-fact is-current[^"]*"[^>]*>(.*?)</a>', html, re.S)
    assert "133" in re.sub(r"<[^>]+>", "", "".join(current))
    for other in gold.facts:
        if other.article_id == fact.article_id:
            assert f'id="fact-{other.pk}"' in html
    initiative = next(i for i in gold.initiatives if i.name == "津新驿站")
    assert f'id="initiative-{initiative.pk}"' in html
    # The highlighted number links to its record on the metric page.
    assert f"/metrics/grid_count/?subdistrict={fact.subdistrict_id}#fact-{fact.pk}" in html


def test_it_finds_articles_by_chinese_words_and_marks_them(gold, client):
    response = client.get("/search/?q=微网格")
    results = response.context["results"]
    assert results.total >= 2
    titles = {hit.title for hit in results.hits}
    assert gold.articles["000_d238ae38aa525291"].title in titles
    assert "<mark>微</mark>" in response.content.decode() or "<mark>网格</mark>" in response.content.decode()


def test_it_finds_initiatives(gold, client):
    response = client.get("/search/?q=驿站&kind=initiatives")
    hits = response.context["results"].hits
    assert [h.title for h in hits] == ["津新驿站"]
    initiative = next(i for i in gold.initiatives if i.name == "津新驿站")
    assert hits[0].url.endswith(f"?initiative={initiative.pk}#initiative-{initiative.pk}")
    assert "<mark>驿站</mark>" in hits[0].snippet


def test_it_filters_search_by_district(gold, client):
    district = gold.districts["綦江区"].pk
    found = client.get(f"/search/?q=网格&district={district}").context["results"]
    assert {h.place for h in found.hits} <= {"三江街道"}


def test_it_says_nothing_found_for_a_word_no_article_has(gold, client):
    response = client.get("/search/?q=火星基地")
    assert response.context["results"].total == 0
    assert "没有找到" in response.content.decode()


def test_it_looks_for_an_unbroken_query_as_a_phrase(gold, client):
    results = client.get("/search/?q=微网格").context["results"]
    texts = {a.title: re.sub(r"\s", "", a.text) for a in gold.articles.values()}
    assert results.hits and all("微网格" in texts[h.title] for h in results.hits)
    assert all("<mark>微网格</mark>" in h.snippet for h in results.hits)
    spaced = client.get("/search/?q=微 网格").context["results"]
    assert spaced.total >= results.total
