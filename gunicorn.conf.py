"""gunicorn settings read automatically when gunicorn starts in this directory (`gunicorn govdash.wsgi`)."""

import gc


def post_worker_init(worker):
    # Import every view now rather than on the first request, then move all start-up objects (Django, pandas,
    # plotly's templates) out of the garbage collector's reach: full collections otherwise rescan them every
    # few requests and add tens of milliseconds to whichever request triggers one.
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018
    gc.collect()
    gc.freeze()


def when_ready(server):
    # Load jieba's dictionary (search and the subdistrict page's keywords) once in the master before the workers
    # are forked (with --preload, when Django is already set up here): otherwise the first such request in every
    # worker pays about a second for it. The keywords' IDF table likewise (0.3 s to read).
    if not server.cfg.preload_app:
        return
    from reports.search import _idf_index, _jieba

    _jieba()
    _idf_index()
