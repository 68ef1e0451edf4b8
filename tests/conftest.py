"""Fixtures and hooks shared by the tests: one strict build of the site per session; no skips in CI."""

from __future__ import annotations

import os

import pytest

from tests.support import MKDOCS_YML, Build, build_site


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
