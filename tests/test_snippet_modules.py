"""The snippet modules: each runs as a script, and snippets/ mirrors docs/ one module per page."""

from __future__ import annotations

import contextlib
import io
import runpy
from pathlib import Path

import pytest
from pymdownx.snippets import SnippetPreprocessor

from tests.support import BLOCKS, PAGES, brief_timings
from tools.blocks import masked
from tools.expand import DOCS_DIR, SNIPPETS_DIR, display_path, project_snippet_settings

MODULES = sorted(path for path in SNIPPETS_DIR.rglob("*.py") if path.name != "__init__.py")
# pymdownx's own patterns for a snippet directive and a section marker.
DIRECTIVE = SnippetPreprocessor.RE_ALL_SNIPPETS
SECTION_MARKER = SnippetPreprocessor.RE_SNIPPET_SECTION


def mirrored_module(page: Path) -> Path:
    """docs/getting-started/first-loss.md -> snippets/getting_started/first_loss.py"""
    relative = page.relative_to(DOCS_DIR).with_suffix(".py")
    return SNIPPETS_DIR / Path(*(part.replace("-", "_") for part in relative.parts))


def sections_in_order(module: Path) -> list[str]:
    names = []
    for line in module.read_text(encoding="utf-8").splitlines():
        marker = SECTION_MARKER.match(line)
        if marker and marker.group("type") == "start":
            names.append(marker.group("name"))
    return names


def directives(page: Path) -> list[tuple[str, str | None]]:
    """(module path, section) for every snippet directive on a page."""
    found = []
    for line in page.read_text(encoding="utf-8").splitlines():
        match = DIRECTIVE.match(line)
        if match and match.group("snippet"):
            target = match.group("snippet")[1:-1]
            module, _, section = target.partition(":")
            found.append((module, section or None))
    return found


def test_the_snippet_folder_is_the_one_pymdownx_reads():
    assert [Path(folder) for folder in project_snippet_settings()["base_path"]] == [SNIPPETS_DIR]


@pytest.mark.parametrize("module", MODULES, ids=lambda path: str(display_path(path)))
def test_module_runs_as_a_script_and_prints_its_sections_outputs(module):
    # Each section prints in the script what its block prints on the page (a block that joins several
    # sections prints at its last one), so sections do not lean on each other and nothing else prints.
    name = module.relative_to(SNIPPETS_DIR).as_posix()
    blocks = {block.snippets[-1]: block for block in BLOCKS}
    shown = [blocks[f"{name}:{section}"] for section in sections_in_order(module) if f"{name}:{section}" in blocks]
    varies = any(block.machine_dependent for block in shown)
    stdout = io.StringIO()
    with brief_timings(varies), contextlib.redirect_stdout(stdout):
        runpy.run_path(str(module), run_name="__main__")
    expected = "".join(block.expected_output or "" for block in shown)
    printed = stdout.getvalue()
    if varies:
        # Timings differ from run to run; the page tests still compare every other block exactly.
        printed, expected = masked(printed), masked(expected)
    assert printed == expected


@pytest.mark.parametrize("module", MODULES, ids=lambda path: str(display_path(path)))
def test_every_module_has_a_page_that_shows_every_section(module):
    pages = [page for page in PAGES if mirrored_module(page) == module]
    assert pages, f"{display_path(module)} has no page at the mirrored path in docs/"
    shown = {section for _, section in directives(pages[0])}
    unshown = [name for name in sections_in_order(module) if name not in shown]
    assert not unshown, f"sections of {display_path(module)} that its page never shows: {unshown}"


@pytest.mark.parametrize("page", PAGES, ids=lambda path: str(display_path(path)))
def test_pages_only_pull_whole_sections_from_their_own_module(page):
    own = mirrored_module(page).relative_to(SNIPPETS_DIR).as_posix()
    for module, section in directives(page):
        assert module == own, f"{display_path(page)} pulls from {module}; its own module is {own}"
        assert section, f"{display_path(page)} includes all of {module}; name a section"
