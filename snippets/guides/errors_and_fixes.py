"""Code for docs/guides/errors-and-fixes.md: common loss errors, raised, and their fixes."""

# --8<-- [start:numpy-module]
import numpy as np
import torch
from torch import nn

y_pred = np.array([0.5, 1.5, 2.0])
y_true = np.array([1.0, 1.0, 2.5])
try:
    nn.MSELoss()(y_pred, y_true)
except TypeError as err:
    print(f"TypeError: {err}")

# Fix: convert the arrays (float64 stays float64; add .float() to match a model)
print(nn.MSELoss()(torch.from_numpy(y_pred), torch.from_numpy(y_true)))
# --8<-- [end:numpy-module]

# --8<-- [start:numpy-functional]
import numpy as np
import torch
import torch.nn.functional as F

scores = np.array([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3]])
labels = np.array([0, 1])
try:
    F.cross_entropy(scores, labels)
except TypeError as err:
    print(f"TypeError: {err}")

# Fix: scores as float32 (the model's dtype), labels as int64
print(F.cross_entropy(torch.from_numpy(scores).float(), torch.from_numpy(labels)))
# --8<-- [end:numpy-functional]

# --8<-- [start:tensors-to-constructor]
import torch
from torch import nn

y_pred = torch.tensor([0.5, 1.5, 2.0])
y_true = torch.tensor([1.0, 1.0, 2.5])
try:
    loss = nn.MSELoss(y_pred, y_true)  # the tensors went to the constructor
except RuntimeError as err:
    print(f"RuntimeError: {err}")

# Fix: build the module first, then call it
criterion = nn.MSELoss()
print(criterion(y_pred, y_true))
# --8<-- [end:tensors-to-constructor]

# --8<-- [start:int32-target]
import torch
from torch import nn

scores = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3], [-0.5, 0.2, 2.2]])
for labels in (
    torch.tensor([0, 1, 2], dtype=torch.int32),  # from int32 NumPy arrays, or .int()
    torch.tensor([0.0, 1.0, 2.0]),  # labels stored in a float tensor
):
    try:
        nn.CrossEntropyLoss()(scores, labels)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")

print(nn.CrossEntropyLoss()(scores, labels.long()))  # Fix: int64 class indices
# --8<-- [end:int32-target]

# --8<-- [start:one-hot-long]
import torch
import torch.nn.functional as F
from torch import nn

scores = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3], [-0.5, 0.2, 2.2]])
one_hot = F.one_hot(torch.tensor([0, 1, 2]), num_classes=3)  # int64, shape (3, 3)
try:
    nn.CrossEntropyLoss()(scores, one_hot)
except RuntimeError as err:
    print(f"RuntimeError: {err}")

print(nn.CrossEntropyLoss()(scores, one_hot.argmax(dim=1)))  # Fix: class indices
print(nn.CrossEntropyLoss()(scores, one_hot.float()))  # or: probabilities
# --8<-- [end:one-hot-long]

# --8<-- [start:bce-double-target]
import numpy as np
import torch
from torch import nn

probs = torch.tensor([0.8, 0.3, 0.6, 0.1])  # float32, from a model
labels = torch.from_numpy(np.array([1.0, 0.0, 1.0, 0.0]))  # float64, from NumPy
try:
    nn.BCELoss()(probs, labels)
except RuntimeError as err:
    print(f"RuntimeError: {err}")

print(nn.BCELoss()(probs, labels.float()))  # Fix: the input's dtype
# --8<-- [end:bce-double-target]

# --8<-- [start:bce-long-target]
import torch
from torch import nn

logits = torch.tensor([1.2, -0.8, 0.4, -2.0])
labels = torch.tensor([1, 0, 1, 0])  # int64
try:
    nn.BCEWithLogitsLoss()(logits, labels)
except RuntimeError as err:
    print(f"RuntimeError: {err}")

print(nn.BCEWithLogitsLoss()(logits, labels.float()))  # Fix: float targets
# --8<-- [end:bce-long-target]

# --8<-- [start:double-input]
import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(3, 1)  # float32 parameters
features = torch.from_numpy(np.ones((2, 3)))  # float64
try:
    model(features)
except RuntimeError as err:
    print(f"RuntimeError: {err}")

print(model(features.float()).dtype)  # Fix: float32 features
# --8<-- [end:double-input]

# --8<-- [start:mean-of-long]
import torch
from torch import nn

preds = torch.tensor([0, 2, 1, 1])
labels = torch.tensor([0, 1, 1, 1])
try:
    (preds == labels).long().mean()  # accuracy of integer predictions
except RuntimeError as err:
    print(f"RuntimeError: {err}")
try:
    nn.L1Loss()(preds, labels)  # L1Loss takes the mean the same way
except RuntimeError as err:
    print(f"RuntimeError: {err}")

print((preds == labels).float().mean())  # Fix: a floating point tensor
print(nn.L1Loss()(preds.float(), labels))
# --8<-- [end:mean-of-long]

# --8<-- [start:mse-long]
import torch
from torch import nn

y_pred = torch.tensor([3, 5, 2])
y_true = torch.tensor([3, 4, 4])
try:
    nn.MSELoss()(y_pred, y_true)
except NotImplementedError as err:
    print(f"NotImplementedError: {err}")

print(nn.MSELoss()(y_pred.float(), y_true))  # Fix: a floating point input
# --8<-- [end:mse-long]

# --8<-- [start:kl-div-integral]
import torch
import torch.nn.functional as F
from torch import nn

log_probs = F.log_softmax(torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3]]), dim=1)
one_hot = torch.tensor([[1, 0, 0], [0, 1, 0]])  # int64
kl = nn.KLDivLoss(reduction="batchmean")
try:
    kl(log_probs, one_hot)
except RuntimeError as err:
    print(f"RuntimeError: {err}")

print(kl(log_probs, one_hot.float()))  # Fix: float probabilities
# --8<-- [end:kl-div-integral]

# --8<-- [start:column-target]
import torch
from torch import nn

scores = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3], [-0.5, 0.2, 2.2]])
labels = torch.tensor([[0], [1], [2]])  # shape (3, 1), as read from a column
try:
    nn.CrossEntropyLoss()(scores, labels)
except RuntimeError as err:
    print(f"RuntimeError: {err}")

print(nn.CrossEntropyLoss()(scores, labels.squeeze(1)))  # Fix: shape (3,)
# --8<-- [end:column-target]

# --8<-- [start:batch-mismatch]
import torch
from torch import nn

scores = torch.tensor(
    [[2.0, 0.5, -1.0], [0.1, 1.5, 0.3], [-0.5, 0.2, 2.2], [1.0, 1.0, 0.0]]
)
labels = torch.tensor([0, 1, 2])  # one label short, e.g. a misaligned last batch
try:
    nn.CrossEntropyLoss()(scores, labels)
except ValueError as err:
    print(f"ValueError: {err}")

print(nn.CrossEntropyLoss()(scores, torch.tensor([0, 1, 2, 0])))  # Fix: 4 labels
# --8<-- [end:batch-mismatch]

# --8<-- [start:sequence-classes-last]
import torch
from torch import nn

torch.manual_seed(0)
scores = torch.randn(2, 5, 3)  # (N, L, C): batch 2, length 5, 3 classes
labels = torch.randint(0, 3, (2, 5))  # (N, L)
try:
    nn.CrossEntropyLoss()(scores, labels)
except RuntimeError as err:
    print(f"RuntimeError: {err}")

print(nn.CrossEntropyLoss()(scores.permute(0, 2, 1), labels))  # Fix: (N, C, L)
# --8<-- [end:sequence-classes-last]

# --8<-- [start:bce-logits-shape]
import torch
from torch import nn

logits = torch.tensor([[1.2], [-0.8], [0.4], [-2.0]])  # nn.Linear(d, 1): (4, 1)
labels = torch.tensor([1.0, 0.0, 1.0, 0.0])  # (4,)
try:
    nn.BCEWithLogitsLoss()(logits, labels)
except ValueError as err:
    print(f"ValueError: {err}")

print(nn.BCEWithLogitsLoss()(logits.squeeze(1), labels))  # Fix: the same shape
# --8<-- [end:bce-logits-shape]

# --8<-- [start:size-mismatch]
import warnings

import torch
from torch import nn

y_pred = torch.tensor([0.5, 1.5, 2.0, 1.0])
y_true = torch.tensor([1.0, 1.0, 2.5])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        nn.MSELoss()(y_pred, y_true)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
print(f"{caught[0].category.__name__}: {caught[0].message}")

print(nn.MSELoss()(y_pred[:3], y_true))  # Fix: one target per prediction
# --8<-- [end:size-mismatch]

# --8<-- [start:ctc-batch-first]
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
scores = torch.randn(2, 6, 4)  # (N, T, C) from a batch_first model
log_probs = F.log_softmax(scores, dim=2)
targets = torch.tensor([[1, 2], [3, 1]])
input_lengths = torch.tensor([6, 6])
target_lengths = torch.tensor([2, 2])
ctc = nn.CTCLoss()
try:
    ctc(log_probs, targets, input_lengths, target_lengths)
except RuntimeError as err:
    print(f"RuntimeError: {err}")

# Fix: CTCLoss wants time first, (T, N, C)
print(ctc(log_probs.transpose(0, 1), targets, input_lengths, target_lengths))
# --8<-- [end:ctc-batch-first]

# --8<-- [start:target-out-of-bounds]
import torch
from torch import nn

scores = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3], [-0.5, 0.2, 2.2]])
labels = torch.tensor([1, 2, 3])  # classes numbered 1..3 instead of 0..2
try:
    nn.CrossEntropyLoss()(scores, labels)
except IndexError as err:
    print(f"IndexError: {err}")

print(nn.CrossEntropyLoss()(scores, labels - 1))  # Fix: indices in [0, C)
# --8<-- [end:target-out-of-bounds]

# --8<-- [start:bce-range]
import torch
from torch import nn

logits = torch.tensor([1.2, -0.8, 0.4, -2.0])  # raw scores, not probabilities
labels = torch.tensor([1.0, 0.0, 1.0, 0.0])
try:
    nn.BCELoss()(logits, labels)
except RuntimeError as err:
    print(f"RuntimeError: {err}")

print(nn.BCEWithLogitsLoss()(logits, labels))  # Fix: the loss made for logits
# --8<-- [end:bce-range]

# --8<-- [start:huber-delta]
import torch
from torch import nn

y_pred = torch.tensor([0.5, 1.5, 2.0])
y_true = torch.tensor([1.0, 1.0, 4.5])
criterion = nn.HuberLoss(delta=0.0)  # accepted here...
try:
    criterion(y_pred, y_true)  # ...refused here
except RuntimeError as err:
    print(f"RuntimeError: {err}")

print(nn.HuberLoss(delta=1.0)(y_pred, y_true))  # Fix: delta > 0
print(nn.L1Loss()(y_pred, y_true))  # or, for delta -> 0, L1Loss
# --8<-- [end:huber-delta]

# --8<-- [start:gaussian-var]
import torch
from torch import nn

mean = torch.tensor([0.5, 1.5, 2.0])
y_true = torch.tensor([1.0, 1.0, 2.5])
raw = torch.tensor([0.2, -1.0, 0.1])  # an unconstrained output of the model
try:
    nn.GaussianNLLLoss()(mean, y_true, raw)
except ValueError as err:
    print(f"ValueError: {err}")

# Fix: make the variance positive
print(nn.GaussianNLLLoss()(mean, y_true, torch.exp(raw)))
# --8<-- [end:gaussian-var]

# --8<-- [start:multi-margin-p]
import torch
from torch import nn

try:
    nn.MultiMarginLoss(p=3)
except ValueError as err:
    print(f"ValueError: {err}")

scores = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3]])
print(nn.MultiMarginLoss(p=2)(scores, torch.tensor([0, 2])))  # Fix: p is 1 or 2
# --8<-- [end:multi-margin-p]

# --8<-- [start:backward-not-scalar]
import torch
from torch import nn

y_pred = torch.tensor([0.5, 1.5, 2.0], requires_grad=True)
y_true = torch.tensor([1.0, 1.0, 2.5])
per_element = nn.MSELoss(reduction="none")(y_pred, y_true)
try:
    per_element.backward()
except RuntimeError as err:
    print(f"RuntimeError: {err}")

per_element.mean().backward()  # Fix: reduce to one number first
print(y_pred.grad)
# --8<-- [end:backward-not-scalar]

# --8<-- [start:item-not-scalar]
import torch
from torch import nn

y_pred = torch.tensor([0.5, 1.5, 2.0])
y_true = torch.tensor([1.0, 1.0, 2.5])
per_element = nn.MSELoss(reduction="none")(y_pred, y_true)
try:
    per_element.item()
except RuntimeError as err:
    print(f"RuntimeError: {err}")

print(per_element.mean().item())  # Fix: reduce first
print(per_element.tolist())  # or: one float per element
# --8<-- [end:item-not-scalar]

# --8<-- [start:no-grad-fn]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(3, 1)
x = torch.ones(2, 3)
y_true = torch.tensor([[1.0], [0.0]])
with torch.no_grad():  # e.g. left over from evaluation code
    loss = nn.MSELoss()(model(x), y_true)
try:
    loss.backward()
except RuntimeError as err:
    print(f"RuntimeError: {err}")

loss = nn.MSELoss()(model(x), y_true)  # Fix: compute the loss with grad enabled
loss.backward()
print(model.weight.grad)
# --8<-- [end:no-grad-fn]

# --8<-- [start:backward-twice]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(3, 1)
x = torch.ones(2, 3)
y_true = torch.tensor([[1.0], [0.0]])
loss = nn.MSELoss()(torch.sigmoid(model(x)), y_true)
loss.backward()
try:
    loss.backward()  # a second call on the same graph
except RuntimeError as err:
    print(f"RuntimeError: {err}")

# Fix: a fresh forward pass for every backward (or retain_graph=True on the first)
loss = nn.MSELoss()(torch.sigmoid(model(x)), y_true)
loss.backward()
print(model.weight.grad)
# --8<-- [end:backward-twice]

# --8<-- [start:numpy-requires-grad]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(3, 1)
y_pred = model(torch.ones(2, 3))
try:
    y_pred.numpy()
except RuntimeError as err:
    print(f"RuntimeError: {err}")

print(y_pred.detach().numpy())  # Fix: detach (and .cpu() on a GPU)
# --8<-- [end:numpy-requires-grad]

# --8<-- [start:silent-nll-raw-scores]
import torch
import torch.nn.functional as F
from torch import nn

scores = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3], [-0.5, 0.2, 2.2]])
labels = torch.tensor([0, 1, 2])
print("NLLLoss, raw scores:  ", nn.NLLLoss()(scores, labels))
print("NLLLoss, log_softmax: ", nn.NLLLoss()(F.log_softmax(scores, dim=1), labels))
print("CrossEntropyLoss, raw:", nn.CrossEntropyLoss()(scores, labels))
# --8<-- [end:silent-nll-raw-scores]

# --8<-- [start:silent-mse-broadcast]
import warnings

import torch
from torch import nn

y_pred = torch.tensor([0.5, 1.5, 2.0, 1.0])  # (4,)
y_true = torch.tensor([[1.0], [1.0], [2.5], [1.0]])  # (4, 1)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    loss = nn.MSELoss()(y_pred, y_true)  # compares all 4 x 4 pairs
print(f"{caught[0].category.__name__}: {caught[0].message}")
print("broadcast:", loss)
print("matched:  ", nn.MSELoss()(y_pred, y_true.squeeze(1)))
# --8<-- [end:silent-mse-broadcast]

# --8<-- [start:silent-ctc-inf]
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
log_probs = F.log_softmax(torch.randn(3, 2, 4), dim=2)  # (T=3, N=2, C=4)
targets = torch.tensor([[1, 2, 3, 1], [2, 2, 0, 0]])  # 4 labels cannot fit 3 frames
input_lengths = torch.tensor([3, 3])
target_lengths = torch.tensor([4, 2])
print(nn.CTCLoss()(log_probs, targets, input_lengths, target_lengths))
print(nn.CTCLoss(reduction="none")(log_probs, targets, input_lengths, target_lengths))
ctc = nn.CTCLoss(zero_infinity=True)  # drop impossible sequences instead
print(ctc(log_probs, targets, input_lengths, target_lengths))
# --8<-- [end:silent-ctc-inf]

# --8<-- [start:silent-all-ignored]
import torch
from torch import nn

scores = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3]], requires_grad=True)
labels = torch.tensor([-100, -100])  # a batch of padding only
loss = nn.CrossEntropyLoss()(scores, labels)  # 0 / 0
loss.backward()
print("mean:", loss.item(), " gradient:", scores.grad.abs().sum().item())

kept = (labels != -100).sum()
total = nn.CrossEntropyLoss(reduction="sum")(scores, labels)
print("sum / max(kept, 1):", (total / kept.clamp(min=1)).item())
# --8<-- [end:silent-all-ignored]

# --8<-- [start:silent-kl-probabilities]
import torch
import torch.nn.functional as F
from torch import nn

student = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3]])
teacher = F.softmax(torch.tensor([[1.5, 1.0, -0.5], [0.0, 2.0, 0.5]]), dim=1)
kl = nn.KLDivLoss(reduction="batchmean")
print("probabilities:    ", kl(F.softmax(student, dim=1), teacher))
print("log-probabilities:", kl(F.log_softmax(student, dim=1), teacher))
# --8<-- [end:silent-kl-probabilities]

# --8<-- [start:silent-softmax-first]
import torch
from torch import nn

scores = torch.tensor([[8.0, 0.0, 0.0], [0.0, 9.0, 0.0], [0.0, 0.0, 10.0]])
labels = torch.tensor([0, 1, 2])  # every prediction right and confident
print("softmax first:", nn.CrossEntropyLoss()(torch.softmax(scores, dim=1), labels))
print("raw scores:   ", nn.CrossEntropyLoss()(scores, labels))
# --8<-- [end:silent-softmax-first]
