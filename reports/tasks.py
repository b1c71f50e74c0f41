"""Background tasks, run by ``manage.py worker`` (django-tasks' database backend)."""

import logging

from django_tasks import task

from reports.models import NewsletterIssue
from reports.services import IngestError, IssueNotQueued, LeaseLost, process_issue

logger = logging.getLogger(__name__)


@task(takes_context=True)
def process_issue_task(context, issue_id: int) -> dict:
    """Read and extract one uploaded issue; the issue row carries the outcome the admin shows."""
    issue = NewsletterIssue.objects.select_related("publication", "region").filter(pk=issue_id).first()
    if issue is None:
        # Deleted in the admin while it waited in the queue.
        return {"issue": issue_id, "status": "deleted"}
    try:
        # The task's id names the lease: the issue list and the task table can be matched.
        summary = process_issue(issue=issue, owner=str(context.task_result.id))
    except LeaseLost:
        return {"issue": issue_id, "status": "superseded"}
    except IssueNotQueued:
        return {"issue": issue_id, "status": "skipped"}
    except IngestError as error:
        # An expected failure (bad file): recorded on the issue for the user; the task itself did its job.
        logger.info("Issue %s failed: %s", issue_id, error.message_en)
        return {"issue": issue_id, "status": "failed", "message": error.message_zh}
    return {"issue": issue_id, "status": "done", "articles": summary.articles, "facts": summary.facts,
            "unattributed_facts": summary.unattributed_facts, "initiatives": summary.initiatives}


@task()
def reextract_task(run_id: int) -> dict:
    """Re-extract the issues of a ``ReextractRun``, recording progress on it as each issue finishes."""
    from reports.background import run_reextract

    run = run_reextract(run_id=run_id)
    return {"run": run.pk, "done": run.done, "failed": run.failed}
