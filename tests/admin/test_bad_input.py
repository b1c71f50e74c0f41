"""Every kind of bad upload ends in a Chinese message saying what is wrong and what to do; nothing is half-written.

Files refused at upload never become issues; files that fail while being read become a 失败 issue carrying the
message, with no articles, facts or initiatives.
"""

import pytest

from reports.models import Fact, NewsletterIssue, Publication
from tests.admin.conftest import ISSUES_URL, row_counts, upload
from tests.readers.samples import (
    binary_junk,
    encrypted_pdf,
    pdf_from_text,
    scanned_pdf,
    seed_text,
    unmapped_font_pdf,
    zip_of,
)

pytestmark = pytest.mark.usefixtures("immediate_tasks")


@pytest.fixture
def newspaper(db):
    return Publication.objects.create(name="江津日报")


SCRIPT_PAGE = ("<!DOCTYPE html><html><head><script>" + "var t=1;" * 400 + "</script><style>body{}</style></head>"
               "<body>" + "<script>track('圣泉街道')</script>" * 30 + "</body></html>").encode()
MOJIBAKE = seed_text(0).encode("utf-8").decode("latin-1").encode("utf-8")  # UTF-8 read as Latin-1, saved again


REFUSED_AT_UPLOAD = [
    ("empty", "空.txt", b"", "文件“空.txt”是空的（0 字节），没有可导入的内容。"),
    ("unknown extension", "版面.xls", "圣泉街道".encode(), "不支持的文件类型“.xls”（版面.xls）。可上传："),
    ("zip escaping its folder", "一批.zip", zip_of({"ok.txt": "圣泉街道".encode(), "../../etc/x.txt": b"x"}),
     "中的文件“../../etc/x.txt”路径指向压缩包以外"),
    ("zip bomb", "一批.zip", zip_of({"炸弹.txt": b"\0" * (30 * 1024 * 1024)}), "压缩比异常"),
    ("picture named txt", "照片.txt", b"\x89PNG\r\n\x1a\n" + binary_junk(500), "内容其实是PNG 图片"),
]

FAILED_WHILE_READING = [
    ("binary junk named .txt", "junk.txt", binary_junk(), "文件内容不是文字"),
    ("scanned PDF", "扫描.pdf", scanned_pdf(), "需要先做文字识别（OCR）"),
    ("truncated PDF", "半截.pdf", pdf_from_text(seed_text(0))[:6000], "PDF 文件已损坏或不完整"),
    ("encrypted PDF", "加密.pdf", encrypted_pdf(), "PDF 文件已加密"),
    ("PDF font without text map", "字体.pdf", unmapped_font_pdf(), "没有文字映射表"),
    ("HTML full of script", "公众号.html", SCRIPT_PAGE, "网页里没有正文文字"),
    ("mojibake", "乱码.txt", MOJIBAKE, "乱码"),
]


@pytest.mark.parametrize(("case", "name", "data", "message"), REFUSED_AT_UPLOAD, ids=[c[0] for c in REFUSED_AT_UPLOAD])
def test_it_refuses_bad_files_at_upload_with_a_chinese_message(editor_client, newspaper, case, name, data, message):
    before = row_counts()
    response = upload(editor_client, (name, data), publication=newspaper)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert row_counts() == before


@pytest.mark.parametrize(("case", "name", "data", "message"), FAILED_WHILE_READING,
                         ids=[c[0] for c in FAILED_WHILE_READING])
def test_it_fails_unreadable_files_with_a_chinese_message(editor_client, newspaper, case, name, data, message):
    response = upload(editor_client, (name, data), publication=newspaper)
    assert response.status_code == 200
    issue = NewsletterIssue.objects.get()
    assert issue.status == NewsletterIssue.Status.FAILED
    assert message in issue.error_message
    assert row_counts() == {"NewsletterIssue": 1, "Article": 0, "Fact": 0, "Initiative": 0}
    listing = editor_client.get(ISSUES_URL).content.decode()
    assert 'data-status="failed"' in listing
    assert message in listing


def test_it_ingests_a_text_naming_no_subdistrict_and_lists_its_facts_as_unattributed(editor_client, newspaper):
    text = "全市养老服务持续提升\n\n今年以来，共建成社区养老服务站12个，服务老人3000余人次。\n"
    upload(editor_client, ("无地点.txt", text.encode()), publication=newspaper)
    issue = NewsletterIssue.objects.get()
    assert issue.status == NewsletterIssue.Status.DONE
    facts = Fact.objects.filter(article__issue=issue)
    assert facts.exists()
    assert not facts.exclude(subdistrict=None, district=None).exists()
    review = editor_client.get("/admin/reports/fact/", {"place": "none"}).content.decode()
    assert "未归属" in review
    assert "<mark>12</mark>" in review


def test_it_leaves_no_partial_rows_when_storing_fails_halfway(editor_client, newspaper, monkeypatch):
    from reports import services

    original = services.fact_row
    calls = []

    def failing_fact_row(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "fact_row", failing_fact_row)
    upload(editor_client, ("圣泉.txt", seed_text(0).encode()), publication=newspaper)
    issue = NewsletterIssue.objects.get()
    assert issue.status == NewsletterIssue.Status.FAILED
    assert "处理时发生内部错误（RuntimeError），未写入任何数据" in issue.error_message
    assert row_counts() == {"NewsletterIssue": 1, "Article": 0, "Fact": 0, "Initiative": 0}


def test_it_processes_a_failed_file_again_when_uploaded_again(editor_client, newspaper, monkeypatch):
    from reports import services

    monkeypatch.setattr(services, "read_and_extract_issue", lambda **kwargs: (_ for _ in ()).throw(RuntimeError("bug")))
    upload(editor_client, ("圣泉.txt", seed_text(0).encode()), publication=newspaper)
    assert NewsletterIssue.objects.get().status == NewsletterIssue.Status.FAILED
    monkeypatch.undo()

    response = upload(editor_client, ("圣泉.txt", seed_text(0).encode()), publication=newspaper)
    assert "此前处理失败，已按本次填写的信息重新排队处理" in response.content.decode()
    issue = NewsletterIssue.objects.get()
    assert issue.status == NewsletterIssue.Status.DONE
    assert issue.articles.exists()


def test_it_renders_markup_in_article_text_escaped(editor_client, newspaper):
    text = ("圣泉街道网格治理\n\n2023年，圣泉街道划分133个网格。居民留言写道：<script>alert('x')</script>"
            "<b>很好</b>。\n")
    upload(editor_client, ("标记.txt", text.encode()), publication=newspaper)
    fact = Fact.objects.get(value=133)
    article_page = editor_client.get(f"/admin/reports/article/{fact.article_id}/change/").content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in article_page
    assert "<script>alert(" not in article_page
    assert "<b>很好</b>" not in article_page
    facts_page = editor_client.get("/admin/reports/fact/").content.decode()
    assert "<script>alert(" not in facts_page


def test_it_ignores_a_review_filter_value_that_is_not_a_plain_number(editor_client):
    from tests.admin.conftest import FACTS_URL

    for name in ("place", "district", "year"):
        for value in ("²", "٢٠٢٣", "9" * 5000, "--5", "-1", "\x00", "99999999999999999999"):
            response = editor_client.get(FACTS_URL, {name: value})
            assert response.status_code in (200, 302), (name, value[:20])
