"""Code for docs/getting-started/first-loss.md: L1 and MSE on four numbers."""

# --8<-- [start:l1-and-mse]
import torch
from torch import nn

y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

l1_loss = nn.L1Loss()
mse_loss = nn.MSELoss()
print("L1 (mean absolute error):", l1_loss(y_pred, y_true).item())
print("MSE (mean squared error):", mse_loss(y_pred, y_true).item())
# --8<-- [end:l1-and-mse]

# --8<-- [start:by-hand]
import torch

y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

error = y_pred - y_true
print("errors:         ", error)
print("mean |error|:   ", error.abs().mean().item())
print("mean error ** 2:", (error**2).mean().item())
# --8<-- [end:by-hand]

# --8<-- [start:reductions]
import torch
from torch import nn

y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

for reduction in ["mean", "sum", "none"]:
    loss = nn.MSELoss(reduction=reduction)
    print(f"{reduction:>4}:", loss(y_pred, y_true))
# --8<-- [end:reductions]

# --8<-- [start:which-take-reduction]
import inspect

from torch import nn

losses = sorted(
    name
    for name, obj in vars(nn).items()
    if isinstance(obj, type) and name.endswith("Loss") and name != "NLLLoss2d"  # NLLLoss2d: deprecated
)
with_reduction = [name for name in losses if "reduction" in inspect.signature(getattr(nn, name)).parameters]
print("loss classes in torch.nn:", len(losses))
print("take reduction:          ", len(with_reduction))
print("no reduction argument:   ", [name for name in losses if name not in with_reduction])
# --8<-- [end:which-take-reduction]

# --8<-- [start:functional]
import torch
import torch.nn.functional as F

y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])
y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

print(F.l1_loss(y_pred, y_true))
print(F.mse_loss(y_pred, y_true, reduction="sum"))
# --8<-- [end:functional]
