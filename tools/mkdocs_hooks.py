"""MkDocs hooks: fail early on a broken snippet directive, render formulas to MathML, draw the figures (and
their narrow variants for phones) in a process of their own while the pages render, add the executed
notebooks with the links between each page and its notebook, warn with ``page:line`` where a notebook
cell prints what its page does not show (so ``--strict`` fails on a stale output), lighten the code
blocks for the browser (tools/code_blocks.py), write each table inside Material's scrolling box and serve
Material's main stylesheet with its table rules applying to it (tools/tables.py), and serve Material's
palette stylesheet without the rule that restyles every page as it starts (tools/palette_stylesheet.py).

Formulas are written as TeX (``$...$`` and ``$$...$$``); pymdownx.arithmatex marks them in its generic
mode and this hook converts each one to MathML, which browsers render natively with the site's own math
font (tools/math_font.py). No MathJax, no CDN: the built site requests nothing from any other host.
"""

from __future__ import annotations

import gc
import html
import logging
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs_jupyter.plugin import NotebookFile

# MkDocs imports hooks by file path; make the project's tools importable from here.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.code_blocks import lighten  # noqa: E402
from tools.expand import PROJECT_ROOT, PageError, expand_lines, snippet_settings  # noqa: E402
from tools.figures import with_narrow_variants  # noqa: E402
from tools.formulas import mathml  # noqa: E402
from tools.loss_catalog import CATALOG_BY_SLUG, distinctive_arguments  # noqa: E402
from tools.nbconvert_templates import share_compiled_templates  # noqa: E402
from tools.notebook_pages import cached_tidy, colab_url, match_heading_ids, notebook_links, page_links  # noqa: E402
from tools.notebooks import Chapter, build_notebook, chapters, executed_notebooks, stale_outputs  # noqa: E402
from tools.palette_stylesheet import PALETTE_STYLESHEET, without_switching_rule  # noqa: E402
from tools.site_figures import SiteFigure, site_figures  # noqa: E402
from tools.tables import MAIN_STYLESHEET, with_wrapped_tables_styled, wrap_tables  # noqa: E402

log = logging.getLogger("mkdocs.hooks.field_guide")  # under "mkdocs": --strict counts its warnings
share_compiled_templates()  # mkdocs-jupyter's exporters compile nbconvert's templates once, not per notebook
# What is imported by now (torch, nbconvert, the Markdown extensions) lives as long as the process: frozen out
# of the cycle collector's way, it is not walked again at every full collection while the pages are built
# (a cold build of this site: 21.0 to 18.9 CPU-seconds, medians of 3).
gc.freeze()

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
    if loss := CATALOG_BY_SLUG.get(page.file.src_uri.removeprefix("losses/").removesuffix(".md")):
        # A reader who types an argument and a task ("pos_weight multi-label") wants the loss's own page:
        # its arguments are indexed as the page's tags (which Material's search weighs most; no tags plugin,
        # so none are shown), and the reference pages weigh twice a guide that mentions the same words.
        page.meta["tags"] = distinctive_arguments(loss)
        page.meta["search"] = {"boost": 2, **(page.meta.get("search") or {})}
    return markdown


# The chapter of each notebook and of the page it is made from (docs-relative source paths); see on_files.
CHAPTER_OF: dict[str, Chapter] = {}


def on_page_content(content, page, config, files):
    chapter = CHAPTER_OF.get(page.file.src_uri)
    colab = chapter and colab_url(config.repo_url, chapter.uri)
    if page.file.src_uri.endswith(".ipynb"):
        try:
            content = match_heading_ids(cached_tidy(content, page.url, config.site_url), page.toc)
        except ValueError as err:
            raise PluginError(f"{page.file.src_uri}: {err}") from None
        page.meta["search"] = {"exclude": True}  # search leads to the pages; the notebooks repeat them
        page.meta["description"] = (
            f"{chapter.title}, as a Jupyter notebook executed with the pinned torch: every cell and output of "
            "the page, to download or open in Colab."
        )
        source = files.get_file_from_path(chapter.page)
        # The notebook's page repeats its page: search engines are pointed at the page (rel=canonical), and
        # overrides/sitemap.xml leaves the copy out. No "noindex" as well: Google reads noindex with a
        # canonical link as conflicting signals, and the canonical link alone folds the copy into the page.
        page.canonical_url = source.page.canonical_url
        return wrap_tables(lighten(notebook_links(content, page.url, source.url, Path(chapter.uri).name, colab)))
    content = BLOCK_MATH.sub(lambda m: mathml(html.unescape(m["tex"]), "block"), content)
    content = INLINE_MATH.sub(lambda m: mathml(html.unescape(m["tex"]), "inline"), content)
    if chapter:
        content = page_links(content, page.url, chapter.url, Path(chapter.uri).name, colab)
    return wrap_tables(lighten(content))


# The figures of the site (see on_config), and their SVGs by site uri once drawn (see on_env), for on_post_page.
FIGURES: list[SiteFigure] = []
FIGURE_SVGS: dict[str, str] = {}
# The process drawing the figures missing from the cache, while this one renders the pages.
DRAWING: list[tuple[subprocess.Popen, object]] = []


def on_config(config):
    """Start drawing the figures of this site's pages that are not in the cache yet (tools.site_figures), in a
    process of its own."""
    FIGURES[:] = site_figures(Path(config.docs_dir))
    if missing := [figure.name for figure in FIGURES if not figure.drawn]:
        errors = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in on_env or on_build_error)
        command = [sys.executable, "-m", "tools.site_figures", *missing]
        DRAWING.append((subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=errors, stderr=errors), errors))
    return config


def on_env(env, config, files):
    """Wait for the figures before the site is written: its files are copied from the cache, and
    on_post_page reads them."""
    while DRAWING:
        process, errors = DRAWING.pop()
        with errors:
            if process.wait():
                errors.seek(0)
                raise PluginError(f"drawing the figures failed (python -m tools.site_figures):\n{errors.read()}")
    FIGURE_SVGS.clear()
    for figure in FIGURES:
        for variant, uri in figure.uris.items():
            FIGURE_SVGS[uri] = figure.paths[variant].read_text(encoding="utf-8")
    return env


def on_build_error(error):
    while DRAWING:
        process, errors = DRAWING.pop()
        process.kill()
        process.wait()
        errors.close()


def on_post_page(output, page, config):
    """A figure shows its narrow variant on a phone (tools.figures), notebook pages included."""
    return with_narrow_variants(output, page.url, FIGURE_SVGS)


@event_priority(-50)  # after mkdocs-jupyter's on_files, so the notebooks added here are wrapped as below
def on_files(files, config):
    """Add what is generated from code: the figures (see tools.site_figures) and the executed notebooks (see
    tools.notebooks), which mkdocs-jupyter renders and offers for download. Two of Material's stylesheets are
    served changed: the palette's without its colour-switching rule (tools.palette_stylesheet), the main
    one with its table rules applying to the tables the build wraps (tools.tables)."""
    for name, rewrite in ((PALETTE_STYLESHEET, without_switching_rule), (MAIN_STYLESHEET, with_wrapped_tables_styled)):
        for theme_file in [file for file in files if name.fullmatch(file.src_uri)]:
            try:
                css = rewrite(theme_file.content_string)
            except ValueError as err:
                raise PluginError(str(err)) from None
            files.remove(theme_file)
            files.append(File.generated(config, theme_file.src_uri, content=css))
    for figure in FIGURES:  # drawn, or being drawn (on_config): the files are read when the site is written
        for variant, uri in figure.uris.items():
            files.append(File.generated(config, uri, abs_src_path=str(figure.paths[variant])))
    try:
        notebooks = [(chapter, build_notebook(chapter, config)) for chapter in chapters(config)]
        executed = executed_notebooks(notebooks)
    except PageError as err:
        raise PluginError(str(err)) from None
    CHAPTER_OF.clear()
    for chapter, path in executed.items():
        for problem in stale_outputs(chapter, path, config):
            log.warning(problem)
        CHAPTER_OF.update({chapter.uri: chapter, chapter.page: chapter})
        source_dir = path.parents[len(Path(chapter.uri).parts) - 1]
        file = File(
            chapter.uri, src_dir=str(source_dir), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls
        )
        # mkdocs-jupyter's own wrapper, as its on_files gives every notebook; its inclusion is set on the
        # wrapper itself, which does not pass it through: the notebooks are reached from their pages.
        notebook = NotebookFile(file, **config)
        notebook.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(notebook)
    return files
