"""What Chromium actually downloads for a first chart page, served as `make run` serves it (Django with whitenoise
finding static files, no runserver static handler in front): every response's headers and encoded body, summed,
stay under 1.2 MB, and plotly.js arrives compressed."""

import pytest
from django.test.testcases import LiveServerThread

from tests.browser.test_dashboard_pages import open_page

BUDGET = 1_200_000


@pytest.fixture
def served(live_server):
    """A second live server without the test static handler: /static/ goes through whitenoise, as under
    `make run` (whitenoise.runserver_nostatic) and gunicorn."""
    thread = LiveServerThread("localhost", static_handler=lambda handler: handler, connections_override={}, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()


@pytest.mark.parametrize("path", ["/", "/metrics/grid_count/", "/compare/"])
def test_it_downloads_a_first_chart_page_under_the_budget(seeded, page, served, path):
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    open_page(page, type("Server", (), {"url": served}), path)
    page.wait_for_load_state("networkidle")
    sizes = {}
    for request in responses:
        measured = request.sizes()
        sizes[request.url] = measured["responseBodySize"] + measured["responseHeadersSize"]
    plotly_js = next(r for r in responses if "plotly-basic" in r.url)
    encoding = plotly_js.response().headers.get("content-encoding")
    assert encoding in ("br", "gzip")
    assert sizes[plotly_js.url] < 450_000
    total = sum(sizes.values())
    print(f"{path}: {total:,} bytes transferred ({len(sizes)} responses; plotly.js {encoding})")
    assert total < BUDGET
    assert page.console_errors == []
