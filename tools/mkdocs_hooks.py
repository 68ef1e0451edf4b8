"""MkDocs hooks: fail early on a broken snippet directive, render formulas to MathML, and draw the figures.

Formulas are written as TeX (``$...$`` and ``$$...$$``); pymdownx.arithmatex marks them in its generic
mode and this hook converts each one to MathML, which browsers render natively. No MathJax, no CDN, no
web font: the built site requests nothing from any other host.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from latex2mathml.converter import convert
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

# MkDocs imports hooks by file path; make the project's tools importable from here.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.expand import PageError, expand_lines, snippet_settings  # noqa: E402
from tools.figures import all_snippet_figure_svgs  # noqa: E402
from tools.loss_plots import PLOTS, render_svgs  # noqa: E402

# What pymdownx.arithmatex writes in generic mode.
INLINE_MATH = re.compile(r'<span class="arithmatex">\\\((?P<tex>.*?)\\\)</span>', re.DOTALL)
BLOCK_MATH = re.compile(r'<div class="arithmatex">\\\[(?P<tex>.*?)\\\]</div>', re.DOTALL)


def on_page_markdown(markdown, page, config, files):
    """Expand the page's snippets once up front, so a missing file or section names page:line and the file."""
    source = page.file.content_string
    try:
        expand_lines(source.splitlines(), f"docs/{page.file.src_uri}", snippet_settings(config))
    except PageError as err:
        raise PluginError(str(err)) from None
    return markdown


def _mathml(match: re.Match, display: str) -> str:
    tex = html.unescape(match.group("tex")).strip()
    mathml = convert(tex, display=display)
    # alttext: what a reader without MathML support (or a screen reader that prefers it) gets.
    return mathml.replace("<math ", f'<math alttext="{html.escape(tex)}" ', 1)


def on_page_content(content, page, config, files):
    content = BLOCK_MATH.sub(lambda m: _mathml(m, "block"), content)
    return INLINE_MATH.sub(lambda m: _mathml(m, "inline"), content)


def on_files(files, config):
    """Add the figures drawn from code to the site as generated files (see tools.figures)."""
    svgs = {
        f"losses/plots/{plot.name}-{scheme}.svg": svg for plot in PLOTS for scheme, svg in render_svgs(plot).items()
    }
    svgs.update(all_snippet_figure_svgs())
    for uri, svg in svgs.items():
        files.append(File.generated(config, uri, content=svg))
    return files
