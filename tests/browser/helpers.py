"""What several browser tests do the same way."""

from django.contrib.auth.models import Group


def log_in(page, live_server, django_user_model):
    """A reviewer of the 编辑 group, logged in to the admin through its login form."""
    user = django_user_model.objects.create_user(username="李审核", password="s3cret-Pass", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "李审核")
    page.fill("#id_password", "s3cret-Pass")
    page.click("input[type=submit]")
    return user
