"""Every python block a page shows runs on its own and prints exactly the output shown under it, and every
number the prose writes is shown by a block, formula or table of the same page."""

from __future__ import annotations

import pytest

from tests.support import BLOCKS, PAGE_ERRORS, PAGES, brief_timings
from tools.blocks import output_diff, run_block, unproven_error_lines
from tools.expand import display_path
from tools.prose_numbers import unproven_numbers


@pytest.mark.parametrize("page", [display_path(page) for page in PAGES], ids=str)
def test_page_follows_the_rules_the_tests_need(page):
    assert page not in PAGE_ERRORS, PAGE_ERRORS.get(page)


@pytest.mark.parametrize("block", BLOCKS, ids=lambda block: block.location)
def test_block_prints_what_the_page_shows(block):
    with brief_timings(block.machine_dependent):
        run = run_block(block)
    problem = output_diff(block, run.stdout)
    assert not problem, problem
    fake = unproven_error_lines(run)
    assert not fake, f"{block.location}: these lines read like errors the code never raised: {fake}"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(display_path(page)))
def test_every_number_in_the_prose_is_shown_on_the_page(page):
    unproven = unproven_numbers(page)
    assert not unproven, "\n".join(map(str, unproven))
