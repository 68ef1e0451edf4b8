"""Code for docs/guides/debugging-a-loss.md: sanity checks, a loss that does not go down, NaN hunting, GPU errors."""

# --8<-- [start:first-loss]
import math

import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(512, 20)  # standardised features: mean 0, std 1
with torch.no_grad():  # only looking: no graph needed
    for num_classes in (2, 10, 100):
        model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, num_classes))
        labels = torch.randint(num_classes, (512,))
        loss = nn.CrossEntropyLoss()(model(x), labels)
        print(f"CrossEntropyLoss, C = {num_classes:3d}: first loss {loss:.4f}   log C = {math.log(num_classes):.4f}")

    model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 5))
    targets = torch.randint(2, (512, 5)).float()  # 5 independent yes/no labels
    loss = nn.BCEWithLogitsLoss()(model(x), targets)
    print(f"BCEWithLogitsLoss, 5 labels: first loss {loss:.4f}   log 2 = {math.log(2):.4f}")

    model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 10))
    labels = torch.randint(10, (512,))
    pixels = (x * 64 + 128).clamp(0, 255)  # the same data left in 0..255, as raw pixel values
    loss = nn.CrossEntropyLoss()(model(pixels), labels)
    print(f"unscaled inputs, C =  10:   first loss {loss:.4f}   log C = {math.log(10):.4f}")
# --8<-- [end:first-loss]

# --8<-- [start:overfit-one-batch]
import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(16, 20)
labels = torch.randint(10, (16,))  # random labels: only memorising can fit them
model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 10))
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
loss_fn = nn.CrossEntropyLoss()
for step in range(61):
    optimizer.zero_grad()
    loss = loss_fn(model(x), labels)  # the same batch at every step
    loss.backward()
    optimizer.step()
    if step % 20 == 0:
        print(f"step {step:2d}  loss {loss.item():.4f}")
with torch.no_grad():
    correct = (model(x).argmax(dim=1) == labels).sum().item()
print(f"right answers: {correct} of {len(labels)}")
# --8<-- [end:overfit-one-batch]

# --8<-- [start:broadcast-targets]
import warnings

import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(64, 3)
y = x @ torch.tensor([1.5, -2.0, 0.5]) + 0.1 * torch.randn(64)  # shape (64,)


def final_loss(target):
    torch.manual_seed(0)
    model = nn.Linear(3, 1)  # predictions of shape (64, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(50):
        optimizer.zero_grad()
        loss = nn.MSELoss()(model(x), target)
        loss.backward()
        optimizer.step()
    return loss.item()


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    broken = final_loss(y)  # (64, 1) against (64,): broadcast to (64, 64)
print(f"{caught[0].category.__name__}: {caught[0].message}")
print(f"target (64,):   loss after 50 steps {broken:.4f}, variance of y {y.var(unbiased=False):.4f}")
print(f"target (64, 1): loss after 50 steps {final_loss(y.unsqueeze(1)):.4f}")
# --8<-- [end:broadcast-targets]

# --8<-- [start:softmax-first]
import math

import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(256, 20)
labels = x[:, :4].argmax(dim=1)  # 4 classes that a linear layer can learn


def train(model):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    for step in range(100):
        optimizer.zero_grad()
        loss = nn.CrossEntropyLoss()(model(x), labels)
        loss.backward()
        if step == 0:
            first_gradient = model[0].weight.grad.norm().item()
        optimizer.step()
    return loss.item(), first_gradient


torch.manual_seed(0)
broken, broken_gradient = train(nn.Sequential(nn.Linear(20, 4), nn.Softmax(dim=1)))
torch.manual_seed(0)
fixed, fixed_gradient = train(nn.Sequential(nn.Linear(20, 4)))
print(f"softmax first: loss after 100 steps {broken:.4f}, lowest it can reach {math.log(1 + 3 / math.e):.4f}")
print(f"logits:        loss after 100 steps {fixed:.4f}")
print(f"gradient at the first step: {fixed_gradient / broken_gradient:.1f} times smaller with the softmax")
# --8<-- [end:softmax-first]

# --8<-- [start:detached-graph]
import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(256, 20)
labels = x[:, :4].argmax(dim=1)


def train(detach_features):
    torch.manual_seed(0)
    model = nn.ModuleDict({"encoder": nn.Sequential(nn.Linear(20, 32), nn.ReLU()), "head": nn.Linear(32, 4)})
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    for step in range(100):
        optimizer.zero_grad()
        features = model["encoder"](x)
        if detach_features:
            features = features.detach()  # e.g. copied from code that caches features
        loss = nn.CrossEntropyLoss()(model["head"](features), labels)
        loss.backward()
        if step == 0:  # the check: which parameters did backward() reach?
            missed = [name for name, p in model.named_parameters() if p.requires_grad and p.grad is None]
        optimizer.step()
    return loss.item(), missed


for detach_features in (True, False):
    loss, missed = train(detach_features)
    print(f"detached: {detach_features!s:5}  loss after 100 steps {loss:.4f}  no gradient: {missed}")
# --8<-- [end:detached-graph]

# --8<-- [start:missing-zero-grad]
import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(64, 3)
y = x @ torch.tensor([[1.5], [-2.0], [0.5]]) + 0.1 * torch.randn(64, 1)

for zero_grad in (False, True):
    torch.manual_seed(0)
    model = nn.Linear(3, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    for step in range(40):
        if zero_grad:
            optimizer.zero_grad()
        loss = nn.MSELoss()(model(x), y)
        loss.backward()  # adds this step's gradient to .grad
        optimizer.step()
        losses.append(loss.item())
    shown = "  ".join(f"{losses[step]:.3f}" for step in (0, 5, 10, 20, 30, 39))
    print(f"zero_grad: {zero_grad!s:5}  loss at steps 0, 5, 10, 20, 30, 39: {shown}")
# --8<-- [end:missing-zero-grad]

# --8<-- [start:reduction-and-lr]
import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(256, 10)
y = x @ torch.randn(10, 1) + 0.1 * torch.randn(256, 1)


def train(reduction, optimizer_class, lr):
    torch.manual_seed(0)
    model = nn.Linear(10, 1)
    optimizer = optimizer_class(model.parameters(), lr=lr)
    for step in range(30):
        optimizer.zero_grad()
        loss = nn.MSELoss(reduction=reduction)(model(x), y)
        loss.backward()
        if step == 0:
            gradient = model.weight.grad.norm().item()
        optimizer.step()
    with torch.no_grad():
        return nn.MSELoss()(model(x), y).item(), gradient  # the mean, to compare the two


for optimizer_class, lr in ((torch.optim.SGD, 0.1), (torch.optim.Adam, 0.05)):
    gradients = {}
    for reduction in ("mean", "sum"):
        loss, gradients[reduction] = train(reduction, optimizer_class, lr)
        print(f"{optimizer_class.__name__:4} lr={lr:<4} reduction={reduction!r:6}  "
              f"first gradient {gradients[reduction]:9.4f}  mean loss after 30 steps {loss:.4f}")
print(f"gradient with 'sum' / with 'mean': {gradients['sum'] / gradients['mean']:.1f}, batch size {len(x)}")
# --8<-- [end:reduction-and-lr]

# --8<-- [start:isfinite-loss]
import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(64, 5)
x[7] *= 1000  # one example whose features were never normalised
y = (x[:, :1] > 0).float()
model = nn.Linear(5, 1)

p = torch.sigmoid(model(x))
per_example = -(y * torch.log(p) + (1 - y) * torch.log(1 - p))  # binary cross-entropy by hand
loss = per_example.mean()
print(f"loss {loss.item()}, finite: {torch.isfinite(loss).item()}")

bad_rows = (~torch.isfinite(per_example)).any(dim=1).nonzero().flatten()  # where it comes from
print("examples whose loss is not finite:", bad_rows.tolist())
print(f"their logit {model(x)[bad_rows].item():.2f}, p {p[bad_rows].item()}, label {y[bad_rows].item()}")
print(f"BCEWithLogitsLoss on the logits: {nn.BCEWithLogitsLoss()(model(x), y).item():.4f}")
# --8<-- [end:isfinite-loss]

# --8<-- [start:isfinite-gradients]
import torch
import torch.nn.functional as F
from torch import nn


def root_loss(prediction, target):
    """Compare sqrt(prediction) with the target; the where keeps sqrt of a negative out of the loss."""
    root = torch.where(prediction > 0, prediction.sqrt(), torch.zeros_like(prediction))
    return F.mse_loss(root, target)


torch.manual_seed(0)
x = torch.randn(64, 5)
target = torch.rand(64, 1)
model = nn.Linear(5, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

optimizer.zero_grad()
loss = root_loss(model(x), target)
loss.backward()
print(f"loss {loss.item():.4f}, finite: {torch.isfinite(loss).item()}")
bad = [name for name, p in model.named_parameters() if not torch.isfinite(p.grad).all()]
print("parameters with a non-finite gradient:", bad)

optimizer.step()  # what the guard prevents: one step with a nan gradient
with torch.no_grad():
    prediction = model(x)
    print("predictions that are nan after the step:", prediction.isnan().sum().item(), "of", len(prediction))
    print(f"loss after the step {root_loss(prediction, target).item():.4f}, "
          f"mean of target**2 {target.pow(2).mean().item():.4f}")
# --8<-- [end:isfinite-gradients]

# --8<-- [start:detect-anomaly]
import warnings

import torch
import torch.nn.functional as F
from torch import nn


def root_loss(prediction, target):
    root = torch.where(prediction > 0, prediction.sqrt(), torch.zeros_like(prediction))
    return F.mse_loss(root, target)


def root_loss_fixed(prediction, target):
    positive = prediction > 0
    safe = torch.where(positive, prediction, torch.ones_like(prediction))  # sqrt never sees a negative
    root = torch.where(positive, safe.sqrt(), torch.zeros_like(prediction))
    return F.mse_loss(root, target)


torch.manual_seed(0)
x = torch.randn(64, 5)
target = torch.rand(64, 1)
model = nn.Linear(5, 1)

with warnings.catch_warnings(record=True):  # anomaly mode also warns, with the forward traceback
    warnings.simplefilter("always")
    with torch.autograd.detect_anomaly():
        try:
            root_loss(model(x), target).backward()
        except RuntimeError as err:
            print(f"RuntimeError: {err}")

model.zero_grad()
root_loss_fixed(model(x), target).backward()
print("fixed, every gradient finite:", all(torch.isfinite(p.grad).all().item() for p in model.parameters()))
# --8<-- [end:detect-anomaly]

# --8<-- [start:clip-grad-norm]
import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(64, 10) * 10  # large inputs, large gradients
y = torch.randn(64, 1)
model = nn.Linear(10, 1)
nn.MSELoss()(model(x), y).backward()

total_norm = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
after = torch.linalg.vector_norm(torch.cat([p.grad.flatten() for p in model.parameters()]))
print(f"returned: {total_norm.item():.4f} (the norm before clipping)")
print(f"norm of the gradients after clipping: {after.item():.4f}")

model.weight.grad[0, 0] = float("nan")  # one bad entry
print("returned with a nan gradient:", nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0).item())
print("gradient entries now nan:", sum(p.grad.isnan().sum().item() for p in model.parameters()), "of 11")
try:
    nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0, error_if_nonfinite=True)
except RuntimeError as err:
    print(f"RuntimeError: {err}")
# --8<-- [end:clip-grad-norm]

# --8<-- [start:cpu-rerun]
import torch
from torch import nn

torch.manual_seed(0)
scores = torch.randn(8, 10)  # the batch that failed on the GPU; there: scores = scores.cpu()
labels = torch.tensor([3, 7, 1, 0, 10, 9, 4, 2])
try:
    nn.CrossEntropyLoss()(scores.cpu(), labels.cpu())
except IndexError as err:
    print(f"IndexError: {err}")
# --8<-- [end:cpu-rerun]

# --8<-- [start:find-bad-labels]
import torch
from torch import nn


def out_of_range(target, num_classes, ignore_index=-100):
    """True where a class index would fail: outside [0, num_classes) and not ignore_index."""
    return ((target < 0) | (target >= num_classes)) & (target != ignore_index)


torch.manual_seed(0)
masks = torch.randint(21, (4, 32, 32))  # segmentation masks, 21 classes
masks[2, :, 0] = 255  # a border drawn with 255, as some datasets mark "void"

bad = out_of_range(masks, num_classes=21)
print("bad labels:", bad.sum().item(), " values:", masks[bad].unique().tolist(),
      " in images:", bad.flatten(1).any(dim=1).nonzero().flatten().tolist())
print("with ignore_index=255:", out_of_range(masks, 21, ignore_index=255).sum().item(), "bad labels")

scores = torch.randn(4, 21, 32, 32)
print(f"CrossEntropyLoss(ignore_index=255): {nn.CrossEntropyLoss(ignore_index=255)(scores, masks).item():.4f}")
# --8<-- [end:find-bad-labels]

# --8<-- [start:weight-buffers]
import inspect

import torch
from torch import nn

# Every loss class in torch.nn that takes a weight tensor, read from the constructors' signatures.
for name in sorted(dir(nn)):
    loss_class = getattr(nn, name)
    if not (inspect.isclass(loss_class) and issubclass(loss_class, nn.modules.loss._Loss)):
        continue
    arguments = inspect.signature(loss_class).parameters
    tensor_arguments = [a for a in arguments if a in ("weight", "pos_weight")]
    if tensor_arguments:
        # LinearCrossEntropyLoss holds its own linear layer and needs its sizes
        sizes = {a: n for a, n in {"in_features": 8, "num_classes": 3}.items() if a in arguments}
        criterion = loss_class(**sizes, **{a: torch.ones(3) for a in tensor_arguments})
        buffers = [b for b, _ in criterion.named_buffers()]
        print(f"{name:25} {tensor_arguments}  buffers: {buffers}")
# --8<-- [end:weight-buffers]

# --8<-- [start:weight-device-check]
import torch
from torch import nn


def misplaced_buffers(criterion, inputs):
    """The buffers of a loss module (weight, pos_weight) that are not on the inputs' device."""
    return [f"{name} on {buffer.device}, inputs on {inputs.device}"
            for name, buffer in criterion.named_buffers() if buffer.device != inputs.device]


criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 5.0]))  # built on the CPU
scores = torch.randn(4, 3, device="meta")  # "meta" stands in for "cuda" on this CPU-only page
print("before:", misplaced_buffers(criterion, scores))
criterion.to(scores.device)  # moves the buffers, as model.to(device) moves the parameters
print("after criterion.to(device):", misplaced_buffers(criterion, scores), "weight on", criterion.weight.device)
# --8<-- [end:weight-device-check]
