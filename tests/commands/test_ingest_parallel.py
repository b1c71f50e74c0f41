"""``ingest`` of a folder with several worker processes: every page once, with progress, resumable."""

import os
import shutil
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import psutil
import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from reports.models import Article, NewsletterIssue
from reports.services import IncomingFile, accept_files, get_publication

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"
EVAL = Path(__file__).resolve().parents[2] / "fixtures" / "eval"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def folder(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for path in [*sorted(SEEDS.glob("*.txt")), *sorted(EVAL.glob("*.txt"))]:
        shutil.copy(path, pages / path.name)
    (pages / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    return pages


def ingest(*paths, workers=2):
    out, err = StringIO(), StringIO()
    call_command("ingest", *map(str, paths), publication="江津日报", published="2024-01-15", region="江津区",
                 workers=workers, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def stored_once(expected: int) -> None:
    assert NewsletterIssue.objects.count() == expected
    assert set(NewsletterIssue.objects.values_list("status", flat=True)) == {"done"}
    # Every issue has its articles, and only one run's (a second store replaces the first in its transaction).
    per_issue = dict(NewsletterIssue.objects.annotate(n=Count("articles")).values_list("pk", "n"))
    assert all(n > 0 for n in per_issue.values())
    assert Article.objects.count() == sum(per_issue.values())


def test_it_ingests_a_folder_with_two_workers_and_shows_progress(folder):
    out, err = ingest(folder, workers=2)

    stored_once(15)
    assert out.count(": issue ") == 15
    assert "15/15 pages" in err and "pages/s" in err and "ETA" in err


def test_it_stores_the_same_as_one_worker(folder, tmp_path):
    ingest(folder, workers=2)
    parallel = sorted(NewsletterIssue.objects.annotate(n=Count("articles__facts"))
                      .values_list("original_name", "n"))
    NewsletterIssue.objects.all().delete()
    ingest(folder, workers=1)
    serial = sorted(NewsletterIssue.objects.annotate(n=Count("articles__facts")).values_list("original_name", "n"))
    assert parallel == serial


def test_it_finishes_what_an_interrupted_run_left_and_stores_nothing_twice(folder):
    # A run that was killed: every page registered, two processed, one cut short mid-issue (its lease ran out),
    # the rest still queued.
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    ingest(*files[:2], workers=1)
    accept_files(files=[IncomingFile(name=p.name, data=p.read_bytes()) for p in files[2:]],
                 publication=get_publication(name="江津日报", region="江津区"), published=None, enqueue=False)
    cut_short = NewsletterIssue.objects.get(original_name=files[2].name)
    NewsletterIssue.objects.filter(pk=cut_short.pk).update(
        status="processing", lease_owner="killed-run", lease_expires_at=timezone.now() - timezone.timedelta(seconds=1),
        attempts=1)

    out, _err = ingest(folder, workers=2)

    stored_once(15)
    assert out.count("skipped") == 2 and out.count(": issue ") == 13


# Killed for real: `manage.py ingest` in its own process on the test database, its workers found among its children.


def many_pages(folder: Path, copies: int) -> int:
    """Each fixture page ``copies`` times, each copy made distinct by a line naming it (no duplicate refusals)."""
    pages = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for copy in range(1, copies):
            (folder / f"{path.stem}-{copy}.txt").write_text(f"{text}\n（第 {copy} 份）\n", encoding="utf-8")
    return len(pages) * copies


def start_ingest(folder: Path, *, lease_seconds: int) -> subprocess.Popen:
    from tests.commands.test_worker import database_url

    env = {**os.environ, "DATABASE_URL": database_url("govdash-ingest"),
           "GOVDASH_LEASE_SECONDS": str(lease_seconds)}
    return subprocess.Popen([sys.executable, "manage.py", "ingest", str(folder), "--publication", "江津日报",
                             "--published", "2024-01-15", "--region", "江津区", "--workers", "2"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_until_done(count: int, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while NewsletterIssue.objects.filter(status="done").count() < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the ingest made no progress"
        time.sleep(0.05)


def kill_a_worker_mid_issue(command: subprocess.Popen) -> int:
    """SIGKILL one of the command's worker processes while both hold an issue (each issue being processed is
    leased by one worker, so two leased issues mean both are mid-issue); the killed worker's pid."""
    deadline = time.monotonic() + 60
    while True:
        assert time.monotonic() < deadline, "never caught both workers mid-issue"
        workers = [p for p in psutil.Process(command.pid).children()
                   if "spawn_main" in " ".join(p.cmdline())]
        if len(workers) == 2:
            for worker in workers:
                worker.suspend()
            # A COMMIT a worker sent just before it was suspended still reaches the server: let it land before
            # reading which issues are held, or a worker that has just stored its issue looks mid-issue.
            time.sleep(0.3)
            if NewsletterIssue.objects.filter(status="processing", lease_owner__startswith="ingest-").count() == 2:
                workers[0].kill()
                workers[0].wait(10)
                workers[1].resume()
                return workers[0].pid
            for worker in workers:
                worker.resume()
        time.sleep(0.01)


def test_a_worker_killed_mid_issue_is_replaced_and_every_page_is_stored_once(folder):
    total = many_pages(folder, copies=4)
    # A long lease: the run must not wait for the dead worker's lease to run out, it releases it itself.
    command = start_ingest(folder, lease_seconds=600)
    try:
        wait_until_done(10, command)
        kill_a_worker_mid_issue(command)
        out, err = command.communicate(timeout=240)
    finally:
        if command.poll() is None:
            command.kill()
            command.wait()

    assert command.returncode == 0, err
    stored_once(total)
    assert out.count(": issue ") == total and "skipped" not in out
    assert "starting another" in err
    # The killed worker's issue was run twice (two attempts), and stored once.
    assert NewsletterIssue.objects.filter(attempts=2).count() == 1
    assert f"{total}/{total} pages" in err


def test_a_run_killed_midway_is_finished_by_the_next_run_with_nothing_lost_or_stored_twice(folder):
    total = many_pages(folder, copies=4)
    command = start_ingest(folder, lease_seconds=2)
    try:
        wait_until_done(10, command)
        # The whole command and its workers, mid-issue.
        os.killpg(command.pid, signal.SIGKILL)
    finally:
        command.wait()
    assert NewsletterIssue.objects.filter(status="done").count() < total
    time.sleep(2.5)  # the dead run's leases run out

    out, _err = ingest(folder, workers=2)

    stored_once(total)
    done_before = out.count("skipped, ")
    assert done_before >= 10 and out.count(": issue ") == total - done_before
