"""Chart figures built from hand-made rows: marks on inexact values, palette and contrast rules."""

from types import SimpleNamespace

from reports import charts
from reports.formatting import value_marks


def row(place: str, value: float, *, key: str, qualifier="exact", note="", year=2023):
    return SimpleNamespace(
        place_key=key, place_id=int(key[1:]), place=place, district="江津区", year=year, metric="m", value=value,
        upper=None, qualifier=qualifier, display=f"{value:g}个", note=note, breakdown="", components=[],
        fact_id=1, url="/articles/1/?fact=1#fact-1", source="江津日报 2023-06-01", title="标题", primary=True,
        conflict=False, reading_values=[f"{value:g}个"], marks=value_marks(qualifier, note))


METRIC = SimpleNamespace(key="m", name="网格数", unit="个")


def test_it_names_the_qualifier_and_the_estimate():
    assert value_marks("about", "") == ["约数"]
    assert value_marks("over", None) == ["超过此数"]
    assert value_marks("under", "") == ["不足此数"]
    assert value_marks("exact", "2024年预计建成") == ["预计"]
    assert value_marks("exact", "专职") == []


def test_it_hatches_estimates_and_approximations_and_says_so_in_the_tooltip():
    rows = [row("甲街道", 10, key="s1"), row("乙街道", 20, key="s2", note="预计"),
            row("丙街道", 30, key="s3", qualifier="about")]
    labels = {r.place_key: r.place for r in rows}
    figure = charts.panels(rows, metrics=[METRIC], order=["s3", "s2", "s1"], labels=labels, title="t",
                           filename="f")
    bars = figure["data"][0]
    assert bars["marker"]["pattern"]["shape"] == ["/", "/", ""]
    assert bars["marker"]["opacity"] == [0.7, 0.7, 1]
    tooltips = [c[1] for c in bars["customdata"]]
    assert tooltips == ["30个·约数", "20个·预计", "10个"]


def test_it_leaves_exact_bars_plain():
    rows = [row("甲街道", 10, key="s1"), row("乙街道", 20, key="s2")]
    figure = charts.panels(rows, metrics=[METRIC], order=["s2", "s1"], labels={"s1": "甲街道", "s2": "乙街道"},
                           title="t", filename="f")
    assert "pattern" not in figure["data"][0]["marker"]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio of two #rgb or #rrggbb colours."""
    def luminance(colour: str) -> float:
        digits = colour.lstrip("#")
        digits = "".join(d * 2 for d in digits) if len(digits) == 3 else digits
        channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_it_computes_contrast_like_wcag():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48  # the classic just-below-AA grey


def css_variable(name: str) -> str:
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "govdash.css").read_text(encoding="utf-8")
    return css.split(f"--{name}:", 1)[1].split(";", 1)[0].strip()


def test_it_keeps_grey_and_tooltip_text_at_aa_contrast():
    rows = [row("甲街道", 10, key="s1", year=2022), row("甲街道", 12, key="s1")]
    figure = charts.lines_over_years(rows, metric=METRIC, years=[2022, 2023], labels={"s1": "甲街道"},
                                     title="t", filename="f")
    hover = figure["layout"]["hoverlabel"]
    assert contrast_ratio(hover["font"]["color"], hover["bgcolor"]) >= 4.5
    source_colour = figure["data"][0]["hovertemplate"].split("color:", 1)[1][:7]
    assert contrast_ratio(source_colour, hover["bgcolor"]) >= 4.5
    not_reported = charts._not_reported_trace(x=[0], y=["乙街道"])["textfont"]["color"]
    assert contrast_ratio(not_reported, figure["layout"]["plot_bgcolor"]) >= 4.5
    # 未报告 in tables and the page's grey text, on cards and on the page background.
    for background in (css_variable("card"), css_variable("bg")):
        assert contrast_ratio(css_variable("muted"), background) >= 4.5


def test_it_keeps_25_places_apart_by_colour_and_symbol():
    names = {f"s{i}": f"第{i}街道" for i in range(1, 26)}
    rows = [row(name, i, key=key) for i, (key, name) in enumerate(names.items(), start=1)]
    figure = charts.lines_over_years(rows, metric=METRIC, years=[2023], labels=names, title="t", filename="f")
    styles = [(t["line"]["color"], t["marker"]["symbol"]) for t in figure["data"]]
    assert len(styles) == 25 == len(set(styles))
    assert {colour for colour, _symbol in styles} <= set(charts.OKABE_ITO)
    # Each line is also named where it ends.
    assert sorted(label for t in figure["data"] for label in t["text"] if label) == sorted(names.values())


def test_it_names_a_narrower_count_on_its_bar_and_opens_its_point():
    narrow = row("甲街道", 33, key="s1")
    narrow.scope = "仅专职"
    whole = row("乙街道", 1036, key="s2")
    whole.scope = ""
    labels = {"s1": "甲街道", "s2": "乙街道"}
    bars = charts.panels([narrow, whole], metrics=[METRIC], order=["s2", "s1"], labels=labels, title="t",
                         filename="f")["data"][0]
    assert bars["text"] == ["1036个（2023）", "33个（仅专职）（2023）"]
    assert bars["customdata"][1][1].startswith("33个·仅专职")
    lines = charts.lines_over_years([narrow, whole], metric=METRIC, years=[2023], labels=labels, title="t",
                                    filename="f")["data"]
    symbols = {t["name"]: t["marker"]["symbol"] for t in lines}
    assert symbols["甲街道"][0].endswith("-open") and isinstance(symbols["乙街道"], str)


def _deuteranope_lab(hex_colour: str) -> tuple[float, float, float]:
    """The colour as a viewer without green cones sees it (Machado, Oliveira & Fernandes 2009, severity 1.0),
    in CIE L*a*b* (D65)."""
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    rgb = [linear(int(hex_colour[i:i + 2], 16)) for i in (1, 3, 5)]
    machado = [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    r, g, b = (max(0.0, sum(w * v for w, v in zip(row, rgb, strict=True))) for row in machado)
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_it_keeps_every_place_colour_apart_under_a_deuteranopia_simulation():
    import itertools
    import math

    closest = min(math.dist(_deuteranope_lab(a), _deuteranope_lab(b))
                  for a, b in itertools.combinations(charts.OKABE_ITO, 2))
    # ΔE*ab above 10 reads as a different colour at a glance; the closest pair (orange and yellow) is about 17.
    assert closest > 10
