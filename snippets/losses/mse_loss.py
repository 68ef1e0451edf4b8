"""Code for docs/losses/mse-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def mse_loss(input, target, reduction="mean"):
    """nn.MSELoss in NumPy: the squared error of each element, then the reduction."""
    loss = (input - target) ** 2
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

    loss_fn = nn.MSELoss()
    print(loss_fn(y_pred, y_true))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

    loss = nn.MSELoss()
    print(loss(y_pred, y_true))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    y_pred = np.array([1.0, 2.5, 4.0, 0.5])
    y_true = np.array([2.0, 2.5, 2.0, 1.0])
    print(mse_loss(y_pred, y_true))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

    for reduction in ["mean", "sum", "none"]:
        print(f"{reduction:>4}:", nn.MSELoss(reduction=reduction)(y_pred, y_true))
    # --8<-- [end:reduction]

    # --8<-- [start:broadcasting]
    import warnings

    import torch
    from torch import nn

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])  # shape (4,)
    y_true = torch.tensor([[2.0], [2.5], [2.0], [1.0]])  # shape (4, 1)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        wrong = nn.MSELoss()(y_pred, y_true)  # compares all 4 x 4 pairs
        per_pair = nn.MSELoss(reduction="none")(y_pred, y_true)
    print(f"{caught[0].category.__name__}: {caught[0].message}")
    print("broadcast:", wrong, " matched:", nn.MSELoss()(y_pred, y_true.squeeze(1)))
    print("reduction='none' shape:", tuple(per_pair.shape))
    # --8<-- [end:broadcasting]

    # --8<-- [start:outlier]
    import torch
    from torch import nn

    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0, 13.0])  # the last target is an outlier
    losses = {"L1": nn.L1Loss(), "MSE": nn.MSELoss(), "Huber": nn.HuberLoss()}
    for name, loss_fn in losses.items():
        y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5, 3.0], requires_grad=True)
        loss = loss_fn(y_pred, y_true)
        loss.backward()
        size = y_pred.grad.abs()
        ratio = size[-1] / size[:-1].max()  # the outlier's pull against the strongest other
        print(f"{name:>5}: loss {loss.item():6.3f}, gradient {y_pred.grad}, outlier/largest other {ratio:.1f}")
    # --8<-- [end:outlier]

    # --8<-- [start:rmse]
    import torch
    from torch import nn

    y_pred = torch.tensor([2.0, 2.5, 2.0], requires_grad=True)
    y_true = torch.tensor([2.0, 2.5, 2.0])  # a perfect fit: the error is exactly 0

    rmse = torch.sqrt(nn.MSELoss()(y_pred, y_true))
    rmse.backward()
    print("sqrt(MSE):", rmse.item(), " gradient:", y_pred.grad)

    y_pred.grad = None
    rmse = torch.sqrt(nn.MSELoss()(y_pred, y_true) + 1e-8)
    rmse.backward()
    print("sqrt(MSE + 1e-8) gradient:", y_pred.grad)
    # --8<-- [end:rmse]

    # --8<-- [start:integer-input]
    import torch
    from torch import nn

    counts = torch.tensor([3, 0, 2])  # int64
    try:
        nn.MSELoss()(counts, torch.tensor([2, 1, 2]))
    except NotImplementedError as err:
        print(f"NotImplementedError: {err}")
    print(nn.MSELoss()(counts.float(), torch.tensor([2, 1, 2])))
    # --8<-- [end:integer-input]

    # --8<-- [start:weight]
    import inspect

    import torch
    import torch.nn.functional as F
    from torch import nn

    y_pred = torch.tensor([[1.0, 2.5], [4.0, 0.5]])
    y_true = torch.tensor([[2.0, 2.5], [2.0, 1.0]])
    weight = torch.tensor([[1.0, 3.0], [0.5, 0.0]])  # one weight per element

    weighted = (weight * (y_pred - y_true) ** 2).sum()
    print("F.mse_loss(weight=w):  ", F.mse_loss(y_pred, y_true, weight=weight))
    print("sum(w * e**2) / sum(w):", weighted / weight.sum())
    print("sum(w * e**2) / N:     ", weighted / weight.numel())
    print("all-zero weight:       ", F.mse_loss(y_pred, y_true, weight=torch.zeros(2, 2)))
    try:
        F.mse_loss(y_pred, y_true, weight=torch.tensor([1.0, 3.0]))  # one weight per column
    except ValueError as err:
        print(f"ValueError: {err}")
    print("nn.MSELoss takes weight:", "weight" in inspect.signature(nn.MSELoss).parameters)
    # --8<-- [end:weight]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])
    weight = torch.tensor([1.0, 1.0, 0.0, 0.0])  # ignore the last two elements

    print(F.mse_loss(y_pred, y_true, reduction="sum"))
    print(F.mse_loss(y_pred, y_true, weight=weight))  # (1 + 0) / (1 + 1 + 0 + 0)
    print(F.huber_loss(y_pred, y_true, weight=weight))  # (0.5 + 0) / 4 elements
    # --8<-- [end:functional]
