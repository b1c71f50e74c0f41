"""Re-extraction of many issues as a background task, with progress the admin shows while it runs.

Each issue is re-extracted in its own transaction by ``review.reextract`` (reviewers' decisions kept), so the
dashboard shows every finished issue's new figures at once, and a run cut short leaves each issue either as it
was or re-extracted, never half of it. Running it again is harmless: re-extracting an issue twice with the same
extractor changes nothing the second time.
"""

from django.db.models import F
from django.utils import timezone

from reports import review
from reports.models import NewsletterIssue, ReextractRun


def start_reextract(*, issues, user=None) -> ReextractRun:
    """Record a run over the given processed issues and queue it for a task worker."""
    from reports.tasks import reextract_task

    ids = list(issues.filter(status=NewsletterIssue.Status.DONE).order_by("pk").values_list("pk", flat=True))
    run = ReextractRun.objects.create(issue_ids=ids, total=len(ids), started_by=user)
    reextract_task.enqueue(run_id=run.pk)
    return run


def run_reextract(*, run_id: int) -> ReextractRun:
    from reports.extract import EXTRACTOR_VERSION

    run = ReextractRun.objects.get(pk=run_id)
    ReextractRun.objects.filter(pk=run.pk).update(status=ReextractRun.Status.RUNNING, started_at=timezone.now(),
                                                  extractor_version=EXTRACTOR_VERSION, done=0, failed=0)
    summary = review.ReextractSummary(version=EXTRACTOR_VERSION)
    try:
        issues = NewsletterIssue.objects.filter(pk__in=run.issue_ids, status=NewsletterIssue.Status.DONE)
        for issue in issues.select_related("publication", "region").order_by("pk").iterator(chunk_size=100):
            change = review.reextract(issues=[issue]).issues[0]
            summary.issues.append(change)
            ReextractRun.objects.filter(pk=run.pk).update(done=F("done") + 1,
                                                          failed=F("failed") + (1 if change.error else 0))
    except BaseException as error:
        ReextractRun.objects.filter(pk=run.pk).update(
            status=ReextractRun.Status.FAILED, finished_at=timezone.now(),
            message=f"{summary.message_zh()} 中途停止：{type(error).__name__}")
        raise
    ReextractRun.objects.filter(pk=run.pk).update(status=ReextractRun.Status.DONE, finished_at=timezone.now(),
                                                  message=summary.message_zh())
    run.refresh_from_db()
    return run
