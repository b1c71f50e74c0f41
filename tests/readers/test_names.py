"""Upload names cleaned and bounded before anything is stored; sizes that never round into the limit."""

import pytest

from reports.readers.names import (
    MAX_NAME_BYTES,
    bound,
    clean_filename,
    clean_relative_path,
    format_excess,
    format_size,
    member_path,
)

EXT_B = "".join(chr(0x20000 + i) for i in range(96))  # 96 CJK Extension-B characters: 384 bytes in UTF-8


@pytest.mark.parametrize(("raw", "clean"), [
    ("圣泉.txt", "圣泉.txt"),
    ("C:\\fakepath\\圣泉.txt", "圣泉.txt"),
    ("../../etc/圣泉.txt", "圣泉.txt"),
    ("圣\x00泉\x07\x1b.txt", "圣泉.txt"),
    ("\u202etxt.exe", "txt.exe"),
    ("圣\u200b泉.txt", "圣泉.txt"),
    ("  圣泉\t\n  一月 .txt ", "圣泉 一月 .txt"),
    ("e\u0301.txt", "\u00e9.txt"),  # NFC
    (".bashrc.txt", "bashrc.txt"),
    ("", "未命名文件"),
    ("..", "未命名文件"),
    ("\x00\x01", "未命名文件"),
])
def test_it_cleans_a_browser_file_name(raw, clean):
    assert clean_filename(raw) == clean


@pytest.mark.parametrize("raw", [EXT_B + ".txt", "网" * 300 + ".docx", "a" * 1000 + ".pdf", "🙂" * 200 + ".html",
                                 "x." + "y" * 400])
def test_it_bounds_a_name_in_characters_and_utf8_bytes(raw):
    name = clean_filename(raw)
    assert len(name) <= 100 and len(name.encode("utf-8")) <= MAX_NAME_BYTES
    suffix = raw.rsplit(".", 1)[-1]
    if len(suffix) <= 10:
        assert name.endswith("…." + suffix)


def test_it_keeps_a_short_name_whole():
    assert bound("圣泉街道.txt") == "圣泉街道.txt"


def test_it_cleans_each_folder_of_a_zip_member_and_keeps_the_whole_name_within_255_characters():
    assert clean_relative_path("一月/\x00圣泉.txt") == "一月/圣泉.txt"
    assert clean_relative_path("a\\b\\c.txt") == "a/b/c.txt"
    long = member_path("合集.zip", clean_relative_path("/".join(["文件夹" * 30] * 5) + "/" + EXT_B + ".txt"))
    assert len(long) <= 255 and long.startswith("合集.zip/…/") and long.endswith(".txt")


@pytest.mark.parametrize(("size", "shown"), [(512, "512 字节"), (256 * 1024, "256 KB"), (1536, "1.5 KB"),
                                             (1024 * 1024, "1 MB"), (1536 * 1024, "1.5 MB"), (50 << 20, "50 MB")])
def test_it_formats_sizes_with_one_decimal(size, shown):
    assert format_size(size) == shown


def test_it_never_shows_a_size_over_the_limit_as_equal_to_it():
    assert format_excess(1536 * 1024, 1 << 20) == ("1.5 MB", "1 MB")
    assert format_excess((1 << 20) + 10, 1 << 20) == ("1,048,586 字节", "1,048,576 字节")
