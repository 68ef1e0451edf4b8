"""Each table of a page in a box of its own, so that Material's start restyles the table alone.

Material's script puts every table (``table:not([class])``) into a scrolling box of its own as the page
starts: it takes the table out of its parent and puts it back inside the box. With the table straight in
the page's article, Chromium then restyles the whole article, because rules with ``:nth-child()`` (MathML's
in the browser's own stylesheet among them) make every child of a parent that gains or loses a child
suspect. Inside a ``<div>`` that holds only the table, only that ``<div>`` is restyled.

The box has no style of its own: the vertical margins of Material's scrolling box collapse through it, so
the page looks as it did. Tested by tests/test_site.py and tests/test_browser.py.
"""

from __future__ import annotations

import re

# A table as Python-Markdown and the notebooks' Markdown cells write it: no attributes.
TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)


def box_tables(content: str) -> str:
    """A page's HTML with each of its tables in a box of its own."""
    return TABLE.sub(r'<div class="table-box">\g<0></div>', content)
