"""Figures drawn from code while the site is built, once per colour scheme.

Two kinds of figure use this: the loss-and-gradient plots of the reference (``tools.loss_plots``), and the
figures a snippet module declares in a module-level ``FIGURES`` dict, ``{name: function returning a
matplotlib Figure}``. A module's figures appear on its page (the mirror of the module in docs/) as
``figures/<page>-<name>-light.svg`` and ``-dark.svg``; the page shows the pair with Material's
``#only-light`` and ``#only-dark`` suffixes and one alt text.

Each figure is drawn once, in the light palette, and recoloured for the dark one. Drawing takes seconds,
so the SVGs are kept in .cache/, keyed by the source of the code that draws them and the versions of
torch and matplotlib: a rebuild draws again only what could have changed.
"""

from __future__ import annotations

import hashlib
import io
import runpy
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = PROJECT_ROOT / ".cache" / "figures"
SNIPPETS_DIR = PROJECT_ROOT / "snippets"
WIDTH_INCHES, HEIGHT_INCHES, DPI = 7.2, 2.7, 100  # 720 x 270 CSS pixels
SCHEMES = {
    # scheme: (text and axes, grid, line colours); each line colour keeps a 4.5:1 contrast on its background
    "light": ("#333333", "#dddddd", ["#c43e00", "#1c5fa8", "#2e7d32", "#6a1b9a"]),
    "dark": ("#e0e0e0", "#3c3f4a", ["#ff8a50", "#7ab8f5", "#81c784", "#ce93d8"]),
}


def _palette(scheme: str) -> list[str]:
    text, grid, lines = SCHEMES[scheme]
    return [text, grid, *lines]


def _style(salt: str) -> dict:
    from cycler import cycler

    text, grid, colours = SCHEMES["light"]
    return {
        "svg.fonttype": "none",  # text stays text: small files, the reader's own sans-serif font
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
    }


def draw_svg(draw: Callable[[], object], salt: str) -> str:
    """Call ``draw`` (which returns a matplotlib Figure) in the light palette and return it as SVG text."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context(_style(salt)):
        figure = draw()
        figure.patch.set_alpha(0)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(figure)
    return buffer.getvalue()


def recoloured(svg: str, scheme: str) -> str:
    for light, other in zip(_palette("light"), _palette(scheme), strict=True):
        svg = svg.replace(light, other)
    return svg


def cached_svgs(name: str, source: bytes, draw: Callable[[], object]) -> dict[str, str]:
    """{scheme: SVG} for a figure, from the cache when ``source`` (the drawing code) has not changed."""
    versions = f"{metadata.version('torch')} {metadata.version('matplotlib')}".encode()
    key = hashlib.sha256(source + Path(__file__).read_bytes() + versions).hexdigest()[:16]
    paths = {scheme: CACHE_DIR / f"{name}-{scheme}-{key}.svg" for scheme in SCHEMES}
    if not all(path.exists() for path in paths.values()):
        light = draw_svg(draw, salt=name)
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        for scheme, path in paths.items():
            path.write_text(recoloured(light, scheme), encoding="utf-8")
    return {scheme: path.read_text(encoding="utf-8") for scheme, path in paths.items()}


def snippet_figures() -> Iterator[tuple[str, str, Callable[[], object], Path]]:
    """(page uri without .md, figure name, draw function, module file) for every FIGURES entry in snippets/."""
    for module_file in sorted(SNIPPETS_DIR.rglob("*.py")):
        if "FIGURES" not in module_file.read_text(encoding="utf-8"):
            continue
        relative = module_file.relative_to(SNIPPETS_DIR).with_suffix("")
        # Run afresh (not imported), so `mkdocs serve` sees an edited module; the name is not
        # "__main__", so the module's examples do not run.
        module = runpy.run_path(str(module_file), run_name="snippet_figures")
        page = "/".join(part.replace("_", "-") for part in relative.parts)
        for name, draw in module.get("FIGURES", {}).items():
            yield page, name, draw, module_file


def figure_uri(page: str, name: str, scheme: str) -> str:
    """docs/guides/training.md, "loss-curves" -> guides/figures/training-loss-curves-light.svg"""
    folder, _, stem = page.rpartition("/")
    return f"{folder}/figures/{stem}-{name}-{scheme}.svg" if folder else f"figures/{stem}-{name}-{scheme}.svg"


def all_snippet_figure_svgs() -> dict[str, str]:
    """{site uri: SVG} for every snippet figure in both schemes."""
    svgs = {}
    for page, name, draw, module_file in snippet_figures():
        for scheme, svg in cached_svgs(f"{page.replace('/', '-')}-{name}", module_file.read_bytes(), draw).items():
            svgs[figure_uri(page, name, scheme)] = svg
    return svgs
