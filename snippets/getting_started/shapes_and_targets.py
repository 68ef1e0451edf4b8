"""Code for docs/getting-started/shapes-and-targets.md: what shapes and dtypes a loss expects."""

# --8<-- [start:regression-shapes]
import torch
from torch import nn

y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])  # one number per example
y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])
print(y_pred.shape, y_true.shape, nn.MSELoss()(y_pred, y_true))
# --8<-- [end:regression-shapes]

# --8<-- [start:column-target-broadcasts]
import warnings

import torch
from torch import nn

y_pred = torch.tensor([1.0, 2.5, 4.0, 0.5])  # (4,): one number per example
y_true = torch.tensor([[2.0], [2.5], [2.0], [1.0]])  # (4, 1): a column, as read from a table
print("y_pred - y_true:", (y_pred - y_true).shape)  # every prediction against every target

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # show the warning every time, not only the first
    wrong = nn.MSELoss()(y_pred, y_true)
print(f"{caught[0].category.__name__}: {caught[0].message}")
print("(4,) against (4, 1):", wrong)
print("(4,) against (4,):  ", nn.MSELoss()(y_pred, y_true.squeeze(1)))
# --8<-- [end:column-target-broadcasts]

# --8<-- [start:classification-shapes]
import torch

# Four examples, three classes (0, 1, 2): a logit per class for each example...
logits = torch.tensor(
    [
        [-0.8, 1.2, 0.3],
        [0.1, -1.0, 2.1],
        [0.4, -0.3, 0.9],
        [1.1, 1.6, -2.3],
    ]
)
# ...and one class index per example.
y_true = torch.tensor([1, 2, 0, 1])
print("logits:", logits.shape, logits.dtype)
print("y_true:", y_true.shape, y_true.dtype)
# --8<-- [end:classification-shapes]

# --8<-- [start:argmax]
import torch

logits = torch.tensor(
    [[-0.8, 1.2, 0.3], [0.1, -1.0, 2.1], [0.4, -0.3, 0.9], [1.1, 1.6, -2.3]]
)
y_true = torch.tensor([1, 2, 0, 1])

predicted = logits.argmax(dim=1)  # the largest logit in each row
print("predicted:", predicted)
print("accuracy: ", (predicted == y_true).float().mean().item())
# --8<-- [end:argmax]

# --8<-- [start:int32-targets-fail]
import numpy as np
import torch
from torch import nn

logits = torch.tensor(
    [[-0.8, 1.2, 0.3], [0.1, -1.0, 2.1], [0.4, -0.3, 0.9], [1.1, 1.6, -2.3]]
)
y_true = torch.from_numpy(np.array([1, 2, 0, 1], dtype=np.int32))  # e.g. labels from another library
print(y_true)
try:
    nn.CrossEntropyLoss()(logits, y_true)
except RuntimeError as err:
    print(f"RuntimeError: {err}")
# --8<-- [end:int32-targets-fail]

# --8<-- [start:long-targets]
import torch
from torch import nn

logits = torch.tensor(
    [[-0.8, 1.2, 0.3], [0.1, -1.0, 2.1], [0.4, -0.3, 0.9], [1.1, 1.6, -2.3]]
)
y_true = torch.tensor([1, 2, 0, 1])  # Python ints become int64 (torch.long)
print(y_true.dtype, nn.CrossEntropyLoss()(logits, y_true))

y_true_int32 = torch.tensor([1, 2, 0, 1], dtype=torch.int32)
print(nn.CrossEntropyLoss()(logits, y_true_int32.long()))  # convert what you have
# --8<-- [end:long-targets]

# --8<-- [start:column-target-fails]
import torch
from torch import nn

logits = torch.tensor(
    [[-0.8, 1.2, 0.3], [0.1, -1.0, 2.1], [0.4, -0.3, 0.9], [1.1, 1.6, -2.3]]
)
y_true = torch.tensor([[1], [2], [0], [1]])  # shape (4, 1), e.g. read from a CSV column
try:
    nn.CrossEntropyLoss()(logits, y_true)
except RuntimeError as err:
    print(f"RuntimeError: {err}")
print(nn.CrossEntropyLoss()(logits, y_true.squeeze(1)))
# --8<-- [end:column-target-fails]

# --8<-- [start:label-out-of-range]
import torch
from torch import nn

logits = torch.tensor(
    [[-0.8, 1.2, 0.3], [0.1, -1.0, 2.1], [0.4, -0.3, 0.9], [1.1, 1.6, -2.3]]
)
y_true = torch.tensor([1, 2, 3, 1])  # labels 1..3, but the classes are 0..2
try:
    nn.CrossEntropyLoss()(logits, y_true)
except IndexError as err:
    print(f"IndexError: {err}")
print(nn.CrossEntropyLoss()(logits, y_true - 1))
# --8<-- [end:label-out-of-range]
