"""The reader's pages in headless Chromium, the way a reader uses them.

Each test opens pages on the seed data, waits for plotly to draw (an SVG inside the plot div), checks what a
reader would read off the chart, follows links, and fails on any console error (CSP violations included).
"""

import re

import pytest
from django.urls import reverse

from tests.dashboard.gold import load_gold

CHART_TIMEOUT = 20_000


@pytest.fixture
def data(transactional_db):
    return load_gold()


def open_page(page, live_server, path):
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    return page


def wait_for_charts(page, count=None):
    charts = page.locator("div[data-figure]")
    expected = count if count is not None else charts.count()
    for index in range(expected):
        chart = charts.nth(index)
        if chart.is_visible():
            chart.locator("svg.main-svg").first.wait_for(timeout=CHART_TIMEOUT)
    page.wait_for_function("document.querySelectorAll('div[data-figure]:not([data-rendered])').length === "
                           "[...document.querySelectorAll('div[data-figure]')].filter(d => d.offsetParent === null"
                           " && !d.dataset.rendered).length")
    return charts


def chart_text(page, selector) -> str:
    return " ".join(page.locator(f"{selector} svg text").all_text_contents())


def bar_for(page, chart, place):
    """The bounding box of the bar drawn on the row of ``place`` (horizontal bar charts)."""
    tick = page.locator(f"{chart} g.ytick text", has_text=place).first.bounding_box()
    centre = tick["y"] + tick["height"] / 2
    boxes = [b for b in (p.bounding_box() for p in page.locator(f"{chart} g.trace.bars g.point path").all()) if b]
    return min(boxes, key=lambda b: abs(b["y"] + b["height"] / 2 - centre))


def assert_no_console_errors(page):
    assert page.console_errors == []


def test_it_draws_the_three_families_on_the_overview(data, page, live_server):
    open_page(page, live_server, "/")
    wait_for_charts(page)
    for family in ("grid", "elderly", "economy"):
        assert page.locator(f"#chart-{family} svg.main-svg").count() >= 1
    grid = chart_text(page, "#chart-grid")
    # Latest reported year per place: 圣泉 133 (2023, not 93 from 2022), 几江 168, 化龙桥 1036 网格员.
    for expected in ("圣泉街道", "几江街道", "化龙桥街道", "三江街道", "133个（2023）", "168个（2023）", "3310个（2023）", "1036人（2023）"):
        assert expected in grid
    assert "未报告" in grid
    elderly = chart_text(page, "#chart-elderly")
    assert "社区养老服务站" in elderly and "中心敬老院" in elderly
    economy = chart_text(page, "#chart-economy")
    assert "51.03亿元（2023）" in economy and "28亿元（2022）" in economy
    coverage = page.locator("#coverage table")
    assert coverage.locator("tbody tr").count() == 4
    assert_no_console_errors(page)


def test_it_follows_a_bar_to_the_highlighted_sentence(data, page, live_server):
    open_page(page, live_server, reverse("reports:metric", args=["grid_count"]))
    wait_for_charts(page)
    bars = page.locator("#chart-bar g.trace.bars g.point path")
    assert bars.count() == 2
    assert "133" in chart_text(page, "#chart-bar") and "168" in chart_text(page, "#chart-bar")
    labels = [t.strip() for t in page.locator("#chart-bar g.ytick text").all_text_contents()]
    # Largest first: 几江 168 above 圣泉 133; plotly lists ticks bottom-up.
    assert labels[::-1][:2] == ["几江街道", "圣泉街道"]
    box = bar_for(page, "#chart-bar", "圣泉街道")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.locator(".hoverlayer .hovertext").first.wait_for()
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert re.search(r"/articles/\d+/\?fact=\d+#fact-\d+$", page.url)
    current = page.locator(".article-text .hl.is-current")
    assert "133" in " ".join(current.all_text_contents())
    assert "网格" in " ".join(current.all_text_contents())
    assert_no_console_errors(page)
