"""Fixtures and hooks shared by the tests: one strict build of the site per session, shared by the workers
that pytest-xdist spreads the tests over (``-n auto`` in pyproject.toml); no skips in CI."""

from __future__ import annotations

import json
import os
import shutil
import tempfile

import pytest
from filelock import FileLock

# The browser tests' shared fixtures.
from tests.browser import browser, site_url, site_url_without_search_documents  # noqa: F401
from tests.support import MKDOCS_YML, Build, build_site, keep_for_the_session
from tools.notebooks import CACHE_ENV


def pytest_configure(config):
    """Every build in a test session executes afresh each notebook whose committed record does not hold
    (tools/notebooks.py), unless the caller points the cache somewhere on purpose
    (FIELD_GUIDE_NOTEBOOK_CACHE=.cache/notebooks reuses the site build's)."""
    if CACHE_ENV not in os.environ:
        config.fresh_notebook_cache = os.environ[CACHE_ENV] = tempfile.mkdtemp(prefix="notebooks-")


def pytest_unconfigure(config):
    if fresh := getattr(config, "fresh_notebook_cache", None):
        shutil.rmtree(fresh, ignore_errors=True)
        del os.environ[CACHE_ENV]


def pytest_collection_modifyitems(items):
    """The tests that need the built site run last: the worker that builds it does so while the other
    workers still have tests of their own to run."""
    items.sort(key=lambda item: "built_site" in item.fixturenames)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    """The first worker to ask builds the site; the others wait for it and read what it wrote."""
    if "PYTEST_XDIST_WORKER" not in os.environ:  # not spread over workers (`-n 0`, `-p no:xdist`)
        return build_site(MKDOCS_YML, tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent  # the same folder for every worker of this session
    site, log = shared / "site", shared / "site-build.json"
    with FileLock(shared / "site-build.lock"):
        if not log.is_file():
            build = build_site(MKDOCS_YML, site)
            log.write_text(json.dumps({"returncode": build.returncode, "log": build.log}), encoding="utf-8")
    built = json.loads(log.read_text(encoding="utf-8"))
    return Build(built["returncode"], built["log"], site)


def pytest_collection_finish(session):
    """The modules every test imports (torch, matplotlib, the tools) stay for the whole session."""
    keep_for_the_session()


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failed test: .ci/run installs everything the suite needs. Then the process
    ends without walking what it built up (``keep_for_the_session``)."""
    keep_for_the_session()
    if not os.environ.get("CI"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; in CI nothing may skip", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
