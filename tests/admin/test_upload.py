"""The 上传报纸 page: files in, issues queued, a real worker processes them, duplicates recognised."""

import pytest
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler

from reports.models import Article, Fact, NewsletterIssue, Publication
from tests.admin.conftest import ISSUES_URL, UPLOAD_URL, row_counts, run_worker, upload
from tests.readers.samples import pdf_from_text, seed_text, zip_of


@pytest.fixture
def jiangjin(db):
    from reports.models import District

    district = District.objects.create(name="江津区", city="重庆市", province="重庆市", admin_code="500116")
    return Publication.objects.create(name="江津日报", region=district)


def test_it_shows_the_upload_form_in_chinese(editor_client, jiangjin):
    response = editor_client.get(UPLOAD_URL)
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("上传报纸", "出版日期", "或新建报纸", "50 MB", ".docx", "江津日报"):
        assert text in page
    assert 'enctype="multipart/form-data"' in page


def test_it_links_the_upload_page_from_the_issue_list(editor_client):
    page = editor_client.get(ISSUES_URL).content.decode()
    assert UPLOAD_URL in page and "上传报纸" in page


@pytest.mark.django_db(transaction=True)
def test_it_queues_uploads_and_the_worker_processes_them(editor_client, jiangjin):
    gbk_page = seed_text(0).encode("gbk")
    pdf_page = pdf_from_text(seed_text(1))
    response = upload(editor_client, ("圣泉.txt", gbk_page), ("几江.pdf", pdf_page), publication=jiangjin)
    assert response.redirect_chain[-1][0] == ISSUES_URL
    page = response.content.decode()
    assert "“圣泉.txt”已上传，排队处理中" in page
    assert "“几江.pdf”已上传，排队处理中" in page
    assert page.count('data-status="queued"') == 2
    assert "本页每 5 秒自动刷新" in page
    assert Article.objects.count() == 0

    run_worker()

    issues = {issue.original_name: issue for issue in NewsletterIssue.objects.all()}
    assert {i.status for i in issues.values()} == {NewsletterIssue.Status.DONE}
    assert (issues["圣泉.txt"].file_format, issues["圣泉.txt"].encoding) == ("txt", "gb18030")
    assert issues["几江.pdf"].file_format == "pdf"
    assert all(i.duration_ms is not None and i.task_id for i in issues.values())
    assert Fact.objects.filter(article__issue=issues["圣泉.txt"], subdistrict__name="圣泉街道",
                               metric__key="grid_count", value=133).exists()
    assert Fact.objects.filter(article__issue=issues["几江.pdf"]).exists()
    page = editor_client.get(ISSUES_URL).content.decode()
    assert page.count('data-status="done"') == 2
    assert "秒" in page
    assert "自动刷新" not in page


def test_it_unpacks_a_zip_into_one_issue_per_file(editor_client, jiangjin, immediate_tasks):
    archive = zip_of({"一月/圣泉.txt": seed_text(0).encode(), "一月/几江.txt": seed_text(1).encode("gb18030"),
                      "__MACOSX/._圣泉.txt": b"\0\1"})
    response = upload(editor_client, ("一月合集.zip", archive), publication=jiangjin)
    assert "“一月合集.zip/一月/圣泉.txt”已上传" in response.content.decode()
    names = sorted(NewsletterIssue.objects.values_list("original_name", "status"))
    assert names == [("一月合集.zip/一月/几江.txt", "done"), ("一月合集.zip/一月/圣泉.txt", "done")]


def test_it_recognises_the_same_bytes_uploaded_again(editor_client, jiangjin, immediate_tasks):
    page = seed_text(0).encode()
    upload(editor_client, ("圣泉.txt", page), publication=jiangjin)
    first = NewsletterIssue.objects.get()
    before = row_counts()

    response = upload(editor_client, ("改了名字.txt", page), publication=jiangjin, published="2024-02-01")
    text = response.content.decode()
    assert "“改了名字.txt”：这个文件的内容与" in text
    assert f"上传的第 {first.pk} 期（江津日报 2024-01-15，文件名 圣泉.txt）完全相同，未重复导入。" in text
    assert row_counts() == before


def test_it_creates_a_new_newspaper_named_in_the_form(editor_client, immediate_tasks):
    from reports.models import District

    district = District.objects.create(name="綦江区", city="重庆市", province="重庆市", admin_code="500110")
    upload(editor_client, ("三江.txt", seed_text(4).encode()), new_publication="綦江日报", region=district,
           published="2023-01-15")
    issue = NewsletterIssue.objects.get()
    assert issue.publication.name == "綦江日报"
    assert issue.publication.region == district
    assert issue.region == district


def test_it_asks_for_a_newspaper_and_a_date(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = editor_client.post(UPLOAD_URL, {"files": [SimpleUploadedFile("a.txt", "圣泉街道".encode())]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "请选择报纸，或填写新报纸的名称。" in page
    assert "这个字段是必填项" in page
    assert NewsletterIssue.objects.count() == 0


def test_it_refuses_an_oversize_file_before_reading_it(editor_client, jiangjin, settings, monkeypatch):
    settings.GOVDASH_MAX_UPLOAD_BYTES = 256 * 1024
    stored = []
    original_memory = MemoryFileUploadHandler.receive_data_chunk
    original_disk = TemporaryFileUploadHandler.receive_data_chunk

    def memory_spy(self, raw_data, start):
        if self.activated:  # only then does it keep the chunk; otherwise it passes it on
            stored.append(len(raw_data))
        return original_memory(self, raw_data, start)

    def disk_spy(self, raw_data, start):
        stored.append(len(raw_data))
        return original_disk(self, raw_data, start)

    monkeypatch.setattr(MemoryFileUploadHandler, "receive_data_chunk", memory_spy)
    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", disk_spy)
    big = ("圣泉街道在133个网格的基础上，拓展3310个微网格。\n" * 60_000).encode()  # about 4 MB
    assert len(big) > 4_000_000
    before = row_counts()

    response = upload(editor_client, ("合订本.txt", big), publication=jiangjin)

    assert response.status_code == 200
    assert "文件“合订本.txt”超过单个文件上限 256 KB，未读取也未保存。" in response.content.decode()
    # Django's own handlers never held more than the limit (plus the one chunk that crossed it).
    assert sum(stored) <= settings.GOVDASH_MAX_UPLOAD_BYTES + 64 * 1024
    assert row_counts() == before


def test_it_refuses_an_oversize_file_by_its_announced_size(settings, jiangjin):
    from reports.services import IncomingFile, accept_files

    settings.GOVDASH_MAX_UPLOAD_BYTES = 1000
    outcomes = accept_files(files=[IncomingFile("大.txt", b"x" * 1001)], publication=jiangjin, published=None)
    assert outcomes[0].status == "refused"
    assert "超过单个文件上限" in outcomes[0].message_zh
    assert NewsletterIssue.objects.count() == 0


def test_it_asks_for_a_zip_when_too_many_files_are_sent_at_once(editor_client, jiangjin, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    files = [(f"{i}.txt", f"圣泉街道第{i}页".encode()) for i in range(5)]
    response = upload(editor_client, *files, publication=jiangjin)
    assert response.status_code == 200
    assert ("一次最多上传 3 个文件，本次没有导入任何文件。更多文件请打包成一个 .zip 压缩包上传。"
            in response.content.decode())
    assert NewsletterIssue.objects.count() == 0


def test_it_records_each_upload_in_the_admin_history(editor_client, editor, jiangjin, immediate_tasks):
    from django.contrib.admin.models import LogEntry

    upload(editor_client, ("圣泉.txt", seed_text(0).encode()), publication=jiangjin)
    entry = LogEntry.objects.get()
    assert (entry.user, entry.object_repr, entry.is_addition()) == (editor, str(NewsletterIssue.objects.get()), True)
