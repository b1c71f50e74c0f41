"""Production settings: secure by default when DEBUG is off, and one framing policy in both headers."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment never has it.
SECURITY_VARIABLES = ("DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT",
                      "SECURE_PROXY_SSL_HEADER", "SECURE_COOKIES", "SECURE_HSTS_SECONDS",
                      "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD")


def production_env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in SECURITY_VARIABLES}
    env.update(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="example.org",
               GOVDASH_VAR_DIR=str(tmp_path), **extra)
    return env


def production_settings(tmp_path, **extra) -> dict:
    names = ["SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS",
             "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_PROXY_SSL_HEADER", "X_FRAME_OPTIONS"]
    code = ("import json; from django.conf import settings; "
            f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**production_env(tmp_path, **extra), "DJANGO_SETTINGS_MODULE": "govdash.settings"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_it_passes_the_deployment_check_with_debug_off(tmp_path):
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                            env=production_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_turns_on_https_and_secure_cookies_when_debug_is_off(tmp_path):
    values = production_settings(tmp_path)
    assert values["SECURE_SSL_REDIRECT"] and values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] == 31536000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_it_reads_the_proxy_header_and_hsts_seconds_from_the_environment(tmp_path):
    values = production_settings(tmp_path, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto:https",
                                 SECURE_HSTS_SECONDS="3600")
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_HSTS_SECONDS"] == 3600


@pytest.mark.django_db
def test_it_redirects_plain_http_unless_the_proxy_says_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000
    plain = client.get("/metrics/")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/metrics/"
    secure = client.get("/metrics/", headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_it_states_one_framing_policy_in_both_headers(client):
    response = client.get("/metrics/")
    assert response["X-Frame-Options"] == "DENY"
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["frame-ancestors"] == "'none'"
