"""Staff users, logged-in admin clients, and ways to run the task queue in tests."""

import signal

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from reports.models import Article, Fact, Initiative, NewsletterIssue

UPLOAD_URL = "/admin/reports/newsletterissue/upload/"
ISSUES_URL = "/admin/reports/newsletterissue/"
FACTS_URL = "/admin/reports/fact/"


def staff_user(django_user_model, username, group):
    user = django_user_model.objects.create_user(username=username, password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model, db):
    return staff_user(django_user_model, "editor", "编辑")


@pytest.fixture
def viewer(django_user_model, db):
    return staff_user(django_user_model, "viewer", "查看")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(viewer):
    client = Client()
    client.force_login(viewer)
    return client


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run inside ``enqueue``: for tests about files and messages rather than the queue itself."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def run_worker():
    """Run the real database worker until the queue is empty (what `make run` keeps running in the background)."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def row_counts():
    return {model.__name__: model.objects.count() for model in (NewsletterIssue, Article, Fact, Initiative)}


def upload(client, *files, publication=None, new_publication="", published="2024-01-15", region=None, follow=True):
    """Post the 上传报纸 form as a browser would; ``files`` are (name, bytes) pairs."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"files": [SimpleUploadedFile(name, content) for name, content in files],
            "published": published, "new_publication": new_publication}
    if publication is not None:
        data["publication"] = publication.pk
    if region is not None:
        data["region"] = region.pk
    return client.post(UPLOAD_URL, data, follow=follow)


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def issue_row_url(issue) -> str:
    return reverse("admin:reports_newsletterissue_change", args=[issue.pk])
