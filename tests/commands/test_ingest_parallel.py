"""``ingest`` of a folder with several worker processes: every page once, with progress, resumable."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from reports.models import Article, NewsletterIssue
from reports.services import IncomingFile, accept_files, get_publication

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
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
