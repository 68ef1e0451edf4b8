"""Code for docs/losses/multi-label-soft-margin-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def log_sigmoid(x):
    """log(1 / (1 + exp(-x))), stable for any x."""
    return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))


def multilabel_soft_margin_loss(input, target, weight=None, reduction="mean"):
    """nn.MultiLabelSoftMarginLoss in NumPy: logistic loss, mean over labels."""
    loss = -(target * log_sigmoid(input) + (1 - target) * log_sigmoid(-input))
    if weight is not None:
        loss = loss * weight  # one weight per class
    loss = loss.sum(axis=-1) / input.shape[-1]  # one loss per sample
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
# --8<-- [end:numpy]


if __name__ == "__main__":
    # --8<-- [start:minimal]
    import torch
    from torch import nn

    torch.manual_seed(0)
    logits = torch.randn(2, 3, requires_grad=True)  # (N, C)
    labels = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])  # (N, C)

    loss_fn = nn.MultiLabelSoftMarginLoss()
    print(loss_fn(logits, labels))
    # --8<-- [end:minimal]

    # --8<-- [start:same-as-bce-with-logits]
    import torch
    from torch import nn

    scores = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])
    labels = torch.tensor([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])

    print(nn.MultiLabelSoftMarginLoss(reduction="none")(scores, labels))
    print(nn.BCEWithLogitsLoss(reduction="none")(scores, labels).mean(dim=1))
    # --8<-- [end:same-as-bce-with-logits]

    # --8<-- [start:example]
    import torch
    from torch import nn

    scores = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])  # (N, C) = (2, 3)
    labels = torch.tensor([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])  # 0/1 for each label

    loss = nn.MultiLabelSoftMarginLoss()
    print(loss(scores, labels))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    scores = np.array([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])
    labels = np.array([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])
    print(multilabel_soft_margin_loss(scores, labels))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    scores = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])
    labels = torch.tensor([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])

    for reduction in ["mean", "sum", "none"]:
        loss = nn.MultiLabelSoftMarginLoss(reduction=reduction)
        print(f"{reduction:>4}:", loss(scores, labels))
    print("BCEWithLogitsLoss sum:", nn.BCEWithLogitsLoss(reduction="sum")(scores, labels))
    # --8<-- [end:reduction]

    # --8<-- [start:weight]
    import torch
    from torch import nn

    scores = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])
    labels = torch.tensor([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])
    weight = torch.tensor([3.0, 1.0, 1.0])  # (C,): class 0 counts three times

    print(nn.MultiLabelSoftMarginLoss(weight=weight, reduction="none")(scores, labels))
    print(nn.MultiLabelSoftMarginLoss(weight=weight)(scores, labels))
    # --8<-- [end:weight]

    # --8<-- [start:class-indices]
    import torch
    import torch.nn.functional as F
    from torch import nn

    scores = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])  # (N, C) = (2, 3)
    classes = torch.tensor([2, 0])  # one class index per sample
    loss = nn.MultiLabelSoftMarginLoss()
    try:
        loss(scores, classes)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print("(N, 1) indices, broadcast:", loss(scores, classes[:, None]))  # silently wrong
    print("0/1 matrix:               ", loss(scores, F.one_hot(classes, 3).float()))
    # --8<-- [end:class-indices]

    # --8<-- [start:minus-one-targets]
    import torch
    from torch import nn

    scores = torch.tensor([[-5.0, 4.0]])  # a confident, correct prediction
    loss = nn.MultiLabelSoftMarginLoss()
    print("targets -1/1:", loss(scores, torch.tensor([[-1.0, 1.0]])))
    print("targets  0/1:", loss(scores, torch.tensor([[0.0, 1.0]])))
    # --8<-- [end:minus-one-targets]

    # --8<-- [start:bool-targets]
    import torch
    from torch import nn

    scores = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])
    labels = torch.tensor([[3, 0, 0], [1, 2, 0]]) > 0  # bool: which labels are present
    try:
        nn.MultiLabelSoftMarginLoss()(scores, labels)
    except RuntimeError as err:
        print(f"{type(err).__name__}: {err}")
    print(nn.MultiLabelSoftMarginLoss()(scores, labels.float()))
    # --8<-- [end:bool-targets]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    scores = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])
    labels = torch.tensor([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])
    print(F.multilabel_soft_margin_loss(scores, labels, reduction="sum"))
    # --8<-- [end:functional]
