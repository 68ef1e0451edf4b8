"""What every browser test shares: Chromium driven by Playwright against a local server of the built site.

Uses Debian's Chromium headless shell when it is there (.ci/run installs it), else Debian's Chromium, else
Playwright's own browser. The headless shell is Chromium's engine (Blink, the same release) without the
desktop browser around it: the same layout, fonts and scripts, at about half the CPU time (the 91 phone
tests: 19 CPU-seconds instead of 32). One browser and one server serve the whole session
(tests/conftest.py makes the fixtures global); each test opens its own page (``watched_page``).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tools.chromium import CHROMIUM_FLAGS

SYSTEM_CHROMIUM = next(
    filter(None, map(shutil.which, ("chromium-headless-shell", "chromium", "chromium-browser"))), None
)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@contextlib.contextmanager
def served(folder, handler_class):
    """The address of a local server of ``folder``, for as long as the block runs."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site):
    with served(built_site.site, QuietHandler) as address:
        yield address


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# Chromium reaches no host but the local servers': a request to another host fails in the browser itself,
# whatever the page does, and ``watched_page`` reports it. (Blocking it with a Playwright route instead would
# turn the HTTP cache off: every page would fetch the site's stylesheets and scripts again.)
LOCAL_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=SYSTEM_CHROMIUM, args=[*CHROMIUM_FLAGS, LOCAL_ONLY])
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
    """A page that records console errors, failed requests and any request to another host (which fails:
    ``LOCAL_ONLY``)."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    problems: list[str] = []
    local = urlsplit(site_url).netloc
    page.on(
        "request",
        lambda request: urlsplit(request.url).netloc in (local, "")
        or problems.append(f"request to another host: {request.url}"),
    )
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


class WithoutSearchDocuments(QuietHandler):
    """Serves the site's search index with its documents left out. Material's search still starts as on the
    site (the same file, with the site's own search configuration), but its worker no longer builds, on every
    page, an index of some 500 documents that a load test never searches (the 91 phone tests, in one process:
    44 s instead of 59 s). The search tests (tests/test_browser.py) use the whole index."""

    def do_GET(self):
        if urlsplit(self.path).path != SEARCH_INDEX_PATH:
            return super().do_GET()
        body = index_without_documents(self.directory)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@functools.cache
def index_without_documents(site: str) -> bytes:
    """The built site's search index with no documents, read once per test process."""
    index = json.loads(Path(site, SEARCH_INDEX_PATH.lstrip("/")).read_bytes())
    return json.dumps({**index, "docs": []}).encode()


@pytest.fixture(scope="session")
def site_url_without_search_documents(built_site):
    with served(built_site.site, WithoutSearchDocuments) as address:
        yield address
