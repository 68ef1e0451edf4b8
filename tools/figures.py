"""Figures drawn from code while the site is built: once per colour scheme, and again for a phone.

Two kinds of figure use this: the loss-and-gradient plots of the reference (``tools.loss_plots``), and the
figures a snippet module declares in a module-level ``FIGURES`` dict, ``{name: function returning a
matplotlib Figure}``. A module's figures appear on its page (the mirror of the module in docs/) as
``figures/<page>-<name>-light.svg`` and ``-dark.svg``; the page shows the pair with Material's
``#only-light`` and ``#only-dark`` suffixes and one alt text.

Each figure is drawn once, in the light palette, and recoloured for the dark one. It is then laid out again
for a narrow screen, panels side by side going one above the other (``-narrow-light.svg``,
``-narrow-dark.svg``): the page needs no change for it, the build wraps each figure's image in a
``<picture>`` whose source for narrow screens is that variant (``with_narrow_variants``), so tick labels
keep a readable size on a phone instead of shrinking to half.

Text is written as glyph outlines, not as ``<text>``: an image's text is drawn in the first font of its list
that the reader's system has (DejaVu Sans on Linux, but Lucida Grande, Verdana or Arial elsewhere), whose
widths are not those matplotlib laid the figure out with, so a label that fits here can overrun its
neighbour or the canvas there. Outlines look as laid out everywhere, for about 4 kB (gzip) more per figure. A subset of
matplotlib's font embedded in each SVG would cost about 1 kB less, but needs a font subset per figure and
every browser to honour a font inside an image; the site loads no fonts from elsewhere.

Drawing takes seconds, so the SVGs are kept in .cache/, keyed by the source of the code that draws them and
the versions of torch and matplotlib: a rebuild draws again only what could have changed
(``tools.site_figures`` lists every figure and draws the missing ones).
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import runpy
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path

from tools.expand import DOCS_DIR, PROJECT_ROOT, SNIPPETS_DIR, write_whole

CACHE_DIR = PROJECT_ROOT / ".cache" / "figures"
WIDTH_INCHES, HEIGHT_INCHES, DPI = 7.2, 2.7, 100  # 720 x 270 CSS pixels
# On a phone (a 390 px screen leaves about 358 px for the content), a figure 440 px wide shows its 10-point
# tick labels at about 11 px; one 720 px wide shrinks them to about 7.
NARROW_WIDTH_INCHES, NARROW_PANEL_HEIGHT_INCHES = 4.4, 2.7
# Material's own breakpoint between its phone and tablet layouts.
NARROW_MEDIA = "(max-width: 44.9375em)"
SCHEMES = {
    # scheme: (text and axes, grid, line colours); each line colour keeps a 4.5:1 contrast on its background
    "light": ("#333333", "#dddddd", ["#c43e00", "#1c5fa8", "#2e7d32", "#6a1b9a"]),
    "dark": ("#e0e0e0", "#3c3f4a", ["#ff8a50", "#7ab8f5", "#81c784", "#ce93d8"]),
}
# What a figure's files end with: <name>-<variant>.svg
VARIANTS = [*SCHEMES, *(f"narrow-{scheme}" for scheme in SCHEMES)]


def _palette(scheme: str) -> list[str]:
    text, grid, lines = SCHEMES[scheme]
    return [text, grid, *lines]


def _style(salt: str) -> dict:
    from cycler import cycler

    text, grid, colours = SCHEMES["light"]
    return {
        "svg.fonttype": "path",  # text as outlines: it looks as laid out, whatever fonts the reader has
        "svg.hashsalt": salt,  # stable element ids, so a rebuild writes the same file
        "font.family": "sans-serif",
        "font.size": 10,
        "text.color": text,
        "axes.labelcolor": text,
        "axes.edgecolor": text,
        "axes.titlecolor": text,
        "axes.prop_cycle": cycler(color=colours),
        "axes.facecolor": "none",
        "axes.grid": True,
        "grid.linewidth": 0.6,
        "lines.linewidth": 2,
        "legend.frameon": False,
        "xtick.color": text,
        "ytick.color": text,
        "grid.color": grid,
        "figure.figsize": (WIDTH_INCHES, HEIGHT_INCHES),
        "figure.dpi": DPI,
        # Room for every label, a figure-wide one (supxlabel) and a legend outside the axes included, in
        # either layout; tight_layout leaves those out.
        "figure.constrained_layout.use": True,
    }


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def narrowed(figure) -> None:
    """Lay a figure out again for a narrow screen: a row of panels becomes a column, at a phone's width."""
    panels = [axes for axes in figure.axes if axes.get_subplotspec() is not None]
    rows, columns = panels[0].get_subplotspec().get_geometry()[:2]
    if rows == 1 and columns > 1:
        column = figure.add_gridspec(columns, 1)
        for axes in panels:
            axes.set_subplotspec(column[axes.get_subplotspec().colspan.start, 0])
        rows = columns
    figure.set_size_inches(NARROW_WIDTH_INCHES, NARROW_PANEL_HEIGHT_INCHES * rows)


def draw_svgs(draw: Callable[[], object], salt: str) -> dict[str, str]:
    """Call ``draw`` (which returns a matplotlib Figure) in the light palette; return its SVG text as laid out
    for a page ("wide") and for a phone ("narrow")."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context(_style(salt)):
        figure = draw()
        figure.patch.set_alpha(0)
        wide = _svg(figure)
        narrowed(figure)
        narrow = _svg(figure)
        plt.close(figure)
    return {"wide": wide, "narrow": narrow}


def recoloured(svg: str, scheme: str) -> str:
    for light, other in zip(_palette("light"), _palette(scheme), strict=True):
        svg = svg.replace(light, other)
    return svg


def cache_paths(name: str, source: bytes) -> dict[str, Path]:
    """{variant: path in the cache} of a figure drawn by ``source`` (the drawing code), drawn or not yet."""
    versions = f"{metadata.version('torch')} {metadata.version('matplotlib')}".encode()
    key = hashlib.sha256(source + Path(__file__).read_bytes() + versions).hexdigest()[:16]
    return {variant: CACHE_DIR / f"{name}-{variant}-{key}.svg" for variant in VARIANTS}


def draw_into_cache(paths: dict[str, Path], draw: Callable[[], object], name: str) -> None:
    """Draw a figure into its ``cache_paths`` unless every variant is there already."""
    if all(path.exists() for path in paths.values()):
        return
    layouts = draw_svgs(draw, salt=name)
    for variant, path in paths.items():
        layout, _, scheme = variant.rpartition("-")
        write_whole(path, recoloured(layouts[layout or "wide"], scheme))  # a reader of the cache sees no half file


def snippet_figures(docs_dir: Path = DOCS_DIR) -> Iterator[tuple[str, str, Callable[[], object], Path]]:
    """(page uri without .md, figure name, draw function, module file) for every FIGURES entry in snippets/
    whose page is in ``docs_dir``."""
    for module_file in sorted(SNIPPETS_DIR.rglob("*.py")):
        relative = module_file.relative_to(SNIPPETS_DIR).with_suffix("")
        page = "/".join(part.replace("_", "-") for part in relative.parts)
        if "FIGURES" not in module_file.read_text(encoding="utf-8") or not (docs_dir / f"{page}.md").is_file():
            continue
        # Run afresh (not imported), so `mkdocs serve` sees an edited module; the name is not
        # "__main__", so the module's examples do not run.
        module = runpy.run_path(str(module_file), run_name="snippet_figures")
        for name, draw in module.get("FIGURES", {}).items():
            yield page, name, draw, module_file


def figure_uri(page: str, name: str, variant: str) -> str:
    """docs/guides/training.md, "loss-curves" -> guides/figures/training-loss-curves-light.svg"""
    folder, _, stem = page.rpartition("/")
    return f"{folder}/figures/{stem}-{name}-{variant}.svg" if folder else f"figures/{stem}-{name}-{variant}.svg"


# A figure's image as the page's Markdown makes it: src="<path>-light.svg#only-light" (or dark).
FIGURE_IMAGE = re.compile(r'<img\b[^>]*?\bsrc="(?P<path>[^"#]*)-(?P<scheme>light|dark)\.svg#only-(?P=scheme)"[^>]*>')
SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="(?P<width>[\d.]+)pt" height="(?P<height>[\d.]+)pt"')


def css_size(svg: str) -> tuple[int, int]:
    """The size in CSS pixels at which a figure shows as a page shows it (WIDTH_INCHES wide at 720)."""
    size = SVG_SIZE.search(svg)
    return round(float(size["width"]) / 72 * DPI), round(float(size["height"]) / 72 * DPI)


def with_narrow_variants(html: str, page_url: str, svgs: dict[str, str]) -> str:
    """Wrap each figure's image that has a narrow variant in ``svgs`` ({site uri: SVG}) in a ``<picture>``
    that shows the variant on a narrow screen. The ``<img>`` stays as it was, so Material's ``#only-light``
    and ``#only-dark`` still pick the scheme; the source's size keeps the page from moving as it loads."""

    def picture(image: re.Match) -> str:
        narrow = f"{image['path']}-narrow-{image['scheme']}.svg"
        svg = svgs.get(posixpath.normpath(posixpath.join(posixpath.dirname(page_url), narrow)).lstrip("/"))
        if svg is None:
            return image[0]
        width, height = css_size(svg)
        source = f'<source media="{NARROW_MEDIA}" srcset="{narrow}" width="{width}" height="{height}">'
        return f"<picture>{source}{image[0]}</picture>"

    return FIGURE_IMAGE.sub(picture, html)
