"""Code for docs/losses/l1-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def l1_loss(input, target, reduction="mean"):
    """nn.L1Loss in NumPy: the absolute error of each element, then the reduction."""
    loss = np.abs(input - target)
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
    y_pred = torch.randn(4, requires_grad=True)  # (N,)
    y_true = torch.randn(4)  # (N,)

    loss_fn = nn.L1Loss()
    print(loss_fn(y_pred, y_true))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

    loss = nn.L1Loss()
    print(loss(y_pred, y_true))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    y_pred = np.array([1.0, 2.5, 4.0, 0.5])
    y_true = np.array([2.0, 2.5, 2.0, 1.0])
    print(l1_loss(y_pred, y_true))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

    for reduction in ["mean", "sum", "none"]:
        print(f"{reduction:>4}:", nn.L1Loss(reduction=reduction)(y_pred, y_true))
    # --8<-- [end:reduction]

    # --8<-- [start:broadcasting]
    import warnings

    import torch
    from torch import nn

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])  # shape (4,)
    y_true = torch.tensor([[2.0], [2.5], [2.0], [1.0]])  # shape (4, 1)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        wrong = nn.L1Loss()(y_pred, y_true)  # compares all 4 x 4 pairs
    print(f"{caught[0].category.__name__}: {caught[0].message}")
    print("broadcast:", wrong, " matched:", nn.L1Loss()(y_pred, y_true.squeeze(1)))
    # --8<-- [end:broadcasting]

    # --8<-- [start:integer-input]
    import torch
    from torch import nn

    counts = torch.tensor([3, 0, 2])  # int64
    try:
        nn.L1Loss()(counts, torch.tensor([2, 1, 2]))
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.L1Loss()(counts.float(), torch.tensor([2.0, 1.0, 2.0])))
    # --8<-- [end:integer-input]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])
    print(F.l1_loss(y_pred, y_true, reduction="sum"))
    # --8<-- [end:functional]

    # --8<-- [start:functional-weight]
    import torch
    import torch.nn.functional as F

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])
    weight = torch.tensor([1.0, 1.0, 0.0, 3.0])  # one weight per element; 0 leaves an element out

    weighted = weight * (y_pred - y_true).abs()
    print("F.l1_loss(weight=...):", F.l1_loss(y_pred, y_true, weight=weight).item())
    print("sum / sum of weights: ", (weighted.sum() / weight.sum()).item())
    print("sum / N:              ", (weighted.sum() / weighted.numel()).item())
    try:
        F.l1_loss(y_pred, y_true, weight=torch.tensor([1.0, 2.0]))  # weights do not broadcast
    except ValueError as err:
        print(f"ValueError: {err}")
    # --8<-- [end:functional-weight]
