"""Reader pages are cached, and the next request after any write shows the change.

Each reader page is warmed until it is served from the cache, then the data changes through the same code
the product uses (an upload processed by the ingest service, a reviewer's decision, a re-extraction), and the
very next request must show the change.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from reports import pagecache, review
from reports.models import Fact, Initiative, NewsletterIssue, Subdistrict
from reports.services import get_publication, ingest_file

SEEDED = pytest.mark.usefixtures("seeded")

PAGES = ("overview", "metric", "compare", "subdistrict", "search")
NEW_TOWN_TEXT = """圣泉街道持续深化网格治理

2025 年，圣泉街道以党建统领网格智治，划分 417 个网格，配备专职网格员 52 名，
“缙霞驿站”参与基层治理，群众满意度持续提升。
"""


def the_fact():
    return Fact.objects.select_related("subdistrict").get(
        article__issue__original_name__startswith="000_", metric__key="grid_count", subdistrict__name="圣泉街道")


def url(page: str, *, year: int | None = None, q: str = "微网格", kind: str = "articles") -> str:
    place = Subdistrict.objects.get(name="圣泉街道")
    return {
        "overview": "/",
        "metric": f"/metrics/grid_count/?year={year}" if year else "/metrics/grid_count/",
        "compare": f"/compare/?subdistrict={place.pk}&metric=grid_count",
        "subdistrict": f"/subdistricts/{place.pk}/",
        "search": f"/search/?q={q}&kind={kind}",
    }[page]


def warm(client: Client, path: str) -> str:
    client.get(path)
    response = client.get(path)
    assert response.status_code == 200
    assert response[pagecache.HEADER] == "hit"
    return response.content.decode()


def fresh(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    assert response[pagecache.HEADER] == "miss", "the first request after a write must not be served from cache"
    return response.content.decode()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(username="editor", password="pw-for-tests-only", is_staff=True)


@SEEDED
def test_it_serves_a_repeated_page_from_the_cache_with_a_fresh_csrf_token():
    client = Client()
    first = client.get("/")
    second = client.get("/")
    assert (first[pagecache.HEADER], second[pagecache.HEADER]) == ("miss", "hit")
    assert pagecache.CSRF_PLACEHOLDER not in first.content.decode()
    assert pagecache.CSRF_PLACEHOLDER not in second.content.decode()
    assert 'name="csrfmiddlewaretoken" value="' in second.content.decode()
    assert "csrftoken" in first.cookies
    # A new reader gets a CSRF cookie from a cached page too, and the language switch works with it.
    other = Client(enforce_csrf_checks=True)
    cached = other.get("/")
    assert cached[pagecache.HEADER] == "hit" and "csrftoken" in other.cookies
    token = cached.content.decode().split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    switched = other.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert switched.status_code == 302


@SEEDED
def test_it_keeps_languages_apart():
    client = Client()
    chinese = client.get("/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/")
    assert english[pagecache.HEADER] == "miss"
    assert english.content.decode() != chinese
    assert '<html lang="en">' in english.content.decode()


@SEEDED
@pytest.mark.parametrize("page", PAGES)
def test_it_shows_an_upload_on_the_next_request(page):
    client = Client()
    path = url(page, year=2025, q="缙霞驿站")
    before = warm(client, path)
    assert "417" not in before and "缙霞驿站</" not in before.replace("<mark>", "").replace("</mark>", "")

    ingest_file(data=NEW_TOWN_TEXT.encode(), filename="new_issue.txt",
                publication=get_publication(name="江津日报"), published=date(2026, 1, 15))

    after = fresh(client, path)
    if page == "search":
        assert "缙霞" in after and "没有找到相关内容" not in after
    else:
        assert "417" in after


@SEEDED
@pytest.mark.parametrize("page", PAGES)
def test_it_shows_a_review_decision_on_the_next_request(page, editor):
    fact = the_fact()
    client = Client()
    path = url(page, year=fact.year)
    before = warm(client, path)
    assert "8642" not in before

    review.correct_fact(fact_id=fact.pk, user=editor, changes={"value": Decimal("8642")})

    after = fresh(client, path)
    if page != "search":  # search lists articles, which a decision on a figure leaves as they were
        assert "8642" in after or "8,642" in after


@SEEDED
@pytest.mark.parametrize("page", PAGES)
def test_it_shows_a_reextraction_on_the_next_request(page):
    fact = the_fact()
    issue = NewsletterIssue.objects.get(pk=fact.article.issue_id)
    # As if an older extractor had misread the figure and missed an initiative: the page shows that state.
    Fact.objects.filter(pk=fact.pk).update(value=Decimal("8642"))
    initiative = Initiative.objects.filter(article__issue=issue).first()
    Initiative.objects.filter(pk=initiative.pk).delete()
    client = Client()
    path = url(page, year=fact.year, q=initiative.name, kind="initiatives")
    before = warm(client, path)
    if page == "search":
        assert "没有找到相关内容" in before
    else:
        assert "8642" in before or "8,642" in before

    review.reextract(issues=[issue])

    after = fresh(client, path)
    if page == "search":
        assert "没有找到相关内容" not in after
    else:
        assert "8642" not in after and "8,642" not in after


@SEEDED
def test_it_never_caches_admin_pages(editor):
    client = Client()
    client.force_login(get_user_model().objects.get(username="editor"))
    response = client.get("/admin/")
    assert pagecache.HEADER not in response


@pytest.mark.django_db(transaction=True)
def test_it_changes_the_version_when_a_writer_commits_and_not_when_it_rolls_back():
    from django.db import transaction

    from reports.models import Metric

    start = pagecache.data_version()
    with transaction.atomic():
        metric = Metric.objects.create(key="bench_probe", name_zh="探针", name_en="probe", unit="个")
        Metric.objects.filter(pk=metric.pk).update(position=5)
    committed = pagecache.data_version()
    assert committed != start
    with pytest.raises(RuntimeError), transaction.atomic():
        Metric.objects.filter(pk=metric.pk).update(position=6)
        raise RuntimeError
    assert pagecache.data_version() == committed
    # A lease heartbeat is not a change the pages show.
    from reports.models import NewsletterIssue, Publication

    issue = NewsletterIssue.objects.create(publication=Publication.objects.create(name="探针报"), sha256="0" * 64)
    before = pagecache.data_version()
    NewsletterIssue.objects.filter(pk=issue.pk).update(lease_expires_at=None, lease_owner="x")
    assert pagecache.data_version() == before
