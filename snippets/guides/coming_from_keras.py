"""Code for docs/guides/coming-from-keras.md: Keras 3 (torch backend) and torch.nn on the same inputs."""

# --8<-- [start:argument-order]
import os

os.environ["KERAS_BACKEND"] = "torch"  # before the first `import keras`
import keras
import torch
from torch import nn

y_true = torch.tensor([1.0, 0.0, 1.0, 1.0])
y_pred = torch.tensor([0.9, 0.2, 0.6, 0.3])  # probabilities

keras_bce = keras.losses.BinaryCrossentropy()
torch_bce = nn.BCELoss()
print(f"Keras keras_bce(y_true, y_pred): {keras_bce(y_true, y_pred):.4f}")
print(f"torch torch_bce(y_pred, y_true): {torch_bce(y_pred, y_true):.4f}")
swapped = torch_bce(y_true, y_pred)  # runs without an error
print(f"torch torch_bce(y_true, y_pred): {swapped:.4f}")
# --8<-- [end:argument-order]

# --8<-- [start:reduction-none]
import os

os.environ["KERAS_BACKEND"] = "torch"
import keras
import torch
from torch import nn

torch.manual_seed(0)
y_true = torch.randn(8, 5)
y_pred = torch.randn(8, 5)

per_sample = keras.losses.MeanSquaredError(reduction=None)(y_true, y_pred)
per_element = nn.MSELoss(reduction="none")(y_pred, y_true)
print("Keras reduction=None:   ", tuple(per_sample.shape))
print("torch reduction='none': ", tuple(per_element.shape))
print("same numbers:", torch.allclose(per_sample, per_element.mean(dim=-1)))
# --8<-- [end:reduction-none]

# --8<-- [start:bce-clipping]
import os

os.environ["KERAS_BACKEND"] = "torch"
import keras
import torch
from torch import nn

y_true = torch.tensor([[1.0], [0.0], [1.0], [0.0]])
y_pred = torch.tensor([[0.0], [1.0], [1.0], [0.5]])  # wrong, wrong, right: all sure

keras_bce = keras.losses.BinaryCrossentropy(reduction=None)(y_true, y_pred)
torch_bce = nn.BCELoss(reduction="none")(y_pred, y_true).squeeze(1)
print("Keras per sample:", keras_bce)
print("torch per sample:", torch_bce)
print(f"mean: Keras {keras_bce.mean():.4f}, torch {torch_bce.mean():.4f}")

clipped = y_pred.clamp(1e-7, 1 - 1e-7)  # what Keras does to probabilities
print(f"torch on clipped probabilities: {nn.BCELoss()(clipped, y_true):.4f}")
# --8<-- [end:bce-clipping]

# --8<-- [start:from-logits]
import os

os.environ["KERAS_BACKEND"] = "torch"
import keras
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(4, 3)  # a model's raw output
y_true = torch.tensor([0, 2, 1, 2])

cce = keras.losses.SparseCategoricalCrossentropy
probabilities = logits.softmax(-1)
print(f"torch CrossEntropyLoss on logits:  {nn.CrossEntropyLoss()(logits, y_true):.4f}")
print(f"Keras from_logits=True on logits:  {cce(from_logits=True)(y_true, logits):.4f}")
print(f"Keras default on probabilities:    {cce()(y_true, probabilities):.4f}")
print(f"Keras default on logits (a bug):   {cce()(y_true, logits):.4f}")
# --8<-- [end:from-logits]

# --8<-- [start:class-axis]
import os

os.environ["KERAS_BACKEND"] = "torch"
import keras
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(2, 3, 4)  # Keras layout: (batch, time, classes)
y_true = torch.randint(0, 4, (2, 3))

keras_loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
torch_loss = nn.CrossEntropyLoss()
print(f"Keras, classes last:            {keras_loss(y_true, logits):.4f}")
classes_in_dim_1 = logits.permute(0, 2, 1)  # (batch, classes, time)
print(f"torch, classes moved to dim 1:  {torch_loss(classes_in_dim_1, y_true):.4f}")
try:
    torch_loss(logits, y_true)  # classes still last
except RuntimeError as err:
    print(f"RuntimeError: {err}")
# --8<-- [end:class-axis]

# --8<-- [start:weighted-mean]
import os

os.environ["KERAS_BACKEND"] = "torch"
import keras
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(6, 3)
y_true = torch.tensor([0, 0, 0, 0, 1, 2])
class_weight = torch.tensor([1.0, 5.0, 5.0])
sample_weight = class_weight[y_true]  # one weight per example, as Keras takes them

cce = keras.losses.SparseCategoricalCrossentropy
keras_default = cce(from_logits=True)(y_true, logits, sample_weight=sample_weight)
keras_by_weight = cce(from_logits=True, reduction="mean_with_sample_weight")(
    y_true, logits, sample_weight=sample_weight
)
torch_weighted = nn.CrossEntropyLoss(weight=class_weight)(logits, y_true)
per_sample = nn.CrossEntropyLoss(reduction="none")(logits, y_true)

print(f"Keras default, sum / N:               {keras_default:.4f}")
by_n = (per_sample * sample_weight).sum() / len(y_true)
print(f"torch (per_sample * w).sum() / N:     {by_n:.4f}")
print(f"torch weight=, sum / sum of weights:  {torch_weighted:.4f}")
print(f"Keras 'mean_with_sample_weight':      {keras_by_weight:.4f}")
print("sum of weights:", sample_weight.sum().item(), "N:", len(y_true))
# --8<-- [end:weighted-mean]

# --8<-- [start:label-smoothing]
import os

os.environ["KERAS_BACKEND"] = "torch"
import keras
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(4, 3)
y_true = torch.tensor([0, 2, 1, 2])
one_hot = nn.functional.one_hot(y_true, 3).float()

keras_cce = keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)
torch_ce = nn.CrossEntropyLoss(label_smoothing=0.1)
print(f"Keras CategoricalCrossentropy:  {keras_cce(one_hot, logits):.4f}")
print(f"torch CrossEntropyLoss:         {torch_ce(logits, y_true):.4f}")

scores = torch.randn(4, 1)
labels = torch.tensor([[1.0], [0.0], [1.0], [0.0]])
keras_bce = keras.losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1)
smoothed = labels * (1 - 0.1) + 0.5 * 0.1  # 1 -> 0.95, 0 -> 0.05
print(f"Keras BinaryCrossentropy:       {keras_bce(labels, scores):.4f}")
print(f"torch on smoothed targets:      {nn.BCEWithLogitsLoss()(scores, smoothed):.4f}")
try:
    nn.BCEWithLogitsLoss(label_smoothing=0.1)
except TypeError as err:
    print(f"TypeError: {err}")
# --8<-- [end:label-smoothing]

# --8<-- [start:kl-order]
import os
import warnings

os.environ["KERAS_BACKEND"] = "torch"
import keras
import torch
from torch import nn

torch.manual_seed(0)
p = torch.randn(3, 4).softmax(-1)  # the target distribution
q = torch.randn(3, 4).softmax(-1)  # the model's distribution

kl = nn.KLDivLoss(reduction="batchmean")
print(f"Keras KLDivergence()(p, q):       {keras.losses.KLDivergence()(p, q):.4f}")
print(f"torch KLDivLoss(q.log(), p):      {kl(q.log(), p):.4f}")
print(f"torch KLDivLoss(q, p), no log:    {kl(q, p):.4f}")
print(f"torch KLDivLoss(p, q.log()):      {kl(p, q.log()):.4f}")

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    mean = nn.KLDivLoss()(q.log(), p)  # the default reduction="mean"
print(f"default reduction='mean':         {mean:.4f}")
print(f"{caught[0].category.__name__}: {caught[0].message}")
# --8<-- [end:kl-order]

# --8<-- [start:all-ignored]
import os

os.environ["KERAS_BACKEND"] = "torch"
import keras
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(4, 3, requires_grad=True)
padding = torch.tensor([-1, -1, -1, -1])  # a batch with nothing to learn from
some = torch.tensor([0, -1, 2, -1])

keras_ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-1)
torch_ce = nn.CrossEntropyLoss(ignore_index=-1)
for name, y_true in [("some ignored", some), ("all ignored", padding)]:
    keras_value, torch_value = keras_ce(y_true, logits), torch_ce(logits, y_true)
    print(f"{name:>12}: Keras {keras_value:.4f}, torch {torch_value:.4f}")

torch_ce(logits, padding).backward()
print("torch gradient of the nan loss:", logits.grad.abs().max().item())

summed = nn.CrossEntropyLoss(ignore_index=-1, reduction="sum")(logits, padding)
kept = (padding != -1).sum().clamp_min(1)
print(f"torch, sum over a count of at least 1: {summed / kept:.4f}")
# --8<-- [end:all-ignored]
