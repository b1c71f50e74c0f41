"""``manage.py worker``: django-tasks' database worker that waits out database outages and recovers the work
of workers that died.

``db_worker`` exits on the first ``OperationalError`` of its queue poll (a restarted or unreachable database),
leaving uploads 排队 for ever. This worker keeps every option and the task handling of ``db_worker`` and
differs in three ways: a database error sends it into a retry with exponential backoff instead of out of
the process; a thread records that the worker is alive (WorkerHeartbeat) every third of a lease; and as often
it runs ``recover_stalled_work`` (issues whose worker died are queued again, task rows of dead workers are
marked failed).
"""

import logging
import os
import random
import socket
import threading
import time

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections, connection, connections
from django.db.models.functions import Now
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from reports.models import WorkerHeartbeat
from reports.services import recover_stalled_work

logger = logging.getLogger("django_tasks_db")

FIRST_RETRY_SECONDS = 0.5
LONGEST_RETRY_SECONDS = 30.0


def retry_delay(failures: int) -> float:
    """Exponential backoff with jitter, so workers that lost the database together do not return together."""
    ceiling = min(LONGEST_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** (failures - 1))
    return ceiling * random.uniform(0.5, 1.0)  # noqa: S311 - spreading retries, not a secret


class Heartbeat(threading.Thread):
    """Records, from its own thread and connection, that the worker is alive, whatever its task is doing."""

    def __init__(self, worker_id: str):
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def beat(self) -> None:
        seen = WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(seen_at=Now())
        if not seen:
            WorkerHeartbeat.objects.update_or_create(
                worker_id=self.worker_id, defaults={"seen_at": Now(), "hostname": socket.gethostname()[:255],
                                                    "pid": os.getpid()})

    def run(self) -> None:
        interval = settings.GOVDASH_LEASE_SECONDS / 3
        try:
            while not self.stopped.wait(interval):
                try:
                    self.beat()
                except DatabaseError:
                    connection.close()  # the worker's loop reports the outage; beat again when it is over
        finally:
            connection.close()


class ResilientWorker(Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.recover_every = settings.GOVDASH_LEASE_SECONDS / 3
        self._next_recovery = 0.0

    def run(self) -> None:
        heartbeat = Heartbeat(self.worker_id)
        try:
            self._beat_until_it_works(heartbeat)
            heartbeat.start()
            self._run()
        finally:
            heartbeat.stopped.set()
            try:
                WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
            except DatabaseError:
                pass  # the row ages out

    def _beat_until_it_works(self, heartbeat: Heartbeat) -> None:
        # Seen alive before the first task is claimed: a task of a worker without a heartbeat is a lost one.
        failures = 0
        while True:
            try:
                heartbeat.beat()
                return
            except (OperationalError, InterfaceError) as error:
                failures += 1
                self._wait_for_database(failures, error)

    def _wait_for_database(self, failures: int, error: Exception) -> None:
        delay = retry_delay(failures)
        logger.warning("数据库不可用，%.1f 秒后重试（第 %d 次）/ database unavailable, retrying in %.1f s: %s",
                       delay, failures, delay, str(error).strip())
        self._drop_connections()
        time.sleep(delay)

    def _run(self) -> None:
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names))
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - no thundering herd at start

        failures = 0
        while self.running:
            try:
                self._recover_if_due()
                task_result, retrieved = self._claim_next()
                if task_result is not None:
                    self.run_task(task_result)
            except (OperationalError, InterfaceError) as error:
                failures += 1
                self._wait_for_database(failures, error)
                continue
            if failures:
                logger.warning("数据库已恢复 / database back after %d failed attempts", failures)
                failures = 0

            if self.batch and retrieved and task_result is None:
                logger.info("No more tasks to run for worker_id=%s - exiting gracefully.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info("Run maximum tasks (%d) on worker=%s - exiting gracefully.", self._run_tasks,
                            self.worker_id)
                return
            close_old_connections()
            if self.running and not task_result:
                time.sleep(self.interval)

    def _recover_if_due(self) -> None:
        if time.monotonic() >= self._next_recovery:
            recover_stalled_work()
            self._next_recovery = time.monotonic() + self.recover_every

    def _claim_next(self) -> tuple[DBTaskResult | None, bool]:
        # What db_worker's loop does, minus its exit on a database error.
        close_old_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                # "Claim" the task so no other worker runs it.
                task_result.claim(self.worker_id)
        return task_result, True

    @staticmethod
    def _drop_connections() -> None:
        # A broken connection is never usable again; the next query opens a new one (and, for the embedded
        # server, starts it if it died).
        for wrapper in connections.all(initialized_only=True):
            try:
                wrapper.close()
            except Exception:  # noqa: BLE001 - closing a dead connection may fail in any way; it is gone anyway
                wrapper.connection = None


class Command(DbWorkerCommand):
    help = "Run the task worker: db_worker that retries the database with backoff and recovers dead workers' work"

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, exclude_queues, **options):
        import os

        from django.core.management.base import CommandError
        from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader

        self.configure_logging(verbosity)
        if reload and batch:
            logger.warning("Warning: --reload and --batch cannot be specified together. Disabling autoreload.")
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(queue_names=queue_names, interval=interval, batch=batch,
                                 backend_name=backend_name, startup_delay=startup_delay, max_tasks=max_tasks,
                                 worker_id=worker_id, excluded_queue_names=excluded_queue_names)
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
