"""Word documents: paragraphs and tables in order, with a cap on what the zip inside may inflate to."""

import io
import zipfile

import pytest

from reports.readers import ReadError, read_document
from tests.readers.samples import docx_from_text, zip_of


def test_it_reads_paragraphs_and_tables_of_a_docx():
    data = docx_from_text("三江街道养老服务\n\n三江街道建成养老服务站12个。\n\n全年服务老人3000余人次。",
                          table=[["指标", "数值"], ["网格", "58个"]])
    document = read_document(data, "三江.docx")
    assert document.file_format == "docx"
    assert document.text.split("\n\n") == [
        "三江街道养老服务", "三江街道建成养老服务站12个。", "全年服务老人3000余人次。", "指标 数值", "网格 58个",
    ]


def test_it_refuses_a_docx_that_inflates_absurdly():
    data = docx_from_text("三江街道建成养老服务站12个。")
    with zipfile.ZipFile(io.BytesIO(data)) as original:
        members = {info.filename: original.read(info) for info in original.infolist()}
    members["word/media/padding.bin"] = b"\0" * (30 * 1024 * 1024)
    with pytest.raises(ReadError) as error:
        read_document(zip_of(members), "炸弹.docx")
    assert "解压后异常巨大" in error.value.message_zh


def test_it_refuses_a_damaged_docx():
    with pytest.raises(ReadError) as error:
        read_document(zip_of({"word/document.xml": b"<not-xml"}), "坏.docx")
    assert "已损坏" in error.value.message_zh


def test_it_explains_that_old_doc_files_need_saving_as_docx():
    with pytest.raises(ReadError) as error:
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧.docx")
    assert "另存为 .docx" in error.value.message_zh


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_it_calls_a_truncated_docx_a_damaged_word_file_not_a_broken_zip(keep):
    data = docx_from_text("圣泉街道在133个网格的基础上，拓展3310个微网格。")
    with pytest.raises(ReadError) as error:
        read_document(data[:int(len(data) * keep)], "半截.docx")
    assert "Word 文件“半截.docx”已损坏或不完整" in error.value.message_zh
    assert "压缩包" not in error.value.message_zh
