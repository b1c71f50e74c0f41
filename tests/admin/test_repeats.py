"""Near-copies of stored articles: the uploader is told which issue and article they repeat, their figures stay
off public pages (no new series, no new conflicts) until a reviewer accepts them, and accepting publishes them."""

import datetime as dt
import importlib
from io import StringIO

from django.core.management import call_command
from django.db import connection

from reports import review, services
from reports.models import Article, ArticleBand, Fact, NewsletterIssue
from reports.selectors import FactFilter, cells_for, metric_catalogue, public_facts
from tests.admin.conftest import FACTS_URL, ISSUES_URL
from tests.readers.samples import seed_text

# 几江街道's page with two characters changed and its grid count altered (168 -> 186).
JIJIANG_COPY = seed_text(1).replace("划分为168个网格", "划分成186个网格", 1).replace("按", "依", 1)
# 三江街道's page moved to another year: a false 2021 series if it were published.
SANJIANG_COPY = seed_text(4).replace("2022年,三江", "2021年,三江", 1).replace("2022年三江", "2021年三江", 1)


def upload(text: str, name: str, published=dt.date(2024, 6, 1)) -> NewsletterIssue:
    publication = services.get_publication(name="江津日报")
    return services.ingest_file(data=text.encode("utf-8"), filename=name, publication=publication,
                                published=published).issue


def public_cell(place: str, metric: str, year: int):
    facts = public_facts().filter(subdistrict__name=place, metric__key=metric)
    return cells_for(facts if year is None else facts.filter(year=year), metric_catalogue())


def test_it_finds_no_repeats_among_the_different_seed_pages(seeded):
    assert Article.objects.count() >= 10
    assert not Article.objects.filter(duplicate_of__isnull=False).exists()
    assert not Fact.objects.filter(held=True).exists()
    assert Article.objects.filter(minhash__isnull=False).count() == Article.objects.count()


def test_it_holds_a_near_copy_and_names_the_article_it_repeats(seeded):
    original = Article.objects.get(issue__original_name__startswith="001_", position=0)
    issue = upload(JIJIANG_COPY, "几江街道-转载.txt")
    [copy] = issue.articles.all()
    assert copy.duplicate_of == original and copy.similarity >= 0.9
    assert copy.held_as_duplicate
    assert f"与第 {original.issue_id} 期" in issue.warnings and "几乎相同" in issue.warnings
    assert original.issue.original_name in issue.warnings
    assert copy.facts.exists() and not copy.facts.filter(held=False).exists()

    # Dated by its later issue, the copy would have become 几江's latest year and so the overview's headline.
    assert copy.facts.filter(metric__key="grid_count", year=2024).exists()
    cell = public_cell("几江街道", "grid_count", None)
    assert cell["year"].tolist() == [2023] and cell["value"].tolist() == [168] and not cell["conflict"].any()
    assert set(cell["article_id"]) == {original.pk}


def test_it_creates_no_series_from_a_copy_moved_to_another_year(seeded):
    issue = upload(SANJIANG_COPY, "三江街道.txt", published=dt.date(2022, 1, 15))
    assert issue.articles.filter(duplicate_of__isnull=False).exists()
    assert Fact.objects.filter(article__issue=issue, year=2021, subdistrict__name="三江街道").exists()
    assert not public_facts().filter(subdistrict__name="三江街道", year=2021).exists()
    assert not FactFilter(year_from=2021, year_to=2021).facts().filter(subdistrict__name="三江街道").exists()


def test_it_publishes_an_accepted_repeat_and_a_correction_settles_the_conflict(seeded, editor, editor_client):
    # Dated within the same half-year as the original, the copy speaks of the same 2023.
    issue = upload(JIJIANG_COPY, "几江街道-转载.txt", published=dt.date(2023, 7, 20))
    response = editor_client.get(ISSUES_URL)
    assert "疑似重复" in response.content.decode() and "待审核" in response.content.decode()
    held = editor_client.get(FACTS_URL, {"repeat": "held", "classified": "all"}).content.decode()
    assert "暂不公开" in held

    copy_fact = Fact.objects.get(article__issue=issue, metric__key="grid_count", subdistrict__name="几江街道")
    assert not any(copy_fact in group.facts for group in review.conflicts()[0])
    response = editor_client.post(FACTS_URL, {"action": "accept_repeats", "_selected_action": [copy_fact.pk]},
                                  follow=True)
    assert "已接受 1 篇疑似重复文章" in response.content.decode()
    assert not Fact.objects.filter(article__issue=issue, held=True).exists()
    cell = public_cell("几江街道", "grid_count", 2023)
    assert cell["conflict"].all() and sorted(cell["value"].tolist()) == [168, 186]
    assert any(copy_fact in group.facts for group in review.conflicts()[0])

    # The reviewer finds the copy's number wrong and corrects it: the values agree and the conflict is gone.
    review.correct_fact(fact_id=copy_fact.pk, user=editor, changes={"value": 168})
    cell = public_cell("几江街道", "grid_count", 2023)
    assert cell["value"].tolist() == [168] and not cell["conflict"].any()
    assert cell["review_status"].tolist() == ["corrected"]
    # The value shown is the corrected one; its link goes to the original's sentence, which prints 168.
    original = Fact.objects.get(article__issue__original_name__startswith="001_", metric__key="grid_count",
                                subdistrict__name="几江街道")
    assert cell["fact_id"].tolist() == [original.pk]


def test_it_publishes_a_held_figure_a_reviewer_confirms(seeded, editor):
    issue = upload(JIJIANG_COPY, "几江街道-转载.txt")
    fact = Fact.objects.get(article__issue=issue, metric__key="micro_grid_count", subdistrict__name="几江街道")
    review.confirm_facts(facts=Fact.objects.filter(pk=fact.pk), user=editor)
    assert public_facts().filter(pk=fact.pk).exists()
    assert Fact.objects.filter(article__issue=issue, held=True).exists()


def test_it_keeps_an_acceptance_when_the_issue_is_extracted_again(seeded, editor):
    issue = upload(JIJIANG_COPY, "几江街道-转载.txt")
    review.accept_repeats(articles=issue.articles.all(), user=editor)
    summary = review.reextract(issues=[issue])
    assert not summary.failed
    copy = issue.articles.get()
    assert copy.duplicate_accepted_by == editor
    assert not Fact.objects.filter(article__issue=issue, held=True).exists()


def test_it_still_lets_a_reviewer_accept_a_repeat_whose_original_was_deleted(seeded, editor):
    issue = upload(JIJIANG_COPY, "几江街道-转载.txt")
    NewsletterIssue.objects.filter(original_name__startswith="001_").delete()
    assert Fact.objects.filter(article__issue=issue, held=True).exists()
    articles, released = review.accept_repeats(articles=issue.articles.all(), user=editor)
    assert articles == 1 and released > 0
    assert not Fact.objects.filter(article__issue=issue, held=True).exists()


def test_it_signs_articles_stored_before_signatures_and_then_finds_their_copies(seeded):
    Article.objects.update(minhash=None)
    ArticleBand.objects.all().delete()
    out = StringIO()
    call_command("sign_articles", stdout=out)
    assert f"{Article.objects.count()} articles signed" in out.getvalue()
    assert not Fact.objects.filter(held=True).exists()
    issue = upload(JIJIANG_COPY, "几江街道-转载.txt")
    assert issue.articles.get().held_as_duplicate


def test_it_flags_a_running_total_at_ingest(seeded):
    elevators = Fact.objects.get(subdistrict__name="几江街道", metric__key="elevators_installed")
    assert "截至目前" in elevators.evidence and elevators.cumulative
    assert not Fact.objects.get(subdistrict__name="几江街道", metric__key="grid_count").cumulative


def test_it_flags_running_totals_stored_before_the_flag(seeded):
    migration = importlib.import_module("reports.migrations.0006_article_near_duplicates")
    flagged = set(Fact.objects.filter(cumulative=True).values_list("pk", flat=True))
    Fact.objects.update(cumulative=False)
    with connection.cursor() as cursor:
        cursor.execute(migration.FLAG_RUNNING_TOTALS)
    assert set(Fact.objects.filter(cumulative=True).values_list("pk", flat=True)) == flagged != set()
