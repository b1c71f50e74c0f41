"""Property tests: numbers survive being written either way, and no stage raises on arbitrary input."""

from decimal import Decimal

import cn2an
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.extract import DecodeError, decode_bytes, default_config, extract
from reports.extract.layout import paragraphs
from reports.extract.normalize import normalize
from reports.extract.quantities import find_quantities, parse_chinese_number

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like a newsletter: Han characters, digits, numerals, units, punctuation and line breaks.
NEWSLETTER_ALPHABET = st.sampled_from(
    list("圣泉街道江北区社区网格员微党组织养老服务站敬老院新增市场主体总量企业分别为增速增长下降今年去年")
    + list("0123456789一二两三四五六七八九十百千万亿零点个名家所处户人%亿元万余近约超以上左右-~")
    + list("，。、；：！？,.;:!?“”《》()（） \n\n　１２３％") + ["2023年", "本报讯", "通讯员 张三", "—"]
)


@PROPERTY
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_it_round_trips_integers_written_in_chinese(n):
    assert parse_chinese_number(cn2an.an2cn(n)) == n


@PROPERTY
@given(st.integers(min_value=1, max_value=10**12 - 1), st.sampled_from(["个", "名", "家", "人次", "元"]))
def test_it_reads_the_same_quantity_in_arabic_and_chinese(n, unit):
    arabic = find_quantities(f"共有{n}{unit}")
    chinese = find_quantities(f"共有{cn2an.an2cn(n)}{unit}")
    grouped = find_quantities(f"共有{n:,}{unit}")
    assert [q.value for q in arabic] == [q.value for q in chinese] == [q.value for q in grouped] == [n]


@PROPERTY
@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_it_round_trips_decimals(value):
    value = value.normalize()
    text = format(value, "f")
    (q,) = find_quantities(f"地区生产总值{text}亿元")
    assert q.value == value * 10**8
    if value == value.to_integral_value():
        assert parse_chinese_number(cn2an.an2cn(text)) == value
    else:
        assert parse_chinese_number(cn2an.an2cn(text)) == Decimal(text)


@PROPERTY
@given(st.text())
def test_no_stage_raises_on_arbitrary_unicode(text):
    norm = normalize(text)
    assert len(norm.source) == len(norm.text)
    paragraphs(norm.text)
    find_quantities(norm.text)
    extraction = extract(text, config=default_config(region="重庆市"))
    for fact in extraction.facts:
        assert extraction.articles[fact.article].text[fact.start:fact.end] == fact.evidence


@PROPERTY
@given(st.lists(NEWSLETTER_ALPHABET, max_size=400).map("".join),
       st.sampled_from([None, "江津区", "重庆市", "成都市", "四川省", "不存在"]))
def test_no_stage_raises_on_newsletter_like_text(text, region):
    extraction = extract(text, config=default_config(region=region))
    for fact in extraction.facts:
        article = extraction.articles[fact.article]
        assert article.text[fact.start:fact.end] == fact.evidence
        assert 0 <= fact.source_start <= fact.source_end <= len(text)
    for item in extraction.initiatives:
        assert extraction.articles[item.article].text[item.start:item.end] == item.description


@PROPERTY
@given(st.binary(max_size=2000))
def test_decode_bytes_raises_only_decode_error(data):
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        assert error.reason_zh and error.reason_en
    else:
        assert isinstance(decoded.text, str) and decoded.text.strip()


@PROPERTY
@given(st.text(min_size=1))
def test_decode_bytes_reads_back_any_utf8_text_it_accepts(text):
    try:
        decoded = decode_bytes(text.encode("utf-8"))
    except DecodeError:
        return
    assert decoded.text == text.lstrip("\ufeff")
