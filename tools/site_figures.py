"""Every figure of the site, where each is kept, and drawing the ones not there yet in a process of its own.

The figures are the loss-and-gradient plots of the reference (``tools.loss_plots``) and the figures that
snippet modules declare (``tools.figures``), each in four variants. Drawing them all takes about 20 s on a
2-core machine, so the build (tools/mkdocs_hooks.py) starts ``python -m tools.site_figures`` as soon as it has
read its configuration, when a figure is missing from the cache, and renders the pages meanwhile on the
other core; it waits for the drawing only before it writes the site.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from pathlib import Path

from tools import loss_plots
from tools.figures import VARIANTS, cache_paths, draw_into_cache, figure_uri, snippet_figures


@dataclasses.dataclass(frozen=True)
class SiteFigure:
    name: str  # unique on the site, and the stem of its files in the cache
    uris: dict[str, str]  # {variant: where the site serves it}
    paths: dict[str, Path]  # {variant: where the cache keeps it}
    draw: Callable[[], object]  # returns a matplotlib Figure

    @property
    def drawn(self) -> bool:
        return all(path.exists() for path in self.paths.values())


def site_figures() -> list[SiteFigure]:
    figures = []
    plots_source = Path(loss_plots.__file__).read_bytes()
    for plot in loss_plots.PLOTS:
        name = f"loss-{plot.name}"
        uris = {variant: f"losses/plots/{plot.name}-{variant}.svg" for variant in VARIANTS}
        draw = functools.partial(loss_plots.draw, plot)
        figures.append(SiteFigure(name, uris, cache_paths(name, plots_source), draw))
    for page, figure_name, draw, module_file in snippet_figures():
        name = f"{page.replace('/', '-')}-{figure_name}"
        uris = {variant: figure_uri(page, figure_name, variant) for variant in VARIANTS}
        figures.append(SiteFigure(name, uris, cache_paths(name, module_file.read_bytes()), draw))
    return figures


def main() -> None:
    for figure in site_figures():
        draw_into_cache(figure.paths, figure.draw, figure.name)


if __name__ == "__main__":
    main()
