"""The metric page read the way a reader reads it, in headless Chromium on the seed data: a metric only whole
districts report is drawn by district, a metric with one year has no 历年变化 chart, places that did not report
the chosen year are named as 未报告, and an empty page says whether the filters emptied it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.models import District
from tests.browser.test_dashboard_pages import ARTIFACTS, chart_text, open_page
from tests.browser.test_reader_polish import figures, use_english


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"metric_{name}.png"), full_page=True)


def metric_url(key: str, query: str = "") -> str:
    return reverse("reports:metric", args=[key]) + (f"?{query}" if query else "")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_it_draws_district_figures_when_no_subdistrict_reported(seeded, page, live_server, language):
    if language == "en":
        use_english(page, live_server)
    # 社会工作者 is only reported for the whole of 江北区 in the seed issues.
    open_page(page, live_server, metric_url("social_workers"))
    expect(page.locator("#chart-bar svg.main-svg").first).to_be_visible()
    bars = [t for t in figures(page)["chart-bar"]["data"] if t["type"] == "bar"]
    assert [y for t in bars for y in t["y"]] == [{"zh": "江北区", "en": "江北区 (Jiangbei Qu)"}[language]]
    assert "江北区" in chart_text(page, "#chart-bar")
    note = {"zh": "没有街道一级的数据", "en": "no subdistrict figures"}[language]
    expect(page.locator(".level-note")).to_contain_text(note)
    title = {"zh": "各区县", "en": "by district"}[language]
    assert title in figures(page)["chart-bar"]["layout"]["title"]["text"]
    shot(page, f"district_level_{language}")
    assert page.console_errors == []


def test_it_draws_no_trend_chart_for_a_single_year(seeded, page, live_server):
    open_page(page, live_server, metric_url("gdp"))
    expect(page.locator("#chart-bar svg.main-svg").first).to_be_visible()
    expect(page.locator("#chart-trend")).to_have_count(0)
    expect(page.locator(".single-year")).to_contain_text("只有一个年份")
    # Two years of 网格数 (2022 and 2023) do make a trend chart, with 圣泉街道's line over both.
    open_page(page, live_server, metric_url("grid_count"))
    trend = figures(page)["chart-trend"]
    line = next(t for t in trend["data"] if t["name"] == "圣泉街道")
    assert [y for y in line["y"] if y is not None] == [93, 133]
    expect(page.locator(".single-year")).to_have_count(0)
    shot(page, "single_year")
    assert page.console_errors == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_it_lists_places_that_did_not_report_the_year(seeded, page, live_server, language):
    if language == "en":
        use_english(page, live_server)
    # 几江街道 reported 网格数 for 2023 only: in 2022 it is named as not reporting, in the chart and below it.
    open_page(page, live_server, metric_url("grid_count", "year=2022"))
    word = {"zh": "未报告", "en": "Not reported"}[language]
    missing = next(t for t in figures(page)["chart-bar"]["data"] if t.get("mode") == "text")
    jijiang = {"zh": "几江街道", "en": "几江街道 (Jijiang Jiedao)"}[language]  # English adds the pinyin
    assert missing["y"] == [jijiang] and missing["text"] == [word]
    ticks = page.locator("#chart-bar g.ytick text").all()
    top_down = sorted(ticks, key=lambda tick: tick.bounding_box()["y"])
    assert [t.text_content().strip().split(" (")[0] for t in top_down] == ["圣泉街道", "几江街道"]  # reported first
    listed = page.locator("[data-unreported]")
    expect(listed).to_contain_text({"zh": "2022年未报告的街道（1 个）", "en": "Not reported in 2022 (1)"}[language])
    expect(listed.get_by_role("link", name="几江街道")).to_be_visible()
    shot(page, f"unreported_{language}")
    listed.get_by_role("link", name="几江街道").click()
    expect(page.locator("h1")).to_contain_text("几江街道")
    assert page.console_errors == []


def test_it_says_the_filters_emptied_the_page_and_how_to_undo_it(seeded, page, live_server):
    jiangbei = District.objects.get(name="江北区").pk
    open_page(page, live_server, metric_url("grid_count", f"district={jiangbei}"))
    empty = page.locator(".empty-state")
    expect(empty).to_contain_text("当前筛选条件下没有“网格数”的数据")
    expect(empty).to_contain_text("不加筛选时共有 3 条")
    expect(page.locator("#chart-bar")).to_have_count(0)
    shot(page, "empty_filtered")
    empty.get_by_role("link", name="清除筛选，查看全部数据").click()
    page.wait_for_url("**/metrics/grid_count/?view=chart")
    expect(page.locator("#chart-bar svg.main-svg").first).to_be_visible()
    # The table view of the same filters says the same.
    open_page(page, live_server, metric_url("grid_count", f"district={jiangbei}&view=table"))
    expect(page.locator(".empty-state")).to_contain_text("请放宽或清除筛选条件")
    # A year nobody reported is not blamed on the filters.
    open_page(page, live_server, metric_url("grid_count", "year=2019"))
    expect(page.locator(".empty-state")).to_contain_text("2019年没有“网格数”的数据。请在上方选择有数据的年份。")
    expect(page.locator(".clear-filters")).to_have_count(0)
    # Nor is a metric no newspaper has given yet, filtered or not.
    from reports.models import Metric

    unreported = Metric.objects.filter(facts__isnull=True).order_by("position").first()
    open_page(page, live_server, metric_url(unreported.key, f"district={jiangbei}"))
    expect(page.locator(".empty-state")).to_contain_text(f"还没有任何报道给出“{unreported.name_zh}”的数值")
    expect(page.locator(".clear-filters")).to_have_count(0)
    assert page.console_errors == []


def test_it_names_chosen_places_without_any_figure(seeded, page, live_server):
    from reports.models import Subdistrict

    sanjiang = Subdistrict.objects.get(name="三江街道").pk
    open_page(page, live_server, metric_url("grid_count", f"subdistrict={sanjiang}"))
    expect(page.locator(".empty-state")).to_contain_text("当前筛选条件下没有“网格数”的数据")
    expect(page.locator("[data-unreported]")).to_contain_text("三江街道")
    shot(page, "empty_chosen_place")
    assert page.console_errors == []
