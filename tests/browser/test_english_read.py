"""The English pages read in headless Chromium on the seed data: apart from what the newspapers themselves say
(place names, article titles, sentences, facility types, keywords), no Chinese is left in labels, legends, units or
notes, every place name has its pinyin beside it, and figures keep the digits they were printed with."""

import json
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.models import Article, District, Fact, Initiative, Publication, Subdistrict
from tests.browser.test_dashboard_pages import ARTIFACTS, open_page
from tests.browser.test_reader_polish import use_english

CJK = re.compile(r"[\u4e00-\u9fff]+")


def newspaper_text() -> list[str]:
    """Strings that come from the newspapers, longest first so a name inside a title goes with the title."""
    found = set()
    found.update(Subdistrict.objects.values_list("name", flat=True))
    found.update(District.objects.values_list("name", flat=True))
    found.update(District.objects.values_list("city", flat=True))
    found.update(Publication.objects.values_list("name", flat=True))
    found.update(Article.objects.values_list("title", flat=True))
    for evidence, note, label in Fact.objects.values_list("evidence", "note", "label"):
        found.update([evidence, note or "", label or ""])
    for name, category, evidence in Initiative.objects.values_list("name", "category", "evidence"):
        found.update([name, category or "", evidence])
    return sorted((s for s in found if s), key=len, reverse=True)


def chinese_left(page, data: list[str]) -> list[str]:
    text = page.locator("main").inner_text() + " " + " ".join(page.locator("main svg text").all_text_contents())
    # Chinese source terms an English definition quotes (Grids (网格)) are marked as such.
    for quoted in page.locator("main [lang^=zh]").all_inner_texts():
        text = text.replace(quoted, " ", 1)
    # The language switch names Chinese in Chinese, as language switches do.
    header = page.locator("header.site-header").inner_text().replace("中文", " ")
    text += " " + header + " " + page.locator("footer").inner_text()
    for item in data:
        text = text.replace(item, " ")
    return CJK.findall(text)


def pages() -> list[str]:
    sanjiang = Subdistrict.objects.get(name="三江街道").pk
    return ["/", reverse("reports:metrics"), reverse("reports:metric", args=["grid_count"]),
            reverse("reports:metric", args=["gdp"]) + "?view=table",
            reverse("reports:metric", args=["social_workers"]),
            reverse("reports:compare"), reverse("reports:compare") + "?chart=line&view=table",
            reverse("reports:subdistrict", args=[sanjiang])]


@pytest.mark.parametrize("index", range(8))
def test_it_leaves_no_chinese_label_on_the_english_pages(seeded, page, live_server, index):
    use_english(page, live_server)
    path = pages()[index]
    open_page(page, live_server, path)
    # Tables and hidden panes count too: show every pane before reading.
    page.evaluate("document.querySelectorAll('[data-pane]').forEach(p => p.hidden = false)")
    data = newspaper_text()
    keywords = page.locator("#figure-keywords")
    if keywords.count():
        # A place's keywords are words of its articles.
        data += json.loads(keywords.text_content())["data"][0]["y"]
    left = chinese_left(page, sorted(data, key=len, reverse=True))
    assert left == [], f"{path}: untranslated {left}"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"english_{index}.png"), full_page=True)
    assert page.console_errors == []


def test_it_puts_pinyin_beside_place_names_and_keeps_every_digit(seeded, page, live_server):
    use_english(page, live_server)
    sanjiang = Subdistrict.objects.get(name="三江街道").pk
    open_page(page, live_server, reverse("reports:subdistrict", args=[sanjiang]))
    expect(page.locator("h1")).to_contain_text("三江街道 Sanjiang Jiedao")
    expect(page.locator(".crumbs")).to_contain_text("綦江区 Qijiang Qu")
    open_page(page, live_server, "/")
    ticks = [t.strip() for t in page.locator("#chart-grid g.ytick text").all_text_contents()]
    assert "圣泉街道 (Shengquan Jiedao)" in ticks and "化龙桥街道 (Hualongqiao Jiedao)" in ticks
    economy = " ".join(page.locator("#chart-economy svg text").all_text_contents())
    assert "5.103 bn yuan (2023)" in economy  # 51.03亿元, every digit kept
    open_page(page, live_server, reverse("reports:compare"))
    expect(page.locator(".picker-place", has_text="三江街道")).to_contain_text("Sanjiang Jiedao")
    page.screenshot(path=str(ARTIFACTS / "english_pinyin_compare.png"), full_page=True)
    assert page.console_errors == []
