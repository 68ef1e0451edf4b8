"""Lighter highlighted code for the browser: fewer elements, and each block's height known before it renders.

Code is most of the elements of a page here, and every element costs style and layout work each time
Material's script reads the page's geometry while it starts (benchmarks/lighthouse.py measures it).

* Pygments wraps every name and every run of whitespace in a span of its own. Material colours names as
  the code around them and whitespace not at all, so the text reads the same without those spans: about a
  quarter of the elements of a page with much code.
* Each code block's ``<code>`` carries its number of lines (``--code-lines``). The stylesheet lets the
  browser skip rendering a block until it nears the screen (``content-visibility: auto``) and reserve its
  exact height meanwhile (lines x line height), so the page does not move and its geometry stays right.
  An output block (``language-text``) gets no count: its long lines wrap to the screen's width, so its
  height is not its number of lines, and it is rendered with the page.
"""

from __future__ import annotations

import re

PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')
# A highlighted block as pymdownx.highlight writes it (Pygments' empty lead span first) and as
# tools/notebook_pages.py writes a notebook cell; outputs are the blocks of language "text".
CODE_BLOCK = re.compile(
    r'(?P<open><div class="language-(?P<language>[\w-]+) highlight"><pre[^>]*>(?:<span></span>)?<code)>'
    r"(?P<code>.*?)(?P<close></code></pre>)",
    re.DOTALL,
)


def line_count(code: str) -> int:
    return code.count("\n") + (0 if code.endswith("\n") else 1)


def lighten(content: str) -> str:
    """A page's HTML with its code blocks lightened as the module's docstring says."""
    content = PLAIN_TOKEN.sub(r"\1", content)
    return CODE_BLOCK.sub(with_line_count, content)


def with_line_count(block: re.Match) -> str:
    """A code block with its number of lines; an output block as it is (its height depends on the width)."""
    if block["language"] == "text":
        return block[0]
    return f'{block["open"]} style="--code-lines: {line_count(block["code"])}">{block["code"]}{block["close"]}'
