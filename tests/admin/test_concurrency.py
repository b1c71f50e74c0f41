"""Two uploads processed at the same moment that name the same new subdistrict create it once."""

import threading

import pytest
from django.db import connection

from reports import services
from reports.models import District, NewsletterIssue, Publication, Subdistrict
from reports.services import IncomingFile, accept_files, process_issue


@pytest.mark.django_db(transaction=True)
def test_it_creates_a_new_subdistrict_once_when_two_uploads_name_it_together(monkeypatch):
    # No reference data: 圣泉街道 and 江津区 are new to the database and both workers must create them.
    newspaper = Publication.objects.create(name="江津日报")
    pages = ["圣泉街道网格建设\n\n2023年，圣泉街道在133个网格的基础上，拓展3310个微网格。\n",
             "圣泉街道养老服务\n\n2023年，圣泉街道建成养老服务站12个，服务老人3000余人次。\n"]
    outcomes = accept_files(files=[IncomingFile(f"{i}.txt", page.encode()) for i, page in enumerate(pages)],
                            publication=newspaper, published=None, region=None, enqueue=False)
    issues = [outcome.issue for outcome in outcomes]
    assert Subdistrict.objects.count() == 0

    # Both transactions start storing at the same moment, so both look the place up before either creates it.
    barrier = threading.Barrier(2, timeout=30)
    original_store = services._store

    def store_together(**kwargs):
        barrier.wait()
        return original_store(**kwargs)

    monkeypatch.setattr(services, "_store", store_together)
    errors = []

    def work(issue):
        try:
            process_issue(issue=NewsletterIssue.objects.get(pk=issue.pk))
        except Exception as error:  # surfaced below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(issue,)) for issue in issues]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert set(NewsletterIssue.objects.values_list("status", flat=True)) == {"done"}
    assert Subdistrict.objects.filter(name="圣泉街道").count() == 1
    assert District.objects.filter(name="江津区").count() == 1
    place = Subdistrict.objects.get(name="圣泉街道")
    assert {fact.subdistrict_id for issue in issues for fact in
            NewsletterIssue.objects.get(pk=issue.pk).articles.first().facts.all()} == {place.pk}
