"""Process many queued issues at once, one issue per worker process at a time.

Each issue goes through ``services.process_issue`` exactly as a background task would: it takes the issue's
lease, extracts under the processing budget and stores everything in one transaction. So a worker killed
mid-issue stores nothing for it, and an issue is never stored twice: running the same command again (once the
dead run's lease has expired) picks up what was left queued or cut short.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass


@dataclass
class Outcome:
    issue_id: int
    status: str  # done, failed, skipped
    message: str = ""
    articles: int = 0
    facts: int = 0
    unattributed_facts: int = 0
    initiatives: int = 0
    notes: tuple[str, ...] = ()


def process_one(issue_id: int) -> Outcome:
    from reports.models import NewsletterIssue
    from reports.services import IngestError, IssueNotQueued, process_issue

    issue = NewsletterIssue.objects.select_related("publication", "region").filter(pk=issue_id).first()
    if issue is None:
        return Outcome(issue_id, "skipped", "deleted meanwhile")
    try:
        summary = process_issue(issue=issue)
    except IssueNotQueued:
        issue.refresh_from_db()
        return Outcome(issue_id, "skipped", f"{issue.get_status_display()} ({issue.status}): done or being "
                                            "processed by another run")
    except IngestError as error:
        return Outcome(issue_id, "failed", f"{error.message_zh} ({error.message_en})")
    return Outcome(issue_id, "done", articles=summary.articles, facts=summary.facts,
                   unattributed_facts=summary.unattributed_facts, initiatives=summary.initiatives,
                   notes=tuple(summary.notes))


def _worker_init(database_name: str) -> None:
    """Django in a fresh (spawned) process, on the same database as the parent (a test database in tests)."""
    import django

    django.setup()
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = database_name


def process_many(issue_ids: Iterable[int], *, workers: int,
                 on_done: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Process the issues with up to ``workers`` processes; ``on_done`` hears of each as it finishes."""
    from django.db import connection, connections

    ids = list(issue_ids)
    outcomes = []
    # Inside a transaction (a caller's atomic block, a test) other processes cannot see the queued issues yet.
    if workers <= 1 or len(ids) <= 1 or connection.in_atomic_block:
        for issue_id in ids:
            outcome = process_one(issue_id)
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
        return outcomes
    from reports.reference import metrics_by_key

    # The metric catalogue is filled on first use: do it here once, not racing in every worker.
    metrics_by_key()
    database_name = connection.settings_dict["NAME"]
    # No connection may cross into the workers; each opens its own.
    connections.close_all()
    # Spawned, not forked: each worker starts its own clean fork server for the processing budget's children.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(ids)), mp_context=context,
                             initializer=_worker_init, initargs=(database_name,)) as pool:
        futures = [pool.submit(process_one, issue_id) for issue_id in ids]
        for future in as_completed(futures):
            outcome = future.result()
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
    return outcomes


class Progress:
    """A one-line progress bar on a stream: done/total, pages/s and the time left."""

    def __init__(self, total: int, *, stream=None, width: int = 30, enabled: bool = True):
        self.total, self.done, self.width = total, 0, width
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.started = time.monotonic()
        self._tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last = 0.0

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        rate = self.rate()
        left = (self.total - self.done) / rate if rate > 0 else None
        filled = int(self.width * self.done / self.total) if self.total else self.width
        eta = _clock(left) if left is not None else "--:--"
        return (f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} pages  "
                f"{rate:.2f} pages/s  ETA {eta}")

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if self._tty:
            self.stream.write("\r" + self.line())
            if self.done >= self.total:
                self.stream.write("\n")
        elif self.done >= self.total or now - self._last >= 2:
            self.stream.write(self.line() + "\n")
        else:
            return
        self._last = now
        self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
