"""Formulas written as TeX, rendered to MathML at build time: browsers draw it natively, with no MathJax."""

from __future__ import annotations

import html

from latex2mathml.converter import convert


def mathml(tex: str, display: str) -> str:
    """TeX as MathML (display "inline" or "block"), with the TeX as alt text: what a reader without MathML
    support, or a screen reader that prefers it, gets."""
    tex = tex.strip()
    return convert(tex, display=display).replace("<math ", f'<math alttext="{html.escape(tex)}" ', 1)
