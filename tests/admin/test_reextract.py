"""Re-extraction replaces automatic facts and keeps every reviewer decision."""

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import CommandError, call_command

from reports import review
from reports.models import Fact, NewsletterIssue

pytestmark = pytest.mark.usefixtures("seeded")


def decide(editor):
    issue = NewsletterIssue.objects.get(original_name__startswith="000_")
    corrected = Fact.objects.get(article__issue=issue, metric__key="grid_count", subdistrict__name="圣泉街道")
    confirmed, rejected = Fact.objects.filter(article__issue=issue).exclude(pk=corrected.pk).order_by("pk")[:2]
    review.confirm_facts(facts=Fact.objects.filter(pk=confirmed.pk), user=editor)
    review.reject_facts(facts=Fact.objects.filter(pk=rejected.pk), user=editor)
    review.correct_fact(fact_id=corrected.pk, user=editor, changes={"value": Decimal("135")})
    return issue, {confirmed.pk: "confirmed", rejected.pk: "rejected", corrected.pk: "corrected"}


def test_it_keeps_confirmed_rejected_and_corrected_facts_when_reextracting(editor):
    issue, decisions = decide(editor)
    auto_before = Fact.objects.filter(article__issue=issue, review_status="auto").count()
    total_before = Fact.objects.filter(article__issue=issue).count()
    out = StringIO()

    call_command("reextract", "--issue", str(issue.pk), stdout=out)

    assert f"issue {issue.pk}" in out.getvalue()
    assert "3 decisions kept" in out.getvalue()
    kept = dict(Fact.objects.filter(pk__in=decisions).values_list("pk", "review_status"))
    assert kept == decisions
    assert Fact.objects.get(pk=[pk for pk, s in decisions.items() if s == "corrected"][0]).value == 135
    # The decided facts were not duplicated by fresh automatic copies of themselves.
    assert Fact.objects.filter(article__issue=issue).count() == total_before
    assert Fact.objects.filter(article__issue=issue, review_status="auto").count() == auto_before
    assert not Fact.objects.filter(article__issue=issue, metric__key="grid_count", subdistrict__name="圣泉街道",
                                   value=133).exists()


def test_it_replaces_automatic_facts_and_reports_what_changed(editor, monkeypatch):
    issue, decisions = decide(editor)
    auto = Fact.objects.filter(article__issue=issue, review_status="auto").order_by("pk").first()
    Fact.objects.filter(pk=auto.pk).update(value=auto.value + 1)  # as if an older extractor had misread it

    summary = review.reextract(issues=[issue])

    change = summary.issues[0]
    assert (change.added, change.removed, change.kept, change.orphaned, change.error) == (1, 1, 3, 0, "")
    assert not Fact.objects.filter(pk=auto.pk).exists()
    assert "自动数据新增 1 条、删除 1 条" in summary.message_zh()
    assert "保留审核结果 3 条" in summary.message_zh()


def test_it_reextracts_every_issue_with_all(editor):
    out = StringIO()
    call_command("reextract", "--all", stdout=out)
    lines = out.getvalue().splitlines()
    assert len([line for line in lines if line.startswith("issue ")]) == NewsletterIssue.objects.count() == 5
    assert lines[-1].startswith("extractor ")
    assert "5 issues re-extracted, 0 failed; auto facts +0 -0" in lines[-1]


def test_it_refuses_an_unknown_issue():
    with pytest.raises(CommandError, match="no processed issue with id 999999"):
        call_command("reextract", "--issue", "999999")


def test_it_reextracts_from_the_admin_action(editor, editor_client):
    issue, decisions = decide(editor)
    response = editor_client.post("/admin/reports/newsletterissue/",
                                  {"action": "reextract", ACTION_CHECKBOX_NAME: [issue.pk]}, follow=True)
    page = response.content.decode()
    assert "重新抽取 1 期" in page
    assert "保留审核结果 3 条" in page
    assert dict(Fact.objects.filter(pk__in=decisions).values_list("pk", "review_status")) == decisions
