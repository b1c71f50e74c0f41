"""The extractor's work grows linearly with its input, hostile input included.

Each flood below was quadratic or worse (``"5个"`` × 20,000 took over a minute, 50,000 digits several). The
checks compare CPU time for an input and one ten times larger, measured in the same run: linear work gives a
ratio near 10, quadratic work near 100; the bound of 25 leaves room for a loaded machine. Absolute speed is
measured in bench/extract_scaling_bench.py, not here.
"""

import dataclasses
import time
from decimal import Decimal

import pytest

from reports.extract import Limits, default_config, extract

FLOODS = {
    "digits": "1",
    "chinese numerals": "一",
    "figures": "5个",
    "figures and commas": "5个,",
    "years and figures": "2023年5个",
    "places and figures": "几江街道5个",
    "quoted figures": "“5个”",
    "percentages": "5%",
}
# Floods that hardly yield anything are cheap: they are checked up to 1 MB of UTF-8.
CHEAP = {"digits", "chinese numerals"}


def cpu_seconds(text: str) -> float:
    config = default_config(region="江津区")
    start = time.process_time()
    extract(text, config=config)
    return time.process_time() - start


@pytest.mark.parametrize("name", FLOODS)
def test_it_extracts_floods_in_linear_time(name):
    unit = FLOODS[name]
    small = 333_000 // 10 if name in CHEAP else 3_000
    cpu_seconds(unit * 10)  # warm the gazetteer and the regex caches
    short, long = unit * (small // len(unit)), unit * (10 * small // len(unit))
    ratio = cpu_seconds(long) / max(cpu_seconds(short), 0.005)
    assert ratio < 25, f"{name}: 10× the input took {ratio:.0f}× the time"


def test_it_extracts_every_figure_of_a_long_flood():
    extraction = extract("5个" * 20_000, config=default_config(region="江津区"))
    assert len(extraction.facts) == 20_000
    assert extract("1" * 50_000, config=default_config()).facts == ()


def test_it_keeps_a_figure_beyond_the_default_decimal_precision():
    # ≥ 10^28 raised decimal.InvalidOperation and lost the whole page; storing decides what to keep.
    extraction = extract("全街道划分网格" + "1" * 30 + "个,配备网格员12名。", config=default_config(region="江津区"))
    values = sorted(f.value for f in extraction.facts)
    assert values[0] == 12
    assert values[1] > Decimal(10) ** 28


def limited(**caps):
    return dataclasses.replace(default_config(region="江津区"), limits=dataclasses.replace(Limits(), **caps))


def test_it_processes_only_the_first_characters_of_an_overlong_page_and_says_so():
    extraction = extract("几江街道划分网格5个。\n" * 200, config=limited(max_chars=1_000))
    assert sum(len(a.text) for a in extraction.articles) <= 1_000
    assert any("超过每期 1,000 字的上限，只处理了前 1,000 字" in w for w in extraction.warnings)


def test_it_leaves_out_paragraphs_past_the_article_cap_and_says_so():
    extraction = extract("几江街道划分网格5个。\n" * 100, config=limited(max_article_chars=200))
    assert all(len(a.text) <= 200 for a in extraction.articles)
    assert len(extraction.facts) < 100
    assert any("超过每篇 200 字的上限" in w for w in extraction.warnings)


def test_it_stops_at_the_article_cap_and_says_so():
    page = "".join(f"第{i}条新闻标题\n\n几江街道划分网格{i}个。\n\n(记者 张三)\n\n" for i in range(1, 11))
    unlimited = extract(page, config=default_config(region="江津区"))
    assert len(unlimited.articles) > 3
    extraction = extract(page, config=limited(max_articles=3))
    assert len(extraction.articles) == 3
    assert all(f.article < 3 for f in extraction.facts)
    assert any(f"分出 {len(unlimited.articles)} 篇文章，超过每期 3 篇的上限" in w for w in extraction.warnings)


def test_it_warns_about_nothing_on_an_ordinary_page():
    extraction = extract("几江街道网格建设\n\n几江街道划分网格5个。", config=default_config(region="江津区"))
    assert extraction.warnings == ()
