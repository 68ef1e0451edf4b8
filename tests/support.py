"""What the tests share: the pages of the site, their blocks, and how to build a site as a reader does."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import inspect
import os
import sys
import tempfile
import traceback
from pathlib import Path

from bs4 import BeautifulSoup

from tools.blocks import PageBlock, collect_blocks
from tools.expand import DOCS_DIR, PROJECT_ROOT, PageError, display_path
from tools.notebooks import chapters

MKDOCS_YML = PROJECT_ROOT / "mkdocs.yml"
PAGES = sorted(DOCS_DIR.rglob("*.md"))


def _collect_every_page() -> tuple[dict[Path, list[PageBlock]], dict[Path, str]]:
    """Blocks by page; a page that cannot be read is kept aside with its error, not allowed to stop the rest."""
    blocks, errors = {}, {}
    for page in PAGES:
        try:
            blocks[display_path(page)] = collect_blocks(page)
        except PageError as err:
            errors[display_path(page)] = str(err)
    return blocks, errors


@functools.cache
def _read_from_the_pages() -> dict[str, object]:
    blocks_by_page, page_errors = _collect_every_page()
    return {
        "BLOCKS_BY_PAGE": blocks_by_page,
        "PAGE_ERRORS": page_errors,
        "BLOCKS": [block for blocks in blocks_by_page.values() for block in blocks],
        "CHAPTERS": chapters(),  # the notebooks: one per page with code
    }


def __getattr__(name: str):
    """BLOCKS_BY_PAGE, PAGE_ERRORS, BLOCKS and CHAPTERS are read from the pages when a test module first
    imports one. conftest.py imports this module too, and pytest-xdist's controlling process, which runs no
    test, then has no page to read: the workers start about 5 s sooner."""
    if name in ("BLOCKS_BY_PAGE", "PAGE_ERRORS", "BLOCKS", "CHAPTERS"):
        return _read_from_the_pages()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclasses.dataclass(frozen=True)
class Build:
    returncode: int
    log: str
    site: Path


def build_site(config_file: Path, site_dir: Path) -> Build:
    """``mkdocs build --strict`` as a reader runs it, from the folder of ``config_file``: mkdocs' own command
    line, in a process of its own. The process is forked from this one rather than started afresh, so it
    begins with the modules the tests have imported already: a new interpreter spent most of a small site's
    build importing torch, mkdocs and nbconvert (about 2.5 of 3.5 CPU-seconds)."""
    arguments = ["build", "--strict", "--config-file", str(config_file), "--site-dir", str(site_dir)]
    with tempfile.TemporaryFile() as log:
        child = os.fork()
        if child == 0:  # the build: its output into the log, its exit status to the parent, and nothing else
            status = 1
            try:
                os.dup2(log.fileno(), 1)
                os.dup2(log.fileno(), 2)
                sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__  # not pytest's captured streams
                os.chdir(config_file.parent)
                os.environ["NO_MKDOCS_2_WARNING"] = "1"
                from mkdocs.__main__ import cli

                cli.main(arguments, prog_name="mkdocs")
            except SystemExit as end:  # how a click command ends
                status = end.code if isinstance(end.code, int) else 1
            except BaseException:  # noqa: BLE001 (whatever fails, the child must not return into the tests)
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)  # no exit handlers: they belong to the test process
        returncode = os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
        log.seek(0)
        return Build(returncode, log.read().decode("utf-8", "replace"), site_dir)


SITE_PAGES = [display_path(page) for page in PAGES]  # docs/..., relative to the project


def url_path(page: Path) -> str:
    """A page's address on the site (directory URLs): docs/losses/l1-loss.md -> /losses/l1-loss/"""
    relative = page.relative_to("docs").with_suffix("")
    parts = relative.parts[:-1] if relative.name == "index" else relative.parts
    return "/" + "".join(f"{part}/" for part in parts)


def built_page(site: Path, page: Path) -> Path:
    """Where the build writes a page of docs/: docs/losses/l1-loss.md -> site/losses/l1-loss/index.html"""
    return site / url_path(page).strip("/") / "index.html"


@functools.cache
def parsed(html_file: Path) -> BeautifulSoup:
    """A built page parsed once per test process, shared by every test that reads it (parsing is most of
    their time); do not modify it. The tree lives as long as the process, so it is frozen out of Python's
    cycle collector (``keep_for_the_session``)."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    keep_for_the_session()
    return soup


def keep_for_the_session() -> None:
    """Take every object alive now out of the cycle collector's work (``gc.freeze``): it no longer walks
    them at each full collection, nor at the end of the process, where freeing the parsed pages' trees one
    by one took each worker several seconds (91 pages: 3.9 s to 0.2 s). Objects are still freed when their
    last reference goes; a cycle made unreachable later is not, which a test process can afford."""
    gc.freeze()


# How long the tests time a step where a block asks for longer: a tenth of the shortest run a page asks for.
BRIEF_RUN_TIME = 0.01


@contextlib.contextmanager
def brief_timings(brief: bool = True):
    """Within it, where ``brief``, torch.utils.benchmark's ``blocked_autorange`` times for ``BRIEF_RUN_TIME``
    seconds. A block whose output varies by machine is compared with its numbers masked, so how long it times
    changes nothing a test checks, while the same code runs: the speed guide's module as a script went from
    7.4 to 5.6 CPU-seconds, and its blocks save as much again. ``make outputs`` times in full."""
    from torch.utils.benchmark import Timer

    if not brief:
        yield
        return
    full = Timer.blocked_autorange
    default = inspect.signature(full).parameters["min_run_time"].default

    def blocked_autorange(self, callback=None, min_run_time=default):
        return full(self, callback, min_run_time=min(min_run_time, BRIEF_RUN_TIME))

    Timer.blocked_autorange = blocked_autorange
    try:
        yield
    finally:
        Timer.blocked_autorange = full
