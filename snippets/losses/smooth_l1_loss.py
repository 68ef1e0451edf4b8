"""Code for docs/losses/smooth-l1-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def smooth_l1_loss(input, target, reduction="mean", beta=1.0):
    """nn.SmoothL1Loss in NumPy: HuberLoss(delta=beta) / beta; L1Loss if beta=0."""
    error = np.abs(input - target)
    if beta == 0:  # torch's special case: plain L1
        loss = error
    else:
        loss = np.where(error < beta, 0.5 * error**2 / beta, error - 0.5 * beta)
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

    loss_fn = nn.SmoothL1Loss()
    print(loss_fn(y_pred, y_true))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

    loss = nn.SmoothL1Loss()  # beta=1.0
    print(loss(y_pred, y_true))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    y_pred = np.array([1.0, 2.5, 4.0, 0.5])
    y_true = np.array([2.0, 2.5, 2.0, 1.0])
    print(smooth_l1_loss(y_pred, y_true))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

    for reduction in ["mean", "sum", "none"]:
        print(f"{reduction:>4}:", nn.SmoothL1Loss(reduction=reduction)(y_pred, y_true))
    # --8<-- [end:reduction]

    # --8<-- [start:beta]
    import torch
    from torch import nn

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])  # errors: 1, 0, 2, 0.5

    for beta in [0.0, 0.5, 1.0, 2.0]:
        print(f"beta={beta}:", nn.SmoothL1Loss(beta=beta)(y_pred, y_true))
    print("L1Loss:  ", nn.L1Loss()(y_pred, y_true))
    print("MSELoss / 4:", nn.MSELoss()(y_pred, y_true) / 4)
    # --8<-- [end:beta]

    # --8<-- [start:huber]
    import torch
    from torch import nn

    torch.manual_seed(0)
    y_pred, y_true = 3 * torch.randn(1000), 3 * torch.randn(1000)

    print("          SmoothL1  HuberLoss(delta=beta)  HuberLoss / beta")
    for beta in [0.5, 1.0, 2.0]:
        smooth = nn.SmoothL1Loss(beta=beta)(y_pred, y_true)
        huber = nn.HuberLoss(delta=beta)(y_pred, y_true)
        print(f"beta={beta}: {smooth:8.4f}  {huber:21.4f}  {huber / beta:16.4f}")
    # --8<-- [end:huber]

    # --8<-- [start:small-beta]
    import torch
    from torch import nn

    y_true = torch.zeros(3)
    for beta in [1.0, 0.01, 0.0]:
        y_pred = torch.tensor([-0.02, 0.005, 0.02], requires_grad=True)  # small errors
        nn.SmoothL1Loss(beta=beta, reduction="sum")(y_pred, y_true).backward()
        print(f"beta={beta}: gradient {y_pred.grad}")
    # --8<-- [end:small-beta]

    # --8<-- [start:negative-beta]
    import torch
    from torch import nn

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

    loss = nn.SmoothL1Loss(beta=-1.0)  # building it raises nothing
    try:
        loss(y_pred, y_true)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    # --8<-- [end:negative-beta]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])
    print(F.smooth_l1_loss(y_pred, y_true, beta=0.5))
    # --8<-- [end:functional]
