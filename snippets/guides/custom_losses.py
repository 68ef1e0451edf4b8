"""Code for docs/guides/custom-losses.md: functions and modules, reductions, gradcheck, combined and Dice losses."""

# --8<-- [start:function]
import math

import torch
import torch.nn.functional as F


def log_cosh_loss(input, target):
    """Mean of log(cosh(input - target)): like MSE / 2 near 0, like L1 far from it."""
    diff = input - target
    # log(cosh(d)) = d + softplus(-2d) - log(2), which never overflows
    return (diff + F.softplus(-2 * diff) - math.log(2)).mean()


y_pred = torch.tensor([0.1, -0.2, 3.0, 100.0])
y_true = torch.tensor([0.0, 0.0, 0.0, 0.0])
print("log-cosh loss:", log_cosh_loss(y_pred, y_true))
print("log(cosh(d)):", torch.log(torch.cosh(y_pred - y_true)))  # overflows at d = 100
# --8<-- [end:function]

# --8<-- [start:module]
import torch
import torch.nn.functional as F
from torch import nn


class BalancedCrossEntropy(nn.Module):
    """Cross-entropy with class weights computed once from the class counts."""

    def __init__(self, class_counts, label_smoothing=0.0):
        super().__init__()
        counts = torch.as_tensor(class_counts, dtype=torch.float32)
        # A buffer: saved in state_dict and moved by .to(), but never trained
        self.register_buffer("weight", counts.sum() / (len(counts) * counts))
        self.label_smoothing = label_smoothing  # a plain hyperparameter
        self.counts = counts  # a plain attribute, for comparison: .to() ignores it

    def forward(self, input, target):
        return F.cross_entropy(
            input, target, weight=self.weight, label_smoothing=self.label_smoothing
        )


loss_fn = BalancedCrossEntropy([80, 15, 5])
print("weight:", loss_fn.weight)
print(f"class 2 counts {(loss_fn.weight[2] / loss_fn.weight[0]).item():.0f} times as much as class 0")
print("state_dict:", list(loss_fn.state_dict()))

loss_fn.to(torch.float64)  # the same call moves it with .to("cuda")
print("buffer:", loss_fn.weight.dtype, " plain attribute:", loss_fn.counts.dtype)

y_pred = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.2, 0.3]], dtype=torch.float64)
print(loss_fn(y_pred, torch.tensor([0, 2])))
# --8<-- [end:module]

# --8<-- [start:reduction]
import math

import torch
import torch.nn.functional as F


def log_cosh_loss(input, target, reduction="mean"):
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    diff = input - target
    loss = diff + F.softplus(-2 * diff) - math.log(2)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


y_pred = torch.tensor([0.1, -0.2, 3.0, 100.0])
y_true = torch.zeros(4)
for reduction in ["mean", "sum", "none"]:
    print(f"{reduction:>4}:", log_cosh_loss(y_pred, y_true, reduction=reduction))

for loss_fn in [log_cosh_loss, F.l1_loss]:  # yours, then torch's own
    try:
        loss_fn(y_pred, y_true, reduction="avg")
    except ValueError as err:
        print(f"ValueError: {err}")
# --8<-- [end:reduction]

# --8<-- [start:gradcheck]
import math

import torch
import torch.nn.functional as F
from torch.autograd import gradcheck


def log_cosh_loss(input, target):
    diff = input - target
    return (diff + F.softplus(-2 * diff) - math.log(2)).mean()


torch.manual_seed(0)
y_pred = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
y_true = torch.randn(3, 4, dtype=torch.float64)
print(gradcheck(log_cosh_loss, (y_pred, y_true)))
# --8<-- [end:gradcheck]

# --8<-- [start:gradcheck-float32]
import math
import warnings

import torch
import torch.nn.functional as F
from torch.autograd import gradcheck
from torch.autograd.gradcheck import GradcheckError


def log_cosh_loss(input, target):
    diff = input - target
    return (diff + F.softplus(-2 * diff) - math.log(2)).mean()


torch.manual_seed(0)
y_pred = torch.randn(3, 4, requires_grad=True)  # float32
y_true = torch.randn(3, 4)
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # gradcheck warns about float32 inputs, too
        gradcheck(log_cosh_loss, (y_pred, y_true))
except GradcheckError as err:
    print(f"GradcheckError: {str(err).splitlines()[0]}")
# --8<-- [end:gradcheck-float32]

# --8<-- [start:gradcheck-function]
import torch
from torch.autograd import gradcheck
from torch.autograd.gradcheck import GradcheckError


class SquaredError(torch.autograd.Function):
    """mean((input - target) ** 2), with a hand-written backward that has a bug."""

    @staticmethod
    def forward(ctx, input, target):
        diff = input - target
        ctx.save_for_backward(diff)
        return (diff**2).mean()

    @staticmethod
    def backward(ctx, grad_output):
        (diff,) = ctx.saved_tensors
        grad_input = grad_output * diff / diff.numel()  # bug: d(x^2)/dx is 2x
        return grad_input, None  # no gradient for the target


torch.manual_seed(0)
y_pred = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
y_true = torch.randn(3, 4, dtype=torch.float64)
try:
    gradcheck(SquaredError.apply, (y_pred, y_true))
except GradcheckError as err:
    print(f"GradcheckError: {str(err).splitlines()[0]}")


class FixedSquaredError(SquaredError):
    @staticmethod
    def backward(ctx, grad_output):
        (diff,) = ctx.saved_tensors
        return grad_output * 2 * diff / diff.numel(), None


print(gradcheck(FixedSquaredError.apply, (y_pred, y_true)))
# --8<-- [end:gradcheck-function]

# --8<-- [start:combined]
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
trunk = nn.Linear(8, 16)  # shared by both heads
class_head, box_head = nn.Linear(16, 3), nn.Linear(16, 4)
x = torch.randn(32, 8)
labels = torch.randint(0, 3, (32,))
boxes = torch.rand(32, 4) * 224  # box corners in pixels, in a 224 x 224 image

features = torch.relu(trunk(x))
losses = {
    "cross-entropy": F.cross_entropy(class_head(features), labels),
    "MSE, pixels": F.mse_loss(box_head(features), boxes),
    "MSE, boxes / 224": F.mse_loss(box_head(features), boxes / 224),
}
print(f"{'':16}  {'loss':>8}  gradient norm on the shared layer")
gradient_norms = {}
for name, loss in losses.items():
    (grad,) = torch.autograd.grad(loss, trunk.weight, retain_graph=True)
    gradient_norms[name] = grad.norm().item()
    print(f"{name:16}  {loss.item():8.1f}  {gradient_norms[name]:.3f}")
loss_ratio = (losses["MSE, pixels"] / losses["cross-entropy"]).item()
gradient_ratio = gradient_norms["MSE, pixels"] / gradient_norms["cross-entropy"]
print(f"MSE in pixels / cross-entropy: loss {loss_ratio:.0f} times, gradient {gradient_ratio:.0f} times")

total = losses["cross-entropy"] + 0.5 * losses["MSE, boxes / 224"]
total.backward()  # one backward pass fills the gradients of all three layers
print(f"total: {total.item():.2f}")
# --8<-- [end:combined]

# --8<-- [start:dice-binary]
import torch


def dice_loss(probs, target, smooth=1.0):
    """1 - soft Dice between probabilities and a {0, 1} mask of the same shape."""
    intersection = (probs * target).sum()
    total = probs.sum() + target.sum()
    return 1 - (2 * intersection + smooth) / (total + smooth)


probs = torch.tensor([[1.0, 0.5], [0.5, 0.0]])
mask = torch.tensor([[1.0, 1.0], [0.0, 0.0]])
print("smooth=1:", dice_loss(probs, mask))  # 1 - (2 * 1.5 + 1) / (4 + 1)
print("smooth=0:", dice_loss(probs, mask, smooth=0.0))  # 1 - (2 * 1.5) / 4

empty = torch.zeros(2, 2)  # nothing to find, and nothing found
print("empty, smooth=1:", dice_loss(empty, empty))
print("empty, smooth=0:", dice_loss(empty, empty, smooth=0.0))

torch.manual_seed(0)
logits = torch.randn(2, 1, 4, 4)  # (N, 1, H, W): one logit per pixel
masks = (torch.rand(2, 1, 4, 4) > 0.5).float()
print("from logits:", dice_loss(logits.sigmoid(), masks))
# --8<-- [end:dice-binary]

# --8<-- [start:dice-multiclass]
import torch
import torch.nn.functional as F


def multiclass_dice_loss(probs, target, smooth=1.0):
    """probs (N, C, H, W) from a softmax, target (N, H, W) class indices."""
    one_hot = F.one_hot(target, num_classes=probs.shape[1])  # (N, H, W, C)
    one_hot = one_hot.permute(0, 3, 1, 2).float()  # (N, C, H, W), like probs
    dims = (0, 2, 3)  # sum over the batch and the pixels: one Dice per class
    intersection = (probs * one_hot).sum(dims)
    total = probs.sum(dims) + one_hot.sum(dims)
    dice = (2 * intersection + smooth) / (total + smooth)
    return 1 - dice.mean()


# One 2 x 2 image, 3 classes; each pixel's probabilities sum to 1
probs = torch.tensor(
    [[[[1.0, 0.5], [0.0, 0.0]], [[0.0, 0.5], [0.5, 0.0]], [[0.0, 0.0], [0.5, 1.0]]]]
)
target = torch.tensor([[[0, 1], [2, 2]]])
print(multiclass_dice_loss(probs, target))
print(1 - (6 / 7 + 2 / 3 + 8 / 9) / 3)  # the Dice of each class, by hand

try:  # forgetting the permute: (1, 3, 2, 2) * (1, 2, 2, 3)
    probs * F.one_hot(target, num_classes=3).float()
except RuntimeError as err:
    print(f"RuntimeError: {err}")
# --8<-- [end:dice-multiclass]

# --8<-- [start:dice-plus-ce]
import torch
import torch.nn.functional as F


def multiclass_dice_loss(probs, target, smooth=1.0):
    one_hot = F.one_hot(target, num_classes=probs.shape[1]).permute(0, 3, 1, 2).float()
    intersection = (probs * one_hot).sum((0, 2, 3))
    total = probs.sum((0, 2, 3)) + one_hot.sum((0, 2, 3))
    return 1 - ((2 * intersection + smooth) / (total + smooth)).mean()


torch.manual_seed(0)
logits = torch.randn(2, 3, 4, 4, requires_grad=True)  # (N, C, H, W)
target = torch.randint(0, 3, (2, 4, 4))  # (N, H, W)

ce = F.cross_entropy(logits, target)
dice = multiclass_dice_loss(logits.softmax(dim=1), target)
loss = ce + dice
loss.backward()
print(f"cross-entropy {ce.item():.4f} + Dice {dice.item():.4f} = {loss.item():.4f}")
print("gradient finite everywhere:", logits.grad.isfinite().all().item())
# --8<-- [end:dice-plus-ce]
