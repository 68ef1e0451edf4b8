"""What the tests share: the pages of the site, their blocks, and how to build a site as a reader does."""

from __future__ import annotations

import dataclasses
import functools
import gc
import os
import subprocess
import sys
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


BLOCKS_BY_PAGE, PAGE_ERRORS = _collect_every_page()
BLOCKS = [block for blocks in BLOCKS_BY_PAGE.values() for block in blocks]


@dataclasses.dataclass(frozen=True)
class Build:
    returncode: int
    log: str
    site: Path


def build_site(config_file: Path, site_dir: Path) -> Build:
    """``mkdocs build --strict`` as a reader runs it, from the folder of ``config_file``."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file)]
    result = subprocess.run(
        [*command, "--site-dir", str(site_dir)],
        cwd=config_file.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site_dir)


SITE_PAGES = [display_path(page) for page in PAGES]  # docs/..., relative to the project
CHAPTERS = chapters()  # the notebooks: one per page with code


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
