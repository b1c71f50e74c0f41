"""Stage 1a: bytes → text, with the encoding detected and the result checked."""

import codecs

import pytest

from reports.extract import DecodeError, decode_bytes

PAGE = "圣泉街道是江津的首善之地，2023年，圣泉街道守正创新、奋进有为，在133个网格的基础上，拓展3310个微网格。"
TRADITIONAL = "聖泉街道是江津的首善之地，二零二三年，聖泉街道守正創新、奮進有為，拓展微網格，推動各項工作邁上新臺階。"


def test_it_decodes_utf8_without_bom():
    decoded = decode_bytes(PAGE.encode("utf-8"))
    assert decoded.text == PAGE
    assert decoded.encoding == "utf-8"


def test_it_decodes_utf8_with_bom_and_drops_the_mark():
    decoded = decode_bytes(codecs.BOM_UTF8 + PAGE.encode("utf-8"))
    assert decoded.text == PAGE
    assert not decoded.text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_it_decodes_utf16_with_bom(codec):
    data = PAGE.encode(codec)
    if codec != "utf-16":
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    assert decode_bytes(data).text == PAGE


@pytest.mark.parametrize("codec", ["gbk", "gb18030", "gb2312"])
def test_it_decodes_the_gb_family_as_gb18030(codec):
    decoded = decode_bytes(PAGE.encode(codec))
    assert decoded.text == PAGE
    assert decoded.encoding == "gb18030"


def test_it_keeps_characters_only_gb18030_has():
    text = "䶮与𠀀都是生僻字，" + PAGE
    assert decode_bytes(text.encode("gb18030")).text == text


def test_it_decodes_a_short_gbk_headline_that_detectors_call_cp949():
    headline = "圣泉街道创新开展工作"  # 20 bytes of GBK
    assert decode_bytes(headline.encode("gbk")).text == headline


def test_it_tells_big5_from_gb18030_instead_of_producing_mojibake():
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # the trap: no error, only mojibake
    decoded = decode_bytes(data)
    assert decoded.text == TRADITIONAL
    assert decoded.encoding.startswith("big5")


def test_it_rejects_empty_input_with_reasons_in_chinese_and_english():
    for data in (b"", b"   \r\n\t "):
        with pytest.raises(DecodeError) as error:
            decode_bytes(data)
        assert "空" in error.value.reason_zh
        assert "empty" in error.value.reason_en


def test_it_rejects_binary_junk():
    junk = bytes(range(256)) * 8 + b"\x00\x01\x02\x03" * 100
    with pytest.raises(DecodeError) as error:
        decode_bytes(junk)
    assert error.value.reason_zh and error.value.reason_en


def test_it_rejects_a_png_header_and_zip_bytes():
    for data in (b"\x89PNG\r\n\x1a\n" + bytes(range(200)), b"PK\x03\x04" + bytes(range(30, 250)) * 4):
        with pytest.raises(DecodeError):
            decode_bytes(data)


def test_it_rejects_text_already_garbled_by_a_wrong_conversion():
    garbled = PAGE.encode("utf-8").decode("latin-1").encode("utf-8")  # åœ£æ³‰è¡—é“ …
    with pytest.raises(DecodeError) as error:
        decode_bytes(garbled)
    assert "乱码" in error.value.reason_zh


def test_it_rejects_many_replacement_characters():
    with pytest.raises(DecodeError):
        decode_bytes(("\ufffd" * 40 + PAGE).encode("utf-8"))


def test_it_accepts_plain_ascii():
    assert decode_bytes(b"Annual report 2023\n").text == "Annual report 2023\n"

