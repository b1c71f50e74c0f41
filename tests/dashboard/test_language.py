"""Simplified Chinese by default, English on request, from compiled messages."""

import pytest
from django.conf import settings

from tests.dashboard.conftest import figures, not_reported

pytestmark = pytest.mark.django_db


def test_it_speaks_chinese_by_default(gold, client):
    html = client.get("/").content.decode()
    assert '<html lang="zh-CN">' in html
    assert "街道治理数据概览" in html and "数据覆盖" in html


def test_it_switches_to_english_and_back(gold, client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/metrics/grid_count/"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/metrics/grid_count/"
    assert '<html lang="en">' in html
    assert "Grids" in html and "Chart" in html and "Download the data" in html
    overview = client.get("/")
    assert "Overview of subdistrict governance" in overview.content.decode()
    grid = figures(overview)["figure-grid"]
    assert "三江街道 (Sanjiang Jiedao)" in not_reported(grid)  # the pinyin beside the Chinese name
    assert any("Grids" in a["text"] for a in grid["layout"]["annotations"])
    texts = [t for trace in grid["data"] if trace.get("type") == "bar" for t in trace["text"]]
    assert "133 (2023)" in texts
    economy = figures(overview)["figure-economy"]
    assert "5.103 bn yuan (2023)" in [t for trace in economy["data"] if trace.get("type") == "bar"
                                    for t in trace["text"]]
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "街道治理数据概览" in client.get("/").content.decode()


def test_it_explains_bad_parameters_in_the_readers_language(gold, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/?year_from=abc")
    assert response.status_code == 400
    assert "Parameter year_from must be a whole number" in response.content.decode()
