"""Whole-page cache for the reader pages, keyed on the data version.

Every write to a table the pages read changes ``DataVersion`` in the writer's transaction (database triggers,
migration 0008), and every request reads the version first (one primary-key lookup). A page is cached under
the version it was rendered at, so after an upload, a review decision or a re-extraction the next request asks
for a key nobody has filled yet and renders afresh: never stale, whichever process or cache backend serves it.
Old entries are never read again and age out of the cache.

What differs between readers is kept out of the cached bytes: the language is part of the key, and the CSRF
token of the language switch is rendered as a placeholder and filled in per request (which also sets the
reader's CSRF cookie exactly as an uncached page would).
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

from reports.selectors.base import reviewed_only

# Letters only, so HTML escaping leaves it as it is; long enough never to occur in a page by chance.
CSRF_PLACEHOLDER = "govdashCsrfTokenPlaceholderX9Qz7Lw3Vb5Nm8Kd2Hf6Jt4Rp1Sx0Gy"
_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
_RENDERING = "_govdash_page_cache_rendering"
CACHE_ALIAS = "default"
HEADER = "X-Page-Cache"


# The deferred triggers that bump the version when a writer commits (migration 0008).
VERSION_TRIGGERS = ", ".join(f"reports_{table}_data_version" for table in (
    "district", "subdistrict", "publication", "newsletterissue", "article", "metric", "metricsynonym", "fact",
    "initiative"))


def data_version() -> int:
    query = "SELECT version FROM reports_dataversion WHERE id = 1"
    if connection.in_atomic_block:
        # Read inside a transaction that may have written (a script, a test): the bump its writes will make at
        # commit is made now, so it reads its own writes; later writes bump again when read or committed.
        query = (f"SET CONSTRAINTS {VERSION_TRIGGERS} IMMEDIATE; SET CONSTRAINTS {VERSION_TRIGGERS} DEFERRED; "
                 f"SELECT set_config('govdash.data_version_bumped', '0', true); {query}")
    with connection.cursor() as cursor:
        cursor.execute(query)
        row = cursor.fetchone()
    return row[0] if row else 0


def page_key(request, version: int) -> str:
    where = f"{request.get_host()}\n{request.get_full_path()}".encode()
    digest = hashlib.sha256(where).hexdigest()[:32]
    # An office that switches to publishing reviewed figures only must not be served pages drawn before.
    published = "reviewed" if reviewed_only() else "all"
    return f"govdash:page:{version}:{translation.get_language()}:{published}:{digest}"


def csrf_placeholder(request) -> dict:
    """Context processor: while a page is rendered for the cache, its CSRF token is a placeholder."""
    if getattr(request, _RENDERING, False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def _with_token(request, body: bytes) -> bytes:
    if _PLACEHOLDER_BYTES not in body:
        return body
    return body.replace(_PLACEHOLDER_BYTES, get_token(request).encode())


def cached_page(view):
    """Serve a reader page from the cache when it was rendered at the current data version."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.GOVDASH_PAGE_CACHE or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        cache = caches[CACHE_ALIAS]
        key = page_key(request, data_version())
        stored = cache.get(key)
        if stored is not None:
            status, headers, body = stored
            response = HttpResponse(_with_token(request, body), status=status)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        setattr(request, _RENDERING, True)
        try:
            response = view(request, *args, **kwargs)
        finally:
            setattr(request, _RENDERING, False)
        if getattr(response, "streaming", False) or not hasattr(response, "content"):
            return response
        body = response.content
        if response.status_code == 200 and not response.cookies:
            headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
            cache.set(key, (response.status_code, headers, body), settings.GOVDASH_PAGE_CACHE_SECONDS)
        response.content = _with_token(request, body)
        response[HEADER] = "miss"
        return response

    return wrapper
