"""Code for docs/getting-started/gradients.md: requires_grad, backward() and the L1 gradient."""

# --8<-- [start:l1-backward]
import torch
from torch import nn

torch.manual_seed(0)
y_pred = torch.randn(3, 5, requires_grad=True)  # predictions made by hand, not by a model
y_true = torch.randn(3, 5)

loss = nn.L1Loss()(y_pred, y_true)
print(loss)

loss.backward()
print(y_pred.grad)
# --8<-- [end:l1-backward]

# --8<-- [start:l1-gradient-is-sign-over-n]
import torch
from torch import nn

torch.manual_seed(0)
y_pred = torch.randn(3, 5, requires_grad=True)
y_true = torch.randn(3, 5)
nn.L1Loss()(y_pred, y_true).backward()

n = y_pred.numel()
print("N =", n, "and 1/N =", round(1 / n, 4))
expected = torch.sign(y_pred.detach() - y_true) / n
print("grad == sign(y_pred - y_true) / N:", torch.equal(y_pred.grad, expected))
# --8<-- [end:l1-gradient-is-sign-over-n]

# --8<-- [start:mse-gradient]
import torch
from torch import nn

torch.manual_seed(0)
y_pred = torch.randn(3, 5, requires_grad=True)
y_true = torch.randn(3, 5)
nn.MSELoss()(y_pred, y_true).backward()

expected = 2 * (y_pred.detach() - y_true) / y_pred.numel()
print("grad == 2 * (y_pred - y_true) / N:", torch.allclose(y_pred.grad, expected))
print(y_pred.grad[0])
# --8<-- [end:mse-gradient]

# --8<-- [start:what-gets-a-gradient]
import torch
from torch import nn

torch.manual_seed(0)
y_pred = torch.randn(3, 5, requires_grad=True)
y_true = torch.randn(3, 5)  # data: no requires_grad, so no gradient
loss = nn.L1Loss()(y_pred, y_true)
loss.backward()

print("y_pred: leaf", y_pred.is_leaf, " requires_grad", y_pred.requires_grad, " grad is None", y_pred.grad is None)
print("y_true: leaf", y_true.is_leaf, " requires_grad", y_true.requires_grad, " grad is None", y_true.grad is None)
print("loss.item():", round(loss.item(), 4), "(a plain float, for logging)")
# --8<-- [end:what-gets-a-gradient]

# --8<-- [start:model-output-is-not-a-leaf]
import warnings

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(5, 1)  # its weight and bias are leaves that require gradients
features = torch.randn(3, 5)
y_true = torch.randn(3, 1)

y_pred = model(features)  # computed from the weight and bias: not a leaf
nn.L1Loss()(y_pred, y_true).backward()
print("y_pred.is_leaf:", y_pred.is_leaf, " model.weight.is_leaf:", model.weight.is_leaf)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print("y_pred.grad:", y_pred.grad)
print(f"{caught[0].category.__name__}: {caught[0].message}")

print("model.weight.grad:", model.weight.grad)
print("model.bias.grad:  ", model.bias.grad)
# --8<-- [end:model-output-is-not-a-leaf]

# --8<-- [start:backward-needs-a-scalar]
import torch
from torch import nn

torch.manual_seed(0)
y_pred = torch.randn(3, 5, requires_grad=True)
y_true = torch.randn(3, 5)

per_element = nn.L1Loss(reduction="none")(y_pred, y_true)
print(per_element.shape)
try:
    per_element.backward()
except RuntimeError as err:
    print(f"RuntimeError: {err}")

per_element.mean().backward()  # reduce to one number first
print(y_pred.grad.abs().max())
# --8<-- [end:backward-needs-a-scalar]
