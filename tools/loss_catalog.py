"""Every torch.nn loss the reference covers: its page, its task, and a call that the cheat sheet probes.

The cheat sheet (docs/losses/cheat-sheet.md) and the reference index (docs/losses/index.md) are generated
from this catalog by ``make outputs``. What the cheat sheet says about shapes and dtypes is not written
here: it is read off the pinned torch by running each loss on its probe call, with every dimension given a
distinct size so that each size in a shape can be named again (N=2, C=6, ...).
"""

from __future__ import annotations

import dataclasses
import inspect
import warnings
from collections.abc import Callable

import torch
from torch import nn

# The probe's sizes; each one is distinct, so a probed shape such as (2, 6) reads back as (N, C).
N, C, D, T, S = 2, 6, 5, 7, 4
SIZE_NAMES = {N: "N", C: "C", D: "D", T: "T", S: "S"}
FLOAT_DTYPES = [torch.float16, torch.bfloat16, torch.float32, torch.float64]
INPUT_DTYPES = [*FLOAT_DTYPES, torch.int64]
TARGET_DTYPES = [torch.float32, torch.float64, torch.int64, torch.int32, torch.uint8, torch.bool]
DTYPE_NAMES = {
    torch.float16: "float16",
    torch.bfloat16: "bfloat16",
    torch.float32: "float32",
    torch.float64: "float64",
    torch.int64: "int64",
    torch.int32: "int32",
    torch.uint8: "uint8",
    torch.bool: "bool",
}
TASKS = [
    "Regression",
    "Classification",
    "Probabilistic",
    "Ranking and metric learning",
    "Sequence",
    "Large vocabulary",
]


@dataclasses.dataclass(frozen=True)
class Probe:
    """A valid call: ``make_loss(**kwargs)(*args)``; ``target`` is the index of the target in ``args``."""

    args: Callable[[], list[torch.Tensor]]
    target: int | None = None
    make_loss: Callable[..., nn.Module] | None = None  # default: the torch.nn class itself


@dataclasses.dataclass(frozen=True)
class Loss:
    name: str  # the torch.nn class
    slug: str  # docs/losses/<slug>.md
    task: str
    summary: str
    mistake: str
    probe: Probe
    target_note: str = ""  # what the probe's one target cannot show, e.g. a second kind of target


def _randn(*shape: int) -> torch.Tensor:
    return torch.randn(*shape, generator=torch.Generator().manual_seed(0))


def _probabilities(*shape: int) -> torch.Tensor:
    return torch.rand(*shape, generator=torch.Generator().manual_seed(0)) * 0.9 + 0.05


def _labels(*shape: int, classes: int = C) -> torch.Tensor:
    return torch.arange(N * S)[: torch.Size(shape).numel()].reshape(shape) % classes


def _signs(*shape: int) -> torch.Tensor:
    return torch.where(_randn(*shape) > 0, 1.0, -1.0)


def _pair(*shape: int) -> Probe:
    return Probe(lambda: [_randn(*shape), _randn(*shape)], target=1)


def _ctc_args() -> list[torch.Tensor]:
    log_probs = _randn(T, N, C).log_softmax(dim=2)
    targets = _labels(N, S, classes=C - 1) + 1  # 0 is the blank
    return [log_probs, targets, torch.full((N,), T), torch.tensor([S, S - 1])]


def _multilabel_indices() -> torch.Tensor:
    target = torch.full((N, C), -1)
    target[0, :2] = torch.tensor([1, 3])
    target[1, :1] = torch.tensor([0])
    return target


CATALOG = [
    Loss("L1Loss", "l1-loss", "Regression", "Mean absolute error: robust to outliers.",
         "An (N,) input with an (N, 1) target broadcasts to (N, N), with only a warning.", _pair(N)),
    Loss("MSELoss", "mse-loss", "Regression", "Mean squared error: smooth, sensitive to outliers.",
         "An (N,) input with an (N, 1) target broadcasts to (N, N), with only a warning.", _pair(N)),
    Loss("HuberLoss", "huber-loss", "Regression", "Squared error near zero, absolute error beyond `delta`.",
         "Taking it for SmoothL1Loss: the two differ by a factor of `delta`.", _pair(N)),
    Loss("SmoothL1Loss", "smooth-l1-loss", "Regression", "Huber loss divided by `beta`: L1 with a rounded tip.",
         "`beta=0` turns it into plain L1Loss.", _pair(N)),
    Loss("CrossEntropyLoss", "cross-entropy-loss", "Classification",
         "Log-softmax and negative log-likelihood on raw scores: the multi-class loss.",
         "Applying softmax first, or passing int32 or (N, 1) targets.",
         Probe(lambda: [_randn(N, C), _labels(N)], target=1),
         target_note="class indices; or float probabilities of the input's shape"),
    Loss("NLLLoss", "nll-loss", "Classification", "Negative log-likelihood of log-probabilities.",
         "Feeding raw scores or probabilities: no error, a wrong (even negative) loss.",
         Probe(lambda: [_randn(N, C).log_softmax(dim=1), _labels(N)], target=1)),
    Loss("BCELoss", "bce-loss", "Classification", "Binary cross-entropy of probabilities.",
         "Feeding logits (values outside [0, 1] raise); unstable next to BCEWithLogitsLoss.",
         Probe(lambda: [_probabilities(N), _probabilities(N).round()], target=1)),
    Loss("BCEWithLogitsLoss", "bce-with-logits-loss", "Classification",
         "Sigmoid and binary cross-entropy in one stable step, on raw scores.",
         "Applying sigmoid first, or a target whose shape differs from the input.",
         Probe(lambda: [_randn(N), _probabilities(N).round()], target=1)),
    Loss("MultiLabelSoftMarginLoss", "multi-label-soft-margin-loss", "Classification",
         "Multi-label logistic loss over C independent labels, averaged over labels.",
         "Passing class indices instead of a 0/1 matrix of shape (N, C).",
         Probe(lambda: [_randn(N, C), _probabilities(N, C).round()], target=1)),
    Loss("SoftMarginLoss", "soft-margin-loss", "Classification", "Two-class logistic loss with targets -1 and 1.",
         "Targets of 0 and 1: a 0 target is not the negative class here.",
         Probe(lambda: [_randn(N), _signs(N)], target=1)),
    Loss("MultiMarginLoss", "multi-margin-loss", "Classification", "Multi-class hinge loss (an SVM's loss).",
         "Expecting probabilities out: it works on raw scores and a margin.",
         Probe(lambda: [_randn(N, C), _labels(N)], target=1)),
    Loss("MultiLabelMarginLoss", "multi-label-margin-loss", "Classification",
         "Multi-label hinge loss; targets list class indices, padded with -1.",
         "Passing a 0/1 matrix: the target holds indices, ended by the first -1.",
         Probe(lambda: [_randn(N, C), _multilabel_indices()], target=1)),
    Loss("KLDivLoss", "kl-div-loss", "Probabilistic", "Kullback-Leibler divergence; the input is log-probabilities.",
         "Passing probabilities as input, or `reduction='mean'` where 'batchmean' is meant.",
         Probe(lambda: [_randn(N, C).log_softmax(dim=1), _randn(N, C).softmax(dim=1)], target=1)),
    Loss("PoissonNLLLoss", "poisson-nll-loss", "Probabilistic", "Negative log-likelihood of counts under a Poisson rate.",
         "Passing a rate while `log_input=True` (the default) expects its log.",
         Probe(lambda: [_randn(N), torch.tensor([0.0, 3.0])], target=1)),
    Loss("GaussianNLLLoss", "gaussian-nll-loss", "Probabilistic",
         "Negative log-likelihood under a predicted mean and variance.",
         "Passing a standard deviation or a log-variance where the variance is expected.",
         Probe(lambda: [_randn(N), _randn(N), _probabilities(N)], target=1)),
    Loss("MarginRankingLoss", "margin-ranking-loss", "Ranking and metric learning",
         "Hinge loss on the order of two scores.",
         "Targets of 0 and 1: the target is 1 or -1.",
         Probe(lambda: [_randn(N), _randn(N), _signs(N)], target=2)),
    Loss("HingeEmbeddingLoss", "hinge-embedding-loss", "Ranking and metric learning",
         "Pulls similar pairs' distances down, pushes dissimilar ones past a margin.",
         "Passing embeddings: the input is already a distance.",
         Probe(lambda: [_randn(N).abs(), _signs(N)], target=1)),
    Loss("CosineEmbeddingLoss", "cosine-embedding-loss", "Ranking and metric learning",
         "Pulls similar pairs to cosine 1, pushes dissimilar ones below a margin.",
         "Targets of 0 and 1: the target is 1 or -1.",
         Probe(lambda: [_randn(N, D), _randn(N, D), _signs(N)], target=2)),
    Loss("TripletMarginLoss", "triplet-margin-loss", "Ranking and metric learning",
         "Anchor closer to the positive than to the negative by a margin (p-norm distance).",
         "Triplets where the negative is already far: a zero loss and no gradient.",
         Probe(lambda: [_randn(N, D), _randn(N, D), _randn(N, D) + 1])),
    Loss("TripletMarginWithDistanceLoss", "triplet-margin-with-distance-loss", "Ranking and metric learning",
         "The triplet loss with any distance function.",
         "A distance function that returns one number for the batch instead of one per row.",
         Probe(lambda: [_randn(N, D), _randn(N, D), _randn(N, D) + 1])),
    Loss("CTCLoss", "ctc-loss", "Sequence", "Connectionist temporal classification: unaligned sequence targets.",
         "Inputs shorter than their targets: an infinite loss unless `zero_infinity=True`.",
         Probe(_ctc_args, target=1)),
    Loss("AdaptiveLogSoftmaxWithLoss", "adaptive-log-softmax-with-loss", "Large vocabulary",
         "A layer and a loss: cheap softmax over a large vocabulary by frequency clusters.",
         "Class ids not sorted by frequency, which the cutoffs assume.",
         Probe(lambda: [_randn(N, D), _labels(N)], target=1,
               make_loss=lambda **kwargs: nn.AdaptiveLogSoftmaxWithLoss(D, C, cutoffs=[2, 4], **kwargs))),
    Loss("LinearCrossEntropyLoss", "linear-cross-entropy-loss", "Large vocabulary",
         "A linear layer fused with cross-entropy; with `options`, the logits are never stored whole.",
         "Passing logits: the input is the features before the output layer.",
         Probe(lambda: [_randn(N, D), _labels(N)], target=1,
               make_loss=lambda **kwargs: nn.LinearCrossEntropyLoss(D, C, **kwargs))),
]
CATALOG_BY_NAME = {loss.name: loss for loss in CATALOG}
CATALOG_BY_SLUG = {loss.slug: loss for loss in CATALOG}
# Arguments every loss shares, or that say nothing about what a loss is for.
COMMON_ARGUMENTS = {"size_average", "reduce", "reduction", "device", "dtype"}


def distinctive_arguments(loss: Loss) -> list[str]:
    """The constructor arguments that set this loss apart (``pos_weight``, ``delta``, ``cutoffs``), read from
    torch: the site's search ranks a loss's page first when a reader types one of them."""
    return [name for name in inspect.signature(getattr(nn, loss.name)).parameters if name not in COMMON_ARGUMENTS]


def shape_text(shape: torch.Size) -> str:
    """(2, 6) -> (N, C); a scalar -> ()."""
    return "(" + ", ".join(SIZE_NAMES.get(size, str(size)) for size in shape) + (",)" if len(shape) == 1 else ")")


def _build(loss: Loss, **kwargs) -> nn.Module:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # LinearCrossEntropyLoss warns about its own initialisation
        return (loss.probe.make_loss or getattr(nn, loss.name))(**kwargs)


def _call(loss: Loss, args: list[torch.Tensor], **kwargs) -> torch.Tensor:
    module = _build(loss, **kwargs)
    floating = [arg.dtype for arg in args if arg.is_floating_point()]
    if floating and loss.probe.make_loss:
        module = module.to(floating[0])  # parameters, if any, in the dtype of the input
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a probe with odd dtypes may warn; only errors matter here
        result = module(*args)
    return result.loss if loss.name == "AdaptiveLogSoftmaxWithLoss" else result


def _accepts(loss: Loss, args: list[torch.Tensor]) -> bool:
    try:
        _call(loss, args)
    except (RuntimeError, TypeError, ValueError, IndexError, NotImplementedError):
        return False
    return True


def accepted_input_dtypes(loss: Loss) -> list[str]:
    """The dtypes the loss runs in on the CPU, every floating argument (and parameter) cast alike."""
    names = []
    for dtype in INPUT_DTYPES:
        args = [arg.to(dtype) if arg.is_floating_point() else arg for arg in loss.probe.args()]
        if _accepts(loss, args):
            names.append(DTYPE_NAMES[dtype])
    return names


def accepted_target_dtypes(loss: Loss) -> list[str]:
    """The dtypes the target may have, with the values of the probe's target."""
    if loss.probe.target is None:
        return []
    names = []
    for dtype in TARGET_DTYPES:
        args = loss.probe.args()
        args[loss.probe.target] = args[loss.probe.target].to(dtype)
        if _accepts(loss, args):
            names.append(DTYPE_NAMES[dtype])
    return names


def output_shapes(loss: Loss) -> dict[str, str]:
    """The shape of the result for each reduction, or for the one call when the loss has no reduction."""
    if loss.name == "AdaptiveLogSoftmaxWithLoss":
        return {"loss": shape_text(_call(loss, loss.probe.args()).shape)}
    return {reduction: shape_text(_call(loss, loss.probe.args(), reduction=reduction).shape) for reduction in ("mean", "sum", "none")}


def argument_shapes(loss: Loss) -> str:
    """``input (N, C), target (N,)``: the forward arguments' names with the probe's shapes."""
    names = list(inspect.signature(type(_build(loss)).forward).parameters)[1:]
    return ", ".join(f"`{name}` {shape_text(arg.shape)}" for name, arg in zip(names, loss.probe.args(), strict=False))


def shapes_markdown(name: str) -> str:
    """The shapes of a loss's probe call, in one line for the summary box of its page
    (``<!-- generated: loss-shapes L1Loss -->``): the arguments, then the result, reductions that give the same
    shape named together."""
    if name not in CATALOG_BY_NAME:
        raise ValueError(f"loss-shapes: {name!r} is not in the catalog; known: {sorted(CATALOG_BY_NAME)}")
    loss = CATALOG_BY_NAME[name]
    by_shape: dict[str, list[str]] = {}
    for reduction, shape in output_shapes(loss).items():
        by_shape.setdefault(shape, []).append(f"`{reduction}`")
    result = "; ".join(f"{', '.join(reductions)} {shape}" for shape, reductions in by_shape.items())
    note = f" ({loss.target_note})" if loss.target_note else ""
    return f"**Shapes** {argument_shapes(loss)}{note} → {result} ([all shapes and dtypes](#shapes-and-dtypes))"


def _cell(values: list[str]) -> str:
    return ", ".join(values) if values else "—"


def _outputs_text(shapes: dict[str, str]) -> str:
    return ", ".join(f"`{reduction}` {shape}" for reduction, shape in shapes.items())


def cheat_sheet_markdown() -> str:
    """The cheat sheet, every shape and dtype read off the pinned torch. The result's shapes are the same for
    nearly every loss, so they are said once above the table, with the losses that differ, instead of in a
    column that repeats itself. The table sits in a ``cheat-sheet`` block: on a phone its rows are laid out
    as cards under a header that stays in view (docs/stylesheets/extra.css)."""
    outputs = {loss.name: output_shapes(loss) for loss in CATALOG}
    texts = [_outputs_text(shapes) for shapes in outputs.values()]
    common = max(texts, key=texts.count)
    others = [loss for loss in CATALOG if _outputs_text(outputs[loss.name]) != common]
    lines = [
        (
            f"**Output**: {common} for {texts.count(common)} of the {len(CATALOG)} losses (the shape of the "
            "result for each `reduction`); the others:"
        ),
        "",
        *(f"- [{loss.name}]({loss.slug}.md): {_outputs_text(outputs[loss.name])}" for loss in others),
        "",
        '<div class="cheat-sheet" markdown>',
        "",
        "| Loss | Task | Arguments and shapes | Target dtypes | Input dtypes (CPU) | Typical mistake |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for loss in CATALOG:
        lines.append(
            f"| [{loss.name}]({loss.slug}.md) | {loss.task} | {argument_shapes(loss)} | "
            f"{_cell(accepted_target_dtypes(loss))}{f' ({loss.target_note})' if loss.target_note else ''} | "
            f"{_cell(accepted_input_dtypes(loss))} | {loss.mistake} |"
        )
    sizes = ", ".join(f"{name} = {size}" for size, name in SIZE_NAMES.items())
    lines += ["", "</div>", "", f"Probed with {sizes}; an output of `()` is a scalar."]
    return "\n".join(lines) + "\n"


def index_markdown() -> str:
    """The reference index: every loss under its task, with its one-line summary."""
    lines = []
    for task in TASKS:
        lines += [f"## {task}", ""]
        lines += [f"- [{loss.name}]({loss.slug}.md): {loss.summary}" for loss in CATALOG if loss.task == task]
        lines.append("")
    return "\n".join(lines)
