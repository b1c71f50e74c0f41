"""Numbers the catalogue cannot name are staff-only candidates; classifying one teaches the extractor."""

from io import StringIO

import pytest
from django.core.management import call_command

from reports import review
from reports.models import Fact, Metric, MetricSynonym, NewsletterIssue
from tests.admin.conftest import FACTS_URL

pytestmark = pytest.mark.usefixtures("seeded")


def shown(client, params=None):
    response = client.get(FACTS_URL, params or {})
    assert response.status_code == 200
    return list(response.context["cl"].queryset)


def test_it_opens_the_review_queue_on_catalogued_facts_weakest_first(editor_client):
    facts = shown(editor_client)
    assert facts and all(f.metric_id for f in facts)
    confidences = [f.confidence for f in facts]
    assert confidences == sorted(confidences)
    candidates = shown(editor_client, {"classified": "candidates"})
    assert candidates and all(f.metric_id is None for f in candidates)
    assert len(shown(editor_client, {"classified": "all"})) == Fact.objects.count()


def test_it_shows_the_reviewer_why_a_fact_was_read_that_way(editor_client):
    fact = Fact.objects.get(metric__key="grid_count", subdistrict__name="圣泉街道", year=2023)
    assert set(fact.reasons) == {"rule", "place", "year"}
    page = editor_client.get(f"{FACTS_URL}{fact.pk}/change/").content.decode()
    assert "抽取依据" in page and "指标 量词后的指标名" in page


def test_it_keeps_candidates_off_the_public_article_page(client):
    candidate = Fact.objects.filter(metric__isnull=True).select_related("article").first()
    catalogued = Fact.objects.filter(article=candidate.article, metric__isnull=False).first()
    page = client.get(f"/articles/{candidate.article_id}/").content.decode()
    assert f'id="fact-{catalogued.pk}"' in page
    assert f'id="fact-{candidate.pk}"' not in page


def test_it_teaches_the_extractor_the_phrase_of_a_classified_candidate(editor, tmp_path):
    issue = NewsletterIssue.objects.get(original_name__startswith="000_")
    candidate = Fact.objects.get(article__issue=issue, metric__isnull=True, label="核心队伍")
    teams = Metric.objects.get(key="volunteer_organizations")

    review.correct_fact(fact_id=candidate.pk, user=editor, changes={"metric": teams})

    synonym = MetricSynonym.objects.get(phrase="核心队伍")
    assert (synonym.metric, synonym.created_by) == (teams, editor)
    # Re-extraction reads the phrase as the metric now, and the reviewer's decision stands, not doubled.
    call_command("reextract", "--issue", str(issue.pk), stdout=StringIO())
    same = Fact.objects.filter(article__issue=issue, evidence=candidate.evidence, metric=teams, value=3)
    assert [f.review_status for f in same] == ["corrected"]
    # A new page naming the phrase gets the metric at once.
    page = tmp_path / "page.txt"
    page.write_text("圣泉街道\n\n2024年,圣泉街道新组建4支核心队伍。\n", encoding="utf-8")
    call_command("ingest", str(page), publication="江津日报", published="2024-05-01", region="江津区",
                 stdout=StringIO())
    fact = Fact.objects.get(evidence__contains="新组建4支核心队伍")
    assert (fact.metric, fact.value, fact.reasons["rule"]) == (teams, 4, "synonym:核心队伍")


def test_it_learns_nothing_from_reassigning_a_catalogued_fact(editor):
    fact = Fact.objects.filter(metric__key="grid_count").first()
    review.correct_fact(fact_id=fact.pk, user=editor, changes={"metric": Metric.objects.get(key="micro_grid_count")})
    assert not MetricSynonym.objects.exists()
