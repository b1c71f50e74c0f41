"""Re-extracting many issues from the admin runs in the background, with progress in the admin."""

from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client

from reports import pagecache
from reports.models import Fact, NewsletterIssue, ReextractRun
from tests.admin.conftest import ISSUES_URL, run_worker

pytestmark = pytest.mark.usefixtures("seeded")
RUNS_URL = "/admin/reports/reextractrun/"


@pytest.mark.django_db(transaction=True)  # the real task worker commits as it goes
def test_it_reextracts_every_issue_in_the_background_and_shows_progress(editor, editor_client, settings):
    settings.GOVDASH_REEXTRACT_INLINE_ISSUES = 2
    issues = list(NewsletterIssue.objects.order_by("pk").values_list("pk", flat=True))
    kept = Fact.objects.filter(article__issue_id=issues[0]).order_by("pk").first()
    Fact.objects.filter(pk=kept.pk).update(review_status="confirmed")
    stale = Fact.objects.filter(article__issue_id=issues[1], review_status="auto", subdistrict__isnull=False,
                                metric__key="grid_count").order_by("pk").first()
    Fact.objects.filter(pk=stale.pk).update(value=Decimal("8642"))  # as if an older extractor had misread it
    reader = Client()
    place_url = f"/subdistricts/{stale.subdistrict_id}/"
    reader.get(place_url)
    assert "8642" in reader.get(place_url).content.decode()

    response = editor_client.post(ISSUES_URL, {"action": "reextract", ACTION_CHECKBOX_NAME: issues}, follow=True)

    page = response.content.decode()
    assert f"已在后台开始重新抽取 {len(issues)} 期" in page
    run = ReextractRun.objects.get()
    assert (run.status, run.total, run.done, run.started_by) == ("queued", len(issues), 0, editor)
    assert "0/5" in editor_client.get(RUNS_URL).content.decode()

    run_worker()

    run.refresh_from_db()
    assert (run.status, run.done, run.failed) == ("done", len(issues), 0)
    assert "保留审核结果" in run.message
    listing = editor_client.get(RUNS_URL).content.decode()
    assert "5/5" in listing and "100%" in listing
    assert Fact.objects.get(pk=kept.pk).review_status == "confirmed"
    assert not Fact.objects.filter(value=Decimal("8642")).exists()
    after = reader.get(place_url)
    assert after[pagecache.HEADER] == "miss" and "8642" not in after.content.decode()


def test_it_still_reextracts_a_few_issues_at_once(editor_client, settings):
    settings.GOVDASH_REEXTRACT_INLINE_ISSUES = 5
    issue = NewsletterIssue.objects.order_by("pk").first()
    response = editor_client.post(ISSUES_URL, {"action": "reextract", ACTION_CHECKBOX_NAME: [issue.pk]}, follow=True)
    assert "重新抽取 1 期" in response.content.decode()
    assert not ReextractRun.objects.exists()


def test_it_shows_runs_to_viewers_without_letting_them_change_anything(viewer_client):
    run = ReextractRun.objects.create(issue_ids=[1, 2], total=2, done=1)
    assert viewer_client.get(RUNS_URL).status_code == 200
    assert viewer_client.get(f"{RUNS_URL}{run.pk}/change/").status_code == 200
    assert viewer_client.post(f"{RUNS_URL}{run.pk}/delete/").status_code == 403
