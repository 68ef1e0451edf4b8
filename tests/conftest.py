"""Fixtures and hooks shared by the tests: one strict build of the site per session; no skips in CI."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from tests.browser import browser, site_url  # noqa: F401 (the browser tests' shared fixtures)
from tests.support import MKDOCS_YML, Build, build_site
from tools.notebooks import CACHE_ENV


def pytest_configure(config):
    """Every build in a test session executes the notebooks afresh, unless the caller points the cache
    somewhere on purpose (FIELD_GUIDE_NOTEBOOK_CACHE=.cache/notebooks reuses the site build's)."""
    if CACHE_ENV not in os.environ:
        config.fresh_notebook_cache = os.environ[CACHE_ENV] = tempfile.mkdtemp(prefix="notebooks-")


def pytest_unconfigure(config):
    if fresh := getattr(config, "fresh_notebook_cache", None):
        shutil.rmtree(fresh, ignore_errors=True)
        del os.environ[CACHE_ENV]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    return build_site(MKDOCS_YML, tmp_path_factory.mktemp("site"))


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failed test: .ci/run installs everything the suite needs."""
    if not os.environ.get("CI"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; in CI nothing may skip", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
