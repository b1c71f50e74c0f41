"""Hostile uploads that ask for unbounded work or hold numbers the database cannot store.

Each ends within seconds as 完成 (with a warning on the issue for what was left out) or 失败 with a Chinese
message saying what happened and what to do; none loses the valid figures of its page.
"""

from decimal import Decimal

import pytest

from reports import budget, services
from reports.extract import ArticleResult, Extraction, FactResult
from reports.models import Article, Fact, NewsletterIssue, Publication
from reports.readers import DocumentText
from tests.admin.conftest import ISSUES_URL, row_counts, upload
from tests.readers.samples import crowded_pdf, overlapping_text_pdf, scattered_pdf

pytestmark = pytest.mark.usefixtures("immediate_tasks")

DONE, FAILED = NewsletterIssue.Status.DONE, NewsletterIssue.Status.FAILED


@pytest.fixture
def newspaper(db):
    return Publication.objects.create(name="江津日报")


def only_issue():
    return NewsletterIssue.objects.get()


def page_with(figure: str) -> bytes:
    return f"几江街道网格建设\n\n2023年，几江街道划分网格{figure}个，配备专职网格员12名。\n".encode()


@pytest.mark.parametrize("digits", [17, 30])
def test_it_drops_a_value_too_large_to_store_and_keeps_the_rest(editor_client, newspaper, digits):
    # 17 digits overflowed numeric(20, 4); 30 raised decimal.InvalidOperation in the extractor.
    upload(editor_client, ("大数.txt", page_with("1" * digits)), publication=newspaper)
    issue = only_issue()
    assert issue.status == DONE, issue.error_message
    assert list(Fact.objects.values_list("value", flat=True)) == [Decimal(12)]
    assert "1 个数值过大（绝对值达到 10 的 16 次方），无法保存，已舍弃" in issue.warnings
    listing = editor_client.get(ISSUES_URL).content.decode()
    assert 'class="issue-warning"' in listing
    assert "无法保存，已舍弃" in listing
    detail = editor_client.get(f"{ISSUES_URL}{issue.pk}/change/").content.decode()
    assert "处理警告" in detail


def test_it_stores_the_first_articles_of_an_issue_with_too_many(editor_client, newspaper, monkeypatch):
    # More than 32,767 articles overflowed the smallint position and lost the issue.
    count = 32_768
    articles = tuple(ArticleResult(index=i, title="", text=f"第{i}篇", place=None, year=2023) for i in range(count))
    facts = tuple(
        FactResult(article=i, place=None, year=2023, metric=None, label="网格", value=Decimal(5), upper=None,
                   unit="个", approx="exact", note="", evidence="划分网格5个。", start=0, end=7, value_start=4,
                   value_end=5, confidence=0.5)
        for i in (0, count - 1))
    processed = budget.Processed(document=DocumentText(text="…", file_format="txt"),
                                 extraction=Extraction(articles=articles, facts=facts, version="test"))
    monkeypatch.setattr(services, "_read_and_extract_budgeted", lambda **kwargs: processed)
    upload(editor_client, ("多篇.txt", "几江街道".encode()), publication=newspaper)
    issue = only_issue()
    assert issue.status == DONE, issue.error_message
    assert Article.objects.count() == services.MAX_ARTICLES
    assert Fact.objects.count() == 1
    assert f"分出 {count:,} 篇文章，超过每期 {services.MAX_ARTICLES:,} 篇的上限" in issue.warnings


def test_it_stops_processing_past_the_time_limit(editor_client, newspaper, settings):
    settings.GOVDASH_PROCESSING_TIME_LIMIT_SECONDS = 0.5
    upload(editor_client, ("慢.txt", ("几江街道划分网格5个," * 20_000).encode()), publication=newspaper)
    issue = only_issue()
    assert issue.status == FAILED
    assert "处理超时：读取和抽取这个文件超过了 0.5 秒的上限，已停止，未写入任何数据" in issue.error_message
    assert "GOVDASH_PROCESSING_TIME_LIMIT_SECONDS" in issue.error_message
    assert row_counts() == {"NewsletterIssue": 1, "Article": 0, "Fact": 0, "Initiative": 0}


def test_it_stops_processing_past_the_memory_limit(editor_client, newspaper, settings):
    settings.GOVDASH_PROCESSING_MEMORY_LIMIT_MB = 1  # below what the child already holds: its next allocation fails
    # Long enough to need memory the fork server has not mapped already (a two-line page fits in what its warm-up
    # extraction left).
    page = page_with("5") + "社区开展志愿服务活动，服务群众3000人次。\n".encode() * 5000
    upload(editor_client, ("大.txt", page), publication=newspaper)
    issue = only_issue()
    assert issue.status == FAILED
    assert "内存超限：读取和抽取这个文件需要超过 1 MB 内存，已停止，未写入任何数据" in issue.error_message
    assert row_counts() == {"NewsletterIssue": 1, "Article": 0, "Fact": 0, "Initiative": 0}


HOSTILE = [
    ("overlapping text PDF", "重叠.pdf", lambda: overlapping_text_pdf(800), DONE, "文字大量重叠或行数过多"),
    ("scattered text boxes", "散.pdf", lambda: scattered_pdf(1500), DONE, "文字块过多，未按分栏排序"),
    ("crowded PDF page", "密.pdf", lambda: crowded_pdf(40_000), FAILED, "个字符，远多于一版报纸"),
    ("figure flood", "五个.txt", lambda: ("5个" * 20_000).encode(), DONE, ""),
    ("digit flood", "数字.txt", lambda: ("1" * 50_000).encode(), DONE, ""),
    ("numeral flood", "一.txt", lambda: ("网格" + "一" * 50_000 + "个").encode(), DONE, ""),
    ("quoted figures", "引号.txt", lambda: ("“5个”" * 10_000).encode(), DONE, ""),
    ("place flood", "地名.txt", lambda: ("几江街道5个" * 5_000).encode(), DONE, ""),
    ("huge text", "长.txt", lambda: ("网格" * 500_100).encode(), DONE, "超过每期 1,000,000 字的上限"),
    ("many articles", "多篇.txt",
     lambda: "".join(f"第{i}条新闻\n\n几江街道划分网格{i}个。\n\n(记者 张三)\n\n" for i in range(2_100)).encode(),
     DONE, "超过每期 2,000 篇的上限"),
]


@pytest.mark.parametrize(("name", "filename", "make", "status", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_it_processes_a_hostile_upload_within_bounds(editor_client, newspaper, name, filename, make, status,
                                                      message):
    upload(editor_client, (filename, make()), publication=newspaper)
    issue = only_issue()
    assert issue.status == status, issue.error_message
    assert "内部错误" not in issue.error_message
    if status == FAILED:
        assert message in issue.error_message
        assert Article.objects.count() == 0
    elif message:
        assert message in issue.warnings
