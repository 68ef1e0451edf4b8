"""The cheat sheet (docs/losses/cheat-sheet.md): every loss's output is on it though the table has no column
for it, and in a browser its header row stays in view down the whole table, with nothing to scroll sideways,
on a phone (rows laid out as cards) and on a desktop (a plain table)."""

from __future__ import annotations

import pytest

from tests.browser import DESKTOP, PHONE, watched_page
from tools.expand import DOCS_DIR
from tools.loss_catalog import CATALOG, output_shapes

CHEAT_SHEET = DOCS_DIR / "losses" / "cheat-sheet.md"
ADDRESS = "/losses/cheat-sheet/"
# Where the reader has scrolled to, as a fraction of the table's height.
DOWN_THE_TABLE = [0.25, 0.5, 0.9]


def test_every_loss_output_is_said_once_above_the_table_or_on_its_own_line():
    """The Output column repeated itself in 21 of 23 rows: the shapes common to most losses are said once, and
    each loss whose result differs has a line of its own."""
    text = CHEAT_SHEET.read_text(encoding="utf-8")
    common = next(line for line in text.splitlines() if line.startswith("**Output**: "))
    for loss in CATALOG:
        shapes = ", ".join(f"`{reduction}` {shape}" for reduction, shape in output_shapes(loss).items())
        own_line = f"- [{loss.name}]({loss.slug}.md): {shapes}"
        assert own_line in text.splitlines() or common.startswith(f"**Output**: {shapes} for "), loss.name


def header_and_widths(page, fraction: float) -> dict:
    """Scroll the page to ``fraction`` of the way down the table; where the header row is then, what is drawn
    at its middle, and the widths of the page, of the table and of Material's scrolling wrapper."""
    return page.evaluate(
        """fraction => {
            const table = document.querySelector("article .cheat-sheet table");
            const box = table.getBoundingClientRect();
            window.scrollTo(0, window.scrollY + box.top + box.height * fraction);
            const header = table.querySelector("th").getBoundingClientRect();
            const site_header = document.querySelector(".md-header").getBoundingClientRect();
            const drawn = document.elementFromPoint(header.left + 4, header.top + header.height / 2);
            const wrapper = table.closest(".md-typeset__scrollwrap") || table;
            return {
                header_top: header.top, header_bottom: header.bottom, site_header_bottom: site_header.bottom,
                viewport_height: window.innerHeight, table_top: table.getBoundingClientRect().top,
                header_drawn: Boolean(drawn && drawn.closest("thead")),
                page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
                table: [table.scrollWidth, table.clientWidth], wrapper: [wrapper.scrollWidth, wrapper.clientWidth],
            };
        }""",
        fraction,
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_header_row_stays_in_view_and_nothing_scrolls_sideways(browser, site_url, viewport):
    with watched_page(browser, site_url, viewport=viewport) as (page, problems):
        page.goto(site_url + ADDRESS, wait_until="load")
        for fraction in DOWN_THE_TABLE:
            seen = header_and_widths(page, fraction)
            assert seen["table_top"] < 0, "the table's own top should be scrolled out of view"
            assert seen["header_top"] >= seen["site_header_bottom"] - 1, (fraction, seen)
            assert seen["header_bottom"] <= seen["viewport_height"] / 3, (fraction, seen)
            assert seen["header_drawn"], f"something is drawn over the header row: {seen}"
            for name in ("page", "table", "wrapper"):
                scroll_width, client_width = seen[name]
                assert scroll_width <= client_width, f"the {name} scrolls sideways: {scroll_width} > {client_width} px"
        assert problems == []


def test_on_a_desktop_every_column_is_a_column(browser, site_url):
    """The cards are for a phone only: a desktop shows the six columns side by side, in one row."""
    with watched_page(browser, site_url, viewport=DESKTOP) as (page, problems):
        page.goto(site_url + ADDRESS, wait_until="load")
        tops = page.eval_on_selector_all("article .cheat-sheet thead th", "cells => cells.map(c => c.offsetTop)")
        assert len(tops) == 6 and len(set(tops)) == 1, tops
        assert problems == []
