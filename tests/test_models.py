"""Database constraints that keep the facts table trustworthy."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from reports.models import Article, District, Fact, NewsletterIssue, Publication, Subdistrict

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    publication = Publication.objects.create(name="测试日报")
    issue = NewsletterIssue.objects.create(publication=publication, sha256="0" * 64, original_name="a.txt")
    return Article.objects.create(issue=issue, position=0, title="标题", text="共有 12 个网格。")


def make_fact(article, **overrides):
    values = {"article": article, "value": Decimal("12"), "label": "网格", "evidence": "共有 12 个网格。",
              "start": 0, "end": 9}
    values.update(overrides)
    return Fact.objects.create(**values)


def assert_rejected(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_it_rejects_an_upper_value_below_the_value(article):
    assert_rejected(lambda: make_fact(article, upper_value=Decimal("3")))


def test_it_accepts_a_range(article):
    fact = make_fact(article, value=Decimal("1500"), upper_value=Decimal("2000"))
    assert fact.upper_value == 2000


def test_it_rejects_an_unknown_qualifier(article):
    assert_rejected(lambda: make_fact(article, qualifier="roughly"))


def test_it_rejects_an_unknown_review_status(article):
    assert_rejected(lambda: make_fact(article, review_status="maybe"))


def test_it_rejects_a_fact_with_neither_metric_nor_label(article):
    assert_rejected(lambda: make_fact(article, label=""))


def test_it_rejects_an_evidence_span_that_ends_before_it_starts(article):
    assert_rejected(lambda: make_fact(article, start=10, end=2))


def test_it_keeps_one_sha256_per_issue(article):
    assert_rejected(lambda: NewsletterIssue.objects.create(publication=article.issue.publication, sha256="0" * 64))


def test_it_keeps_subdistrict_names_unique_within_a_district():
    district = District.objects.create(name="测试区", city="测试市")
    Subdistrict.objects.create(name="甲街道", district=district)
    assert_rejected(lambda: Subdistrict.objects.create(name="甲街道", district=district))
    other = District.objects.create(name="另一区", city="测试市")
    assert Subdistrict.objects.create(name="甲街道", district=other).pk


def test_it_allows_the_same_district_name_in_two_cities():
    District.objects.create(name="江北区", city="重庆市")
    assert District.objects.create(name="江北区", city="宁波市").pk
    assert_rejected(lambda: District.objects.create(name="江北区", city="重庆市"))
