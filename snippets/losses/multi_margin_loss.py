"""Code for docs/losses/multi-margin-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def multi_margin_loss(input, target, p=1, margin=1.0, weight=None, reduction="mean"):
    """nn.MultiMarginLoss in NumPy: a hinge per wrong class, summed and divided by C."""
    scores = np.atleast_2d(input)  # an unbatched (C,) input becomes (1, C)
    labels = np.reshape(target, -1)
    rows = np.arange(len(scores))
    right = scores[rows, labels][:, None]  # the score of each sample's right class
    hinge = np.maximum(0.0, margin - right + scores) ** p
    if weight is not None:
        hinge = hinge * weight[labels][:, None]  # the weight of the right class
    hinge[rows, labels] = 0.0  # the right class is not compared with itself
    loss = (hinge.sum(axis=1) / scores.shape[1]).reshape(np.shape(target))
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
    scores = torch.randn(4, 3, requires_grad=True)  # (N, C)
    labels = torch.tensor([0, 2, 1, 2])  # (N,) class indices

    loss_fn = nn.MultiMarginLoss()
    print(loss_fn(scores, labels))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 0.25]])
    labels = torch.tensor([3, 1])

    loss = nn.MultiMarginLoss()
    print(loss(scores, labels))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    scores = np.array([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 0.25]])
    labels = np.array([3, 1])
    print(multi_margin_loss(scores, labels))
    # --8<-- [end:numpy-example]

    # --8<-- [start:unbatched]
    import torch
    from torch import nn

    scores = torch.tensor([0.25, 0.5, 0.0, 1.0])  # one sample, shape (C,)
    loss = nn.MultiMarginLoss(reduction="none")
    print(loss(scores, torch.tensor(3)), loss(scores, torch.tensor([3])))
    # --8<-- [end:unbatched]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 0.25]])
    labels = torch.tensor([3, 1])

    for reduction in ["mean", "sum", "none"]:
        print(f"{reduction:>4}:", nn.MultiMarginLoss(reduction=reduction)(scores, labels))
    # --8<-- [end:reduction]

    # --8<-- [start:p]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 0.25]])
    labels = torch.tensor([3, 1])

    for p in [1, 2]:
        print(f"p={p}:", nn.MultiMarginLoss(p=p, reduction="none")(scores, labels))
    # --8<-- [end:p]

    # --8<-- [start:margin]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 0.25]])
    labels = torch.tensor([3, 1])

    for margin in [0.0, 0.5, 1.0, 2.0]:
        loss = nn.MultiMarginLoss(margin=margin, reduction="none")
        print(f"margin={margin}:", loss(scores, labels))
    # --8<-- [end:margin]

    # --8<-- [start:weight]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 0.25]])
    labels = torch.tensor([3, 1])
    weight = torch.tensor([1.0, 2.0, 3.0, 4.0])  # one weight per class

    print("labels:", labels, "-> weights:", weight[labels])
    print("unweighted none:", nn.MultiMarginLoss(reduction="none")(scores, labels))
    print("  weighted none:", nn.MultiMarginLoss(weight=weight, reduction="none")(scores, labels))
    print("  weighted mean:", nn.MultiMarginLoss(weight=weight)(scores, labels))
    # --8<-- [end:weight]

    # --8<-- [start:probabilities]
    import torch
    from torch import nn

    scores = torch.tensor([[4.0, 0.0, -1.0]])  # class 0 wins by more than the margin
    labels = torch.tensor([0])

    loss = nn.MultiMarginLoss()
    print("scores:       ", loss(scores, labels))
    print("probabilities:", loss(scores.softmax(dim=1), labels))
    # --8<-- [end:probabilities]

    # --8<-- [start:one-hot]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 0.25]])
    one_hot = torch.tensor([[0, 0, 0, 1], [0, 1, 0, 0]])
    try:
        nn.MultiMarginLoss()(scores, one_hot)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.MultiMarginLoss()(scores, one_hot.argmax(dim=1)))
    # --8<-- [end:one-hot]

    # --8<-- [start:float-target]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 0.25]])
    labels = torch.tensor([3.0, 1.0])
    try:
        nn.MultiMarginLoss()(scores, labels)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.MultiMarginLoss()(scores, labels.long()))
    # --8<-- [end:float-target]

    # --8<-- [start:out-of-range]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 0.25]])
    try:
        nn.MultiMarginLoss()(scores, torch.tensor([4, 1]))  # classes are 0 to 3
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    # --8<-- [end:out-of-range]

    # --8<-- [start:p-three]
    import torch
    from torch import nn

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 0.25]])
    try:
        nn.MultiMarginLoss(p=3)(scores, torch.tensor([3, 1]))
    except ValueError as err:
        print(f"ValueError: {err}")
    # --8<-- [end:p-three]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    scores = torch.tensor([[0.25, 0.5, 0.0, 1.0], [1.0, 0.5, -0.5, 0.25]])
    labels = torch.tensor([3, 1])
    print(F.multi_margin_loss(scores, labels, p=2, margin=0.5, reduction="sum"))
    # --8<-- [end:functional]
