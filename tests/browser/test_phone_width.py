"""The reader's pages on a 390 px phone screen in both languages, in headless Chromium on the seed data: the
overview's small multiples stack one above the other, no chart title, panel title, annotation or axis label
runs past its chart or over another, and the page never scrolls sideways."""

import pytest
from django.urls import reverse

from reports.models import Subdistrict
from tests.browser.test_dashboard_pages import ARTIFACTS, open_page
from tests.browser.test_reader_polish import use_english

PHONE = {"width": 390, "height": 844}

# Text plotly draws: the figure title, annotations (panel titles, units, 未报告), axis tick labels, legend entries
# and the labels at the end of bars and lines.
TEXT = ("g.g-gtitle text, g.annotation-text-g text, g.xtick text, g.ytick text, g.legend text.legendtext, "
        "g.textpoint text, g.points text")
FRAMES = ("g.g-gtitle text", "g.annotation-text-g text", "g.legend text.legendtext")


def boxes(chart, selector: str) -> list[tuple[str, dict]]:
    found = []
    for element in chart.locator(selector).all():
        box = element.bounding_box()
        text = (element.text_content() or "").strip()
        if box and text and box["width"] > 0:
            found.append((text, box))
    return found


def overlap(a: dict, b: dict) -> bool:
    # Two pixels of slack: glyph boxes of neighbouring lines touch.
    return (min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"]) > 2
            and min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"]) > 2)


def assert_readable(page, chart_id: str) -> None:
    chart = page.locator(f"#{chart_id}")
    chart.scroll_into_view_if_needed()
    frame = chart.bounding_box()
    texts = boxes(chart, TEXT)
    assert texts, chart_id
    for text, box in texts:
        assert box["x"] >= frame["x"] - 1 and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1, (
            f"{chart_id}: '{text}' runs past the chart ({box} in {frame})")
    framing = boxes(chart, ", ".join(FRAMES))
    for index, (text, box) in enumerate(framing):
        for other, other_box in framing[index + 1:]:
            assert not overlap(box, other_box), f"{chart_id}: '{text}' overlaps '{other}'"
        for tick, tick_box in boxes(chart, "g.xtick text, g.ytick text"):
            assert not overlap(box, tick_box), f"{chart_id}: '{text}' overlaps the axis label '{tick}'"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone_{name}.png"), full_page=True)


def pages() -> dict[str, str]:
    sanjiang = Subdistrict.objects.get(name="三江街道").pk
    return {"overview": "/", "metric": reverse("reports:metric", args=["grid_count"]),
            "compare": reverse("reports:compare"), "compare_lines": reverse("reports:compare") + "?chart=line",
            "subdistrict": reverse("reports:subdistrict", args=[sanjiang])}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_it_stacks_the_overview_panels_on_a_phone(seeded, page, live_server, language):
    page.set_viewport_size(PHONE)
    if language == "en":
        use_english(page, live_server)
    open_page(page, live_server, "/")
    for family in ("grid", "economy"):
        chart = page.locator(f"#chart-{family}")
        # One panel per metric, each below the one before and as wide as the chart.
        bars = chart.locator("g.cartesianlayer g.subplot")
        tops = [b.bounding_box() for b in bars.all()]
        assert len(tops) >= 3
        assert all(a["y"] + a["height"] <= b["y"] for a, b in zip(tops, tops[1:], strict=False)), tops
        frame = chart.bounding_box()
        assert all(t["width"] > frame["width"] * 0.5 for t in tops)
    for chart_id in ("chart-grid", "chart-elderly", "chart-economy"):
        assert_readable(page, chart_id)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, f"overview_{language}")
    assert page.console_errors == []


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("name", ["metric", "compare", "compare_lines", "subdistrict"])
def test_it_keeps_every_chart_readable_on_a_phone(seeded, page, live_server, language, name):
    page.set_viewport_size(PHONE)
    if language == "en":
        use_english(page, live_server)
    open_page(page, live_server, pages()[name])
    charts = [c.get_attribute("id") for c in page.locator("div[data-figure]").all() if c.is_visible()]
    assert charts
    for chart_id in charts:
        assert_readable(page, chart_id)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, f"{name}_{language}")
    assert page.console_errors == []
