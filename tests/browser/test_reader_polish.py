"""The reader's side of production polish in headless Chromium: no chart toolbar reaches outside the
site, custom 404 pages in both languages, a skip link, a visible active language, approximate values drawn as
approximate and a colour-blind-safe palette. Screenshots go to test-artifacts/ at 1440 px and 390 px."""

import json
import re
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.charts import OKABE_ITO
from reports.models import Subdistrict
from tests.browser.test_dashboard_pages import ARTIFACTS, bar_for, open_page, wait_for_charts

WIDTHS = {"desktop": 1440, "phone": 390}


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"polish_{name}.png"), full_page=True)


def use_english(page, live_server) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def figures(page) -> dict:
    return {div.get_attribute("id"): json.loads(page.locator(f"#{div.get_attribute('data-figure')}").text_content())
            for div in page.locator("div[data-figure]").all()}


def chart_pages() -> list[str]:
    sanjiang = Subdistrict.objects.get(name="三江街道").pk
    return ["/", reverse("reports:metric", args=["grid_count"]), reverse("reports:metric", args=["gdp"]),
            reverse("reports:compare"), reverse("reports:compare") + "?chart=line",
            reverse("reports:subdistrict", args=[sanjiang])]


def test_it_keeps_every_chart_toolbar_on_the_site(seeded, page, live_server):
    host = urlparse(live_server.url).netloc
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in chart_pages():
        open_page(page, live_server, path)
        charts = page.locator("div[data-figure]")
        assert charts.count() >= 1
        for chart in charts.all():
            if not chart.is_visible():
                continue
            chart.hover()
            buttons = chart.locator(".modebar-btn")
            assert buttons.count() >= 1  # the toolbar is there, only the cloud buttons are gone
            titles = [b.get_attribute("data-title") or "" for b in buttons.all()]
            assert not [t for t in titles if re.search(r"cloud|chart studio|plotly", t, re.I)], titles
            for link in chart.locator("a[href]").all():
                href = link.get_attribute("href")
                target = urlparse(href)
                assert not target.netloc or target.netloc == host, href
            assert chart.locator('[href*="plot.ly"], [href*="plotly.com"], [href*="chart-studio"]').count() == 0
        for figure in figures(page).values():
            assert figure["config"]["displaylogo"] is False
            assert {"sendDataToCloud", "editInChartStudio"} <= set(figure["config"]["modeBarButtonsToRemove"])
    # Nothing the pages loaded came from anywhere but the site itself.
    assert requested and {urlparse(url).netloc for url in requested if url.startswith("http")} == {host}
    assert page.console_errors == []


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_it_renders_the_custom_not_found_page(db, page, live_server, settings, language, width):
    settings.DEBUG = False
    page.set_viewport_size({"width": WIDTHS[width], "height": 800})
    if language == "en":
        use_english(page, live_server)
    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    heading = {"zh": "找不到这个页面", "en": "Page not found"}[language]
    expect(page.locator("h1")).to_have_text(heading)
    expect(page.locator("html")).to_have_attribute("lang", "en" if language == "en" else "zh-CN")
    home = page.locator("main a.home-link")
    expect(home).to_have_text({"zh": "返回概览", "en": "Back to the overview"}[language])
    shot(page, f"404_{language}_{width}")
    home.click()
    page.wait_for_url(live_server.url + "/")
    assert all("404" in e for e in page.console_errors)


def test_it_renders_the_server_error_page_without_database_or_request(db, rf, django_assert_num_queries):
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错了" in html and 'class="home-link" href="/"' in html and 'class="skip-link"' in html


@pytest.mark.parametrize("path", ["/", "/metrics/", "/metrics/grid_count/", "/compare/", "/search/?q=网格"])
def test_it_offers_a_skip_link_as_the_first_tab_stop(seeded, page, live_server, path):
    open_page(page, live_server, path)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className + '|' + document.activeElement.textContent")
    assert focused == "skip-link|跳到正文"
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is inside the page's content, not back in the header.
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_it_marks_the_active_language_in_the_switch(seeded, page, live_server):
    for language, current, other in (("zh", "中文", "English"), ("en", "English", "中文")):
        if language == "en":
            page.get_by_role("button", name="English").click()
            page.wait_for_load_state("networkidle")
        else:
            open_page(page, live_server, reverse("reports:metric", args=["grid_count"]))
        switch = page.locator(".lang-switch")
        expect(switch.locator("button[aria-current=true]")).to_have_text(current)
        expect(switch.locator("button", has_text=other)).not_to_have_attribute("aria-current", "true")
        weights = {b.text_content(): int(b.evaluate("b => getComputedStyle(b).fontWeight"))
                   for b in switch.locator("button").all()}
        assert weights[current] >= 700 > weights[other]
        backgrounds = {b.text_content(): b.evaluate("b => getComputedStyle(b).backgroundColor")
                       for b in switch.locator("button").all()}
        assert backgrounds[current] != backgrounds[other] == "rgb(255, 255, 255)"
        for name, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.reload()  # drawn at this width, as a reader on that screen gets it
            wait_for_charts(page)
            shot(page, f"metric_{language}_{name}")
    assert page.console_errors == []


def bar_path(page, chart: str, place_name: str):
    """The SVG path of the bar on the row of ``place_name``."""
    box = bar_for(page, chart, place_name)
    for path in page.locator(f"{chart} g.trace.bars g.point path").all():
        if path.bounding_box() == box:
            return path.element_handle()
    raise AssertionError(place_name)


def hover_text(page, chart: str, place_name: str) -> str:
    box = bar_for(page, chart, place_name)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = page.locator(".hoverlayer .hovertext").first
    expect(hover).to_contain_text(place_name)  # not the previous bar's tooltip, still fading out
    return hover.text_content()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_it_draws_an_approximate_value_as_approximate(seeded, page, live_server, language):
    if language == "en":
        use_english(page, live_server)
    open_page(page, live_server, reverse("reports:metric", args=["market_entities_new"]))
    word, exact_place = {"zh": "约数", "en": "approximate"}[language], "化龙桥街道"
    bars = next(t for t in figures(page)["chart-bar"]["data"] if t["type"] == "bar")
    # Keyed by the Chinese name: English labels add the pinyin after it.
    shapes = {y.split(" (")[0]: shape for y, shape in zip(bars["y"], bars["marker"]["pattern"]["shape"], strict=True)}
    assert shapes["圣泉街道"] == "/" and shapes[exact_place] == ""  # 近1000家 hatched, 804家 solid
    # Plotly fills a hatched bar with an SVG pattern; an exact bar keeps its flat colour.
    fills = {name: page.evaluate("el => el.style.fill", bar_path(page, "#chart-bar", name))
             for name in ("圣泉街道", exact_place)}
    assert fills["圣泉街道"].startswith("url(") and not fills[exact_place].startswith("url(")
    approx, exact = hover_text(page, "#chart-bar", "圣泉街道"), hover_text(page, "#chart-bar", exact_place)
    assert word in approx and word not in exact
    shot(page, f"approximate_chart_{language}")
    page.get_by_role("tab", name={"zh": "表格", "en": "Table"}[language]).click()
    row = page.locator(".fact-table tbody tr", has_text="圣泉街道").first
    expect(row.locator("td.value .badge.approx")).to_have_text(word)
    assert page.locator(".fact-table tbody tr", has_text=exact_place).first.locator(".badge.approx").count() == 0
    shot(page, f"approximate_table_{language}")
    assert page.console_errors == []


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_it_draws_places_in_the_colour_blind_safe_palette(seeded, page, live_server, language, width):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    if language == "en":
        use_english(page, live_server)
    open_page(page, live_server, reverse("reports:compare") + "?chart=line")
    lines = [t for figure in figures(page).values() for t in figure["data"]
             if t["type"] == "scatter" and "lines" in t.get("mode", "")]
    assert len(lines) >= 2
    for chart in {t["line"]["color"] for t in lines}:
        assert chart in OKABE_ITO
    first = page.locator("div[data-figure]").first
    chart_id = first.get_attribute("id")
    traces = [t for t in figures(page)[chart_id]["data"] if "lines" in t.get("mode", "")]
    # A place's symbol is open at unreviewed or approximate points (a list per point then); its shape keys it.
    def shape(symbol) -> str:
        return (symbol if isinstance(symbol, str) else symbol[0]).removesuffix("-open")

    assert len({(t["line"]["color"], shape(t["marker"]["symbol"])) for t in traces}) == len(traces)
    # Drawn, not only declared: the line paths carry palette colours and each place is named on the plot.
    strokes = {page.evaluate("el => getComputedStyle(el).stroke", p.element_handle())
               for p in first.locator("g.scatterlayer path.js-line").all()}
    palette_rgb = {"rgb({}, {}, {})".format(*(int(c[i:i + 2], 16) for i in (1, 3, 5))) for c in OKABE_ITO}
    assert strokes and strokes <= palette_rgb
    labels = [t.strip() for t in first.locator("g.scatterlayer g.textpoint text").all_text_contents() if t.strip()]
    # On a phone the name at a line's end keeps the Chinese only; the legend gives the pinyin.
    names = [t["name"].split(" (")[0] if width == "phone" else t["name"] for t in traces]
    assert sorted(labels) == sorted(names)
    point = first.locator("g.scatterlayer g.points path.point").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator(".hoverlayer .hovertext").first
    tooltip.wait_for()
    assert page.evaluate("el => el.querySelector('path').style.fill", tooltip.element_handle()) in (
        "rgb(255, 255, 255)", "#ffffff")
    shot(page, f"compare_lines_{language}_{width}")
    assert page.console_errors == []
