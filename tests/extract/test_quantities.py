"""Stage 5: numbers with units, in Arabic and Chinese numerals."""

from decimal import Decimal

import pytest

from reports.extract.quantities import find_quantities, parse_chinese_number

from .helpers import metric_facts


def _q(text):
    return [(q.value, q.unit, q.approx) for q in find_quantities(text)]


@pytest.mark.parametrize("text,value", [
    ("一千三百万", 13_000_000), ("两", 2), ("六", 6), ("十", 10), ("十五", 15), ("一百零五", 105),
    ("三万五", 35_000), ("一亿零一万", 100_010_000), ("三点五", Decimal("3.5")), ("万", 10_000), ("二十", 20),
])
def test_it_parses_chinese_numerals(text, value):
    assert parse_chinese_number(text) == value


def test_it_rejects_digit_strings_that_are_no_numeral():
    assert parse_chinese_number("一二三") is None
    assert parse_chinese_number("二〇二三") is None


def test_it_reads_arabic_numbers_decimals_and_spaces_before_the_unit():
    assert _q("在 133 个网格的基础上,地区生产总值 51.03 亿元,3,500人") == [
        (133, "个", "exact"), (Decimal("5103000000"), "元", "exact"), (3500, "人", "exact")]


def test_it_reads_chinese_numerals_before_counting_words():
    assert _q("通过六支队伍,设立两个站点,投资一千三百万元") == [
        (6, "支", "exact"), (2, "个", "exact"), (13_000_000, "元", "exact")]


def test_it_applies_wan_and_yi():
    assert _q("30万余次,3.7万平方米,1.1亿元") == [
        (300_000, "次", "over"), (37_000, "平方米", "exact"), (110_000_000, "元", "exact")]


def test_it_reads_a_qualifier_printed_before_the_multiplier():
    assert _q("志愿者10余万名,40多万人,十余万人") == [
        (100_000, "名", "over"), (400_000, "人", "over"), (100_000, "人", "over")]


@pytest.mark.parametrize("text,approx", [
    ("近1000家", "about"), ("约40平方米", "about"), ("大约40平方米", "about"), ("40人左右", "about"),
    ("120余次", "over"), ("3000多户", "over"), ("超3200家", "over"), ("80%以上", "over"), ("逾百分之八十", "over"),
    ("不到10个", "under"), ("15分钟以内30个", "exact"), ("30个以内", "under"), ("不足5个", "under"),
])
def test_it_reads_qualifiers(text, approx):
    assert find_quantities(text)[-1].approx == approx


def test_it_reads_ranges():
    (q,) = find_quantities("社区按照1500-2000人为标准")
    assert (q.value, q.upper, q.unit) == (1500, 2000, "人")
    (q,) = find_quantities("三至五个")
    assert (q.value, q.upper) == (3, 5)


def test_it_reads_percentages():
    assert _q("增速 5%,同比下降46.78%,百分之八十") == [
        (5, "%", "exact"), (Decimal("46.78"), "%", "exact"), (80, "%", "exact")]


def test_it_reads_counting_words():
    units = [q.unit for q in find_quantities("5处 6户 7家 8所 9栋 10台 11人 12座 13支 14条 15人次 16场次 17名")]
    assert units == ["处", "户", "家", "所", "栋", "台", "人", "座", "支", "条", "人次", "场次", "名"]


def test_it_converts_numerals_only_inside_recognized_spans():
    text = "推进一网统管,做好一老一小,落实三次产业政策,一次性解决,第一届,数十名,十四五规划,一站式服务"
    assert find_quantities(text) == []


def test_it_ignores_dates_durations_ages_and_names_in_quotes():
    text = "2023年2月16日下午1点,经过4个月筹备,60岁以上老人,建党102周年,“2121服务为你”,《1+1+3 邻里互助流程图》"
    assert find_quantities(text) == []


def test_it_reads_counts_in_a_quoted_chain_of_levels_but_not_in_a_quoted_code():
    chain = _q("形成“镇指挥中心—四大板块—30个村(社)网格—132个微网格”治理链条")
    assert [(value, unit) for value, unit, _ in chain] == [(30, "个"), (132, "个")]
    assert _q("推行“1-3-5”工作法,打造“5-10-15分钟”生活圈") == []


def test_it_keeps_a_voltage_unit_apart_from_the_thousand_multiplier():
    assert _q("10千伏线路") == [(10, "千伏", "exact")]


def test_it_converts_money_to_the_metrics_unit():
    (gdp,) = metric_facts("玉林街道\n\n全年地区生产总值达到1300万元。\n", region="武侯区")
    assert (gdp.metric, gdp.value, gdp.unit) == ("gdp", Decimal("0.13"), "亿元")
    (gdp,) = metric_facts("玉林街道\n\n玉林街道实现地区生产总值 51.03 亿元。\n", region="武侯区")
    assert (gdp.value, gdp.unit) == (Decimal("51.03"), "亿元")


def test_it_keeps_generic_money_in_wan_yuan():
    from .helpers import facts
    (f,) = facts("玉林街道\n\n投资1300万元精细打造金樽湖项目。\n", region="武侯区")
    assert (f.metric, f.value, f.unit, f.label) == (None, 1300, "万元", "投资")


def test_it_keeps_small_generic_sums_in_yuan():
    from .helpers import facts

    (f,) = facts("玉林街道\n\n60岁以上老人每餐只需12元。\n", region="武侯区")
    assert (f.metric, f.value, f.unit) == (None, 12, "元")


def test_it_reads_people_counted_in_wan_with_no_word_for_people_after_the_number():
    (q,) = find_quantities("长沙市注册志愿者人数突破154万,文明实践活动深入人心。")
    assert (q.value, q.unit, q.family, q.approx) == (1540000, "人", "count", "over")
    assert find_quantities("全区生产总值突破154万,") == []


def test_it_reads_counts_joined_by_plus_signs_but_not_a_code_of_digits():
    quantities = find_quantities("构建起“81个总网格+961个一般网格+6316个微网格”的架构。")
    values = [(float(q.value), q.unit) for q in quantities]
    assert values == [(81, "个"), (961, "个"), (6316, "个")]
    assert [float(q.value) for q in find_quantities("建立“1+3+N”工作机制,共5个。")] == [5]


def test_a_bare_yi_run_into_an_abbreviated_measure_is_money():
    [q] = find_quantities("锦界GDP680亿,")
    assert (q.value, q.family) == (Decimal(68_000_000_000), "money")


def test_a_bare_wan_after_a_noun_for_firms_counts_firms():
    [q] = find_quantities("经营主体总量达21.41万,")
    assert (q.value, q.family) == (Decimal(214100), "count")
    assert find_quantities("年产值达21.41万,") == []
