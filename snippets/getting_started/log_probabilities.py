"""Code for docs/getting-started/log-probabilities.md: NLLLoss, LogSoftmax and CrossEntropyLoss."""

# --8<-- [start:softmax-then-log]
import torch
from torch import nn

torch.manual_seed(0)
scores = torch.randn(5, 3)  # raw scores ("logits") for 5 examples and 3 classes
target = torch.tensor([0, 1, 2, 1, 0])

probabilities = torch.softmax(scores, dim=1)
print("rows sum to 1:", torch.allclose(probabilities.sum(dim=1), torch.ones(5)))

nll_loss = nn.NLLLoss()
print("NLLLoss(log(softmax)):", nll_loss(torch.log(probabilities), target).item())
print("NLLLoss(LogSoftmax):  ", nll_loss(nn.LogSoftmax(dim=1)(scores), target).item())
# --8<-- [end:softmax-then-log]

# --8<-- [start:three-ways]
import torch
from torch import nn

scores = torch.tensor(
    [
        [0.5153, 0.7051, 0.4947, 0.3446, 0.5288],
        [0.3464, 0.2458, 0.8569, 0.4821, 0.3244],
        [0.4474, 0.6615, 0.0062, 0.6603, 0.2461],
    ]
)
target = torch.tensor([1, 0, 4])

log_softmax = nn.LogSoftmax(dim=1)
print(nn.NLLLoss()(log_softmax(scores), target))
print(nn.CrossEntropyLoss()(scores, target))  # LogSoftmax and NLLLoss in one step
print(-log_softmax(scores)[torch.arange(3), target].mean())  # what both compute
# --8<-- [end:three-ways]

# --8<-- [start:before-cross-entropy]
import torch
from torch import nn

scores = torch.tensor(
    [
        [0.5153, 0.7051, 0.4947, 0.3446, 0.5288],
        [0.3464, 0.2458, 0.8569, 0.4821, 0.3244],
        [0.4474, 0.6615, 0.0062, 0.6603, 0.2461],
    ]
)
target = torch.tensor([1, 0, 4])
last_layers = {"raw scores": nn.Identity(), "LogSoftmax": nn.LogSoftmax(dim=1), "Softmax": nn.Softmax(dim=1)}

results = {}
for name, last_layer in last_layers.items():
    x = scores.clone().requires_grad_()  # a fresh leaf, so each gradient is its own
    loss = nn.CrossEntropyLoss()(last_layer(x), target)
    loss.backward()
    results[name] = (loss, x.grad)
    print(f"{name:<10}  loss {loss.item():.4f}  largest gradient {x.grad.abs().max().item():.4f}")

(plain_loss, plain_grad), (twice_loss, twice_grad) = results["raw scores"], results["LogSoftmax"]
print("LogSoftmax first, same loss:    ", torch.allclose(twice_loss, plain_loss))
print("LogSoftmax first, same gradient:", torch.allclose(twice_grad, plain_grad))
# --8<-- [end:before-cross-entropy]

# --8<-- [start:forgot-log-softmax]
import torch
from torch import nn

scores = torch.tensor(
    [
        [0.5153, 0.7051, 0.4947, 0.3446, 0.5288],
        [0.3464, 0.2458, 0.8569, 0.4821, 0.3244],
        [0.4474, 0.6615, 0.0062, 0.6603, 0.2461],
    ]
)
target = torch.tensor([1, 0, 4])

print(nn.NLLLoss()(scores, target))  # no error, wrong answer
print(-scores[torch.arange(3), target].mean())  # all NLLLoss did: pick and negate
# --8<-- [end:forgot-log-softmax]

# --8<-- [start:softmax-without-log]
import torch
from torch import nn

scores = torch.tensor(
    [
        [0.5153, 0.7051, 0.4947, 0.3446, 0.5288],
        [0.3464, 0.2458, 0.8569, 0.4821, 0.3244],
        [0.4474, 0.6615, 0.0062, 0.6603, 0.2461],
    ]
)
target = torch.tensor([1, 0, 4])

probabilities = torch.softmax(scores, dim=1)
print(nn.NLLLoss()(probabilities, target))  # minus a probability: always in [-1, 0]
print(nn.NLLLoss()(torch.log(probabilities), target))
# --8<-- [end:softmax-without-log]

# --8<-- [start:positive-but-wrong]
import torch
from torch import nn

scores = torch.tensor([[-2.0, -1.0, 0.5], [-3.0, -0.5, 1.0]])  # raw scores, some negative
target = torch.tensor([0, 1])
print("NLLLoss on raw scores:", nn.NLLLoss()(scores, target))  # positive, and wrong
print("CrossEntropyLoss:     ", nn.CrossEntropyLoss()(scores, target))
# --8<-- [end:positive-but-wrong]

# --8<-- [start:guard]
import torch
from torch import nn


def checked_nll_loss(log_probabilities, target):
    """NLLLoss that refuses anything but log-probabilities (rows summing to 1 after exp)."""
    row_sums = log_probabilities.exp().sum(dim=1)
    if not torch.allclose(row_sums, torch.ones_like(row_sums), atol=1e-4):
        raise ValueError("expected log-probabilities: use log_softmax or CrossEntropyLoss")
    return nn.functional.nll_loss(log_probabilities, target)


scores = torch.tensor([[-2.0, -1.0, 0.5], [-3.0, -0.5, 1.0]])
target = torch.tensor([0, 1])
print(checked_nll_loss(torch.log_softmax(scores, dim=1), target))
try:
    checked_nll_loss(scores, target)  # raw scores, on which NLLLoss alone gives a positive 1.25
except ValueError as err:
    print(f"ValueError: {err}")
# --8<-- [end:guard]
