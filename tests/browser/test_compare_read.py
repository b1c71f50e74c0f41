"""The compare page the way a reader builds a comparison, in headless Chromium on the seed data: finding places
by name or pinyin in the picker (places with data first), seeing which metrics the chosen places report,
copying a link that reproduces the view, being told what to do with an empty choice, and 未报告 naming whose
figure is missing."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.models import Subdistrict
from tests.browser.test_dashboard_pages import ARTIFACTS, chart_text, open_page, wait_for_charts
from tests.browser.test_reader_polish import use_english


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"compare_{name}.png"), full_page=True)


def pk(name: str) -> str:
    return str(Subdistrict.objects.get(name=name).pk)


def ticked(page) -> list[str]:
    return [box.get_attribute("value") for box in page.locator('input[name="subdistrict"]:checked').all()]


def visible_places(page) -> list[str]:
    return [label.locator("input").get_attribute("value")
            for label in page.locator(".picker-place").all() if label.is_visible()]


def untick_all(page, name: str) -> None:
    boxes = page.locator(f'input[name="{name}"]:checked')
    while boxes.count():
        boxes.first.uncheck()


def submit(page) -> None:
    page.locator(".compare-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    wait_for_charts(page)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_it_finds_places_by_name_or_pinyin_with_places_that_have_data_first(seeded, page, live_server, language):
    if language == "en":
        use_english(page, live_server)
    open_page(page, live_server, reverse("reports:compare") + f"?subdistrict={pk('圣泉街道')}&metric=grid_count")
    expect(page.locator('select[name="subdistrict"]')).to_have_count(0)  # no Ctrl-click list
    # The places not chosen arrive from /compare/places/ after the page has loaded.
    expect(page.locator(".picker-group-title")).to_have_count(3)
    groups = page.locator(".picker-group-title").all_text_contents()
    assert groups == {"zh": ["已选", "有所选指标数据", "无所选指标数据"],
                      "en": ["Chosen", "With data for the chosen metrics", "No data for the chosen metrics"]}[language]
    # 几江街道 reports 网格数 and comes before 三江街道, which does not.
    expect(page.locator('.picker-group[data-group="1"] .picker-place', has_text="几江街道")).to_be_visible()
    expect(page.locator('.picker-group[data-group="2"] .picker-place', has_text="三江街道")).to_be_visible()
    search = page.locator("[data-place-search]")
    search.fill("sanjiang")
    assert visible_places(page) == [pk("三江街道")]
    search.press("Enter")  # ticks the one place left
    search.fill("Jiangjin")  # the district's pinyin finds its places
    assert set(visible_places(page)) >= {pk("圣泉街道"), pk("几江街道")}
    page.locator(f'input[name="subdistrict"][value="{pk("几江街道")}"]').check()
    search.fill("没有这个地方")
    expect(page.locator("[data-place-none]")).to_be_visible()
    search.fill("")
    expect(page.locator("[data-place-count]")).to_contain_text({"zh": "已选 3 个", "en": "3 chosen"}[language])
    shot(page, f"picker_{language}")
    submit(page)
    assert set(ticked(page)) == {pk("圣泉街道"), pk("几江街道"), pk("三江街道")}
    expect(page.locator('.picker-group[data-group="0"] .picker-place')).to_have_count(3)
    assert page.console_errors == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_it_names_the_place_that_did_not_report(seeded, page, live_server, language):
    if language == "en":
        use_english(page, live_server)
    query = f"subdistrict={pk('圣泉街道')}&subdistrict={pk('几江街道')}&subdistrict={pk('三江街道')}&metric=grid_count"
    open_page(page, live_server, reverse("reports:compare") + "?" + query)
    text = chart_text(page, "#chart-grid_count")
    word = {"zh": "未报告", "en": "not reported"}[language]
    # 几江 has no 2022 figure and 三江 none at all: each gap says whose it is.
    jijiang, sanjiang = {"zh": ("几江街道", "三江街道"),
                         "en": ("几江街道 (Jijiang Jiedao)", "三江街道 (Sanjiang Jiedao)")}[language]
    assert f"{jijiang} {word}" in text and f"{sanjiang} {word}" in text
    note = page.locator("#metric-grid_count [data-unreported]")
    expect(note).to_contain_text("三江街道")
    expect(note).not_to_contain_text("圣泉街道")
    open_page(page, live_server, reverse("reports:compare") + "?" + query + "&chart=line")
    expect(page.locator("#metric-grid_count [data-unreported]")).to_contain_text("三江街道")
    shot(page, f"unreported_{language}")
    assert page.console_errors == []


def test_it_shows_which_metrics_the_chosen_places_report(seeded, page, live_server):
    query = f"subdistrict={pk('圣泉街道')}&subdistrict={pk('三江街道')}&metric=grid_count"
    open_page(page, live_server, reverse("reports:compare") + "?" + query)
    choice = page.locator('.metric-choice[data-metric="grid_count"]')
    expect(choice).to_contain_text("（1/2）")
    expect(page.locator('.metric-choice[data-metric="industrial_output"]')).to_contain_text("（1/2）")
    empty = page.locator('.metric-choice[data-metric="social_workers"]')
    expect(empty).to_contain_text("无数据")
    expect(empty).to_have_class(re.compile(r"\bno-data\b"))
    # Ticking a metric with data and submitting draws it.
    page.locator('input[name="metric"][value="industrial_output"]').check()
    submit(page)
    assert "三江街道" in chart_text(page, "#chart-industrial_output")
    shot(page, "metric_coverage")
    assert page.console_errors == []


def test_it_copies_a_link_that_reproduces_the_view(seeded, page, live_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    open_page(page, live_server, reverse("reports:compare") + "?chart=line")
    # The first visit's default places are spelled out in the address, so a later visit sees the same ones.
    assert "subdistrict=" in page.url and "metric=grid_count" in page.url
    page.get_by_role("tab", name="表格").click()
    page.get_by_role("button", name="复制链接").click()
    expect(page.locator("[data-copy-status]")).to_have_text("链接已复制，可以粘贴给别人。")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(live_server.url + "/compare/?")
    assert "view=table" in link and "chart=line" in link
    for place in ticked(page):
        assert f"subdistrict={place}" in link
    shown = page.locator('script[type="application/json"]').all_text_contents()
    other = page.context.new_page()
    other.goto(link)
    expect(other.locator('[data-pane="table"]').first).to_be_visible()
    assert other.locator('script[type="application/json"]').all_text_contents() == shown
    assert ticked(other) == ticked(page)
    other.close()
    shot(page, "copied")
    assert page.console_errors == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_it_says_what_to_do_with_an_empty_choice(seeded, page, live_server, language):
    if language == "en":
        use_english(page, live_server)
    open_page(page, live_server, reverse("reports:compare"))
    untick_all(page, "subdistrict")
    submit(page)
    message = page.locator(".empty-selection")
    expect(message).to_contain_text({"zh": "还没有选择街道。请在上方“街道/镇”框中输入名称或拼音找到街道",
                                     "en": "No place chosen yet."}[language])
    expect(page.locator("div[data-figure]")).to_have_count(0)
    assert ticked(page) == []
    untick_all(page, "metric")
    submit(page)
    expect(message).to_contain_text({"zh": "还没有选择指标", "en": "No metric chosen yet."}[language])
    shot(page, f"empty_{language}")
    assert page.console_errors == []
