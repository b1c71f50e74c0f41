"""PDFs whose layout analysis would be unbounded: read by a cheaper method with a warning, or refused."""

import time

import pytest

from reports.readers import ReadError, read_document
from reports.readers.pdf import MAX_CHARS_PER_PAGE
from tests.readers.samples import crowded_pdf, overlapping_text_pdf, pdf_from_text, scattered_pdf, seed_text


def cpu_seconds(function, *args):
    start = time.process_time()
    function(*args)
    return time.process_time() - start


def test_it_reads_text_drawn_over_itself_without_layout_analysis():
    document = read_document(overlapping_text_pdf(800), "重叠.pdf")
    assert "几江街道划分网格5个" in document.text
    assert any("第 1 页文字大量重叠或行数过多，未做版面分析" in w for w in document.warnings)


def test_it_reads_overlapping_text_in_linear_time():
    small, large = overlapping_text_pdf(140), overlapping_text_pdf(1400)
    read_document(small, "热身.pdf")
    ratio = cpu_seconds(read_document, large, "大.pdf") / max(cpu_seconds(read_document, small, "小.pdf"), 0.01)
    assert ratio < 30, f"10× the lines took {ratio:.0f}× the time"


def test_it_orders_too_many_text_boxes_top_down_and_says_so():
    document = read_document(scattered_pdf(1500), "散.pdf")
    assert document.text.count("网") + document.text.count("格") == 1500
    assert any("文字块过多，未按分栏排序" in w for w in document.warnings)


def test_it_refuses_a_page_with_more_characters_than_any_newspaper():
    with pytest.raises(ReadError) as refused:
        read_document(crowded_pdf(MAX_CHARS_PER_PAGE + 1000), "密.pdf")
    assert f"PDF 第 1 页有超过 {MAX_CHARS_PER_PAGE:,} 个字符" in refused.value.message_zh
    assert "改为上传文本/Word 版" in refused.value.message_zh


def test_it_reads_an_ordinary_page_with_its_layout_and_no_warning():
    document = read_document(pdf_from_text(seed_text(0)), "圣泉.pdf")
    assert document.warnings == ()
    assert "圣泉" in document.text
