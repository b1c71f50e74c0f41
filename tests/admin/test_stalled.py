"""An issue whose worker died mid-way: shown as failed with the reason once it is overdue, and retried by staff."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reports.models import Fact, NewsletterIssue, Publication
from tests.admin.conftest import ISSUES_URL, issue_row_url, run_worker, upload
from tests.readers.samples import seed_text


@pytest.fixture
def jiangjin(db):
    from reports.models import District

    district = District.objects.create(name="江津区", city="重庆市", province="重庆市", admin_code="500116")
    return Publication.objects.create(name="江津日报", region=district)


def _claimed_by_a_worker_that_died(issue, *, minutes_ago):
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=NewsletterIssue.Status.PROCESSING, started_at=timezone.now() - timedelta(minutes=minutes_ago))


@pytest.mark.django_db(transaction=True)
def test_it_fails_an_overdue_issue_and_retries_it(editor_client, jiangjin, settings):
    settings.GOVDASH_PROCESSING_TIMEOUT_SECONDS = 30 * 60
    upload(editor_client, ("圣泉.txt", seed_text(0).encode("gbk")), ("几江.txt", seed_text(1).encode()),
           publication=jiangjin)
    overdue, busy = NewsletterIssue.objects.order_by("original_name")
    _claimed_by_a_worker_that_died(overdue, minutes_ago=45)
    _claimed_by_a_worker_that_died(busy, minutes_ago=5)

    page = editor_client.get(ISSUES_URL).content.decode()
    overdue.refresh_from_db()
    busy.refresh_from_db()
    assert (overdue.status, busy.status) == (NewsletterIssue.Status.FAILED, NewsletterIssue.Status.PROCESSING)
    assert 'data-status="failed"' in page and 'data-status="processing"' in page
    detail = editor_client.get(issue_row_url(overdue)).content.decode()
    assert "处理中断" in detail and "重新处理" in detail
    assert not Fact.objects.filter(article__issue=overdue).exists()

    response = editor_client.post(ISSUES_URL, {"action": "retry", "_selected_action": [overdue.pk, busy.pk]},
                                  follow=True)
    assert "已重新排队 1 期。1 期不是失败状态，未处理。" in response.content.decode()
    run_worker()
    overdue.refresh_from_db()
    assert overdue.status == NewsletterIssue.Status.DONE and overdue.error_message == ""
    assert overdue.started_at is not None
    assert Fact.objects.filter(article__issue=overdue, metric__key="grid_count").exists()
