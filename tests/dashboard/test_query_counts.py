"""Each page costs a bounded number of queries, whatever the number of facts behind it."""

from datetime import date

import pytest

from tests.dashboard.gold import add_article, add_fact

pytestmark = pytest.mark.django_db

# (page, most queries): each page's budget, independent of data size.
PAGES = [
    ("/", 6),
    ("/?district={district}&year_from=2015", 7),
    ("/metrics/", 1),
    ("/metrics/grid_count/", 10),  # up to three batches when ranking places (selectors.metric_year_cells)
    ("/metrics/grid_count/?view=table&page=2", 6),
    # One more than the charts need: how many chosen places report each other metric, for the picker.
    ("/compare/?subdistrict={a}&subdistrict={b}&metric=grid_count&metric=gdp", 6),
    ("/compare/", 7),
    ("/compare/?subdistrict={a}&metric=grid_count&places=all", 8),
    ("/compare/places/?metric=grid_count&district={district}", 3),
    ("/subdistricts/{a}/", 8),
    ("/articles/{article}/", 5),
    ("/search/?q=网格", 3),
    ("/search/?q=驿站&kind=initiatives", 3),
]


def _grow(gold, places: int = 40, years: range = range(2014, 2024)):
    """Many more subdistricts, years, facts and articles than the seed pages have."""
    district = gold.districts["江津区"]
    metrics = [gold.metrics[k] for k in ("grid_count", "micro_grid_count", "grid_workers", "gdp",
                                         "elderly_care_sites")]
    for number in range(places):
        place = district.subdistricts.create(name=f"扩展{number:02d}街道")
        text = f"扩展{number:02d}街道共划分网格 12 个，网格员 30 名。"
        article = add_article(gold, text=text, published=date(2024, 1, 1))
        for year in years:
            for metric in metrics:
                add_fact(article, place=place, year=year, metric=metric, value=number + year - 2000,
                         evidence=text)


# Every reader page first reads the data version its cached copy is keyed on (reports/pagecache.py).
VERSION_LOOKUP = 1


def _urls(gold):
    values = {"a": gold.subdistricts["圣泉街道"].pk, "b": gold.subdistricts["几江街道"].pk,
              "article": gold.articles["000_d238ae38aa525291"].pk, "district": gold.districts["江津区"].pk}
    return [(url.format(**values), limit + VERSION_LOOKUP) for url, limit in PAGES]


def _count(client, url, assert_max, limit) -> int:
    from reports import search

    # A place's keywords are kept per process once computed; count the queries of a first view.
    search._profile_cache.clear()
    with assert_max(limit, info=url) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_it_keeps_query_counts_bounded_and_independent_of_the_number_of_facts(gold, client,
                                                                              django_assert_max_num_queries):
    seed = {url: _count(client, url, django_assert_max_num_queries, limit) for url, limit in _urls(gold)}
    _grow(gold)
    grown = {url: _count(client, url, django_assert_max_num_queries, limit) for url, limit in _urls(gold)}
    assert grown == seed


def test_it_serves_a_cached_page_with_one_query(gold, client, django_assert_num_queries):
    for url, _limit in _urls(gold):
        client.get(url)
        with django_assert_num_queries(VERSION_LOOKUP, info=url):
            response = client.get(url)
        assert response.status_code == 200, url
