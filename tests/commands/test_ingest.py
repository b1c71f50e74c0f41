from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from reports.models import Article, Fact, NewsletterIssue, Subdistrict

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
pytestmark = pytest.mark.django_db


def ingest(*files, publication="江津日报", published="2024-01-15", region="江津区"):
    out = StringIO()
    call_command("ingest", *map(str, files), publication=publication, published=published, region=region, stdout=out)
    return out.getvalue()


def test_it_ingests_a_page_into_articles_and_facts():
    output = ingest(SEEDS / "000_d238ae38aa525291.txt")
    assert "facts" in output
    issue = NewsletterIssue.objects.get()
    assert issue.status == NewsletterIssue.Status.DONE
    assert issue.publication.name == "江津日报"
    assert issue.articles.exists()
    grids = Fact.objects.get(metric__key="grid_count", subdistrict__name="圣泉街道")
    assert (grids.year, grids.value) == (2023, 133)
    assert "133" in grids.evidence
    assert grids.article.text[grids.start:grids.end] == grids.evidence


def test_it_reports_a_duplicate_and_stores_nothing_twice():
    page = SEEDS / "001_0e5f378dd849a7a6.txt"
    ingest(page, published="2023-07-15")
    counts = (NewsletterIssue.objects.count(), Article.objects.count(), Fact.objects.count())
    output = ingest(page, published="2023-07-15")
    assert "already imported" in output
    assert (NewsletterIssue.objects.count(), Article.objects.count(), Fact.objects.count()) == counts


def test_it_names_the_article_a_near_copy_repeats(tmp_path):
    page = SEEDS / "001_0e5f378dd849a7a6.txt"
    ingest(page, published="2023-07-15")
    copy = tmp_path / "转载.txt"
    copy.write_text(page.read_text(encoding="utf-8").replace("168个网格", "186个网格", 1), encoding="utf-8")
    output = ingest(copy, published="2024-06-01")
    original = NewsletterIssue.objects.get(original_name=page.name)
    assert f"与第 {original.pk} 期" in output and page.name in output and "几乎相同" in output
    assert not Fact.objects.filter(article__issue__original_name="转载.txt", held=False).exists()


def test_it_refuses_a_missing_file_and_a_bad_date(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        ingest(tmp_path / "missing.txt")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        ingest(SEEDS / "000_d238ae38aa525291.txt", published="15/01/2024")
    assert NewsletterIssue.objects.count() == 0


def test_it_fails_cleanly_on_an_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="1 of 1 files failed"):
        ingest(empty)
    assert Article.objects.count() == 0
    assert Fact.objects.count() == 0


def test_it_attributes_the_district_piece_to_the_district_not_the_subdistrict_above_it():
    ingest(SEEDS / "003_0c406f421345cbbb.txt", publication="重庆日报", published="2024-03-05", region="重庆市")
    canteens = Fact.objects.get(metric__key="elderly_care_sites", value=87)
    assert canteens.subdistrict is None
    assert canteens.district.name == "江北区"
    assert not Fact.objects.filter(subdistrict__name="化龙桥街道", evidence__contains="助餐").exists()
    assert Subdistrict.objects.filter(name="化龙桥街道", district__name="渝中区").exists()
