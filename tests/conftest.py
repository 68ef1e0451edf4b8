"""Fixtures and hooks shared by the tests: one strict build of the site per session, shared by the workers
that pytest-xdist spreads the tests over (``-n auto`` in pyproject.toml); no skips in CI."""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

# The browser tests' shared fixtures.
from tests.browser import browser, site_url, site_url_without_search_documents  # noqa: F401
from tests.support import MKDOCS_YML, Build, build_site, keep_for_the_session
from tools.expand import write_whole
from tools.notebooks import CACHE_ENV

# The folder where this test session builds the site, shared by its processes (pytest-xdist's workers inherit
# the environment of the process that starts them).
SITE_ENV = "FIELD_GUIDE_TEST_SITE"


def pytest_configure(config):
    """Every build in a test session executes afresh each notebook whose committed record does not hold
    (tools/notebooks.py), unless the caller points the cache somewhere on purpose
    (FIELD_GUIDE_NOTEBOOK_CACHE=.cache/notebooks reuses the site build's). The session's site is built in a
    folder of its own (``built_site``)."""
    if CACHE_ENV not in os.environ:
        config.fresh_notebook_cache = os.environ[CACHE_ENV] = tempfile.mkdtemp(prefix="notebooks-")
    # The tests make millions of short-lived objects (parsed pages, rendered Markdown, hypothesis' examples);
    # collecting the young ones every 50,000 allocations instead of every 700 saves 6% of a worker's time.
    gc.set_threshold(50_000, 20, 100)
    if SITE_ENV not in os.environ:
        config.site_folder = os.environ[SITE_ENV] = tempfile.mkdtemp(prefix="site-")


def pytest_unconfigure(config):
    for attribute, variable in (("fresh_notebook_cache", CACHE_ENV), ("site_folder", SITE_ENV)):
        if folder := getattr(config, attribute, None):
            shutil.rmtree(folder, ignore_errors=True)
            del os.environ[variable]


def pytest_collection_modifyitems(items):
    """The tests that need the built site run last, so that the build (started in the background once the
    tests are collected) is done, or nearly, when they start. The tests that run ``torch.compile`` run first,
    one after the other in one worker (xdist's worksteal hands each worker a run of the list from its start,
    and steals from the end): the second finds its kernels in inductor's cache. Where the cache is empty, as
    on a new machine, the speed guide's compile took 13 CPU-s, and 5 once the kernels were cached."""
    items.sort(key=lambda item: (not compiles(item), "built_site" in item.fixturenames))


def compiles(item) -> bool:
    """Whether the test runs a page block, or a snippet module as a script, that calls ``torch.compile``."""
    params = getattr(item, "callspec", None) and item.callspec.params
    if not params:
        return False
    if block := params.get("block"):
        return "torch.compile(" in block.code
    module = params.get("module")
    return isinstance(module, Path) and "torch.compile(" in module.read_text(encoding="utf-8")


def pytest_collection_finish(session):
    """The modules every test imports (torch, matplotlib, the tools) stay for the whole session; and the site
    starts building if a test needs it."""
    keep_for_the_session()
    if not session.config.option.collectonly and any("built_site" in item.fixturenames for item in session.items):
        start_building_the_site()


BUILD_LOCK, BUILD_RESULT = "build.lock", "build.json"
BACKGROUND_BUILD: list[int] = []  # the process id of the build this process started, if it did


def site_folder() -> Path:
    return Path(os.environ[SITE_ENV])


@contextlib.contextmanager
def build_lock(blocking: bool):
    """The build lock of this session's site folder (``flock``); yields False when not ``blocking`` and another
    process holds it."""
    lock = os.open(site_folder() / BUILD_LOCK, os.O_RDWR | os.O_CREAT)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
        else:
            yield True
    finally:
        os.close(lock)  # unlocks, unless a child forked meanwhile still holds the same open file


def start_building_the_site() -> None:
    """The first process of the session to get here forks a child that builds the site and writes the result,
    holding the build lock until it has; this process goes on with the tests that do not need the site. (A
    build that started with the first test needing the site left both workers waiting for it, about ten
    seconds of each run.)"""
    with build_lock(blocking=False) as locked:
        if not locked or (site_folder() / BUILD_RESULT).exists():
            return  # another process's build holds the lock, or has written its result
        child = os.fork()
        if child == 0:
            try:
                os.setpgid(0, 0)  # its own process group, so that an interrupted session can stop it whole
                write_build_result()
            finally:
                os._exit(0)
        with contextlib.suppress(OSError):  # the child may have done it already
            os.setpgid(child, child)
        BACKGROUND_BUILD.append(child)


def write_build_result() -> None:
    build = build_site(MKDOCS_YML, site_folder() / "site")
    write_whole(site_folder() / BUILD_RESULT, json.dumps({"returncode": build.returncode, "log": build.log}))


@pytest.fixture(scope="session")
def built_site() -> Build:
    """The site as ``mkdocs build --strict`` builds it, once per session: the build started in the background
    (``start_building_the_site``) once it is done, or one run now if none was started or it left no result."""
    with build_lock(blocking=True):
        if not (site_folder() / BUILD_RESULT).is_file():
            write_build_result()
    built = json.loads((site_folder() / BUILD_RESULT).read_text(encoding="utf-8"))
    return Build(built["returncode"], built["log"], site_folder() / "site")


def stop_the_background_build() -> None:
    """Reap the build this process started; stop it first if it is still running (an interrupted session)."""
    for child in BACKGROUND_BUILD:
        if os.waitpid(child, os.WNOHANG) == (0, 0):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child, signal.SIGTERM)
            os.waitpid(child, 0)
    BACKGROUND_BUILD.clear()


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failed test: .ci/run installs everything the suite needs. Then the process
    ends without walking what it built up (``keep_for_the_session``)."""
    stop_the_background_build()
    keep_for_the_session()
    if not os.environ.get("CI"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; in CI nothing may skip", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
