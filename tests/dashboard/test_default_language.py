"""Chinese first: the browser's language doesn't switch the dashboard, the language switch does."""

from django.conf import settings


def test_it_speaks_chinese_to_a_browser_that_asks_for_english(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in response.content.decode()


def test_it_speaks_english_after_the_reader_switches(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="en">' in page
