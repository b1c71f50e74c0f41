"""Leases: a running issue is stalled only once its worker stopped renewing its lease; what a dead worker left is
queued again (or failed after a few attempts), and a second run of an issue supersedes a first, never doubles it."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reports import services
from reports.models import Article, Fact, NewsletterIssue, Publication, WorkerHeartbeat
from reports.services import IncomingFile, IssueNotQueued, LeaseLost, accept_files, process_issue
from tests.admin.conftest import ISSUES_URL, issue_row_url, run_worker, upload
from tests.readers.samples import seed_text

Status = NewsletterIssue.Status


@pytest.fixture
def jiangjin(db):
    from reports.models import District

    district = District.objects.create(name="江津区", city="重庆市", province="重庆市", admin_code="500116")
    return Publication.objects.create(name="江津日报", region=district)


def _left_by_a_worker_that_died(issue, *, attempts):
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=Status.PROCESSING, started_at=timezone.now() - timedelta(minutes=5), lease_owner="dead-worker",
        lease_expires_at=timezone.now() - timedelta(seconds=1), attempts=attempts)


def _queued_issue(publication, index=0) -> NewsletterIssue:
    [outcome] = accept_files(files=[IncomingFile(f"{index}.txt", seed_text(index).encode())],
                             publication=publication, published=None, enqueue=False)
    return outcome.issue


@pytest.mark.django_db(transaction=True)
def test_it_requeues_an_issue_whose_lease_expired_and_fails_it_after_the_last_attempt(editor_client, jiangjin,
                                                                                     settings):
    settings.GOVDASH_MAX_ATTEMPTS = 3
    upload(editor_client, ("圣泉.txt", seed_text(0).encode("gbk")), ("几江.txt", seed_text(1).encode()),
           ("德感.txt", seed_text(2).encode()), publication=jiangjin)
    given_up, requeued, busy = NewsletterIssue.objects.order_by("original_name")  # 几江 < 圣泉 < 德感 by code point
    _left_by_a_worker_that_died(given_up, attempts=3)
    _left_by_a_worker_that_died(requeued, attempts=1)
    NewsletterIssue.objects.filter(pk=busy.pk).update(status=Status.PROCESSING, lease_owner="live-worker",
                                                      lease_expires_at=timezone.now() + timedelta(seconds=60),
                                                      started_at=timezone.now() - timedelta(hours=2))

    page = editor_client.get(ISSUES_URL).content.decode()
    statuses = {issue.pk: NewsletterIssue.objects.get(pk=issue.pk).status for issue in (given_up, requeued, busy)}
    # A long run whose worker renews its lease stays 处理中, however long it has been running.
    assert statuses == {given_up.pk: Status.FAILED, requeued.pk: Status.QUEUED, busy.pk: Status.PROCESSING}
    assert 'data-status="failed"' in page and 'data-status="processing"' in page
    detail = editor_client.get(issue_row_url(given_up)).content.decode()
    assert "处理中断" in detail and "连续 3 次中途停止" in detail and "重新处理" in detail
    assert not Fact.objects.filter(article__issue=given_up).exists()

    response = editor_client.post(ISSUES_URL, {"action": "retry", "_selected_action": [given_up.pk, busy.pk]},
                                  follow=True)
    assert "已重新排队 1 期。1 期不是失败状态，未处理。" in response.content.decode()
    run_worker()
    for issue in (given_up, requeued):
        issue.refresh_from_db()
        assert (issue.status, issue.error_message, issue.lease_owner) == (Status.DONE, "", "")
        assert issue.attempts == (1 if issue == given_up else 2)
        assert Fact.objects.filter(article__issue=issue, metric__key="grid_count").exists()
    assert NewsletterIssue.objects.get(pk=busy.pk).status == Status.PROCESSING


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_lease_of_a_run_longer_than_the_lease(jiangjin, settings, monkeypatch):
    settings.GOVDASH_LEASE_SECONDS = 1
    issue = _queued_issue(jiangjin)
    original_extract = services.read_and_extract_issue
    monkeypatch.setattr(services, "read_and_extract_issue", lambda **kw: (time.sleep(3), original_extract(**kw))[1])
    errors = []

    def work():
        try:
            process_issue(issue=NewsletterIssue.objects.get(pk=issue.pk))
        except Exception as error:  # surfaced below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=work)
    thread.start()
    while NewsletterIssue.objects.get(pk=issue.pk).status == Status.QUEUED:
        time.sleep(0.05)
    seen = set()
    while thread.is_alive():
        assert services.recover_stalled_work() == services.Recovery()
        seen.add(NewsletterIssue.objects.get(pk=issue.pk).status)
        time.sleep(0.2)
    thread.join()
    # The run's own commit may land a moment before its thread ends: DONE can be seen, never QUEUED or FAILED.
    assert errors == [] and Status.PROCESSING in seen and seen <= {Status.PROCESSING, Status.DONE}
    assert NewsletterIssue.objects.get(pk=issue.pk).status == Status.DONE


@pytest.mark.django_db(transaction=True)
def test_it_lets_a_second_run_supersede_a_first_whose_lease_expired(jiangjin, settings, monkeypatch):
    """The reported failure: a first run, still busy after its lease ran out, finishing after a second run."""
    settings.GOVDASH_LEASE_SECONDS = 1
    issue = _queued_issue(jiangjin)
    release_first = threading.Event()
    original_extract, original_renew = services.read_and_extract_issue, services.renew_lease

    def extract(**kwargs):
        if threading.current_thread().name == "first":
            release_first.wait(30)
        return original_extract(**kwargs)

    # The first run's worker is alive but cannot renew (its database link hangs): its lease runs out.
    monkeypatch.setattr(services, "read_and_extract_issue", extract)
    monkeypatch.setattr(services, "renew_lease",
                        lambda *, issue_id, owner: owner == "first" or original_renew(issue_id=issue_id, owner=owner))
    outcome = []

    def first():
        try:
            process_issue(issue=NewsletterIssue.objects.get(pk=issue.pk), owner="first")
        except Exception as error:  # surfaced below; a thread cannot fail the test itself
            outcome.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=first, name="first")
    thread.start()
    deadline = time.monotonic() + 10
    while services.recover_stalled_work().requeued == 0:
        assert time.monotonic() < deadline, "the first run's lease never expired"
        time.sleep(0.2)
    assert NewsletterIssue.objects.get(pk=issue.pk).status == Status.QUEUED

    summary = process_issue(issue=NewsletterIssue.objects.get(pk=issue.pk), owner="second")
    release_first.set()
    thread.join(30)

    assert [type(error) for error in outcome] == [LeaseLost]
    issue.refresh_from_db()
    assert (issue.status, issue.error_message, issue.attempts) == (Status.DONE, "", 2)
    assert Article.objects.filter(issue=issue).count() == summary.articles
    assert Fact.objects.filter(article__issue=issue).count() == summary.facts > 0
    # And a third run, for a task delivered twice, finds the issue done and does nothing.
    with pytest.raises(IssueNotQueued):
        process_issue(issue=issue, owner="third")
    assert Fact.objects.filter(article__issue=issue).count() == summary.facts


@pytest.mark.django_db(transaction=True)
def test_it_replaces_rows_an_earlier_run_left_when_it_stores(jiangjin):
    issue = _queued_issue(jiangjin)
    Article.objects.create(issue=issue, position=0, title="旧的", text="上一次运行留下的文章")
    summary = process_issue(issue=NewsletterIssue.objects.get(pk=issue.pk))
    assert Article.objects.filter(issue=issue).count() == summary.articles
    assert not Article.objects.filter(issue=issue, title="旧的").exists()


@pytest.mark.django_db(transaction=True)
def test_it_marks_the_task_of_a_dead_worker_failed_and_queues_its_issue_again(jiangjin, settings):
    settings.GOVDASH_LEASE_SECONDS = 5
    outcomes = accept_files(files=[IncomingFile(f"{i}.txt", seed_text(i).encode()) for i in (0, 1)],
                            publication=jiangjin, published=None)
    orphaned, waiting = (outcome.issue for outcome in outcomes)
    # Both workers claimed a task row a minute ago; "dead" died before it could claim the issue.
    WorkerHeartbeat.objects.create(worker_id="alive", seen_at=timezone.now())
    WorkerHeartbeat.objects.create(worker_id="dead", seen_at=timezone.now() - timedelta(seconds=30))
    NewsletterIssue.objects.update(uploaded_at=timezone.now() - timedelta(minutes=2))
    for issue, worker_ids in ((orphaned, ["alive", "dead"]), (waiting, ["alive"])):
        DBTaskResult.objects.filter(pk=issue.task_id).update(status="RUNNING", worker_ids=worker_ids,
                                                             started_at=timezone.now() - timedelta(minutes=1))

    recovery = services.recover_stalled_work()

    assert (recovery.lost_tasks, recovery.requeued) == (1, 1)
    lost = DBTaskResult.objects.get(pk=orphaned.task_id)
    assert (lost.status, lost.exception_class_path) == ("FAILED", services.WORKER_LOST)
    assert DBTaskResult.objects.get(pk=waiting.task_id).status == "RUNNING"
    orphaned.refresh_from_db()
    assert orphaned.task_id != str(lost.pk) and DBTaskResult.objects.get(pk=orphaned.task_id).status == "READY"
    run_worker()
    orphaned.refresh_from_db()
    assert orphaned.status == Status.DONE
