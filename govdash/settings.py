"""Settings for govdash, read from the environment.

DATABASE_URL   a PostgreSQL URL; without it the embedded server under var/ is used
SECRET_KEY     required when DEBUG is off
DEBUG          "1" for development (default on for a local install)
ALLOWED_HOSTS  comma-separated
Security switches (SECURE_*) default to on when DEBUG is off; README lists them.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GOVDASH_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
    # A local install keeps one generated key so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles: `runserver` leaves /static/ to whitenoise, which sends brotli/gzip copies (make run).
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "govdash.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "govdash.urls"
WSGI_APPLICATION = "govdash.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                # Last, so it overrides the CSRF token while a page is rendered for the page cache.
                "reports.pagecache.csrf_placeholder",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60,
                                                  conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            # The embedded server: started on first connection, socket found at connect time.
            "ENGINE": "govdash.db",
            "NAME": "govdash",
            "USER": "postgres",
            "HOST": "",
            "CONN_MAX_AGE": 60,
            # A connection kept from an earlier request is checked first: after the server restarted, the
            # next request reconnects instead of failing once on a dead connection.
            "CONN_HEALTH_CHECKS": True,
        }
    }
DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get("TEST_DATABASE_NAME", "test_govdash")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# plotly.js is the official "basic" partial bundle (bar, scatter, pie: all the charts draw) of the same version as
# the plotly package's full bundle (tests/test_static_assets.py checks), 1.2 MB instead of 4.8 MB. Brotli and gzip
# copies sit beside it, so whitenoise serves it compressed under `make run` too; collectstatic compresses the rest.
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
# whitenoise warns on every request while the collectstatic target is missing; development serves from finders.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Serve from the finders in development and tests, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 365 * 24 * 3600 if not DEBUG else 3600

# No CDN, no inline scripts: figures travel as json_script data, drawn by static JS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],  # plotly.js sets inline styles on its SVG
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # The same rule as X_FRAME_OPTIONS below: no page of govdash is ever shown inside a frame.
        "frame-ancestors": ["'none'"],
    }
}


def _caches(url: str) -> dict:
    """CACHES from GOVDASH_CACHE_URL: locmem:// (default), redis://host:6379/0, memcached://host:11211, dummy://."""
    scheme, _sep, rest = url.partition("://")
    if scheme in ("redis", "rediss"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme in ("memcached", "pymemcache"):
        return {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": rest}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest or "govdash",
                "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("GOVDASH_CACHE_MAX_ENTRIES", 1000))}}
    raise RuntimeError(f"GOVDASH_CACHE_URL: unknown cache scheme {scheme!r} (locmem, redis, memcached, dummy)")


# Reader pages are cached whole, keyed on a data version every write changes (reports/pagecache.py), so a
# cached page is never stale; the backend only decides whether processes share the cache. README explains.
CACHES = {"default": _caches(os.environ.get("GOVDASH_CACHE_URL", "locmem://"))}
GOVDASH_PAGE_CACHE = env_bool("GOVDASH_PAGE_CACHE", True)
GOVDASH_PAGE_CACHE_SECONDS = int(os.environ.get("GOVDASH_PAGE_CACHE_SECONDS", 24 * 3600))

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Upload limits, checked before a file is read into memory.
# Reading and extracting one issue runs in a child process killed past these (reports/budget.py).
GOVDASH_PROCESSING_TIME_LIMIT_SECONDS = float(os.environ.get("GOVDASH_PROCESSING_TIME_LIMIT_SECONDS", 10 * 60))
GOVDASH_PROCESSING_MEMORY_LIMIT_MB = int(os.environ.get("GOVDASH_PROCESSING_MEMORY_LIMIT_MB", 2048))
# A worker holds a lease on the issue it processes and renews it every third of this time: an issue whose
# lease ran out belongs to a dead worker and is queued again, at most GOVDASH_MAX_ATTEMPTS times in a row.
GOVDASH_LEASE_SECONDS = int(os.environ.get("GOVDASH_LEASE_SECONDS", 60))
GOVDASH_MAX_ATTEMPTS = int(os.environ.get("GOVDASH_MAX_ATTEMPTS", 3))
# Re-extracting more issues than this from the admin runs as a background task with progress in the admin.
GOVDASH_REEXTRACT_INLINE_ISSUES = int(os.environ.get("GOVDASH_REEXTRACT_INLINE_ISSUES", 5))
GOVDASH_MAX_UPLOAD_BYTES = int(os.environ.get("GOVDASH_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))
# Whether anonymous visitors may read the dashboard (the admin always needs staff).
GOVDASH_PUBLIC_DASHBOARD = env_bool("GOVDASH_PUBLIC_DASHBOARD", True)
# Publication rule of the public pages. By default a reviewed figure (confirmed or corrected) replaces automatic
# ones for the same place, year and metric, and automatic figures are shown marked 未审核; an office that
# publishes only what a person has checked sets this to true.
GOVDASH_PUBLISH_REVIEWED_ONLY = env_bool("GOVDASH_PUBLISH_REVIEWED_ONLY", False)

LOGIN_URL = "admin:login"

# Login throttling (django-axes): after GOVDASH_LOGIN_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is refused (even with the right password) for GOVDASH_LOGIN_LOCKOUT_MINUTES.
# `python manage.py axes_reset` lifts every lock at once. Attempts live in the database.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("GOVDASH_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("GOVDASH_LOGIN_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "govdash.lockout.lockout_response"

# HTTPS when DEBUG is off. Behind a proxy that terminates TLS, name the header it sets for HTTPS requests
# (SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto:https), or every request looks like plain HTTP and is redirected.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
if proxy_header := os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip():
    header, _sep, value = proxy_header.partition(":")
    if not header.strip() or not value.strip():
        raise RuntimeError("SECURE_PROXY_SSL_HEADER must look like X-Forwarded-Proto:https")
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + header.strip().upper().replace("-", "_"), value.strip())
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
# One year of HSTS when DEBUG is off (0 turns it off). Subdomains of the site's own host are included: the
# site is HTTPS-only, and nothing below its host is expected to speak plain HTTP.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
X_FRAME_OPTIONS = "DENY"
# Asking browsers to hard-code the domain as HTTPS-only (the preload list) is the domain owner's decision, made
# once and slow to undo; it is opt-in (SECURE_HSTS_PRELOAD=1), so its reminder is silenced while it is off.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
