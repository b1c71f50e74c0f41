"""The reader's pages in headless Chromium on the seed data, used the way a reader uses them.

Each test opens pages after the five seed issues went through the real ingest pipeline, waits for plotly to
draw (an SVG inside the plot div), reads what a reader would read off the chart, follows links, downloads
exports and parses them, and fails on any console error (CSP violations included). The page fixture saves a
full-page screenshot of where each test ends in test-artifacts/; the tests also save the views they pass through.
"""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from reports.models import Fact, Initiative, Subdistrict

CHART_TIMEOUT = 20_000
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SEED_PLACES = ("圣泉街道", "几江街道", "三江街道", "化龙桥街道")


def visible_facts():
    """What readers may see: catalogued figures not rejected (unclassified numbers stay in the admin)."""
    return Fact.objects.exclude(review_status=Fact.ReviewStatus.REJECTED).filter(metric__isnull=False)


def place(name: str) -> Subdistrict:
    return Subdistrict.objects.get(name=name)


def open_page(page, live_server, path: str):
    page.goto(live_server.url + path)
    wait_for_charts(page)
    return page


def wait_for_charts(page):
    """Every visible plot div holds plotly's SVG and charts.js marked it drawn."""
    for chart in page.locator("div[data-figure]").all():
        if chart.is_visible():
            chart.locator("svg.main-svg").first.wait_for(timeout=CHART_TIMEOUT)
            expect(chart).to_have_attribute("data-rendered", "true", timeout=CHART_TIMEOUT)


def snapshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"reader_{name}.png"), full_page=True)


def chart_text(page, selector: str) -> str:
    return " ".join(t.strip() for t in page.locator(f"{selector} svg text").all_text_contents())


def bar_for(page, chart: str, place_name: str) -> dict:
    """The bounding box of the bar on the row of ``place_name`` (horizontal bars)."""
    # A full-page screenshot resizes the viewport, and Plotly redraws the chart when it comes back: the label found
    # may be replaced before it is measured, so look it up again until one holds still long enough.
    tick = None
    for _ in range(50):
        label = page.locator(f"{chart} g.ytick text", has_text=place_name).first
        label.wait_for(state="visible")
        tick = label.bounding_box()
        if tick is not None:
            break
        page.wait_for_timeout(100)
    assert tick is not None, f"no row label {place_name} in {chart}"
    centre = tick["y"] + tick["height"] / 2
    boxes = [b for b in (p.bounding_box() for p in page.locator(f"{chart} g.trace.bars g.point path").all()) if b]
    return min(boxes, key=lambda b: abs(b["y"] + b["height"] / 2 - centre))


def assert_no_console_errors(page):
    assert page.console_errors == []


def test_it_draws_the_three_families_on_the_overview(seeded, page, live_server):
    open_page(page, live_server, "/")
    for family in ("grid", "elderly", "economy"):
        expect(page.locator(f"#chart-{family} svg.main-svg").first).to_be_visible()
    grid = chart_text(page, "#chart-grid")
    for name in SEED_PLACES:
        assert name in grid
    # The latest year each place reported: 圣泉 133 grids in 2023 (its 2022 figure was 93); 化龙桥's grid workers
    # are counted at the time of writing of a March 2024 report.
    for label in ("133个（2023）", "168个（2023）", "3310个（2023）", "876个（2023）", "1036人（2024）",
                  "44人（2022）"):
        assert label in grid
    assert "未报告" in grid
    elderly = chart_text(page, "#chart-elderly")
    # 圣泉: its own 养老服务中心 (built, named, no numeral: one), 5 社区养老服务站 and 1 中心敬老院, by type.
    assert "社区养老服务站" in elderly and "中心敬老院" in elderly and "7个（2023）" in elderly
    assert "养老服务中心（未写数量，按1个计）" in elderly
    economy = chart_text(page, "#chart-economy")
    assert "51.03亿元（2023）" in economy and "28亿元（2022）" in economy and "15%（2022）" in economy
    rows = page.locator("#coverage tbody tr th a").all_text_contents()
    assert set(SEED_PLACES) <= {r.strip() for r in rows}
    assert_no_console_errors(page)


def test_it_follows_a_bar_to_the_highlighted_sentence(seeded, page, live_server):
    open_page(page, live_server, reverse("reports:metric", args=["grid_count"]))
    labels = [t.strip() for t in page.locator("#chart-bar g.ytick text").all_text_contents()]
    assert labels[::-1] == ["几江街道", "圣泉街道"]  # largest first; plotly lists ticks bottom-up
    box = bar_for(page, "#chart-bar", "圣泉街道")
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    hover = page.locator(".hoverlayer .hovertext").first
    hover.wait_for()
    assert "133个" in hover.text_content() and "江津日报" in hover.text_content()
    with page.expect_navigation():
        page.mouse.click(x, y)
    fact = visible_facts().get(subdistrict__name="圣泉街道", year=2023, metric__key="grid_count")
    assert page.url.endswith(f"/articles/{fact.article_id}/?fact={fact.pk}#fact-{fact.pk}")
    current = " ".join(page.locator(".article-text .hl.is-current").all_text_contents())
    assert "133" in current and "网格" in current
    expect(page.locator(".article-text .hl.is-current").first).to_be_in_viewport()
    expect(page.locator(".fact-list li.is-current")).to_contain_text("133个")
    assert_no_console_errors(page)


def test_it_toggles_between_chart_and_table_and_links_rows_to_sentences(seeded, page, live_server):
    open_page(page, live_server, reverse("reports:metric", args=["market_entities_new"]))
    expect(page.locator('[data-pane="chart"]')).to_be_visible()
    expect(page.locator('[data-pane="table"]')).to_be_hidden()
    assert "近1000家" in chart_text(page, "#chart-bar") and "804家" in chart_text(page, "#chart-bar")
    page.get_by_role("tab", name="表格").click()
    expect(page.locator('[data-pane="table"]')).to_be_visible()
    expect(page.locator('[data-pane="chart"]')).to_be_hidden()
    assert "view=table" in page.url
    snapshot(page, "metric_table")
    rows = page.locator(".fact-table tbody tr")
    assert rows.count() == visible_facts().filter(metric__key="market_entities_new").count()
    row = rows.filter(has_text="圣泉街道")
    expect(row.locator("td.value")).to_contain_text("近1000家")
    expect(row).to_contain_text("2023")
    page.reload()
    expect(page.locator('[data-pane="table"]')).to_be_visible()  # the URL keeps the view
    row.locator("a.source").click()
    page.wait_for_url(re.compile(r"/articles/\d+/\?fact=\d+#fact-\d+$"))
    sentence = "".join(page.locator(".article-text .hl.is-current").all_text_contents()).replace(" ", "")
    assert "新增市场主体近1000家" in sentence
    page.go_back()
    page.get_by_role("tab", name="图表").click()
    wait_for_charts(page)
    expect(page.locator("#chart-bar svg.main-svg").first).to_be_visible()
    # 新增市场主体 has figures for 2023 only: no 历年变化 chart of lone points, a note instead.
    expect(page.locator(".single-year")).to_be_visible()
    assert_no_console_errors(page)


def test_it_switches_language(seeded, page, live_server):
    open_page(page, live_server, reverse("reports:metric", args=["grid_count"]))
    expect(page.locator("h1")).to_contain_text("网格数")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("networkidle")
    wait_for_charts(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("Grids")
    expect(page.get_by_role("tab", name="Table")).to_be_visible()
    assert "Grids by subdistrict, 2023" in chart_text(page, "#chart-bar")
    snapshot(page, "metric_english")
    page.goto(live_server.url + "/")
    wait_for_charts(page)
    assert "Not reported" in chart_text(page, "#chart-grid")
    assert "5.103 bn yuan (2023)" in chart_text(page, "#chart-economy")
    snapshot(page, "overview_english")
    page.get_by_role("button", name="中文").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_have_text("街道治理数据概览")
    assert_no_console_errors(page)


def _download(page, selector):
    with page.expect_download() as info:
        page.locator(selector).click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_it_downloads_every_export_and_each_matches_the_database(seeded, page, live_server):
    open_page(page, live_server, "/")
    facts, initiatives = visible_facts().count(), Initiative.objects.count()
    expected_wide = visible_facts().filter(year=2023, subdistrict__isnull=False, metric__isnull=False) \
        .values("subdistrict_id").distinct().count()
    counts = {}
    for table in ("facts", "initiatives", "wide"):
        name, data = _download(page, f'a[data-export="{table}-csv"]')
        assert name.endswith(".csv") and name.startswith("街道治理数据_")
        assert data.startswith("\ufeff".encode())
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        name, data = _download(page, f'a[data-export="{table}-xlsx"]')
        assert name.endswith(".xlsx")
        workbook = load_workbook(io.BytesIO(data), read_only=True)
        sheet, about = workbook.worksheets
        assert about.title == "说明"
        xlsx_rows = sum(1 for _ in sheet.iter_rows()) - 1
        name, data = _download(page, f'a[data-export="{table}-json"]')
        document = json.loads(data)
        counts[table] = {len(rows), xlsx_rows, len(document["rows"])}
        if table == "facts":
            assert {"街道/镇", "年份", "数值", "显示值", "报纸", "出版日期", "原文句子", "来源链接"} <= set(rows[0])
            grid = next(r for r in rows if r["街道/镇"] == "圣泉街道" and r["指标代码"] == "grid_count"
                        and r["年份"] == "2023")
            assert grid["数值"] == "133" and grid["报纸"] == "江津日报"
    assert counts == {"facts": {facts}, "initiatives": {initiatives}, "wide": {expected_wide}}
    assert_no_console_errors(page)


def test_it_reproduces_a_compare_view_from_its_link(seeded, page, live_server):
    open_page(page, live_server, reverse("reports:compare"))
    wanted = {str(place("圣泉街道").pk), str(place("几江街道").pk)}
    for checkbox in page.locator('input[name="subdistrict"]').all():
        checkbox.set_checked(checkbox.get_attribute("value") in wanted)
    for checkbox in page.locator('input[name="metric"]').all():
        checkbox.uncheck()
    page.locator('input[name="metric"][value="grid_count"]').check()
    page.locator('input[name="metric"][value="micro_grid_count"]').check()
    page.locator('input[name="year_from"]').fill("2022")
    page.locator('input[name="year_to"]').fill("2023")
    page.get_by_role("button", name="更新对比").click()
    page.wait_for_load_state("networkidle")
    wait_for_charts(page)
    grid = chart_text(page, "#chart-grid_count")
    for text in ("圣泉街道", "几江街道", "93个", "133个", "168个", "未报告", "2022", "2023"):
        assert text in grid
    link = page.url
    figures = page.locator('script[type="application/json"]').all_text_contents()
    snapshot(page, "compare")
    other = page.context.new_page()
    other.goto(link)
    wait_for_charts(other)
    assert other.locator('script[type="application/json"]').all_text_contents() == figures
    assert chart_text(other, "#chart-grid_count") == grid
    other.close()
    page.get_by_role("tab", name="表格").click()
    table = page.locator("#metric-grid_count table")
    expect(table).to_be_visible()
    expect(table.locator("tr", has_text="几江街道")).to_contain_text("未报告")
    assert_no_console_errors(page)


def test_it_searches_articles_and_initiatives(seeded, page, live_server):
    open_page(page, live_server, "/")
    page.locator(".header-search input").fill("微网格")
    page.locator(".header-search input").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    results = page.locator(".results .result")
    assert results.count() >= 2
    expect(results.first.locator(".snippet mark").first).to_be_visible()
    snapshot(page, "search")
    page.get_by_role("tab", name="特色举措").click()
    page.locator(".search-form input[type=search]").fill("津新驿站")
    page.locator(".search-form input[type=search]").press("Enter")
    page.wait_for_load_state("networkidle")
    hit = page.locator(".results .result").first
    expect(hit.locator(".result-title")).to_have_text("津新驿站")
    hit.locator(".result-title").click()
    page.wait_for_url(re.compile(r"/articles/\d+/\?initiative=\d+#initiative-\d+$"))
    expect(page.locator(".article-text .hl-initiative.is-current").first).to_contain_text("津新驿站")
    assert_no_console_errors(page)


def test_it_profiles_a_subdistrict(seeded, page, live_server):
    open_page(page, live_server, reverse("reports:subdistrict", args=[place("圣泉街道").pk]))
    expect(page.locator("h1")).to_contain_text("圣泉街道")
    keywords = page.locator("#chart-keywords g.ytick text").all_text_contents()
    assert len(keywords) >= 5 and not any("圣泉" in k for k in keywords)
    grids = page.get_by_role("row", name=re.compile(r"^网格数 "))
    expect(grids).to_contain_text("93个")
    expect(grids).to_contain_text("133个")
    expect(page.locator("#initiatives")).to_contain_text("津新驿站")
    assert page.locator("#articles li a").count() == 2
    assert_no_console_errors(page)


def test_it_downloads_a_chart_as_png_from_the_toolbar(seeded, page, live_server):
    open_page(page, live_server, reverse("reports:metric", args=["grid_count"]))
    page.locator("#chart-bar").hover()
    button = page.locator('#chart-bar .modebar-btn[data-title="下载图片（PNG）"]')
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "网格数_2023.png"
    assert Path(download.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert_no_console_errors(page)


@pytest.mark.parametrize("path", [
    "/", "/?page=1&district=0", "/metrics/", "/metrics/gdp/", "/metrics/elderly_care_sites/?view=table",
    "/compare/?chart=line", "/search/?q=养老", "/subdistricts/{}/", "/?year_from=abc",
])
def test_it_opens_every_page_without_console_errors(seeded, page, live_server, path):
    if "{}" in path:
        path = path.format(place("三江街道").pk)
    response = page.goto(live_server.url + path)
    wait_for_charts(page)
    if "abc" in path or "district=0" in path:
        assert response.status == 400
        expect(page.locator(".error-message")).to_be_visible()
        # The browser reports the 400 itself as a failed resource; nothing else may fail.
        assert all("400" in e for e in page.console_errors)
    else:
        assert response.status == 200
        assert_no_console_errors(page)
    for chart in page.locator("div[data-figure]").all():
        if chart.is_visible():
            assert chart.locator("svg.main-svg").count() >= 1
