"""Code for docs/losses/huber-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def huber_loss(input, target, reduction="mean", delta=1.0):
    """nn.HuberLoss in NumPy: half the squared error up to delta, linear beyond it."""
    error = np.abs(input - target)
    loss = np.where(error < delta, 0.5 * error**2, delta * (error - 0.5 * delta))
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

    loss_fn = nn.HuberLoss()
    print(loss_fn(y_pred, y_true))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

    loss = nn.HuberLoss()  # delta=1.0
    print(loss(y_pred, y_true))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    y_pred = np.array([1.0, 2.5, 4.0, 0.5])
    y_true = np.array([2.0, 2.5, 2.0, 1.0])
    print(huber_loss(y_pred, y_true))
    # --8<-- [end:numpy-example]

    # --8<-- [start:outlier]
    import torch
    from torch import nn

    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0, 13.0])  # the last target is an outlier
    predictions = torch.tensor([1.0, 2.5, 4.0, 0.5, 3.0])
    print("errors:", predictions - y_true)

    losses = {"L1": nn.L1Loss(), "MSE": nn.MSELoss(), "Huber": nn.HuberLoss()}
    outlier_pull = {}
    for name, loss_fn in losses.items():
        y_pred = predictions.clone().requires_grad_()
        loss = loss_fn(y_pred, y_true)
        loss.backward()
        outlier_pull[name] = y_pred.grad[-1].abs().item()
        print(f"{name:>5}: loss {loss.item():6.3f}, gradient {y_pred.grad}")
    for name in ["L1", "Huber"]:
        print(f"the outlier's pull under MSE / under {name}: {outlier_pull['MSE'] / outlier_pull[name]:.1f}")
    # --8<-- [end:outlier]

    # --8<-- [start:dtypes]
    import torch
    from torch import nn

    pairs = [(torch.float32, torch.float64), (torch.float64, torch.float32), (torch.float16, torch.float32),
             (torch.float32, torch.int64)]
    for input_dtype, target_dtype in pairs:
        loss = nn.HuberLoss()(torch.ones(3, dtype=input_dtype), torch.zeros(3, dtype=target_dtype))
        print(f"input {input_dtype}, target {target_dtype} -> loss {loss.dtype}")
    # --8<-- [end:dtypes]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

    for reduction in ["mean", "sum", "none"]:
        print(f"{reduction:>4}:", nn.HuberLoss(reduction=reduction)(y_pred, y_true))
    # --8<-- [end:reduction]

    # --8<-- [start:delta]
    import torch
    from torch import nn

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])  # errors: 1, 0, 2, 0.5

    for delta in [0.5, 1.0, 2.0]:
        print(f"delta={delta}:", nn.HuberLoss(delta=delta)(y_pred, y_true))
    print("MSELoss / 2:", nn.MSELoss()(y_pred, y_true) / 2)
    # --8<-- [end:delta]

    # --8<-- [start:smooth-l1]
    import torch
    from torch import nn

    torch.manual_seed(0)
    y_pred, y_true = 3 * torch.randn(1000), 3 * torch.randn(1000)

    print("           Huber  SmoothL1(beta=delta)  delta * SmoothL1")
    for delta in [0.5, 1.0, 2.0]:
        huber = nn.HuberLoss(delta=delta)(y_pred, y_true)
        smooth = nn.SmoothL1Loss(beta=delta)(y_pred, y_true)
        print(f"delta={delta}: {huber:.4f}  {smooth:20.4f}  {delta * smooth:16.4f}")
    # --8<-- [end:smooth-l1]

    # --8<-- [start:units]
    import torch
    from torch import nn

    # prices in dollars: every error is far beyond delta=1
    y_pred = torch.tensor([1000.0, 2500.0, 4000.0, 500.0])
    y_true = torch.tensor([2000.0, 2500.0, 2000.0, 1000.0])

    print("L1Loss:               ", nn.L1Loss()(y_pred, y_true))
    print("HuberLoss():          ", nn.HuberLoss()(y_pred, y_true))
    print("HuberLoss(delta=1000):", nn.HuberLoss(delta=1000.0)(y_pred, y_true))
    # --8<-- [end:units]

    # --8<-- [start:non-positive-delta]
    import torch
    from torch import nn

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

    loss = nn.HuberLoss(delta=0.0)  # building it raises nothing
    try:
        loss(y_pred, y_true)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    # --8<-- [end:non-positive-delta]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])
    weight = torch.tensor([1.0, 1.0, 0.0, 0.0])  # ignore the last two elements

    print(F.huber_loss(y_pred, y_true, delta=2.0))
    weighted = weight * F.huber_loss(y_pred, y_true, reduction="none")
    print("F.huber_loss(weight=...):", F.huber_loss(y_pred, y_true, weight=weight).item())
    print("sum / N:                 ", (weighted.sum() / weighted.numel()).item())
    print("sum / sum of weights:    ", (weighted.sum() / weight.sum()).item())
    # --8<-- [end:functional]
