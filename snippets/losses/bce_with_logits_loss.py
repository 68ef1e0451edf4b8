"""Code for docs/losses/bce-with-logits-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def binary_cross_entropy_with_logits(
    input, target, weight=None, reduction="mean", pos_weight=None
):
    """nn.BCEWithLogitsLoss in NumPy: sigmoid and cross-entropy in one stable step."""
    # log(sigmoid(x)) without exp of a large number; log(1 - sigmoid(x)) = that - x
    log_sigmoid = np.minimum(input, 0) - np.log1p(np.exp(-np.abs(input)))
    # -[p * y * log_sigmoid + (1 - y) * (log_sigmoid - x)], in torch's arrangement
    log_weight = 1.0 if pos_weight is None else 1 + (pos_weight - 1) * target
    loss = (1 - target) * input - log_weight * log_sigmoid
    if weight is not None:
        loss = loss * weight
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
# --8<-- [end:numpy]


if __name__ == "__main__":
    # --8<-- [start:example]
    import torch
    from torch import nn

    logits = torch.tensor([1.5, -0.5, 2.0, -3.0])  # raw scores, no sigmoid
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0])

    loss = nn.BCEWithLogitsLoss()
    print(loss(logits, labels))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    logits = np.array([1.5, -0.5, 2.0, -3.0])
    labels = np.array([1.0, 0.0, 0.0, 1.0])
    print(binary_cross_entropy_with_logits(logits, labels))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    logits = torch.tensor([1.5, -0.5, 2.0, -3.0])
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0])

    for reduction in ["mean", "sum", "none"]:
        print(f"{reduction:>4}:", nn.BCEWithLogitsLoss(reduction=reduction)(logits, labels))
    # --8<-- [end:reduction]

    # --8<-- [start:pos-weight]
    import torch
    from torch import nn

    logits = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])  # (N, C) = (2, 3)
    labels = torch.tensor([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])
    pos_weight = torch.tensor([3.0, 1.0, 1.0])  # one factor per class

    print(nn.BCEWithLogitsLoss(reduction="none")(logits, labels))
    print(nn.BCEWithLogitsLoss(reduction="none", pos_weight=pos_weight)(logits, labels))
    # --8<-- [end:pos-weight]

    # --8<-- [start:weight]
    import torch
    from torch import nn

    logits = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])
    labels = torch.tensor([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])
    weight = torch.tensor([1.0, 0.0, 1.0])  # broadcast: the middle label is ignored

    per_element = nn.BCEWithLogitsLoss(reduction="none")(logits, labels)
    print(nn.BCEWithLogitsLoss(weight=weight)(logits, labels))
    print((per_element * weight).mean())  # still divided by all 6 elements
    # --8<-- [end:weight]

    # --8<-- [start:sigmoid-first]
    import torch
    from torch import nn

    logits = torch.tensor([1.5, -0.5, 2.0, -3.0])
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0])
    loss = nn.BCEWithLogitsLoss()

    print("sigmoid applied twice:", loss(torch.sigmoid(logits), labels))  # no error
    print("raw logits:           ", loss(logits, labels))
    # --8<-- [end:sigmoid-first]

    # --8<-- [start:target-shape]
    import torch
    from torch import nn

    logits = torch.tensor([[1.5], [-0.5], [2.0], [-3.0]])  # (N, 1): one output unit
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0])  # (N,)
    try:
        nn.BCEWithLogitsLoss()(logits, labels)
    except ValueError as err:
        print(f"ValueError: {err}")
    print(nn.BCEWithLogitsLoss()(logits.squeeze(1), labels))
    # --8<-- [end:target-shape]

    # --8<-- [start:integer-target]
    import torch
    from torch import nn

    logits = torch.tensor([1.5, -0.5, 2.0, -3.0])
    labels = torch.tensor([1, 0, 0, 1])  # int64
    try:
        nn.BCEWithLogitsLoss()(logits, labels)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.BCEWithLogitsLoss()(logits, labels.float()))
    # --8<-- [end:integer-target]

    # --8<-- [start:sigmoid-then-bce]
    import torch
    from torch import nn

    logits = torch.tensor([20.0, -20.0], requires_grad=True)
    labels = torch.tensor([0.0, 1.0])  # both predictions confidently wrong

    two_steps = nn.BCELoss(reduction="none")(torch.sigmoid(logits), labels)
    one_step = nn.BCEWithLogitsLoss(reduction="none")(logits, labels)
    (two_steps_grad,) = torch.autograd.grad(two_steps.sum(), logits)
    (one_step_grad,) = torch.autograd.grad(one_step.sum(), logits)
    print("sigmoid + BCELoss:", two_steps.tolist(), "gradient", two_steps_grad.tolist())
    print("BCEWithLogitsLoss:", one_step.tolist(), "gradient", one_step_grad.tolist())
    # --8<-- [end:sigmoid-then-bce]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    logits = torch.tensor([1.5, -0.5, 2.0, -3.0])
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0])
    pos_weight = torch.tensor(2.0)
    print(F.binary_cross_entropy_with_logits(logits, labels, pos_weight=pos_weight))
    # --8<-- [end:functional]
