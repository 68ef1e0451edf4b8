"""Code for docs/losses/multi-label-margin-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def multilabel_margin_loss(input, target, reduction="mean"):
    """nn.MultiLabelMarginLoss in NumPy: a hinge per label and other class, over C."""
    scores = np.atleast_2d(input)  # an unbatched (C,) input becomes (1, C)
    targets = np.atleast_2d(target)
    classes = scores.shape[1]
    loss = np.zeros(len(scores))
    for n, (x, y) in enumerate(zip(scores, targets)):
        ends = np.flatnonzero(y == -1)
        labels = y[: ends[0]] if len(ends) else y  # the labels stop at the first -1
        others = np.setdiff1d(np.arange(classes), labels)
        hinge = np.maximum(0.0, 1.0 - x[labels][:, None] + x[others][None, :])
        loss[n] = hinge.sum() / classes
    loss = loss.reshape(np.shape(input)[:-1])
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
    scores = torch.randn(2, 4, requires_grad=True)  # (N, C)
    # (N, C): each row's classes, then -1: {3, 0} and {1}
    labels = torch.tensor([[3, 0, -1, -1], [1, -1, -1, -1]])

    loss_fn = nn.MultiLabelMarginLoss()
    print(loss_fn(scores, labels))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 1.0]])
    labels = torch.tensor([[3, 0, -1, -1], [0, -1, -1, -1]])  # {3, 0} and {0}

    loss = nn.MultiLabelMarginLoss()
    print(loss(scores, labels))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    scores = np.array([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 1.0]])
    labels = np.array([[3, 0, -1, -1], [0, -1, -1, -1]])
    print(multilabel_margin_loss(scores, labels))
    # --8<-- [end:numpy-example]

    # --8<-- [start:padding]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 1.0]])
    padded = torch.tensor([[3, 0, -1, -1], [0, -1, -1, -1]])
    after_the_end = torch.tensor([[3, 0, -1, 1], [0, -1, 2, 3]])  # read as {3, 0} and {0}

    loss = nn.MultiLabelMarginLoss(reduction="none")
    print(loss(scores, padded), loss(scores, after_the_end))
    # --8<-- [end:padding]

    # --8<-- [start:unbatched]
    import torch
    from torch import nn

    scores = torch.tensor([0.25, 0.5, 0.0, 1.0])  # one sample, shape (C,)
    labels = torch.tensor([3, 0, -1, -1])  # shape (C,) too
    print(nn.MultiLabelMarginLoss(reduction="none")(scores, labels))
    # --8<-- [end:unbatched]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 1.0]])
    labels = torch.tensor([[3, 0, -1, -1], [0, -1, -1, -1]])

    for reduction in ["mean", "sum", "none"]:
        loss = nn.MultiLabelMarginLoss(reduction=reduction)
        print(f"{reduction:>4}:", loss(scores, labels))
    # --8<-- [end:reduction]

    # --8<-- [start:multi-hot]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 1.0]])
    multi_hot = torch.tensor([[1, 0, 0, 1], [1, 0, 0, 0]])  # read as labels: 1, 0, 0, 1
    indices = torch.tensor([[0, 3, -1, -1], [0, -1, -1, -1]])

    loss = nn.MultiLabelMarginLoss()
    print("0/1 matrix:", loss(scores, multi_hot), " indices:", loss(scores, indices))
    # --8<-- [end:multi-hot]

    # --8<-- [start:duplicates]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0]])
    once = torch.tensor([[3, -1, -1, -1]])
    twice = torch.tensor([[3, 3, -1, -1]])

    loss = nn.MultiLabelMarginLoss()
    print(loss(scores, once), loss(scores, twice))
    # --8<-- [end:duplicates]

    # --8<-- [start:target-shape]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 1.0]])
    try:
        nn.MultiLabelMarginLoss()(scores, torch.tensor([3, 0]))  # one label per sample
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    padded = torch.tensor([[3, -1, -1, -1], [0, -1, -1, -1]])
    print(nn.MultiLabelMarginLoss()(scores, padded))
    # --8<-- [end:target-shape]

    # --8<-- [start:out-of-range]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 1.0]])
    labels = torch.tensor([[3, -1, 7, -1], [0, -1, -1, -1]])  # 7 comes after the -1
    try:
        nn.MultiLabelMarginLoss()(scores, labels)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    # --8<-- [end:out-of-range]

    # --8<-- [start:float-target]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 1.0]])
    labels = torch.tensor([[3.0, 0.0, -1.0, -1.0], [0.0, -1.0, -1.0, -1.0]])
    try:
        nn.MultiLabelMarginLoss()(scores, labels)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.MultiLabelMarginLoss()(scores, labels.long()))
    # --8<-- [end:float-target]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 1.0]])
    labels = torch.tensor([[3, 0, -1, -1], [0, -1, -1, -1]])
    print(F.multilabel_margin_loss(scores, labels, reduction="sum"))
    # --8<-- [end:functional]
