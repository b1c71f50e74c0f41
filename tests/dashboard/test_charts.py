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
