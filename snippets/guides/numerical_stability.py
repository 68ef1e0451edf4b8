"""Code for docs/guides/numerical-stability.md: why losses turn into inf and nan, and the fixes."""

# --8<-- [start:boundary]
import torch


def boundary(predicate, false_at, true_at):
    """The two neighbouring float32 values between which predicate turns from False to True."""
    lo, hi = torch.tensor(false_at), torch.tensor(true_at)
    while torch.nextafter(lo, hi) != hi:  # a float32 lies between them: halve the gap
        mid = (lo + hi) / 2
        if predicate(mid):
            hi = mid
        else:
            lo = mid
    return lo, hi
# --8<-- [end:boundary]


# --8<-- [start:softmax-underflow]
def last_probability(gap, n_top):
    """softmax of n_top scores of 0 and one score of -gap: the probability of the last."""
    scores = torch.cat([torch.zeros(n_top), -gap.view(1)])
    return torch.softmax(scores, dim=0)[-1]


for n_top in [1, 2]:  # how many classes share the largest score
    kept, lost = boundary(lambda gap: last_probability(gap, n_top) == 0, 50.0, 200.0)
    print(f"{n_top} at the top: 0 from a gap of {lost.item()!r}", end="")
    print(f" ({last_probability(kept, n_top).item():.3g} at {kept.item()!r})")

smallest = torch.nextafter(torch.tensor(0.0), torch.tensor(1.0))  # the smallest float32 above 0
for name, value in [("smallest float32:", smallest.double()), ("half of it:", smallest.double() / 2)]:
    print(f"{name:17} {value.item():.4g} = exp({value.log().item():.4f})")
# --8<-- [end:softmax-underflow]

# --8<-- [start:log-of-softmax]
import torch
import torch.nn.functional as F

logits = torch.tensor([[120.0, 0.0, -10.0]])
target = torch.tensor([2])  # confident, and wrong

print("log(softmax(x)):", torch.log(torch.softmax(logits, dim=1)))
print("log_softmax(x): ", torch.log_softmax(logits, dim=1))

for name, log_probs_of in [
    ("log(softmax)", lambda x: torch.log(torch.softmax(x, dim=1))),
    ("log_softmax ", lambda x: torch.log_softmax(x, dim=1)),
]:
    x = logits.clone().requires_grad_()
    loss = F.nll_loss(log_probs_of(x), target)
    loss.backward()
    print(f"{name}: loss {loss.item()}, gradient {x.grad.tolist()}")
# --8<-- [end:log-of-softmax]

# --8<-- [start:shift-by-the-max]
import torch

x = torch.tensor([1000.0, 0.0, -1000.0])

naive = x.exp() / x.exp().sum()  # exp(1000) overflows to inf, and inf / inf is nan
print("exp(x) / sum(exp(x)):", naive)

shifted = x - x.max()  # the largest score becomes 0, so exp() is at most 1
log_p = shifted - shifted.exp().sum().log()
print("shifted log-softmax: ", log_p)
print("equals log_softmax:  ", torch.equal(log_p, torch.log_softmax(x, dim=0)))
# --8<-- [end:shift-by-the-max]

# --8<-- [start:sigmoid-then-bce]
import torch
import torch.nn.functional as F

logits = torch.tensor([-200.0, -20.0, 20.0, 200.0])
target = torch.tensor([1.0, 1.0, 0.0, 0.0])  # every prediction is confidently wrong

p = torch.sigmoid(logits)
print("sigmoid:", p.tolist())


def by_hand(x, y):
    p = torch.sigmoid(x)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p))


def bce_loss(x, y):
    return F.binary_cross_entropy(torch.sigmoid(x), y, reduction="none")


def bce_with_logits_loss(x, y):
    return F.binary_cross_entropy_with_logits(x, y, reduction="none")


for name, loss_fn in [
    ("by hand          ", by_hand),
    ("BCELoss          ", bce_loss),
    ("BCEWithLogitsLoss", bce_with_logits_loss),
]:
    x = logits.clone().requires_grad_()
    loss = loss_fn(x, target)
    loss.sum().backward()
    print(f"{name} loss {loss.tolist()}")
    print(f"{'':17} grad {x.grad.tolist()}")
# --8<-- [end:sigmoid-then-bce]

# --8<-- [start:sigmoid-saturates]
from torch import nn



below_one, one = boundary(lambda x: torch.sigmoid(x) == 1, 10.0, 20.0)
print(f"sigmoid is 1.0 from x = {one.item()!r}; 2**-24 = {2**-24:.8g}")
for x in [below_one, one]:
    e = torch.exp(-x)
    print(f"  x = {x.item()!r}: exp(-x) = {e.item():.8g}", end="")
    print(f", 1 + exp(-x) = {(1 + e).item()!r}, sigmoid = {torch.sigmoid(x).item()!r}")

above_zero, zero = boundary(lambda x: torch.sigmoid(x) == 0, -80.0, -120.0)
finfo = torch.finfo(torch.float32)
print(f"sigmoid is 0.0 from x = {zero.item()!r}; float32 max = {finfo.max:.8g}")
for x in [above_zero, zero]:
    print(f"  x = {x.item()!r}: exp(-x) = {torch.exp(-x).item():.8g}", end="")
    print(f", sigmoid = {torch.sigmoid(x).item():.4g}")
smallest = torch.nextafter(torch.tensor(0.0), torch.tensor(1.0)).item()
print(f"float32: smallest normal {finfo.smallest_normal:.4g}, smallest {smallest:.4g}")

# a negative example scored just below the cut-off, and at it, through BCELoss
for x in [below_one, one]:
    loss = nn.BCELoss()(torch.sigmoid(x), torch.tensor(0.0))
    print(f"BCELoss(sigmoid({x.item():.7f}), 0) = {loss.item():.4f}")
# --8<-- [end:sigmoid-saturates]

# --8<-- [start:half-precision-result]
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = 3 * torch.randn(8, 5)
target = torch.randint(0, 5, (8,))
exact = F.cross_entropy(logits.double(), target).item()

for dtype in [torch.float32, torch.float16, torch.bfloat16]:
    loss = F.cross_entropy(logits.to(dtype), target)
    error = abs(loss.item() - exact)
    finfo = torch.finfo(dtype)
    print(
        f"loss in {str(loss.dtype):15} {loss.item():.7f}  error {error:.1e}"
        f"  eps {finfo.eps:.1e}  max {finfo.max:.3g}"
    )
# --8<-- [end:half-precision-result]

# --8<-- [start:half-overflow]
import math

import torch
import torch.nn.functional as F

print(f"exact: exp(12) = {math.exp(12):.1f}, 300 ** 2 = {300**2}")
for dtype in [torch.float16, torch.bfloat16]:
    print(dtype, "max", torch.finfo(dtype).max)
    print("  exp(12):", torch.tensor(12.0, dtype=dtype).exp().item())

    error = torch.tensor([300.0], dtype=dtype)
    mse = F.mse_loss(error, torch.zeros_like(error))
    print("  MSE of an error of 300:", mse.item())

    logits = torch.tensor([[0.0, 1200.0]], dtype=dtype)
    ce = F.cross_entropy(logits, torch.tensor([0]))
    print("  cross-entropy of logits [0, 1200]:", ce.item())
# --8<-- [end:half-overflow]

# --8<-- [start:half-refused]
import torch
from torch import nn

torch.manual_seed(0)
scores, classes = torch.randn(2, 6), torch.tensor([1, 2])
labels = torch.tensor([[1, 2, -1, 0, 0, 0], [3, -1, 0, 0, 0, 0]])
log_probs = torch.randn(7, 2, 6).log_softmax(2)  # (T, N, C)
ctc_args = (
    torch.tensor([[1, 2, 3, 4]] * 2),
    torch.tensor([7, 7]),
    torch.tensor([4, 4]),
)

calls = {
    "MultiMarginLoss": lambda dtype: nn.MultiMarginLoss()(scores.to(dtype), classes),
    "MultiLabelMarginLoss": lambda dtype: nn.MultiLabelMarginLoss()(
        scores.to(dtype), labels
    ),
    "CTCLoss": lambda dtype: nn.CTCLoss()(log_probs.to(dtype), *ctc_args),
}
for name, call in calls.items():
    for dtype in [torch.float16, torch.bfloat16]:
        try:
            call(dtype)
        except NotImplementedError as err:
            print(f"NotImplementedError: {err}")
    print(f"  {name} in float32: {call(torch.float32).item():.4f}")
# --8<-- [end:half-refused]

# --8<-- [start:autocast-dtypes]
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
model = nn.Linear(4, 3)
x = torch.randn(5, 4)
target = torch.tensor([0, 1, 2, 0, 1])

with torch.autocast("cpu", dtype=torch.bfloat16):
    logits = model(x)
    print("logits:            ", logits.dtype)
    print("cross_entropy:     ", F.cross_entropy(logits, target).dtype)
    print("mse_loss:          ", F.mse_loss(logits, torch.zeros(5, 3)).dtype)
    print("log_softmax:       ", F.log_softmax(logits, dim=1).dtype)
    print("multi_margin_loss: ", F.multi_margin_loss(logits, target).dtype)
# --8<-- [end:autocast-dtypes]

# --8<-- [start:autocast-bce]
import torch
import torch.nn.functional as F
from torch import nn

model = nn.Linear(1, 1)
with torch.no_grad():
    model.weight.fill_(1.0)
    model.bias.fill_(0.0)
x = torch.tensor([[6.0], [7.0], [20.0]])  # the model returns these as logits
target = torch.zeros(3, 1)  # all three are negatives: confidently wrong


def shown(t):
    return "[" + ", ".join(f"{v:.5g}" for v in t.flatten().tolist()) + "]"


print("float32 sigmoid:", shown(torch.sigmoid(x)))
for dtype in [torch.bfloat16, torch.float16]:
    one = torch.tensor(1.0, dtype=dtype)
    print(f"{dtype}, largest value below 1: {torch.nextafter(one, 0 * one).item()}")

    with torch.autocast("cpu", dtype=dtype):
        logits = model(x)
        probs = torch.sigmoid(logits)
        loss = F.binary_cross_entropy(probs, target, reduction="none")
    logits.retain_grad()
    probs.retain_grad()
    loss.sum().backward()
    print(f"  sigmoid: {logits.dtype} logits, {probs.dtype} probabilities {shown(probs)}")
    print(f"  BCELoss: {loss.dtype} loss {shown(loss)}")
    print(f"    gradient: probability {shown(probs.grad)}, logit {shown(logits.grad)}")

    with torch.autocast("cpu", dtype=dtype):
        logits = model(x)
        loss = F.binary_cross_entropy_with_logits(logits, target, reduction="none")
    logits.retain_grad()
    loss.sum().backward()
    print(f"  BCEWithLogitsLoss: {loss.dtype} loss {shown(loss)}")
    print(f"    gradient: logit {shown(logits.grad)}")
# --8<-- [end:autocast-bce]

# --8<-- [start:eps-log]
import torch

p = torch.tensor([0.0, 0.5, 1.0], requires_grad=True)  # predicted probabilities
y = torch.tensor([1.0, 1.0, 1.0])


def rounded(t):
    return [round(v, 4) + 0.0 for v in t.tolist()]  # + 0.0 turns -0.0 into 0.0


by_hand = -(y * torch.log(p) + (1 - y) * torch.log(1 - p))
print("by hand:", rounded(by_hand))  # p = 1: 0 * log(0) = 0 * -inf = nan

with_xlogy = -(torch.xlogy(y, p) + torch.xlogy(1 - y, 1 - p))  # xlogy(0, 0) is 0
print("xlogy:  ", rounded(with_xlogy))

eps = 1e-7
p_safe = p.clamp(eps, 1 - eps)
clamped = -(y * torch.log(p_safe) + (1 - y) * torch.log(1 - p_safe))
clamped.sum().backward()
print("clamped:", rounded(clamped), "grad", rounded(p.grad))
# --8<-- [end:eps-log]

# --8<-- [start:eps-divide]
import torch


def dice_loss(probs, mask, smooth=0.0):
    intersection = (probs * mask).sum()
    return 1 - (2 * intersection + smooth) / (probs.sum() + mask.sum() + smooth)


probs = torch.zeros(4, 4, requires_grad=True)  # predicts "nothing here"
mask = torch.zeros(4, 4)  # and there is nothing here: a perfect answer

for smooth in [0.0, 1.0]:
    probs.grad = None
    loss = dice_loss(probs, mask, smooth)
    loss.backward()
    print(f"smooth={smooth}: loss {loss.item()}, grad[0, 0] {probs.grad[0, 0].item()}")
# --8<-- [end:eps-divide]

# --8<-- [start:eps-sqrt]
import torch

a = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
b = torch.tensor([[1.0, 2.0], [0.0, 0.0]])  # the first pair is identical

distances = {
    "sqrt(sum(d**2))      ": lambda d: torch.sqrt((d**2).sum(dim=1)),
    "sqrt(sum(d**2) + eps)": lambda d: torch.sqrt((d**2).sum(dim=1) + 1e-12),
    "vector_norm(d)       ": lambda d: torch.linalg.vector_norm(d, dim=1),
}
for name, distance in distances.items():
    a.grad = None
    dist = distance(a - b)
    dist.sum().backward()
    print(f"{name} {[round(v, 4) for v in dist.tolist()]}")
    print("  grad", a.grad)
# --8<-- [end:eps-sqrt]

# --8<-- [start:eps-dtype]
import torch

for dtype in [torch.float32, torch.float16, torch.bfloat16]:
    tiny = torch.tensor(1e-12, dtype=dtype).item()
    top = (1 - torch.tensor(1e-7, dtype=dtype)).item()
    print(f"{str(dtype):15} 1e-12 -> {tiny:<7.3g} 1 - 1e-7 -> {top!r}")
# --8<-- [end:eps-dtype]

# --8<-- [start:detect-anomaly]
import warnings

import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([1.0, 2.0])

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    with torch.autograd.detect_anomaly():
        squared = ((a - b) ** 2).sum()
        squared.retain_grad()  # keep the gradient the sqrt's backward passes down
        distance = torch.sqrt(squared)
        try:
            distance.backward()
        except RuntimeError as err:
            print(f"RuntimeError: {err}")

print("gradient from the sqrt's backward:", squared.grad)

print(f"{caught[0].category.__name__}: {caught[0].message}")
# the second warning holds the traceback of the forward call; its first line:
print(f"{caught[1].category.__name__}: {str(caught[1].message).splitlines()[0]}")
# --8<-- [end:detect-anomaly]
