"""What staff see when a file cannot be read, and when two articles disagree."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from reports.models import Fact
from tests.browser.helpers import log_in
from tests.browser.test_admin_upload_review import BackgroundWorker, statuses
from tests.readers.samples import scanned_pdf

pytestmark = pytest.mark.browser



@pytest.mark.django_db(transaction=True)
def test_it_shows_why_an_upload_failed_and_refuses_bad_files_at_once(page, live_server, tmp_path,
                                                                        django_user_model):
    log_in(page, live_server, django_user_model)
    scan = tmp_path / "扫描版.pdf"
    scan.write_bytes(scanned_pdf())
    empty = tmp_path / "空白.txt"
    empty.write_bytes(b"")
    page.goto(f"{live_server.url}/admin/reports/newsletterissue/upload/")
    page.set_input_files("#id_files", [str(scan), str(empty)])
    page.fill("#id_new_publication", "江津日报")
    page.fill("#id_published", "2024-01-15")
    page.click("#upload-form input[type=submit]")
    expect(page.get_by_text("文件“空白.txt”是空的（0 字节）")).to_be_visible()

    with BackgroundWorker():
        expect(page.locator("#result_list .issue-status")).to_have_text(["失败"], timeout=30_000)
    expect(page.locator(".issue-error")).to_contain_text("需要先做文字识别（OCR）")
    page.screenshot(path="test-artifacts/admin_issue_failed.png", full_page=True)
    assert statuses(page) == ["失败"]
    assert page.console_errors == []


@pytest.mark.django_db(transaction=True)
def test_it_lists_conflicting_values_for_review(page, live_server, django_user_model):
    call_command("load_reference", verbosity=0)
    call_command("load_seeds", verbosity=0)
    log_in(page, live_server, django_user_model)
    grids = Fact.objects.get(metric__key="grid_count", subdistrict__name="圣泉街道", year=2023)
    other = Fact.objects.filter(metric__key="grid_count").exclude(article=grids.article).first()
    # A second article claiming a different figure for the same place and year.
    Fact.objects.filter(pk=other.pk).update(subdistrict=grids.subdistrict, district=grids.district, year=2023)

    page.goto(f"{live_server.url}/admin/reports/fact/")
    page.click("#conflicts-link")
    conflict = page.locator(".conflict", has_text="圣泉街道（江津区） · 2023 年 · ")
    expect(conflict).to_be_visible()
    expect(conflict.locator("mark")).to_have_count(2)
    page.screenshot(path="test-artifacts/admin_conflicts.png", full_page=True)
    conflict.get_by_role("link", name="在数据列表中查看这一组").click()
    expect(page.locator("#result_list mark")).to_have_count(2)
    assert page.console_errors == []
