"""The words a reviewer reads for why a fact was read that way."""

from reports.admin.facts import reason_text


def test_it_names_every_reading_the_extractor_gives_in_words():
    assert reason_text({"rule": "table", "place": "table", "year": "table"}) == (
        "指标 表格行与表头；地点 表格行的地名；年份 表头或表格行的年份")
    assert reason_text({"rule": "breakdown", "place": "list", "year": "heading"}) == (
        "指标 分地区列出；地点 并列的多个地点；年份 小标题年份")
    assert reason_text({"rule": "before", "place": "paragraph", "year": "sentence"}) == (
        "指标 数字前的指标名；地点 段首地名；年份 句中年份")
