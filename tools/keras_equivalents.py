"""Each Keras loss and its PyTorch counterpart: the table of docs/guides/coming-from-keras.md.

One record per loss class that ``keras.losses`` exports. A record holds the Keras name, one or more cases
(the Keras arguments, the PyTorch code that computes the same number, and the inputs both are given), and a
note on what differs. The PyTorch code of a case is the text shown in the table *and* the code that
``tests/test_keras_equivalents.py`` runs against Keras on the torch backend, so the table cannot claim an
equivalence that does not hold. The code is an expression, or statements that assign ``loss``; it sees
``torch``, ``nn``, ``F``, ``math``, ``y_true`` and ``y_pred``. A record with no case has no counterpart
that fits in a table cell; its note says what to do instead.

    keras_table_markdown()   # the Markdown table, registered as the generator "keras-table"

Only the comparison imports Keras (``import_keras()`` sets ``KERAS_BACKEND=torch`` first); building the
table needs nothing but this module.
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Callable

import torch
import torch.nn.functional as F
from torch import nn

KERAS_BACKEND = "torch"

Inputs = Callable[[torch.Generator, tuple[int, ...]], dict[str, torch.Tensor]]


# --- Inputs: y_true and y_pred of a given shape (the class or feature axis last, as Keras has it) ---------


def _real(g: torch.Generator, shape: tuple[int, ...]) -> dict[str, torch.Tensor]:
    return {"y_true": torch.randn(shape, generator=g), "y_pred": 2 * torch.randn(shape, generator=g)}


def _real_with_a_zero_target(g, shape):
    inputs = _real(g, shape)
    inputs["y_true"].view(-1)[0] = 0.0  # where the division is guarded
    return inputs


def _bits(g: torch.Generator, shape: tuple[int, ...]) -> torch.Tensor:
    return torch.randint(0, 2, shape, generator=g).float()


def _binary_probabilities(g, shape):
    y_pred = torch.rand(shape, generator=g)
    flat = y_pred.view(-1)
    flat[:2], flat[2:4] = 0.0, 1.0  # the clipping shows at exactly 0 and 1
    return {"y_true": _bits(g, shape), "y_pred": y_pred}


def _binary_logits(g, shape):
    return {"y_true": _bits(g, shape), "y_pred": 3 * torch.randn(shape, generator=g)}


def _signs(g, shape):
    return {"y_true": 2 * _bits(g, shape) - 1, "y_pred": torch.randn(shape, generator=g)}


def _zero_one_labels(g, shape):
    return {"y_true": _bits(g, shape), "y_pred": torch.randn(shape, generator=g)}


def _one_hot_logits(g, shape):
    labels = torch.randint(0, shape[-1], shape[:-1], generator=g)
    return {"y_true": F.one_hot(labels, shape[-1]).float(), "y_pred": 2 * torch.randn(shape, generator=g)}


def _one_hot_probabilities(g, shape):
    inputs = _one_hot_logits(g, shape)
    return {"y_true": inputs["y_true"], "y_pred": inputs["y_pred"].softmax(-1)}


def _soft_targets_logits(g, shape):
    return {"y_true": torch.randn(shape, generator=g).softmax(-1), "y_pred": 2 * torch.randn(shape, generator=g)}


def _indices_logits(g, shape):
    return {
        "y_true": torch.randint(0, shape[-1], shape[:-1], generator=g),
        "y_pred": 2 * torch.randn(shape, generator=g),
    }


def _indices_probabilities(g, shape):
    inputs = _indices_logits(g, shape)
    return {"y_true": inputs["y_true"], "y_pred": inputs["y_pred"].softmax(-1)}


def _indices_some_ignored(g, shape):
    inputs = _indices_logits(g, shape)
    y_true = inputs["y_true"].clone()
    y_true.view(-1)[::3] = -1  # every third target is padding
    return {"y_true": y_true, "y_pred": inputs["y_pred"]}


def _distributions(g, shape):
    return {
        "y_true": torch.randn(shape, generator=g).softmax(-1),
        "y_pred": torch.randn(shape, generator=g).softmax(-1),
    }


def _counts(g, shape):
    rate = torch.randn(shape, generator=g).exp()
    y_true, y_pred = torch.poisson(rate, generator=g), rate * torch.rand(shape, generator=g) * 2
    y_true.view(-1)[0], y_pred.view(-1)[0] = 2.0, 0.0  # a zero rate: where `eps` shows
    return {"y_true": y_true, "y_pred": y_pred}


def _masks(g, shape):
    return {"y_true": _bits(g, shape), "y_pred": torch.rand(shape, generator=g)}


def _ctc(g, shape):
    """shape = (N, T, C): logits over C classes (0 is the blank), targets padded with 0 to length T // 3."""
    n, t, c = shape
    length = t // 3
    y_true = torch.randint(1, c, (n, length), generator=g)
    keep = torch.randint(1, length + 1, (n,), generator=g)
    y_true[torch.arange(length) >= keep[:, None]] = 0
    return {"y_true": y_true, "y_pred": torch.randn(shape, generator=g)}


# --- The records ------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Case:
    keras_args: str  # the arguments of the Keras class, as written in Python: "from_logits=True"
    torch: str  # PyTorch code computing the same number: an expression, or statements that assign `loss`
    inputs: Inputs
    label: str = ""  # what the table shows before the code; default: the Keras arguments


@dataclasses.dataclass(frozen=True)
class KerasEquivalent:
    keras: str  # the class name in keras.losses
    cases: tuple[Case, ...]  # empty: no counterpart that fits in a cell (see the note)
    note: str  # Markdown
    shapes: tuple[tuple[int, ...], ...] = ((8, 5), (4, 3, 6))
    reference: str = ""  # the reference page of the torch counterpart, relative to docs/guides/

    @property
    def counterpart(self) -> str:
        """The PyTorch column, Markdown."""
        if not self.cases:
            return "none"
        parts = []
        for case in self.cases:
            code = f"`{case.torch}`"
            label = case.label or (f"`{case.keras_args}`" if case.keras_args else "")
            parts.append(f"{label}: {code}" if label else code)
        return "<br>".join(parts)


_CLIP = "clamp(1e-7, 1 - 1e-7)"

EQUIVALENTS: tuple[KerasEquivalent, ...] = (
    KerasEquivalent(
        "MeanSquaredError",
        (Case("", "nn.MSELoss()(y_pred, y_true)", _real),),
        "The same mean over every element.",
        reference="../losses/mse-loss.md",
    ),
    KerasEquivalent(
        "MeanAbsoluteError",
        (Case("", "nn.L1Loss()(y_pred, y_true)", _real),),
        "The same mean over every element.",
        reference="../losses/l1-loss.md",
    ),
    KerasEquivalent(
        "MeanAbsolutePercentageError",
        (Case("", "100 * ((y_true - y_pred).abs() / y_true.abs().clamp_min(1e-7)).mean()", _real_with_a_zero_target),),
        "No torch loss. Keras guards the division with `1e-7`, so a zero target gives a huge loss, not `inf`.",
    ),
    KerasEquivalent(
        "MeanSquaredLogarithmicError",
        (
            Case(
                "",
                "nn.MSELoss()(torch.log1p(y_pred.clamp_min(1e-7)), torch.log1p(y_true.clamp_min(1e-7)))",
                _real,
            ),
        ),
        "No torch loss. Keras replaces values below `1e-7` (negatives too) by `1e-7` before the log.",
    ),
    KerasEquivalent(
        "Huber",
        (
            Case("", "nn.HuberLoss()(y_pred, y_true)", _real),
            Case("delta=0.5", "nn.HuberLoss(delta=0.5)(y_pred, y_true)", _real),
        ),
        "Same formula, same default `delta=1.0`. `nn.SmoothL1Loss(beta=d)` is this divided by `d`.",
        reference="../losses/huber-loss.md",
    ),
    KerasEquivalent(
        "LogCosh",
        (Case("", "d = y_pred - y_true; loss = (d + F.softplus(-2 * d) - math.log(2)).mean()", _real),),
        "No torch loss. `torch.log(torch.cosh(d))` is the same number until `cosh` overflows "
        "(from a difference of 89.5 in float32); the form shown is Keras's own and stays finite.",
    ),
    KerasEquivalent(
        "BinaryCrossentropy",
        (
            Case("from_logits=True", "nn.BCEWithLogitsLoss()(y_pred, y_true)", _binary_logits),
            Case("from_logits=False", f"nn.BCELoss()(y_pred.{_CLIP}, y_true)", _binary_probabilities),
            Case(
                "from_logits=True, label_smoothing=0.1",
                "nn.BCEWithLogitsLoss()(y_pred, y_true * 0.9 + 0.05)",
                _binary_logits,
            ),
        ),
        "On probabilities Keras clips them to `[1e-7, 1 - 1e-7]`; `nn.BCELoss` clamps each log at -100 "
        "instead, so the two differ at 0 and 1 unless you clip. torch has no `label_smoothing` here: "
        "smooth the target by hand.",
        reference="../losses/bce-with-logits-loss.md",
    ),
    KerasEquivalent(
        "BinaryFocalCrossentropy",
        (
            Case(
                "from_logits=True",
                f"p = y_pred.sigmoid(); "
                f"p_t = y_true * p + (1 - y_true) * (1 - p); "
                f"loss = ((1 - p_t) ** 2 * F.binary_cross_entropy(p.{_CLIP}, y_true, reduction='none')).mean()",
                _binary_logits,
            ),
        ),
        "No torch loss. Keras's default `gamma=2.0`; `alpha` only applies with `apply_class_balancing=True` "
        "(then multiply by `alpha` where the target is 1 and `1 - alpha` where it is 0).",
    ),
    KerasEquivalent(
        "CategoricalCrossentropy",
        (
            Case(
                "from_logits=True",
                "nn.CrossEntropyLoss()(y_pred.movedim(-1, 1), y_true.movedim(-1, 1))",
                _one_hot_logits,
            ),
            Case(
                "from_logits=True, label_smoothing=0.1",
                "nn.CrossEntropyLoss(label_smoothing=0.1)(y_pred.movedim(-1, 1), y_true.movedim(-1, 1))",
                _soft_targets_logits,
            ),
            Case(
                "from_logits=False",
                f"-(y_true * (y_pred / y_pred.sum(-1, keepdim=True)).{_CLIP}.log()).sum(-1).mean()",
                _one_hot_probabilities,
            ),
        ),
        "Probability (one-hot) targets; classes on the last axis in Keras, in dimension 1 in torch. "
        "`label_smoothing` means the same in both. With one-hot targets, the class indices "
        "`y_true.argmax(-1)` give the same number.",
        reference="../losses/cross-entropy-loss.md",
    ),
    KerasEquivalent(
        "SparseCategoricalCrossentropy",
        (
            Case("from_logits=True", "nn.CrossEntropyLoss()(y_pred.movedim(-1, 1), y_true)", _indices_logits),
            Case(
                "from_logits=False",
                f"nn.NLLLoss()(y_pred.{_CLIP}.log().movedim(-1, 1), y_true)",
                _indices_probabilities,
            ),
            Case(
                "from_logits=True, ignore_class=-1",
                "nn.CrossEntropyLoss(ignore_index=-1)(y_pred.movedim(-1, 1), y_true)",
                _indices_some_ignored,
            ),
        ),
        "Class-index targets. `ignore_class` is `ignore_index`, except when every target is ignored: "
        "Keras gives 0, torch `nan`. Keras has no `label_smoothing` here; `nn.CrossEntropyLoss` has.",
        reference="../losses/cross-entropy-loss.md",
    ),
    KerasEquivalent(
        "CategoricalFocalCrossentropy",
        (
            Case(
                "from_logits=True",
                f"p = y_pred.softmax(-1).{_CLIP}; loss = (-0.25 * (1 - p) ** 2 * y_true * p.log()).sum(-1).mean()",
                _one_hot_logits,
            ),
        ),
        "No torch loss. Keras's defaults `alpha=0.25`, `gamma=2.0`; here `alpha` always scales the loss.",
    ),
    KerasEquivalent(
        "CategoricalGeneralizedCrossEntropy",
        (
            Case(
                "",
                "p = y_pred.gather(-1, y_true.unsqueeze(-1)).squeeze(-1); loss = ((1 - p**0.5) / 0.5).mean()",
                _indices_probabilities,
            ),
        ),
        "No torch loss. Class-index targets and probabilities; the default `q=0.5` is the `0.5` shown.",
    ),
    KerasEquivalent(
        "KLDivergence",
        (
            Case(
                "",
                "nn.KLDivLoss(reduction='none')(y_pred.clamp(1e-7, 1).log(), y_true.clamp(1e-7, 1)).sum(-1).mean()",
                _distributions,
            ),
        ),
        "Keras takes two distributions, target first; `nn.KLDivLoss` takes the *log* of the prediction "
        "first. For 2-D inputs `reduction='batchmean'` gives the same number.",
        reference="../losses/kl-div-loss.md",
    ),
    KerasEquivalent(
        "Poisson",
        (Case("", "nn.PoissonNLLLoss(log_input=False, eps=1e-7)(y_pred, y_true)", _counts),),
        "`y_pred` is the rate itself: `log_input=False`. Keras adds `1e-7` inside the log; torch's default is "
        "`eps=1e-8`.",
        reference="../losses/poisson-nll-loss.md",
    ),
    KerasEquivalent(
        "CosineSimilarity",
        (Case("", "-F.cosine_similarity(y_pred, y_true, dim=-1).mean()", _real),),
        "A negative similarity, between -1 and 1. `nn.CosineEmbeddingLoss` with a target of ones is "
        "`1 - cos`: the same number plus 1.",
        reference="../losses/cosine-embedding-loss.md",
    ),
    KerasEquivalent(
        "Hinge",
        (
            Case("", "(1 - y_true * y_pred).clamp_min(0).mean()", _signs, label="labels -1/1"),
            Case("", "(1 - (2 * y_true - 1) * y_pred).clamp_min(0).mean()", _zero_one_labels, label="labels 0/1"),
        ),
        "No torch loss; `nn.HingeEmbeddingLoss` is a different loss. Keras maps 0/1 labels to -1/1 when "
        "every label is 0 or 1.",
    ),
    KerasEquivalent(
        "SquaredHinge",
        (
            Case("", "((1 - y_true * y_pred).clamp_min(0) ** 2).mean()", _signs, label="labels -1/1"),
            Case(
                "", "((1 - (2 * y_true - 1) * y_pred).clamp_min(0) ** 2).mean()", _zero_one_labels, label="labels 0/1"
            ),
        ),
        "No torch loss. Labels as for `Hinge`.",
    ),
    KerasEquivalent(
        "CategoricalHinge",
        (
            Case(
                "",
                "pos = (y_true * y_pred).sum(-1); neg = ((1 - y_true) * y_pred).amax(-1); "
                "loss = (neg - pos + 1).clamp_min(0).mean()",
                _one_hot_logits,
            ),
        ),
        "No torch loss; `nn.MultiMarginLoss` sums over the wrong classes instead of taking the largest. "
        "Keras's `neg` counts the true class as 0, so it is never below 0.",
        reference="../losses/multi-margin-loss.md",
    ),
    KerasEquivalent(
        "CTC",
        (
            Case(
                "",
                "n, t = y_pred.shape[:2]; loss = nn.CTCLoss(reduction='sum')(y_pred.log_softmax(-1).transpose(0, 1), "
                "y_true, torch.full((n,), t), (y_true != 0).sum(-1)) / n",
                _ctc,
            ),
        ),
        "Keras: logits `(N, T, C)`, targets padded with the blank 0, all inputs full length. torch wants "
        "`(T, N, C)` log-probabilities and the lengths, and its default `reduction='mean'` also divides "
        "each sequence by its target length.",
        shapes=((4, 12, 6), (3, 20, 8)),
        reference="../losses/ctc-loss.md",
    ),
    KerasEquivalent(
        "Dice",
        (Case("", "1 - 2 * (y_true * y_pred).sum() / (y_true.sum() + y_pred.sum() + 1e-7)", _masks),),
        "No torch loss (see [a Dice loss](custom-losses.md)). With the default `axis=None`, Keras computes one "
        "Dice over the whole batch, not one per sample.",
    ),
    KerasEquivalent(
        "Tversky",
        (
            Case(
                "alpha=0.7, beta=0.3",
                "tp = (y_true * y_pred).sum(); missed = (y_true * (1 - y_pred)).sum(); "
                "extra = ((1 - y_true) * y_pred).sum(); "
                "loss = 1 - tp / (tp + 0.7 * missed + 0.3 * extra + 1e-7)",
                _masks,
            ),
        ),
        "No torch loss. Keras's `alpha` weights the missed positives (false negatives) and `beta` the false "
        "positives, the other way round from its docstring. One value for the whole batch, as `Dice`.",
    ),
    KerasEquivalent(
        "Circle",
        (),
        "No torch loss: a pairwise metric-learning loss over a batch of L2-normalised embeddings and their "
        "integer labels. The nearest built-ins are `nn.TripletMarginLoss` and `nn.CosineEmbeddingLoss`.",
        reference="../losses/triplet-margin-loss.md",
    ),
)

# Exported by keras.losses but not a loss: the base class, whose torch counterpart is subclassing nn.Module.
NOT_A_LOSS = frozenset({"Loss"})


def _cell(text: str) -> str:
    if "|" in text or "\n" in text:
        raise ValueError(f"a table cell cannot hold '|' or a newline: {text!r}")
    return text


def keras_table_markdown() -> str:
    """The table of the guide: Keras loss, PyTorch counterpart, what to watch."""
    lines = ["| Keras (`keras.losses.`) | PyTorch | What to watch |", "| --- | --- | --- |"]
    for record in EQUIVALENTS:
        note = record.note
        if record.reference:
            note += f" [Reference]({record.reference})."
        lines.append(f"| `{record.keras}` | {_cell(record.counterpart)} | {_cell(note)} |")
    return "\n".join(lines) + "\n"


# --- Running both sides (the tests) -----------------------------------------------------------------------


def import_keras():
    """``keras``, on the torch backend. Keras reads KERAS_BACKEND once, at its first import."""
    os.environ["KERAS_BACKEND"] = KERAS_BACKEND
    import keras

    if keras.backend.backend() != KERAS_BACKEND:
        raise RuntimeError(f"keras was imported with the {keras.backend.backend()!r} backend before this module")
    return keras


def exported_loss_classes() -> list[str]:
    """The names of the loss classes that ``keras.losses`` exports."""
    keras = import_keras()
    return sorted(
        name
        for name in dir(keras.losses)
        if isinstance(getattr(keras.losses, name), type)
        and issubclass(getattr(keras.losses, name), keras.losses.Loss)
        and name not in NOT_A_LOSS
    )


def run_torch(code: str, inputs: dict[str, torch.Tensor]) -> torch.Tensor:
    """Run a case's PyTorch code on ``inputs`` and return the loss."""
    namespace = {"torch": torch, "nn": nn, "F": F, "math": math, **inputs}
    try:
        return eval(compile(code, "<torch>", "eval"), namespace)
    except SyntaxError:
        exec(compile(code, "<torch>", "exec"), namespace)
        return namespace["loss"]


def run_keras(name: str, keras_args: str, inputs: dict[str, torch.Tensor]) -> torch.Tensor:
    """``keras.losses.<name>(<keras_args>)(y_true, y_pred)`` on the torch backend."""
    keras = import_keras()
    loss = eval(f"keras.losses.{name}({keras_args})", {"keras": keras})
    return loss(inputs["y_true"], inputs["y_pred"])


def compare(
    record: KerasEquivalent, case: Case, shape: tuple[int, ...], seed: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """(Keras's loss, torch's loss) for one case on seeded inputs of one shape."""
    inputs = case.inputs(torch.Generator().manual_seed(seed), shape)
    keras_value = run_keras(record.keras, case.keras_args, {k: v.clone() for k, v in inputs.items()})
    torch_value = run_torch(case.torch, {k: v.clone() for k, v in inputs.items()})
    return torch.as_tensor(keras_value), torch_value


if __name__ == "__main__":
    print(keras_table_markdown())
