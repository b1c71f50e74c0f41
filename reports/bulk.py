"""Process many queued issues at once, one issue per worker process at a time.

Each issue goes through ``services.process_issue`` exactly as a background task would: it takes the issue's
lease, extracts under the processing budget and stores everything in one transaction. So a worker killed
mid-issue stores nothing for it, and an issue is never stored twice: the run releases the dead worker's lease and
hands the issue to a new worker, and running the same command again after the whole run was killed (once the
dead run's leases have expired) picks up what was left queued or cut short.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

logger = logging.getLogger(__name__)


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


def process_one(issue_id: int, owner: str | None = None) -> Outcome:
    from reports.models import NewsletterIssue
    from reports.services import IngestError, IssueNotQueued, process_issue

    issue = NewsletterIssue.objects.select_related("publication", "region").filter(pk=issue_id).first()
    if issue is None:
        return Outcome(issue_id, "skipped", "deleted meanwhile")
    try:
        summary = process_issue(issue=issue, owner=owner)
    except IssueNotQueued:
        issue.refresh_from_db()
        return Outcome(issue_id, "skipped", f"{issue.get_status_display()} ({issue.status}): done or being "
                                            "processed by another run")
    except IngestError as error:
        return Outcome(issue_id, "failed", f"{error.message_zh} ({error.message_en})")
    except Exception as error:  # noqa: BLE001 - logged and recorded on the issue by process_issue
        # One page's internal error must not stop the other pages of the run.
        issue.refresh_from_db()
        return Outcome(issue_id, "failed", f"{issue.error_message} ({type(error).__name__})")
    return Outcome(issue_id, "done", articles=summary.articles, facts=summary.facts,
                   unattributed_facts=summary.unattributed_facts, initiatives=summary.initiatives,
                   notes=tuple(summary.notes))


def warm_up() -> None:
    """What every process pays once before its first issue, paid before it is handed one: the jieba dictionary
    (search indexing), the fork server with the extractor loaded (the processing budget), the metric catalogue
    and a database connection. Start-up is then measured apart from the work, and no issue's lease or duration
    carries it."""
    from django.db import connection

    from reports import budget
    from reports.reference import metrics_by_key
    from reports.search import segment

    segment("网格")
    budget.start_fork_server()
    metrics_by_key()
    connection.ensure_connection()


def _worker_main(database_name: str, conn) -> None:
    """A worker process: set up, say it is ready, then process the issue ids the parent sends one at a time."""
    import django

    django.setup()
    from django.conf import settings

    # The same database as the parent (a test database in tests).
    settings.DATABASES["default"]["NAME"] = database_name
    warm_up()
    # CLOCK_MONOTONIC is one clock for every process of the machine: the parent compares it with its own.
    conn.send(("ready", time.monotonic()))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return  # the parent is gone
        if job is None:
            return
        issue_id, owner = job
        conn.send(("done", process_one(issue_id, owner)))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: object
    ready: bool = False
    ready_at: float = 0.0
    job: tuple[int, str] | None = None


class WorkerFailed(RuntimeError):
    """A worker process died before it was ready to work (it could not start at all)."""


def start_pool(workers: int) -> _Pool | None:
    """Start ``workers`` worker processes now, so that their start-up overlaps whatever the caller does before
    calling ``process_many`` with the pool (registering the files); None when the issues will be processed in
    this process (one worker, or inside a transaction the workers could not see through)."""
    from django.db import connection

    if workers <= 1 or connection.in_atomic_block:
        return None
    from reports.reference import metrics_by_key

    # The metric catalogue is filled on first use: do it here once, not racing in every worker.
    metrics_by_key()
    return _Pool(workers, connection.settings_dict["NAME"])


def process_many(issue_ids: Iterable[int], *, workers: int, on_done: Callable[[Outcome], None] | None = None,
                 on_ready: Callable[[float, float], None] | None = None, pool: _Pool | None = None) -> list[Outcome]:
    """Process the issues with up to ``workers`` processes (those of ``pool`` when given, from ``start_pool``);
    ``on_done`` hears of each as it finishes.

    ``on_ready`` is told, before the first issue is handed out, the start-up time (processes started and warmed
    up) and how much of it this call waited for (the rest overlapped the caller's work). A worker that dies
    mid-issue (killed, out of memory) stored nothing for it (one transaction): its lease is released at once,
    the issue handed to a new worker, and the run goes on.
    """
    from django.db import connection

    ids = list(issue_ids)
    # Inside a transaction (a caller's atomic block, a test) other processes cannot see the queued issues yet.
    if pool is None and len(ids) > 1 and not connection.in_atomic_block:
        pool = start_pool(min(workers, len(ids)))
    if pool is not None and (len(ids) <= 1 or connection.in_atomic_block):
        pool.close()
        pool = None
    if pool is not None:
        return pool.run(ids, on_done=on_done, on_ready=on_ready)
    started = time.monotonic()
    warm_up()
    if on_ready:
        on_ready(time.monotonic() - started, time.monotonic() - started)
    outcomes = []
    for issue_id in ids:
        outcome = process_one(issue_id)
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)
    return outcomes


class _Pool:
    """Worker processes fed one issue at a time over a pipe each.

    One issue at a time keeps both workers busy to the end (no chunk left to a straggler), and a pipe per worker
    (rather than a shared queue) means a killed worker can hold no lock the others wait on: the parent sees its
    pipe close, knows which issue it had, and starts another worker in its place.
    """

    def __init__(self, size: int, database_name: str):
        self.size, self.database_name = size, database_name
        # Spawned, not forked: each worker starts its own clean fork server for the processing budget's children.
        self.context = multiprocessing.get_context("spawn")
        self.run_id = uuid.uuid4().hex[:12]
        self.leases = 0
        self.workers: list[_Worker] = []
        self.started = time.monotonic()
        try:
            for _ in range(size):
                self._start()
        except BaseException:
            self.close()
            raise

    def _start(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        process = self.context.Process(target=_worker_main, args=(self.database_name, child_end),
                                       name="ingest-worker")
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        self.workers.append(worker)
        return worker

    def _hand_out(self, worker: _Worker, pending: list[int]) -> None:
        issue_id = pending.pop()
        self.leases += 1
        worker.job = (issue_id, f"ingest-{self.run_id}-{self.leases}")
        worker.conn.send(worker.job)

    def run(self, ids: list[int], *, on_done, on_ready) -> list[Outcome]:
        from multiprocessing.connection import wait

        from django.db import connections

        # The workers' own connections do the work; this one would sit idle in the server till the end.
        connections.close_all()
        pending = list(reversed(ids))
        outcomes: list[Outcome] = []
        restarts = 0
        called = time.monotonic()
        try:
            handing_out = False
            while pending or any(w.job for w in self.workers):
                if not handing_out and all(w.ready for w in self.workers):
                    # Every first worker warmed up: from here on the time is the work's.
                    handing_out = True
                    if on_ready:
                        ready = max(w.ready_at for w in self.workers)
                        on_ready(ready - self.started, max(0.0, ready - called))
                if handing_out:
                    for worker in self.workers:
                        if worker.ready and worker.job is None and pending:
                            self._hand_out(worker, pending)
                for conn in wait([w.conn for w in self.workers]):
                    worker = next(w for w in self.workers if w.conn is conn)
                    try:
                        kind, outcome = conn.recv()
                    except (EOFError, OSError):
                        restarts += 1
                        outcome = self._replace(worker, pending, restarts=restarts, total=len(ids))
                        if outcome is None:
                            continue
                    else:
                        if kind == "ready":
                            worker.ready, worker.ready_at = True, outcome
                            continue
                        worker.job = None
                    outcomes.append(outcome)
                    if on_done:
                        on_done(outcome)
        finally:
            self.close()
        return outcomes

    def _replace(self, worker: _Worker, pending: list[int], *, restarts: int, total: int) -> Outcome | None:
        """A worker died: release the lease of the issue it had and start another in its place. Returns the
        issue's outcome when it is settled already (stored just before the death, or out of attempts)."""
        worker.process.join()
        worker.conn.close()
        self.workers.remove(worker)
        if not worker.ready:
            raise WorkerFailed(f"an ingest worker exited with code {worker.process.exitcode} while starting")
        if restarts > total + self.size:
            raise WorkerFailed(f"ingest workers died {restarts} times; giving up")
        logger.warning("Ingest worker %s exited with code %s%s; starting another", worker.process.pid,
                       worker.process.exitcode, f" during issue {worker.job[0]}" if worker.job else "")
        self._start()
        if worker.job is None:
            return None
        issue_id, owner = worker.job
        outcome = release_lease(issue_id=issue_id, owner=owner)
        if outcome is None:
            pending.append(issue_id)  # next to be handed out
        return outcome

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in self.workers:
            worker.process.join(timeout=30)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()


def release_lease(*, issue_id: int, owner: str) -> Outcome | None:
    """After the death of the process that held ``owner``'s lease on the issue: None when the issue was queued
    again (nothing of it was stored), its outcome otherwise (its run committed just before dying, or the issue
    used up its attempts and is failed, as a stalled background task's would be)."""
    from django.conf import settings
    from django.db import transaction
    from django.db.models.functions import Now

    from reports.models import Article, Fact, Initiative, NewsletterIssue
    from reports.services import STALLED_MESSAGE

    Status = NewsletterIssue.Status
    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().filter(pk=issue_id).first()
        if issue is None:
            return Outcome(issue_id, "skipped", "deleted meanwhile")
        if issue.status == Status.PROCESSING and issue.lease_owner == owner:
            if issue.attempts >= settings.GOVDASH_MAX_ATTEMPTS:
                message = STALLED_MESSAGE.format(attempts=issue.attempts)
                NewsletterIssue.objects.filter(pk=issue_id).update(
                    status=Status.FAILED, error_message=message, processed_at=Now(), lease_owner="",
                    lease_expires_at=None)
                return Outcome(issue_id, "failed", message)
            NewsletterIssue.objects.filter(pk=issue_id).update(status=Status.QUEUED, lease_owner="",
                                                               lease_expires_at=None)
            return None
    if issue.status == Status.DONE:
        facts = Fact.objects.filter(article__issue_id=issue_id)
        return Outcome(issue_id, "done", articles=Article.objects.filter(issue_id=issue_id).count(),
                       facts=facts.count(),
                       unattributed_facts=facts.filter(subdistrict__isnull=True, district__isnull=True).count(),
                       initiatives=Initiative.objects.filter(article__issue_id=issue_id).count(),
                       notes=tuple(filter(None, issue.warnings.split("\n"))))
    if issue.status == Status.QUEUED:
        return None  # released by someone else meanwhile (recover_stalled_work): still to do
    return Outcome(issue_id, "skipped", f"{issue.get_status_display()} ({issue.status}): done or being "
                                        "processed by another run")


class Progress:
    """A one-line progress bar on a stream: done/total, pages/s and the time left."""

    def __init__(self, total: int, *, stream=None, width: int = 30, enabled: bool = True):
        self.total, self.done, self.width = total, 0, width
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.started = time.monotonic()
        self._tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last = 0.0

    def restart(self) -> None:
        """Count time from now: the work begins (start-up is over)."""
        self.started = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def rate(self) -> float:
        elapsed = self.elapsed()
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
