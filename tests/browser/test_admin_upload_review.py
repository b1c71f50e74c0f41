"""A member of staff uploads two issues in the admin, watches the worker finish them, reviews the facts, and sees
the corrected value on the dashboard; re-extraction keeps both decisions."""

import io
import threading
import time

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import expect

from reports.models import Fact, NewsletterIssue
from tests.readers.samples import pdf_from_text, seed_text

pytestmark = pytest.mark.browser


class BackgroundWorker:
    """The real django-tasks database worker, polling in a thread as `make run` runs it in a process."""

    def __init__(self):
        from reports.management.commands.worker import ResilientWorker as Worker

        self.worker = Worker(queue_names=["default"], interval=0.2, batch=False, backend_name="default",
                             startup_delay=False, max_tasks=None, worker_id="browser-test",
                             excluded_queue_names=[])
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        try:
            self.worker.run()
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.worker.running = False
        self.thread.join(30)


def statuses(page) -> list[str]:
    return page.locator("#result_list .issue-status").all_inner_texts()


@pytest.mark.django_db(transaction=True)
def test_it_uploads_processes_and_reviews_issues_in_the_admin(page, live_server, tmp_path, django_user_model):
    call_command("load_reference", verbosity=0)
    user = django_user_model.objects.create_user(username="王编辑", password="s3cret-Pass", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    gbk = tmp_path / "圣泉街道.txt"
    gbk.write_bytes(seed_text(0).encode("gbk"))
    pdf = tmp_path / "几江街道.pdf"
    pdf.write_bytes(pdf_from_text(seed_text(1)))

    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "王编辑")
    page.fill("#id_password", "s3cret-Pass")
    page.click("input[type=submit]")
    page.get_by_role("link", name="报纸期次").first.click()
    page.get_by_role("link", name="上传报纸").click()
    page.set_input_files("#id_files", [str(gbk), str(pdf)])
    page.fill("#id_new_publication", "江津日报")
    page.fill("#id_published", "2024-01-15")
    page.select_option("#id_region", label="江津区")
    page.screenshot(path="test-artifacts/admin_upload_form.png", full_page=True)
    page.click("#upload-form input[type=submit]")

    page.wait_for_url("**/admin/reports/newsletterissue/")
    expect(page.get_by_text("“圣泉街道.txt”已上传，排队处理中")).to_be_visible()
    assert statuses(page) == ["排队", "排队"]
    page.screenshot(path="test-artifacts/admin_issues_queued.png", full_page=True)

    seen = set(statuses(page))
    with BackgroundWorker():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            page.reload()
            seen.update(statuses(page))
            if statuses(page) == ["完成", "完成"]:
                break
            time.sleep(0.3)
    assert statuses(page) == ["完成", "完成"], seen
    assert "秒" in page.locator("#result_list").inner_text()
    page.screenshot(path="test-artifacts/admin_issues_done.png", full_page=True)
    issues = {i.original_name: i for i in NewsletterIssue.objects.all()}
    assert issues["圣泉街道.txt"].encoding == "gb18030"
    assert issues["几江街道.pdf"].file_format == "pdf"

    # Confirm one fact from the review queue ...
    micro = Fact.objects.get(article__issue=issues["圣泉街道.txt"], metric__key="micro_grid_count",
                             subdistrict__name="圣泉街道")
    grids = Fact.objects.get(article__issue=issues["圣泉街道.txt"], metric__key="grid_count",
                             subdistrict__name="圣泉街道")
    page.goto(f"{live_server.url}/admin/reports/fact/?place={micro.subdistrict_id}")
    expect(page.locator("mark", has_text="3310").first).to_be_visible()
    page.check(f"input[name=_selected_action][value='{micro.pk}']")
    page.select_option("select[name=action]", label="确认选中的数据")
    page.click("button[name=index]")
    expect(page.get_by_text("已确认 1 条数据。")).to_be_visible()

    # ... and correct another.
    page.goto(f"{live_server.url}/admin/reports/fact/{grids.pk}/change/")
    assert page.locator(".evidence mark").inner_text() == "133"
    page.fill("#id_value", "135")
    page.screenshot(path="test-artifacts/admin_fact_correct.png", full_page=True)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.goto(f"{live_server.url}/admin/reports/fact/?place={grids.subdistrict_id}")
    page.screenshot(path="test-artifacts/admin_review_queue.png", full_page=True)
    row = page.locator("#result_list tr", has=page.locator("mark", has_text="133"))
    assert "已更正" in row.first.inner_text()
    assert "135" in row.first.inner_text()

    micro.refresh_from_db()
    grids.refresh_from_db()
    assert (micro.review_status, grids.review_status, grids.value) == ("confirmed", "corrected", 135)
    assert grids.reviewed_by == user

    # The dashboard shows the corrected value.
    page.goto(f"{live_server.url}/articles/{grids.article_id}/")
    fact_item = page.locator(f"[data-fact='{grids.pk}']")
    assert "135" in fact_item.inner_text()
    assert "133" not in fact_item.inner_text()
    page.screenshot(path="test-artifacts/dashboard_article_corrected.png", full_page=True)

    # Re-extraction keeps both decisions.
    call_command("reextract", "--all", verbosity=0, stdout=io.StringIO())
    micro.refresh_from_db()
    grids.refresh_from_db()
    assert (micro.review_status, grids.review_status, grids.value) == ("confirmed", "corrected", 135)
    assert not Fact.objects.filter(metric__key="grid_count", subdistrict__name="圣泉街道", value=133).exists()
    assert page.console_errors == []
