"""Every figure of the site, where each is kept, and drawing the ones not there yet in a process of its own.

The figures are the loss-and-gradient plots of the reference (``tools.loss_plots``) and the figures that
snippet modules declare (``tools.figures``), each in four variants. Drawing them all takes about 20 s on a
2-core machine, so the build (tools/mkdocs_hooks.py) starts ``python -m tools.site_figures NAME ...`` as soon
as it has read its configuration, with the figures of its pages that are missing from the cache, and renders
the pages meanwhile on the other core; it waits for the drawing only before it writes the site.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import sys
from collections.abc import Callable
from pathlib import Path

from tools import loss_plots
from tools.expand import DOCS_DIR
from tools.figures import VARIANTS, cache_paths, draw_into_cache, figure_uri, snippet_figures


@dataclasses.dataclass(frozen=True)
class SiteFigure:
    name: str  # unique on the site, and the stem of its files in the cache
    page: str  # the page that shows it, relative to docs/
    uris: dict[str, str]  # {variant: where the site serves it}
    paths: dict[str, Path]  # {variant: where the cache keeps it}
    draw: Callable[[], object]  # returns a matplotlib Figure

    @property
    def drawn(self) -> bool:
        return all(path.exists() for path in self.paths.values())


def site_figures(docs_dir: Path = DOCS_DIR) -> list[SiteFigure]:
    """The figures of the pages in ``docs_dir`` (a site made of other pages, such as the tests' small sites,
    has none of this one's)."""
    figures = []
    plots_source = Path(loss_plots.__file__).read_bytes()
    for plot in loss_plots.PLOTS:
        page = f"losses/{plot.name}.md"
        if not (docs_dir / page).is_file():
            continue
        name = f"loss-{plot.name}"
        uris = {variant: f"losses/plots/{plot.name}-{variant}.svg" for variant in VARIANTS}
        draw = functools.partial(loss_plots.draw, plot)
        figures.append(SiteFigure(name, page, uris, cache_paths(name, plots_source), draw))
    for page, figure_name, draw, module_file in snippet_figures(docs_dir):
        name = f"{page.replace('/', '-')}-{figure_name}"
        uris = {variant: figure_uri(page, figure_name, variant) for variant in VARIANTS}
        figures.append(SiteFigure(name, f"{page}.md", uris, cache_paths(name, module_file.read_bytes()), draw))
    return figures


def main(names: list[str]) -> None:
    """Draw the figures named (every figure of the site when none is) into the cache."""
    for figure in site_figures():
        if figure.name in names or not names:
            draw_into_cache(figure.paths, figure.draw, figure.name)


if __name__ == "__main__":
    gc.freeze()  # torch and the tools, imported above, stay: the cycle collector need not walk them (1 of 11 s)
    main(sys.argv[1:])
