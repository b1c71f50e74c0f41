"""Who may do what: 编辑 upload and review, 查看 only read, everyone else stays out of the admin."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.test import Client

from reports.models import Fact
from tests.admin.conftest import FACTS_URL, ISSUES_URL, UPLOAD_URL


def test_it_creates_the_two_staff_groups_with_their_permissions(db):
    editor = set(Group.objects.get(name="编辑").permissions.values_list("codename", flat=True))
    viewer = set(Group.objects.get(name="查看").permissions.values_list("codename", flat=True))
    assert {"add_newsletterissue", "change_fact", "view_fact"} <= editor
    assert "delete_fact" not in editor
    assert viewer and all(codename.startswith("view_") for codename in viewer)


def test_it_sends_anonymous_visitors_to_the_login_page(db):
    for url in (ISSUES_URL, UPLOAD_URL, FACTS_URL, f"{FACTS_URL}conflicts/"):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_it_keeps_non_staff_users_out_of_the_admin(django_user_model):
    user = django_user_model.objects.create_user(username="reader", password="x")
    client = Client()
    client.force_login(user)
    assert client.get(ISSUES_URL).status_code == 302


def test_it_lets_viewers_read_but_not_upload_or_review(viewer_client, seeded):
    assert viewer_client.get(ISSUES_URL).status_code == 200
    assert "上传报纸" not in viewer_client.get(ISSUES_URL).content.decode()
    assert viewer_client.get(FACTS_URL).status_code == 200
    assert viewer_client.get(f"{FACTS_URL}conflicts/").status_code == 200
    assert viewer_client.get(UPLOAD_URL).status_code == 403
    fact = Fact.objects.first()
    viewer_client.post(FACTS_URL, {"action": "confirm", ACTION_CHECKBOX_NAME: [fact.pk]})
    fact.refresh_from_db()
    assert fact.review_status == "auto"
    assert viewer_client.post(f"{FACTS_URL}{fact.pk}/change/", {"value": "1"}).status_code == 403


def test_it_lets_editors_upload_and_review(editor_client, seeded):
    assert editor_client.get(UPLOAD_URL).status_code == 200
    page = editor_client.get(FACTS_URL).content.decode()
    assert "确认选中的数据" in page and "驳回选中的数据" in page
