"""The loss-and-gradient plots of the loss reference, drawn from torch while the site is built.

Each plot sweeps one variable over a range, computes the loss at every point with the torch.nn class itself
(``reduction="none"``), takes its derivative with autograd, and draws the two side by side, in the colours
of the light and of the dark scheme (tools.figures); a page shows the pair with Material's ``#only-light``
and ``#only-dark`` suffixes (a phone gets the panels one above the other, see tools.figures):

    ![What the plot shows](plots/huber-loss-light.svg#only-light){ width="720" height="270" loading="lazy" }
    ![What the plot shows](plots/huber-loss-dark.svg#only-dark){ width="720" height="270" loading="lazy" }
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import torch
from torch import nn

POINTS = 401


@dataclasses.dataclass(frozen=True)
class Curve:
    label: str
    loss: Callable[[torch.Tensor], torch.Tensor]  # the plotted variable (a 1-D tensor) -> the loss at each point


@dataclasses.dataclass(frozen=True)
class LossPlot:
    name: str  # the page's file name: docs/losses/<name>.md shows plots/<name>-<scheme>.svg
    x_label: str
    x_range: tuple[float, float]
    curves: tuple[Curve, ...]


def _zeros(x: torch.Tensor) -> torch.Tensor:
    return torch.zeros_like(x)


def _ones(x: torch.Tensor) -> torch.Tensor:
    return torch.ones_like(x)


def _columns(*columns: torch.Tensor) -> torch.Tensor:
    """One row per point: the plotted variable enters a (POINTS, k) input as columns."""
    return torch.stack(columns, dim=1)


def _triplet(loss: nn.Module) -> Callable[[torch.Tensor], torch.Tensor]:
    """Anchor at 0 and positive at 1 on a line; x is how much farther the negative is than the positive."""
    return lambda x: loss(_zeros(x)[:, None], _ones(x)[:, None], (1 + x)[:, None])


def _cosine_pairs(loss: nn.Module, y: float) -> Callable[[torch.Tensor], torch.Tensor]:
    """Two unit vectors whose cosine similarity is x."""

    def curve(x: torch.Tensor) -> torch.Tensor:
        first = _columns(_ones(x), _zeros(x))
        second = _columns(x, torch.sqrt(torch.clamp(1 - x**2, min=0)))
        return loss(first, second, torch.full_like(x, y))

    return curve


PLOTS = [
    LossPlot("l1-loss", "prediction − target", (-3, 3), (Curve("L1Loss", lambda x: nn.L1Loss(reduction="none")(x, _zeros(x))),)),
    LossPlot("mse-loss", "prediction − target", (-3, 3), (Curve("MSELoss", lambda x: nn.MSELoss(reduction="none")(x, _zeros(x))),)),
    LossPlot(
        "huber-loss",
        "prediction − target",
        (-3, 3),
        tuple(Curve(f"delta={d}", lambda x, d=d: nn.HuberLoss(reduction="none", delta=d)(x, _zeros(x))) for d in (0.5, 1.0, 2.0)),
    ),
    LossPlot(
        "smooth-l1-loss",
        "prediction − target",
        (-3, 3),
        tuple(Curve(f"beta={b}", lambda x, b=b: nn.SmoothL1Loss(reduction="none", beta=b)(x, _zeros(x))) for b in (0.5, 1.0, 2.0)),
    ),
    LossPlot(
        "bce-loss",
        "predicted probability p",
        (0.005, 0.995),
        tuple(Curve(f"target {t}", lambda x, t=t: nn.BCELoss(reduction="none")(x, torch.full_like(x, t))) for t in (1.0, 0.0)),
    ),
    LossPlot(
        "bce-with-logits-loss",
        "logit (raw score)",
        (-6, 6),
        tuple(
            Curve(f"target {t}", lambda x, t=t: nn.BCEWithLogitsLoss(reduction="none")(x, torch.full_like(x, t)))
            for t in (1.0, 0.0)
        ),
    ),
    LossPlot(
        "cross-entropy-loss",
        "score of the right class − score of the other (2 classes)",
        (-6, 6),
        tuple(
            Curve(
                f"label_smoothing={s}",
                lambda x, s=s: nn.CrossEntropyLoss(reduction="none", label_smoothing=s)(
                    _columns(x, _zeros(x)), torch.zeros(len(x), dtype=torch.long)
                ),
            )
            for s in (0.0, 0.2)
        ),
    ),
    LossPlot(
        "nll-loss",
        "probability p of the right class (input is log p)",
        (0.01, 1.0),
        (
            Curve(
                "NLLLoss",
                lambda x: nn.NLLLoss(reduction="none")(torch.log(x)[:, None], torch.zeros(len(x), dtype=torch.long)),
            ),
        ),
    ),
    LossPlot(
        "poisson-nll-loss",
        "predicted log-rate (log_input=True)",
        (-2, 3),
        tuple(
            Curve(f"count {k}", lambda x, k=k: nn.PoissonNLLLoss(reduction="none")(x, torch.full_like(x, k))) for k in (0.0, 2.0, 5.0)
        ),
    ),
    LossPlot(
        "gaussian-nll-loss",
        "prediction − target",
        (-3, 3),
        tuple(
            Curve(f"var={v}", lambda x, v=v: nn.GaussianNLLLoss(reduction="none")(x, _zeros(x), torch.full_like(x, v)))
            for v in (0.5, 1.0, 2.0)
        ),
    ),
    LossPlot(
        "kl-div-loss",
        "predicted probability q (input is log q)",
        (0.01, 0.99),
        tuple(
            Curve(f"target p={p}", lambda x, p=p: nn.KLDivLoss(reduction="none")(torch.log(x), torch.full_like(x, p)))
            for p in (0.3, 0.7)
        ),
    ),
    LossPlot(
        "soft-margin-loss",
        "score x",
        (-4, 4),
        tuple(Curve(f"y={y}", lambda x, y=y: nn.SoftMarginLoss(reduction="none")(x, torch.full_like(x, y))) for y in (1.0, -1.0)),
    ),
    LossPlot(
        "multi-label-soft-margin-loss",
        "score of one label",
        (-4, 4),
        tuple(
            Curve(
                f"label {'on' if y else 'off'}",
                lambda x, y=y: nn.MultiLabelSoftMarginLoss(reduction="none")(x[:, None], torch.full_like(x, y)[:, None]),
            )
            for y in (1.0, 0.0)
        ),
    ),
    LossPlot(
        "hinge-embedding-loss",
        "input x (a distance)",
        (0, 3),
        tuple(
            Curve(f"y={y}", lambda x, y=y: nn.HingeEmbeddingLoss(reduction="none", margin=1.0)(x, torch.full_like(x, y)))
            for y in (1.0, -1.0)
        ),
    ),
    LossPlot(
        "margin-ranking-loss",
        "x1 − x2 (y=1: x1 should rank higher)",
        (-3, 3),
        tuple(
            Curve(f"margin={m}", lambda x, m=m: nn.MarginRankingLoss(reduction="none", margin=m)(x, _zeros(x), _ones(x)))
            for m in (0.0, 1.0)
        ),
    ),
    LossPlot(
        "cosine-embedding-loss",
        "cosine similarity of the pair",
        (-1, 1),
        (
            Curve("y=1", _cosine_pairs(nn.CosineEmbeddingLoss(reduction="none"), 1.0)),
            Curve("y=-1, margin=0", _cosine_pairs(nn.CosineEmbeddingLoss(reduction="none"), -1.0)),
            Curve("y=-1, margin=0.5", _cosine_pairs(nn.CosineEmbeddingLoss(reduction="none", margin=0.5), -1.0)),
        ),
    ),
    LossPlot(
        "multi-margin-loss",
        "score of the right class − score of the other (2 classes)",
        (-3, 3),
        tuple(
            Curve(
                f"p={p}",
                lambda x, p=p: nn.MultiMarginLoss(reduction="none", p=p)(
                    _columns(x, _zeros(x)), torch.zeros(len(x), dtype=torch.long)
                ),
            )
            for p in (1, 2)
        ),
    ),
    LossPlot(
        "multi-label-margin-loss",
        "score of the label − score of the other (2 classes)",
        (-3, 3),
        (
            Curve(
                "MultiLabelMarginLoss",
                lambda x: nn.MultiLabelMarginLoss(reduction="none")(
                    _columns(x, _zeros(x)), torch.tensor([[0, -1]]).expand(len(x), 2)
                ),
            ),
        ),
    ),
    LossPlot(
        "triplet-margin-loss",
        "d(anchor, negative) − d(anchor, positive)",
        (-1, 3),
        tuple(Curve(f"margin={m}", _triplet(nn.TripletMarginLoss(reduction="none", margin=m))) for m in (0.5, 1.0)),
    ),
    LossPlot(
        "triplet-margin-with-distance-loss",
        "d(anchor, negative) − d(anchor, positive)",
        (-1, 3),
        tuple(
            Curve(f"margin={m}", _triplet(nn.TripletMarginWithDistanceLoss(reduction="none", margin=m)))
            for m in (0.5, 1.0)
        ),
    ),
]


PLOTS_BY_NAME = {plot.name: plot for plot in PLOTS}


def curve_values(plot: LossPlot, curve: Curve) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The plotted variable, the loss and its derivative, in float64."""
    x = torch.linspace(*plot.x_range, POINTS, dtype=torch.float64, requires_grad=True)
    with torch.autograd.set_grad_enabled(True):
        loss = curve.loss(x)
        (gradient,) = torch.autograd.grad(loss.sum(), x)
    return x.detach(), loss.detach(), gradient


def shown_numbers(plot: LossPlot) -> set[float]:
    """The numbers a reader can read off a plot, to check its description (tools.prose_numbers): the range
    of the plotted variable, the parameters in the curves' labels, and each curve's loss and gradient at
    both ends and at its lowest loss."""
    numbers = {float(end) for end in plot.x_range}
    for curve in plot.curves:
        numbers |= {float(number) for number in re.findall(r"\d+(?:\.\d+)?", curve.label)}
        x, loss, gradient = curve_values(plot, curve)
        lowest = int(loss.argmin())
        for index in (0, -1, lowest):
            numbers |= {x[index].item(), loss[index].item(), gradient[index].item()}
    return numbers


def draw(plot: LossPlot):
    """The loss and its gradient side by side, one line per curve."""
    import matplotlib.pyplot as plt

    figure, (loss_axes, gradient_axes) = plt.subplots(1, 2)
    for curve in plot.curves:
        x, loss, gradient = curve_values(plot, curve)
        loss_axes.plot(x, loss, label=curve.label)
        gradient_axes.plot(x, gradient, label=curve.label)
    loss_axes.set_title("loss")
    gradient_axes.set_title("gradient")
    # One label for both panels: the same variable, and a long label has the whole width.
    figure.supxlabel(plot.x_label, fontsize="medium")
    if len(plot.curves) > 1:
        loss_axes.legend()
    return figure
