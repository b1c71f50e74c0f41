"""Plain text in every common Chinese encoding reads back as the same text; junk and mojibake are refused."""

import codecs

import pytest

from reports.readers import ReadError, read_document
from tests.readers.samples import binary_junk, seed_text

PAGE = seed_text(4)


@pytest.mark.parametrize(("encoding", "prefix"), [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_it_reads_a_page_in_any_common_simplified_chinese_encoding(encoding, prefix):
    document = read_document(prefix + PAGE.encode(encoding), "三江.txt")
    assert document.file_format == "txt"
    assert document.text.strip() == PAGE.strip()


def test_it_reads_traditional_chinese_in_big5_instead_of_garbling_it_as_gb():
    text = "三江街道劃分網格58個，配備專職網格員120名，建成養老服務站12個，服務老人3000餘人次。" * 3
    document = read_document(text.encode("big5"), "三江.txt")
    assert document.text.strip() == text


def test_it_refuses_binary_junk_named_txt():
    with pytest.raises(ReadError) as error:
        read_document(binary_junk(), "junk.txt")
    assert "文件内容不是文字" in error.value.message_zh


def test_it_refuses_text_that_was_garbled_by_a_wrong_conversion():
    garbled = PAGE.encode("utf-8").decode("latin-1").encode("utf-8")
    with pytest.raises(ReadError) as error:
        read_document(garbled, "乱码.txt")
    assert "乱码" in error.value.message_zh
    assert "另存为 UTF-8" in error.value.message_zh


def test_it_refuses_an_empty_file_and_an_unknown_extension():
    with pytest.raises(ReadError, match="empty"):
        read_document(b"", "x.txt")
    with pytest.raises(ReadError) as error:
        read_document("圣泉街道".encode(), "x.csv")
    assert "不支持的文件类型“.csv”" in error.value.message_zh
