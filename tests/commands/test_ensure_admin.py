from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def test_it_creates_one_admin_with_a_generated_password_shown_once():
    first = StringIO()
    call_command("ensure_admin", stdout=first)
    password = first.getvalue().split("password: ", 1)[1].split()[0]
    assert len(password) >= 12
    # The login backends (django-axes) need the request, as the login form gives them.
    assert authenticate(RequestFactory().post("/admin/login/"), username="admin", password=password).is_superuser
    second = StringIO()
    call_command("ensure_admin", stdout=second)
    assert password not in second.getvalue()
    assert get_user_model().objects.count() == 1


def test_it_generates_a_different_password_on_each_fresh_install():
    outputs = []
    for _ in range(2):
        get_user_model().objects.all().delete()
        out = StringIO()
        call_command("ensure_admin", stdout=out)
        outputs.append(out.getvalue().split("password: ", 1)[1].split()[0])
    assert outputs[0] != outputs[1]
