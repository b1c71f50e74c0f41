"""A corpus of hostile uploads through the admin: names, zip members, counts, damaged files, bogus charsets.

Every upload ends in a page (never a 5xx) that names each file it refused and why, in Chinese; every accepted
file is stored under a name the file system takes; no zip member disappears without a word.
"""

import io
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from reports.models import NewsletterIssue, Publication
from reports.readers.names import bound
from tests.admin.conftest import ISSUES_URL, UPLOAD_URL, upload
from tests.readers.samples import docx_from_text, zip_of

pytestmark = pytest.mark.usefixtures("immediate_tasks")

EXT_B = "".join(chr(0x20000 + i) for i in range(96))  # the name that gave "File name too long"


def page(number: int) -> bytes:
    return f"圣泉街道第{number}版\n\n圣泉街道划分网格{100 + number}个，配备网格员{200 + number}名。\n".encode()


def html(charset: str, number: int) -> bytes:
    return (f'<html><head><meta charset="{charset}"><title>圣泉街道</title></head><body>'
            f"<p>圣泉街道划分网格{100 + number}个，配备网格员{200 + number}名。</p></body></html>").encode()


def gbk_member_zip() -> bytes:
    # zipfile writes non-ASCII names as flagged UTF-8; patch GBK bytes over an ASCII name of equal length.
    return zip_of({"abcd.txt": page(40)}).replace(b"abcd.txt", "一月.txt".encode("gbk"))


def random_chinese(size: int) -> bytes:
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 600)]
    text = "".join(rng.choice(alphabet) for _ in range(size // 3 + 1))
    return text.encode()[:size - size % 3]


def stored_zip(members: dict[str, bytes]) -> bytes:
    return zip_of(members, compression=zipfile.ZIP_STORED)


@dataclass
class Case:
    id: str
    files: list[tuple[str, bytes]]
    messages: list[str]
    stored: int
    limit: int | None = None
    done: list[str] = field(default_factory=list)  # original names expected to end 完成 (processed at once)


CASES = [
    Case("96 Extension-B characters", [(EXT_B + ".txt", page(1))], ["已上传，排队处理中"], 1),
    Case("control characters in a name", [("圣\x01泉\x1b版.txt", page(2))], ["“圣泉版.txt”已上传"], 1),
    Case("right-to-left override", [("\u202e圣泉exe.txt", page(3))], ["“圣泉exe.txt”已上传"], 1),
    Case("300-character name", [("a" * 300 + ".txt", page(4))], ["…" + ".txt”已上传"], 1),
    Case("decomposed accents", [("Cafe\u0301圣泉.txt", page(5))], ["“Café圣泉.txt”已上传"], 1),
    Case("Windows path", [("C:\\fakepath\\圣泉六.txt", page(6))], ["“圣泉六.txt”已上传"], 1),
    Case("200 emoji", [("🙂" * 200 + ".txt", page(7))], ["已上传，排队处理中"], 1),
    Case("only dots", [("....txt", page(8))], ["不支持的文件类型“（无扩展名）”"], 0),
    Case("executable behind an override", [("\u202etxt.exe", page(9))], ["不支持的文件类型“.exe”"], 0),
    Case("zip member of 96 Extension-B characters between two others",
         [("合集.zip", zip_of({"01.txt": page(10), EXT_B + ".txt": page(11), "03.txt": page(12)}))],
         ["“合集.zip/01.txt”已上传", f"“合集.zip/{bound(EXT_B + '.txt')}”已上传", "“合集.zip/03.txt”已上传",
          "本次共 3 个文件：3 个已排队处理"], 3),
    Case("zip with bad members among good ones",
         [("一批.zip", zip_of({"好.txt": page(13), "表.xls": "圣泉".encode(), "空.txt": b"",
                               "内层.zip": zip_of({"x.txt": page(14)}), "末.txt": page(15)}))],
         ["“一批.zip/好.txt”已上传", "“一批.zip/末.txt”已上传", "不支持的文件类型“.xls”（一批.zip/表.xls）",
          "文件“一批.zip/空.txt”是空的", "“一批.zip/内层.zip”是压缩包中的压缩包",
          "本次共 5 个文件：2 个已排队处理，3 个被拒绝、未保存"], 2),
    Case("zip member with control characters", [("控.zip", zip_of({"一月/\x07圣\x1b泉.txt": page(16)}))],
         ["“控.zip/一月/圣泉.txt”已上传"], 1),
    Case("zip member named in GBK", [("旧.zip", gbk_member_zip())], ["“旧.zip/一月.txt”已上传"], 1),
    Case("1.5 MB member over a 1 MB limit", [("大.zip", zip_of({"大.txt": random_chinese(1536 * 1024)}))],
         ["“大.zip”中的“大.txt”解压后有 1.5 MB，超过单个文件上限 1 MB"], 0, limit=1 << 20),
    Case("the same member twice", [("重.zip", zip_of({"a.txt": page(17), "b.txt": page(17)}))],
         ["“重.zip/a.txt”已上传", "“重.zip/b.txt”：这个文件的内容与", "1 个此前已导入"], 1),
    Case("nothing but OS clutter", [("空.zip", zip_of({"__MACOSX/._a.txt": b"\0\1", ".DS_Store": b"\0"}))],
         ["压缩包“空.zip”里没有可导入的文件", "系统附带文件已忽略"], 0),
    Case("a dot-named member is read, AppleDouble told",
         [("点.zip", zip_of({".圣泉.txt": page(18), "._圣泉.txt": b"\0\1"}))],
         ["“点.zip/圣泉.txt”已上传", "系统附带文件已忽略（不是报纸）：._圣泉.txt"], 1),
    Case("truncated docx", [("半截.docx", docx_from_text("圣泉街道划分网格133个。")[:3000])],
         ["Word 文件“半截.docx”已损坏或不完整"], 0),
    Case("zip renamed .docx", [("改名.docx", zip_of({"x.txt": page(19)}))], ["Word 文件“改名.docx”已损坏或不完整"], 0),
    Case("truncated zip", [("断.zip", stored_zip({"a.txt": page(20) * 50})[:700])], ["压缩包“断.zip”已损坏"], 0),
    Case("501 members", [("多.zip", zip_of({f"{i}.txt": page(1000 + i) for i in range(501)}))],
         ["有 501 个文件，超过上限 500 个"], 0),
    Case("member escaping its folder next to a good one",
         [("逃.zip", zip_of({"ok.txt": page(21), "../../etc/x.txt": b"x"}))], ["路径指向压缩包以外"], 0),
    Case("plain files, two refused",
         [("好.txt", page(22)), ("空白.txt", b""), ("图.txt", b"\x89PNG\r\n\x1a\n" + bytes(300))],
         ["“好.txt”已上传", "文件“空白.txt”是空的", "内容其实是PNG 图片",
          "本次共 3 个文件：1 个已排队处理，2 个被拒绝"], 1),
    Case("HTML declaring rot13", [("rot13.html", html("rot13", 23))], ["已上传"], 1, done=["rot13.html"]),
    Case("HTML declaring idna", [("idna.html", html("idna", 24))], ["已上传"], 1, done=["idna.html"]),
    Case("HTML declaring utf-16 in ASCII", [("u16.html", html("utf-16", 25))], ["已上传"], 1, done=["u16.html"]),
    Case("HTML declaring base64", [("b64.html", html("base64", 26))], ["已上传"], 1, done=["b64.html"]),
    Case("deep folders of long names", [("深.zip", zip_of({"/".join(["文件夹" * 30] * 6) + "/圣泉.txt": page(27)}))],
         ["“深.zip/…/圣泉.txt”已上传"], 1),
]


def hostile_file_count() -> int:
    count = 0
    for case in CASES:
        for _name, data in case.files:
            count += 1
            if data.startswith(b"PK") and zipfile.is_zipfile(io.BytesIO(data)):
                count += len(zipfile.ZipFile(io.BytesIO(data)).namelist())
    return count


@pytest.fixture
def newspaper(db):
    return Publication.objects.create(name="江津日报")


def test_it_has_a_corpus_of_hostile_files():
    assert len(CASES) >= 25
    assert hostile_file_count() >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_it_answers_every_hostile_upload_with_a_page_naming_each_refusal(editor_client, newspaper, settings, case):
    if case.limit:
        settings.GOVDASH_MAX_UPLOAD_BYTES = case.limit
    response = upload(editor_client, *case.files, publication=newspaper)
    assert response.status_code == 200
    text = response.content.decode()
    for message in case.messages:
        assert message in text
    issues = list(NewsletterIssue.objects.all())
    assert len(issues) == case.stored
    for issue in issues:
        assert len(issue.original_name) <= 255
        stored = Path(issue.original_file.path)
        assert stored.is_file() and len(stored.name.encode("utf-8")) <= 255
    for name in case.done:
        assert NewsletterIssue.objects.get(original_name=name).status == NewsletterIssue.Status.DONE


def csrf_client(user) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(UPLOAD_URL)
    return client, client.cookies["csrftoken"].value


def test_it_gives_the_limit_message_for_101_files_even_with_csrf_checks(editor, newspaper):
    client, token = csrf_client(editor)
    files = [SimpleUploadedFile(f"{i}.txt", page(2000 + i)) for i in range(101)]
    response = client.post(UPLOAD_URL, {"files": files, "publication": newspaper.pk, "published": "2024-01-15",
                                        "csrfmiddlewaretoken": token}, follow=True)
    assert response.status_code == 200
    assert "一次最多上传 100 个文件，本次没有导入任何文件。" in response.content.decode()
    assert NewsletterIssue.objects.count() == 0


def test_it_answers_a_malformed_multipart_body_with_a_message(editor, newspaper):
    client, token = csrf_client(editor)
    response = client.generic("POST", UPLOAD_URL, b"--x\r\nContent-Disposition: form-data; name=\"files\"",
                              content_type="multipart/form-data; boundary=", headers={"X-CSRFToken": token})
    assert response.status_code == 302
    assert "上传的表单数据无法识别" in client.get(response["Location"]).content.decode()
    assert NewsletterIssue.objects.count() == 0


def test_it_warns_in_the_issue_list_when_a_file_yields_no_figure(editor_client, newspaper):
    upload(editor_client, ("无数据.txt", "圣泉街道开展志愿服务活动\n\n街道干部走访群众，倾听意见建议。\n".encode()),
           publication=newspaper)
    issue = NewsletterIssue.objects.get()
    assert issue.status == NewsletterIssue.Status.DONE
    listing = editor_client.get(ISSUES_URL).content.decode()
    assert "完成（未找到数据）" in listing and 'data-warning="empty"' in listing
    assert "没有识别出任何数字指标" in listing
