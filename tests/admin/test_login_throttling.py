"""Login throttling: a few wrong passwords lock one username from one address for a while, in Chinese."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

LOGIN_URL = "/admin/login/?next=/admin/"
PASSWORD = "pw-for-tests-only"

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_user(username="admin", password=PASSWORD, is_staff=True,
                                                 is_superuser=True)


def attempt(client, password, *, username="admin", address="203.0.113.7"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_it_locks_a_username_after_five_wrong_passwords_and_refuses_the_right_one(admin_user, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "wrong").status_code == 200  # the login form again, with its error
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "登录已暂时锁定" in page and "连续输错 5 次" in page and "15 分钟后再试" in page
    refused = attempt(client, PASSWORD)
    assert refused.status_code == 429 and "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_it_locks_only_that_username_from_that_address(admin_user, django_user_model, settings):
    django_user_model.objects.create_user(username="colleague", password=PASSWORD, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), "wrong")
    assert attempt(Client(), PASSWORD, address="198.51.100.9").status_code == 302  # another address
    assert attempt(Client(), PASSWORD, username="colleague").status_code == 302  # another username
    assert attempt(Client(), PASSWORD).status_code == 429


def test_it_lets_the_right_password_in_once_the_lockout_has_passed(admin_user, settings):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1))
    assert attempt(Client(), PASSWORD).status_code == 302


def test_it_forgets_failures_after_a_successful_login(admin_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(Client(), "wrong")
    assert attempt(Client(), PASSWORD).status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(Client(), "wrong")
    assert attempt(Client(), PASSWORD).status_code == 302
