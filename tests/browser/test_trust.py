"""Which figures go live: a reviewer uploads near-copies of seed pages and sees them held, accepts one and corrects
it; a reader sees unreviewed figures drawn as such, filters on 已审核, and an office shows reviewed figures only."""

import csv
import io
import json
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from reports import review
from reports.models import Article, Fact, NewsletterIssue
from tests.admin.test_repeats import JIJIANG_COPY, SANJIANG_COPY
from tests.browser.helpers import log_in
from tests.browser.test_admin_upload_review import BackgroundWorker, statuses
from tests.browser.test_dashboard_pages import (
    ARTIFACTS,
    _download,
    bar_for,
    chart_text,
    open_page,
    wait_for_charts,
)

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"trust_{name}.png"), full_page=True)


def figure(page, chart: str) -> dict:
    return json.loads(page.locator(f"#{page.locator(chart).get_attribute('data-figure')}").text_content())


def bars_by_place(page, chart: str, metric_name: str | None = None) -> dict:
    """Place -> (text, marker colour, outline colour, customdata) of the bar trace (of one metric's panel)."""
    for trace in figure(page, chart)["data"]:
        if trace["type"] == "bar" and (metric_name is None or trace["name"] == metric_name):
            colours = trace["marker"]["color"]
            colours = colours if isinstance(colours, list) else [colours] * len(trace["y"])
            # Places drawn as 未报告 have no figure: they are no bar.
            return {place: (text, colour, line, custom) for place, text, colour, line, custom in zip(
                trace["y"], trace["text"], colours, trace["marker"]["line"]["color"], trace["customdata"],
                strict=True) if not str(text).startswith("未报告")}
    return {}


def hover(page, chart: str, place: str) -> str:
    box = bar_for(page, chart, place)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    # The tooltip of the place asked for: the one of a bar hovered before may linger for a moment.
    tooltip = page.locator(".hoverlayer .hovertext", has_text=place).first
    tooltip.wait_for()
    return tooltip.text_content()


@pytest.mark.django_db(transaction=True)
def test_it_holds_near_copies_until_a_reviewer_accepts_and_corrects_one(page, live_server, tmp_path,
                                                                         django_user_model):
    call_command("load_reference", verbosity=0)
    call_command("load_seeds", verbosity=0)
    original = Article.objects.get(issue__original_name__startswith="001_")
    jijiang, sanjiang = tmp_path / "几江街道-转载.txt", tmp_path / "三江街道-转载.txt"
    jijiang.write_text(JIJIANG_COPY, encoding="utf-8")
    sanjiang.write_text(SANJIANG_COPY, encoding="utf-8")

    log_in(page, live_server, django_user_model)
    page.goto(f"{live_server.url}/admin/reports/newsletterissue/upload/")
    page.set_input_files("#id_files", [str(jijiang), str(sanjiang)])
    page.select_option("#id_publication", label="江津日报")
    page.fill("#id_published", "2023-07-20")
    page.click("#upload-form input[type=submit]")
    page.wait_for_url("**/admin/reports/newsletterissue/")
    with BackgroundWorker():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and statuses(page)[:2] != ["完成", "完成"]:
            time.sleep(0.5)
            page.reload()
    assert statuses(page)[:2] == ["完成", "完成"]

    # The uploader is told which issue and article each file repeats, and that its figures wait.
    row = page.locator("#result_list tr", has_text="几江街道-转载.txt")
    expect(row.locator(".issue-repeat")).to_contain_text("待审核")
    expect(row.locator(".issue-warning")).to_contain_text(f"与第 {original.issue_id} 期")
    expect(row.locator(".issue-warning")).to_contain_text(original.issue.original_name)
    expect(row.locator(".issue-warning")).to_contain_text("几乎相同")
    expect(page.locator("#result_list tr", has_text="三江街道-转载.txt").locator(".issue-repeat")).to_be_visible()
    shot(page, "admin_near_copies_held")

    # Readers still see 几江's 168 grids (2023), with no conflict; 三江 gets no 2021 figures.
    open_page(page, live_server, "/")
    grid = bars_by_place(page, "#chart-grid", "网格数")
    assert grid["几江街道"][0] == "168个（2023）"
    open_page(page, live_server, reverse("reports:metric", args=["industrial_output"]))
    assert page.locator(".year-picker a", has_text="2021").count() == 0
    shot(page, "public_unchanged_by_held_copies")

    # The reviewer opens the held figures from the issue list and accepts the 几江 copy.
    copy_issue = NewsletterIssue.objects.get(original_name="几江街道-转载.txt")
    copied = Fact.objects.get(article__issue=copy_issue, metric__key="grid_count", subdistrict__name="几江街道")
    assert copied.value == 186 and copied.held
    page.goto(f"{live_server.url}/admin/reports/newsletterissue/")
    page.locator("#result_list tr", has_text="几江街道-转载.txt").locator(".issue-repeat a").click()
    expect(page.locator(f"tr:has(input[value='{copied.pk}']) .repeat-held")).to_contain_text("暂不公开")
    page.check(f"input[name=_selected_action][value='{copied.pk}']")
    page.select_option("select[name=action]", label="接受疑似重复文章（公开选中数据所在文章的数据）")
    page.click("button[name=index]")
    expect(page.get_by_text("已接受 1 篇疑似重复文章")).to_be_visible()

    # Published, the copy disagrees with the original: both values show and the bar is flagged.
    open_page(page, live_server, reverse("reports:metric", args=["grid_count"]) + "?year=2023")
    text = chart_text(page, "#chart-bar")
    assert "⚠" in text and "186" in text
    assert "来源不一致" in hover(page, "#chart-bar", "几江街道")
    shot(page, "accepted_copy_conflicts")

    # The reviewer finds the copy misprinted and corrects it to 168: the conflict is gone.
    page.goto(f"{live_server.url}/admin/reports/fact/{copied.pk}/change/")
    page.fill("#id_value", "168")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    open_page(page, live_server, reverse("reports:metric", args=["grid_count"]) + "?year=2023")
    text = chart_text(page, "#chart-bar")
    assert "⚠" not in text and "168个" in text and "186" not in text
    tooltip = hover(page, "#chart-bar", "几江街道")
    assert "来源不一致" not in tooltip and "未审核" not in tooltip
    shot(page, "corrected_copy_agrees")
    # The bar leads to a sentence that prints the value shown (the original's 168, not the copy's 186).
    box = bar_for(page, "#chart-bar", "几江街道")
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert f"/articles/{original.pk}/" in page.url
    assert "168" in " ".join(page.locator(".article-text .hl.is-current").all_text_contents())
    assert page.console_errors == []


def test_it_draws_unreviewed_figures_as_such_and_filters_reviewed_ones(seeded, page, live_server, settings):
    editor = None
    confirmed = Fact.objects.get(subdistrict__name="圣泉街道", metric__key="micro_grid_count", year=2023)
    review.confirm_facts(facts=Fact.objects.filter(pk=confirmed.pk), user=editor)
    corrected = Fact.objects.get(subdistrict__name="几江街道", metric__key="grid_count", year=2023)
    review.correct_fact(fact_id=corrected.pk, user=editor, changes={"value": 170})

    # 圣泉's checked 3310 is solid; 几江's automatic 876 is a pale outline and says 未审核.
    open_page(page, live_server, reverse("reports:metric", args=["micro_grid_count"]) + "?year=2023")
    bars = bars_by_place(page, "#chart-bar")
    assert bars["圣泉街道"][1].startswith("#") and bars["圣泉街道"][2] == "rgba(0,0,0,0)"
    assert bars["几江街道"][1].startswith("rgba(") and bars["几江街道"][2].startswith("#")
    assert "未审核" in hover(page, "#chart-bar", "几江街道")
    assert "未审核" not in hover(page, "#chart-bar", "圣泉街道")
    shot(page, "unreviewed_chart")
    page.get_by_role("tab", name="表格").click()
    expect(page.locator(".fact-table tr", has_text="几江街道").locator(".badge.unreviewed")).to_have_text("未审核")
    assert page.locator(".fact-table tr", has_text="圣泉街道").locator(".badge.unreviewed").count() == 0
    shot(page, "unreviewed_table")

    # 已审核 keeps confirmed and corrected figures alike.
    page.get_by_role("tab", name="图表").click()
    page.select_option("select[name=status]", label="已审核（已确认或已更正）")
    page.get_by_role("button", name="筛选").click()
    wait_for_charts(page)
    assert set(bars_by_place(page, "#chart-bar")) == {"圣泉街道"}
    expect(page.locator("select[name=status] option:checked")).to_have_text("已审核（已确认或已更正）")
    open_page(page, live_server, reverse("reports:metric", args=["grid_count"]) + "?year=2023&status=reviewed")
    assert set(bars_by_place(page, "#chart-bar")) == {"几江街道"}
    assert "170个" in chart_text(page, "#chart-bar")
    # An old link that asks for 已确认 no longer hides the corrected figure.
    open_page(page, live_server, reverse("reports:metric", args=["grid_count"]) + "?year=2023&status=confirmed")
    assert set(bars_by_place(page, "#chart-bar")) == {"几江街道"}
    shot(page, "reviewed_filter")

    # An office that publishes reviewed figures only.
    settings.GOVDASH_PUBLISH_REVIEWED_ONLY = True
    open_page(page, live_server, reverse("reports:metric", args=["micro_grid_count"]) + "?year=2023")
    assert set(bars_by_place(page, "#chart-bar")) == {"圣泉街道"}
    assert "未审核" not in page.locator("select[name=status]").inner_text()
    shot(page, "reviewed_only_setting")
    assert page.console_errors == []


def test_it_marks_approximate_and_estimated_values_on_charts_and_in_exports(seeded, page, live_server):
    # 圣泉's GDP is a 预计 figure: hatched, with the word in its tooltip; its 2023 line point is open.
    open_page(page, live_server, reverse("reports:metric", args=["gdp"]) + "?year=2023")
    trace = next(t for t in figure(page, "#chart-bar")["data"] if t["type"] == "bar")
    shapes = dict(zip(trace["y"], trace["marker"]["pattern"]["shape"], strict=True))
    assert shapes["圣泉街道"] == "/"
    assert "预计" in hover(page, "#chart-bar", "圣泉街道")
    # One year per place: no 历年变化 chart; the open line point of an estimate is drawn on the compare page.
    assert page.locator("#chart-trend").count() == 0
    shot(page, "estimate_chart")
    open_page(page, live_server, reverse("reports:compare") + "?metric=gdp&chart=line")
    (line,) = [t for t in figure(page, "#chart-gdp")["data"] if t.get("name", "").startswith("圣泉街道")]
    symbols = line["marker"]["symbol"]
    assert all(s.endswith("-open") for s in (symbols if isinstance(symbols, list) else [symbols]))

    # 近1000家 new market entities: hatched, never an exact bar at 1000.
    open_page(page, live_server, reverse("reports:metric", args=["market_entities_new"]))
    trace = next(t for t in figure(page, "#chart-bar")["data"] if t["type"] == "bar")
    assert dict(zip(trace["y"], trace["marker"]["pattern"]["shape"], strict=True))["圣泉街道"] == "/"
    assert "近1000家" in chart_text(page, "#chart-bar")

    # Both exports say so: the wide table beside the number, the long one in its 限定 and 备注 columns.
    open_page(page, live_server, "/?year_from=2023&year_to=2023")
    _name, data = _download(page, 'a[data-export="wide-csv"]')
    wide = {r["街道/镇"]: r for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}
    assert "51.03亿元（预计）" in wide["圣泉街道"]["说明（约数与冲突）"]
    assert "近1000家" in wide["圣泉街道"]["说明（约数与冲突）"]
    _name, data = _download(page, 'a[data-export="facts-csv"]')
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    gdp = next(r for r in rows if r["街道/镇"] == "圣泉街道" and r["指标代码"] == "gdp" and r["年份"] == "2023")
    assert "预计" in gdp["备注"]
    entities = next(r for r in rows if r["街道/镇"] == "圣泉街道" and r["指标代码"] == "market_entities_new")
    assert entities["显示值"] == "近1000家" and entities["限定"] == "约"
    assert page.console_errors == []


def test_it_shows_what_a_metric_counts_and_marks_narrower_figures(seeded, page, live_server):
    open_page(page, live_server, reverse("reports:metric", args=["grid_workers"]))
    definition = page.locator("section.definition")
    expect(definition).to_contain_text("专职网格员、兼职网格员")
    expect(definition).to_contain_text("口径窄")
    page.get_by_role("tab", name="表格").click()
    row = page.locator(".fact-table tbody tr").filter(has=page.locator("td.value", has_text="33人"))
    expect(row.locator(".badge.scope")).to_have_text("仅专职")
    whole = page.locator(".fact-table tbody tr", has_text="化龙桥街道").first
    assert whole.locator(".badge.scope").count() == 0
    shot(page, "scope_marks_table")

    # 截至目前共加装电梯320台 is a running total, not one year's elevators: the bar says so.
    open_page(page, live_server, reverse("reports:metric", args=["elevators_installed"]))
    assert "截至当时累计" in chart_text(page, "#chart-bar")
    assert "截至当时累计" in hover(page, "#chart-bar", "几江街道")
    shot(page, "running_total_chart")
    open_page(page, live_server, reverse("reports:metric", args=["grid_workers"]))
    page.get_by_role("link", name="全部指标的定义见数据字典").click()
    page.wait_for_url("**/dictionary/#metric-grid_workers")
    expect(page.locator("#metric-grid_workers")).to_be_in_viewport()
    expect(page.locator("#metric-elderly_care_sites")).to_contain_text("敬老院")
    shot(page, "data_dictionary")
    assert page.console_errors == []
