"""Material's palette stylesheet without the rule that makes every page restyle itself twice as it starts.

Material turns transitions off while the colour scheme switches: its script sets ``data-md-color-switching``
on ``<body>``, and one rule of the palette stylesheet sets every element's transition duration to 0 while the
attribute is there. The script also sets and removes the attribute once as each page starts. With the rule
in the stylesheet, each change restyles every element of the page: about 200 ms on the CrossEntropyLoss
page in Chromium on this machine, in the task that Lighthouse counts as blocking (benchmarks/lighthouse.py).
Without the rule, nothing in the stylesheets depends on the attribute and the changes cost nothing. The one
difference a reader can see: after a click on the scheme toggle, colours fade over Material's 0.25 s instead
of switching at once.

The build serves this copy in place of the theme's file (tools/mkdocs_hooks.py, on_files); a Material
whose stylesheet no longer holds the rule as below fails the build, so an upgrade is looked at.
"""

from __future__ import annotations

import re

PALETTE_STYLESHEET = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css")

SWITCHING_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,[data-md-color-switching] :before"
    "{transition-duration:0s!important}"
)


def without_switching_rule(css: str) -> str:
    if css.count(SWITCHING_RULE) != 1 or css.count("data-md-color-switching") != 3:
        raise ValueError(
            "Material's palette stylesheet no longer holds its colour-switching rule as tools/palette_stylesheet.py "
            "expects it; compare with the theme's copy and update SWITCHING_RULE"
        )
    return css.replace(SWITCHING_RULE, "")
