"""PDF pages with a text layer become text in reading order; anything else is refused with a reason."""

import pytest

from reports.readers import ReadError, read_document
from tests.readers.samples import (
    encrypted_pdf,
    pdf_from_text,
    scanned_pdf,
    seed_text,
    two_column_pdf,
    unmapped_font_pdf,
)


def test_it_reads_chinese_text_from_a_pdf_made_from_a_seed_page():
    text = seed_text(1)
    document = read_document(pdf_from_text(text), "几江.pdf")
    assert document.file_format == "pdf"
    assert "几江，跑起来！" in document.text
    assert "2022年度民主" in document.text
    # Every line of the page survives (modulo wrapping), so no column or paragraph is lost.
    # STSong-Light has no glyph for the middle dot, so the generated PDF never contained it.
    flat = document.text.replace("\n", "").replace(" ", "")
    for line in text.splitlines():
        assert line.replace(" ", "").replace("·", "") in flat


def test_it_reads_a_two_column_page_column_by_column():
    left = [f"左栏第{i:02d}行，网格治理成效显著。" for i in range(8)]
    right = [f"右栏第{i:02d}行，养老服务持续提升。" for i in range(8)]
    text = read_document(two_column_pdf("圣泉街道创新开展特色工作", left, right), "page.pdf").text
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[0] == "圣泉街道创新开展特色工作"
    assert lines[1:] == left + right


def test_it_asks_for_ocr_when_a_pdf_has_no_text_layer():
    with pytest.raises(ReadError) as error:
        read_document(scanned_pdf(), "扫描件.pdf")
    assert "没有文字层" in error.value.message_zh
    assert "OCR" in error.value.message_zh


def test_it_refuses_a_truncated_pdf():
    data = pdf_from_text(seed_text(0))
    with pytest.raises(ReadError) as error:
        read_document(data[: len(data) // 2], "半截.pdf")
    assert "已损坏或不完整" in error.value.message_zh


def test_it_refuses_a_password_protected_pdf():
    with pytest.raises(ReadError) as error:
        read_document(encrypted_pdf(), "加密.pdf")
    assert "已加密" in error.value.message_zh


def test_it_refuses_a_pdf_whose_font_cannot_be_mapped_to_text():
    with pytest.raises(ReadError) as error:
        read_document(unmapped_font_pdf(), "字体.pdf")
    assert "没有文字映射表" in error.value.message_zh
    assert "(cid:" not in error.value.message_zh


def test_it_refuses_a_file_named_pdf_that_is_not_one():
    with pytest.raises(ReadError) as error:
        read_document("圣泉街道有133个网格。".encode(), "版面.pdf")
    assert "内容不是PDF文件" in error.value.message_zh


def test_it_refuses_a_pdf_stream_that_inflates_absurdly(monkeypatch):
    from reports.readers import pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "MAX_STREAM_BYTES", 1000)
    with pytest.raises(ReadError) as error:
        read_document(pdf_from_text(seed_text(0)), "炸弹.pdf")
    assert "异常巨大" in error.value.message_zh
