"""What a first chart page costs to download: plotly.js is the basic partial bundle of the plotly package's own
version, served brotli- or gzip-compressed both in production (collectstatic) and under `make run` (finders), and a
chart page with all its assets transfers well under 1.2 MB. Sizes are measured from the responses, not assumed."""

import gzip
import re
from pathlib import Path

import brotli
import plotly
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

VENDOR = Path(settings.BASE_DIR) / "static" / "vendor" / "plotly" / "plotly-basic.min.js"
BUDGET = 1_200_000
ASSET = re.compile(r'<(?:script[^>]+src|link[^>]+href)="(/static/[^"]+)"')


def version(path: Path) -> str:
    head = path.read_bytes()[:300].decode()
    return re.search(r"plotly\.js(?: \([^)]*\))? v(\d+\.\d+\.\d+)", head).group(1)


def test_it_vendors_the_basic_bundle_of_the_plotly_packages_version():
    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert version(VENDOR) == version(full)
    assert VENDOR.stat().st_size < full.stat().st_size / 3


def test_it_keeps_the_compressed_copies_identical_to_the_bundle():
    data = VENDOR.read_bytes()
    assert brotli.decompress(Path(f"{VENDOR}.br").read_bytes()) == data
    assert gzip.decompress(Path(f"{VENDOR}.gz").read_bytes()) == data


def transferred(client: Client, path: str) -> dict[str, tuple[int, str]]:
    """Bytes on the wire and encoding of a page and every script and stylesheet it loads."""
    page = client.get(path, HTTP_ACCEPT_ENCODING="br, gzip")
    assert page.status_code == 200
    html = page.content.decode()
    sizes = {path: (len(page.content), page.get("Content-Encoding", ""))}
    for url in ASSET.findall(html):
        response = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip")
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        sizes[url] = (len(body), response.get("Content-Encoding", ""))
    return sizes


@pytest.mark.parametrize("path", ["/", "/metrics/grid_count/", "/compare/"])
def test_it_sends_a_chart_page_under_the_budget_in_production(seeded, tmp_path, path):
    storages = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    with override_settings(DEBUG=False, STATIC_ROOT=tmp_path, STORAGES=storages, WHITENOISE_USE_FINDERS=False,
                           WHITENOISE_AUTOREFRESH=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        sizes = transferred(Client(), path)
    plotly_js = next(url for url in sizes if "plotly-basic" in url)
    assert sizes[plotly_js][1] == "br"
    total = sum(size for size, _encoding in sizes.values())
    print(f"{path}: {total:,} bytes in production", {u: s for u, s in sizes.items()})
    assert total < BUDGET


def test_it_sends_compressed_plotly_in_development(seeded, client):
    sizes = transferred(client, "/")
    plotly_js = next(url for url in sizes if "plotly-basic" in url)
    assert sizes[plotly_js] == (Path(f"{VENDOR}.br").stat().st_size, "br")
    assert sum(size for size, _encoding in sizes.values()) < BUDGET


def test_it_leaves_static_files_to_whitenoise_under_runserver():
    from django.core.management import get_commands

    # `make run` is runserver: without this its own static handler would send plotly.js uncompressed.
    assert get_commands()["runserver"] == "whitenoise.runserver_nostatic"
