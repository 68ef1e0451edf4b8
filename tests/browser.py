"""What every browser test shares: Chromium driven by Playwright against a local server of the built site.

Uses Debian's /usr/bin/chromium when it is there (.ci/run installs it), or Playwright's own browser.
One browser and one server serve the whole session (tests/conftest.py makes the fixtures global); each test
opens its own page (``watched_page``).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import threading
from urllib.parse import urlsplit

import pytest

from tools.chromium import CHROMIUM_FLAGS

SYSTEM_CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def site_url(built_site):
    handler = functools.partial(QuietHandler, directory=str(built_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=SYSTEM_CHROMIUM, args=CHROMIUM_FLAGS)
        except playwright_api.Error as err:
            pytest.skip(f"no Chromium to drive: {err}")
        yield browser
        browser.close()


SEARCH_INDEX_PATH = "/search/search_index.json"
# Requests a page may still be making when it has loaded: the browser's own for the favicon, Material's for
# the search index (overrides/main.html holds it until the page is painted), and the script of Material's
# search worker, which the browser fetches at low priority.
AFTER_LOAD = re.compile(
    rf"(/assets/favicon\.svg|{re.escape(SEARCH_INDEX_PATH)}|/assets/javascripts/workers/search\.\w+\.min\.js)$"
)


def cancelled_by_moving_on(request) -> bool:
    """A request still open after the load event, cancelled because the test moved on to the next page, as a
    reader who follows a link at once cancels it: not a problem of the page."""
    return bool(AFTER_LOAD.search(urlsplit(request.url).path)) and request.failure == "net::ERR_ABORTED"


@contextlib.contextmanager
def watched_page(browser, site_url, **context_options):
    """A page that records console errors, failed requests and any request to another host (blocked)."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    problems: list[str] = []
    local = urlsplit(site_url).netloc

    def route(request_route):
        if urlsplit(request_route.request.url).netloc in (local, ""):
            request_route.continue_()
        else:
            problems.append(f"request to another host: {request_route.request.url}")
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "requestfailed",
        lambda request: cancelled_by_moving_on(request) or problems.append(f"failed: {request.url} {request.failure}"),
    )
    page.on(
        "response", lambda response: response.status >= 400 and problems.append(f"{response.status}: {response.url}")
    )
    try:
        yield page, problems
    finally:
        context.close()


def without_search_documents(page) -> None:
    """Serve ``page`` the site's search index with its documents left out. Material's search still starts as
    on the site (the same file, with the site's own search configuration), but its worker no longer builds,
    on every page, an index of some 500 documents that a load test never searches (the 91 phone tests, in one
    process: 44 s instead of 59 s). The search tests (tests/test_browser.py) use the whole index."""
    index = {}  # fetched once per page fixture

    def serve(route):
        if not index:
            index.update(route.fetch().json(), docs=[])
        route.fulfill(status=200, content_type="application/json", json=index)

    page.route("**" + SEARCH_INDEX_PATH, serve)
