"""``manage.py worker`` as production runs it, in separate processes: several workers drain a queue exactly once
while some are killed mid-job, and a worker waits out a database outage instead of exiting."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from reports import services
from reports.models import Article, Fact, NewsletterIssue, Publication
from reports.reference import metrics_by_key
from reports.services import IncomingFile, accept_files
from tests.readers.samples import seed_text

ROOT = Path(__file__).resolve().parent.parent.parent
Status = NewsletterIssue.Status


def database_url(application_name: str) -> str:
    """The test database, as a URL a separate process can use (the embedded server is reached by its socket)."""
    params = connection.get_connection_params()
    settings = connection.settings_dict
    host = quote(params.get("host") or settings["HOST"] or "localhost", safe="")
    password = quote(settings.get("PASSWORD") or "", safe="")
    return (f"postgres://{quote(settings['USER'] or '', safe='')}:{password}@{host}:{settings['PORT'] or 5432}"
            f"/{settings['NAME']}?application_name={application_name}")


class Workers:
    """`manage.py worker` processes on the test database; every one is stopped when the test ends."""

    def __init__(self, var_dir: Path, lease_seconds: int):
        self.var_dir, self.lease_seconds = var_dir, lease_seconds
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, worker_id: str) -> subprocess.Popen:
        env = {**os.environ, "DATABASE_URL": database_url(f"govdash-{worker_id}"), "GOVDASH_VAR_DIR": str(self.var_dir),
               "GOVDASH_LEASE_SECONDS": str(self.lease_seconds)}
        log = open(self.var_dir / f"{worker_id}.log", "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen([sys.executable, "manage.py", "worker", "--no-reload", "--no-startup-delay",
                                    "--interval", "0.1", "--worker-id", worker_id], cwd=ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.processes[worker_id] = process
        return process

    def log(self, worker_id: str) -> str:
        return (self.var_dir / f"{worker_id}.log").read_text()

    def stop_all(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def workers(tmp_path, settings):
    # The workers read the uploaded files where this process stores them.
    settings.MEDIA_ROOT = tmp_path / "media"
    workers = Workers(tmp_path, lease_seconds=2)
    yield workers
    workers.stop_all()


def wait_for(condition, *, timeout: float, message: str):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.1)


def kill_mid_job(workers: Workers) -> tuple[str, str] | None:
    """SIGKILL a worker caught while it runs a task; (worker id, task id), or None if none was busy.

    The worker is frozen (SIGSTOP) first and killed only if its task row is still RUNNING then, so the kill
    lands mid-job for certain.
    """
    for task in DBTaskResult.objects.running():
        worker_id = task.worker_ids[-1]
        process = workers.processes.get(worker_id)
        if process is None or process.poll() is not None:
            continue
        process.send_signal(signal.SIGSTOP)
        if DBTaskResult.objects.filter(pk=task.pk, status="RUNNING").exists():
            process.send_signal(signal.SIGKILL)
            process.wait()
            return worker_id, str(task.pk)
        process.send_signal(signal.SIGCONT)
    return None


@pytest.mark.django_db(transaction=True)
def test_it_processes_each_issue_exactly_once_while_workers_are_killed(workers, settings):
    settings.GOVDASH_LEASE_SECONDS = workers.lease_seconds
    metrics_by_key()  # the metric catalogue exists before the workers race to use it (`make run` loads it)
    newspaper = Publication.objects.create(name="江津日报")
    pages = [seed_text(index % 5) + f"\n\n（本版第 {index} 份）\n" for index in range(300)]
    started = time.monotonic()
    outcomes = accept_files(files=[IncomingFile(f"{index}.txt", page.encode()) for index, page in enumerate(pages)],
                            publication=newspaper, published=None)
    assert {outcome.status for outcome in outcomes} == {"queued"}
    issue_ids = [outcome.issue.pk for outcome in outcomes]
    seed_of = {outcome.issue.pk: index % 5 for index, outcome in enumerate(outcomes)}

    for number in range(4):
        workers.start(f"worker-{number}")
    done = NewsletterIssue.objects.filter(status=Status.DONE)
    killed = []
    for threshold in (60, 150):
        wait_for(lambda threshold=threshold: done.count() >= threshold, timeout=240, message="workers stalled")
        deadline = time.monotonic() + 20
        while (victim := kill_mid_job(workers)) is None:
            assert time.monotonic() < deadline, "no worker was ever caught busy"
            time.sleep(0.01)
        killed.append(victim)

    wait_for(lambda: done.count() == len(issue_ids), timeout=300,
             message=f"the queue did not drain: {Counter(NewsletterIssue.objects.values_list('status', flat=True))}")
    wait_for(lambda: not DBTaskResult.objects.running().exists(), timeout=30,
             message="a killed worker's task row stays RUNNING")
    drained_in = time.monotonic() - started

    assert not NewsletterIssue.objects.exclude(error_message="").exists()
    # The killed task rows say why. Either another worker finished their issues, or the kill came after the
    # killed run's store had committed and before its task row was marked: then that run stored the issue, once.
    stored_by_killed = []
    for _worker_id, task_id in killed:
        task = DBTaskResult.objects.get(pk=task_id)
        if task.status == "SUCCESSFUL":
            continue  # the task's own commit reached the database just before the kill: a finished run
        assert (task.status, task.exception_class_path) == ("FAILED", services.WORKER_LOST)
        issue = NewsletterIssue.objects.get(pk=task.args_kwargs["kwargs"]["issue_id"])
        if issue.task_id == task_id:
            assert issue.status == Status.DONE
            stored_by_killed.append(issue.pk)
    # Exactly one run stored each issue: one "done" task result per issue, none lost, none twice.
    stored = Counter(task.args_kwargs["kwargs"]["issue_id"] for task in DBTaskResult.objects.successful()
                     if task.return_value["status"] == "done")
    assert stored + Counter(stored_by_killed) == Counter(issue_ids)
    # And the same page gave the same rows every time, so no run added to another's.
    per_seed = {}
    for issue_id in issue_ids:
        counts = (Article.objects.filter(issue_id=issue_id).count(),
                  Fact.objects.filter(article__issue_id=issue_id).count())
        per_seed.setdefault(seed_of[issue_id], set()).add(counts)
    assert all(len(counts) == 1 for counts in per_seed.values()), per_seed
    assert Fact.objects.count() == sum(next(iter(per_seed[seed_of[i]]))[1] for i in issue_ids)
    print(f"\n300 issues, 4 workers, 2 killed mid-job: drained in {drained_in:.1f} s")


@pytest.mark.django_db(transaction=True)
def test_it_waits_out_a_database_outage_and_then_processes_the_queue(workers):
    name = connection.settings_dict["NAME"]
    worker = workers.start("survivor")
    wait_for(lambda: "Starting worker" in workers.log("survivor"), timeout=30, message="the worker did not start")
    # A database cannot refuse connections to itself: the outage is declared from the maintenance database.
    admin = connection.Database.connect(**{**connection.get_connection_params(), "dbname": "postgres"})
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            # The database goes away: no new connections, and the worker's own is cut.
            cursor.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
            try:
                cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE application_name = %s", ["govdash-survivor"])
                wait_for(lambda: workers.log("survivor").count("数据库不可用") >= 3, timeout=30,
                         message=f"the worker did not retry: {workers.log('survivor')}")
                assert worker.poll() is None, workers.log("survivor")
            finally:
                cursor.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')
    finally:
        admin.close()

    [outcome] = accept_files(files=[IncomingFile("圣泉.txt", seed_text(0).encode())],
                             publication=Publication.objects.create(name="江津日报"), published=None)
    wait_for(lambda: NewsletterIssue.objects.get(pk=outcome.issue.pk).status == Status.DONE, timeout=60,
             message=f"the queued issue was not processed: {workers.log('survivor')}")
    wait_for(lambda: "数据库已恢复" in workers.log("survivor"), timeout=10, message=workers.log("survivor"))
    assert worker.poll() is None
