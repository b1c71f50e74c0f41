"""Zip archives of newsletter files: unpacked with path, size and ratio checks."""

import zipfile

import pytest

from reports.readers import ReadError, unpack_zip
from tests.readers.samples import zip_of

MB = 1024 * 1024


def unpack(data, **limits):
    return unpack_zip(data, archive_name="一批.zip", max_member_bytes=limits.get("member", 50 * MB),
                      max_total_bytes=limits.get("total", 200 * MB))


def test_it_unpacks_files_and_skips_folders_and_os_clutter():
    data = zip_of({"2024/一月.txt": "圣泉街道".encode(), "2024/": b"", "__MACOSX/2024/._一月.txt": b"x",
                   ".DS_Store": b"x", "二月.pdf": b"%PDF-1.7"})
    members = unpack(data)
    assert [(m.name, m.data) for m in members] == [("2024/一月.txt", "圣泉街道".encode()), ("二月.pdf", b"%PDF-1.7")]


def test_it_reads_gbk_member_names_from_chinese_windows():
    # zipfile always writes non-ASCII names as flagged UTF-8, so patch GBK bytes over an ASCII name of equal length.
    data = zip_of({"abcd.txt": b"text"}).replace(b"abcd.txt", "一月.txt".encode("gbk"))
    assert unpack(data)[0].name == "一月.txt"


@pytest.mark.parametrize("name", ["../../etc/cron.d/x.txt", "/etc/passwd.txt", "a/../../b.txt", "C:\\x.txt",
                                  "..\\..\\x.txt"])
def test_it_refuses_an_archive_with_a_path_that_escapes_its_folder(name):
    with pytest.raises(ReadError) as error:
        unpack(zip_of({"ok.txt": b"fine", name: b"evil"}))
    assert "路径指向压缩包以外" in error.value.message_zh


def test_it_refuses_an_absurd_expansion_ratio():
    data = zip_of({"炸弹.txt": b"\0" * (20 * MB)})
    assert len(data) < 100_000
    with pytest.raises(ReadError) as error:
        unpack(data)
    assert "压缩比异常" in error.value.message_zh


def test_it_refuses_an_archive_larger_than_the_limit_once_unpacked():
    data = zip_of({f"{i}.txt": bytes(range(256)) * 4096 for i in range(3)}, compression=zipfile.ZIP_STORED)
    with pytest.raises(ReadError) as error:
        unpack(data, member=2 * MB, total=2 * MB)
    assert "超过上限 2 MB" in error.value.message_zh


def test_it_refuses_a_damaged_archive():
    with pytest.raises(ReadError) as error:
        unpack(b"PK\x03\x04 not really")
    assert "已损坏" in error.value.message_zh
