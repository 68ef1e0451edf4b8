"""Each table of a page in Material's scrolling box from the start, so that Material's script leaves it alone.

Material's script puts every table it styles (``table:not([class])``) into a scrolling box as the page
starts: it takes the table out of the page and puts it back inside the box. Chromium then throws away the
table's layout and builds it again, MathML included, in the task that Lighthouse counts as blocking
(benchmarks/lighthouse.py). So the build writes each table inside Material's box (the two ``<div>`` of
Material's ``renderTable``) and gives it the class ``data-table``, which Material's script passes over.

Material's stylesheet styles tables by the same ``table:not([class])``: the build serves it with each of
those selectors widened to ``table:is(:not([class]),.data-table)``, of the same specificity, so a table of
the class looks as Material draws its tables. A Material whose stylesheet no longer holds the selector
fails the build, so an upgrade is looked at. Tested by tests/test_site.py and tests/test_browser.py.
"""

from __future__ import annotations

import re

# A table as Python-Markdown and the notebooks' Markdown cells write it: no attributes.
TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)
TABLE_CLASS = "data-table"
# Material's renderTable (src/templates/assets/javascripts/templates/table/index.tsx), as the script builds it.
WRAPPED_TABLE = (
    rf'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="{TABLE_CLASS}">\1</table>'
    "</div></div>"
)

MAIN_STYLESHEET = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css")
MATERIAL_TABLE_SELECTOR = "table:not([class])"
# Material 9.8's stylesheet has 16 rules with it; far fewer means the theme styles tables another way.
MATERIAL_TABLE_RULES_AT_LEAST = 10
WIDENED_TABLE_SELECTOR = f"table:is(:not([class]),.{TABLE_CLASS})"


def wrap_tables(content: str) -> str:
    """A page's HTML with each of its tables in Material's scrolling box, marked for its script to pass over."""
    return TABLE.sub(WRAPPED_TABLE, content)


def with_wrapped_tables_styled(css: str) -> str:
    """Material's main stylesheet with its table rules applying to the wrapped tables too."""
    if css.count(MATERIAL_TABLE_SELECTOR) < MATERIAL_TABLE_RULES_AT_LEAST:
        raise ValueError(
            f"Material's main stylesheet no longer styles tables by {MATERIAL_TABLE_SELECTOR!r} as tools/tables.py "
            "expects; compare with the theme's copy and update MATERIAL_TABLE_SELECTOR"
        )
    return css.replace(MATERIAL_TABLE_SELECTOR, WIDENED_TABLE_SELECTOR)
