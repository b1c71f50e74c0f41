"""The review queue: filters, the highlighted number, bulk confirm/reject, corrections and conflicts."""

from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils import timezone

from reports import review
from reports.models import Fact, Metric, NewsletterIssue, Subdistrict
from tests.admin.conftest import FACTS_URL

pytestmark = pytest.mark.usefixtures("seeded")


def grids():
    return Fact.objects.get(metric__key="grid_count", subdistrict__name="圣泉街道", year=2023)


def test_it_lists_facts_with_the_number_highlighted_in_its_sentence(editor_client):
    fact = grids()
    page = editor_client.get(FACTS_URL, {"place": fact.subdistrict_id}).content.decode()
    before, number, after = fact.evidence.partition("133")
    assert number == "133"
    assert f"{before}<mark>133</mark>{after}" in page
    assert "圣泉街道（江津区）" in page
    assert "自动抽取" in page


@pytest.mark.parametrize(("params", "condition"), [
    (lambda f: {"review_status__exact": "confirmed"}, lambda f: {"review_status": "confirmed"}),
    (lambda f: {"place": f.subdistrict_id}, lambda f: {"subdistrict": f.subdistrict_id}),
    (lambda f: {"district": f.district_id}, lambda f: {"district": f.district_id}),
    (lambda f: {"metric__id__exact": f.metric_id}, lambda f: {"metric": f.metric_id}),
    (lambda f: {"year": 2023}, lambda f: {"year": 2023}),
    (lambda f: {"article__issue__publication__id__exact": f.article.issue.publication_id},
     lambda f: {"article__issue__publication": f.article.issue.publication_id}),
    (lambda f: {"article__issue__id__exact": f.article.issue_id}, lambda f: {"article__issue": f.article.issue_id}),
], ids=["status", "subdistrict", "district", "metric", "year", "newspaper", "issue"])
def test_it_filters_the_review_queue(editor_client, editor, params, condition):
    fact = grids()
    review.confirm_facts(facts=Fact.objects.filter(pk=fact.pk), user=editor)
    response = editor_client.get(FACTS_URL, params(fact))
    assert response.status_code == 200
    shown = set(response.context["cl"].queryset.values_list("pk", flat=True))
    expected = Fact.objects.filter(**condition(fact))
    if "article__issue__id__exact" not in params(fact):
        # Unclassified candidates wait under their own filter; an issue's own list shows all of its facts.
        expected = expected.filter(metric__isnull=False)
    expected = set(expected.values_list("pk", flat=True))
    assert shown == expected
    assert fact.pk in shown
    assert len(shown) < Fact.objects.count()


def test_it_offers_only_places_that_have_facts_as_filter_choices(editor_client):
    page = editor_client.get(FACTS_URL).content.decode()
    assert "圣泉街道（江津区）" in page
    # Chongqing has about a thousand subdistricts; a filter listing all of them would be useless.
    quiet = Subdistrict.objects.filter(facts__isnull=True).exclude(name__in=page).first()
    assert quiet is not None


def test_it_confirms_and_rejects_facts_in_bulk(editor_client, editor):
    facts = list(Fact.objects.filter(subdistrict__name="圣泉街道", metric__isnull=False).order_by("pk")[:4])
    response = editor_client.post(FACTS_URL, {"action": "confirm", ACTION_CHECKBOX_NAME: [f.pk for f in facts[:3]]},
                                  follow=True)
    assert "已确认 3 条数据。" in response.content.decode()
    response = editor_client.post(FACTS_URL, {"action": "reject", ACTION_CHECKBOX_NAME: [facts[3].pk]}, follow=True)
    assert "已驳回 1 条数据" in response.content.decode()
    statuses = dict(Fact.objects.filter(pk__in=[f.pk for f in facts]).values_list("pk", "review_status"))
    assert [statuses[f.pk] for f in facts] == ["confirmed", "confirmed", "confirmed", "rejected"]
    reviewed = Fact.objects.get(pk=facts[0].pk)
    assert reviewed.reviewed_by == editor
    assert (timezone.now() - reviewed.reviewed_at).total_seconds() < 60


def change_form_data(fact, **changes):
    data = {"metric": fact.metric_id or "", "label": fact.label, "value": str(fact.value),
            "upper_value": "" if fact.upper_value is None else str(fact.upper_value), "unit": fact.unit,
            "qualifier": fact.qualifier, "subdistrict": fact.subdistrict_id or "",
            "district": fact.district_id or "", "year": fact.year or "", "note": fact.note}
    data.update(changes)
    return data


def test_it_marks_an_edited_fact_corrected_and_keeps_what_the_extractor_said(editor_client, editor):
    fact = grids()
    url = f"{FACTS_URL}{fact.pk}/change/"
    form = editor_client.get(url).content.decode()
    assert "<mark>133</mark>" in form
    response = editor_client.post(url, change_form_data(fact, value="135"), follow=True)
    assert response.status_code == 200
    fact.refresh_from_db()
    assert fact.value == Decimal("135")
    assert fact.review_status == Fact.ReviewStatus.CORRECTED
    assert fact.reviewed_by == editor and fact.reviewed_at is not None
    assert fact.extracted["value"] == "133.0000"
    assert fact.extracted["metric"] == "grid_count"
    listing = editor_client.get(FACTS_URL, {"place": fact.subdistrict_id}).content.decode()
    assert "已更正" in listing
    assert '<del class="original-value" title="抽取结果">133</del>' in listing


def test_it_moves_a_corrected_fact_to_another_place_and_its_district(editor_client):
    fact = grids()
    elsewhere = Subdistrict.objects.exclude(district=fact.district).get(name="三江街道")
    editor_client.post(f"{FACTS_URL}{fact.pk}/change/", change_form_data(fact, subdistrict=elsewhere.pk))
    fact.refresh_from_db()
    assert (fact.subdistrict, fact.district) == (elsewhere, elsewhere.district)
    assert fact.review_status == Fact.ReviewStatus.CORRECTED
    assert fact.extracted["subdistrict"] == "圣泉街道"


def test_it_does_not_call_a_note_a_correction(editor_client):
    fact = grids()
    editor_client.post(f"{FACTS_URL}{fact.pk}/change/", change_form_data(fact, note="已电话核实"))
    fact.refresh_from_db()
    assert fact.note == "已电话核实"
    assert fact.review_status == Fact.ReviewStatus.AUTO
    assert fact.extracted == {}


def test_it_lists_conflicting_values_from_different_articles(editor_client, immediate_tasks):
    from tests.admin.conftest import upload

    newspaper = NewsletterIssue.objects.get(original_name__startswith="000_").publication
    text = "圣泉街道网格化管理再上台阶\n\n2023年，圣泉街道共划分网格140个，网格员全部持证上岗。\n"
    upload(editor_client, ("更正报道.txt", text.encode()), publication=newspaper, published="2024-02-01")
    other = Fact.objects.get(article__issue__original_name="更正报道.txt", metric__key="grid_count")
    assert (other.subdistrict.name, other.year, other.value) == ("圣泉街道", 2023, 140)

    page = editor_client.get(f"{FACTS_URL}conflicts/").content.decode()
    assert 'data-place="圣泉街道" data-year="2023" data-metric="grid_count"' in page
    assert "<mark>133</mark>" in page and "<mark>140</mark>" in page
    assert "冲突（" in editor_client.get(FACTS_URL).content.decode()

    editor_client.post(FACTS_URL, {"action": "reject", ACTION_CHECKBOX_NAME: [other.pk]})
    page = editor_client.get(f"{FACTS_URL}conflicts/").content.decode()
    assert 'data-metric="grid_count"' not in page or 'data-place="圣泉街道" data-year="2023" data-metric="grid_count"' \
        not in page


def test_it_does_not_let_anyone_type_in_facts(editor_client):
    assert editor_client.get(f"{FACTS_URL}add/").status_code == 403
    assert Metric.objects.exists()
