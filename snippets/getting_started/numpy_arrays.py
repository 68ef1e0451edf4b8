"""Code for docs/getting-started/numpy-arrays.md: losses take tensors, and how to get them from NumPy."""

# --8<-- [start:ndarray-fails]
import numpy as np
from torch import nn

rng = np.random.default_rng(0)
y_pred = rng.standard_normal((3, 5))
y_true = rng.standard_normal((3, 5))

try:
    nn.L1Loss()(y_pred, y_true)
except TypeError as err:
    print(f"TypeError: {err}")
# --8<-- [end:ndarray-fails]

# --8<-- [start:size-is-an-int]
import numpy as np
import torch

array = np.zeros((3, 5))
tensor = torch.zeros(3, 5)
print("ndarray.size: ", array.size, type(array.size).__name__)
print("tensor.size():", tensor.size())
try:
    array.size()  # what the loss does to its arguments
except TypeError as err:
    print(f"TypeError: {err}")
# --8<-- [end:size-is-an-int]

# --8<-- [start:functional-fails-too]
import numpy as np
import torch.nn.functional as F

logits = np.array([[2.0, 0.5, -1.0]])
label = np.array([0])
try:
    F.cross_entropy(logits, label)
except TypeError as err:
    print(f"TypeError: {err}")
# --8<-- [end:functional-fails-too]

# --8<-- [start:from-numpy]
import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)
y_pred_np = rng.standard_normal((3, 5))
y_true_np = rng.standard_normal((3, 5))

y_pred = torch.from_numpy(y_pred_np)
y_true = torch.from_numpy(y_true_np)
loss = nn.L1Loss()(y_pred, y_true)
print(loss)
print(type(loss.item()).__name__, loss.item())
# --8<-- [end:from-numpy]

# --8<-- [start:shared-memory]
import numpy as np
import torch

array = np.array([1.0, 2.0, 3.0])
shared = torch.from_numpy(array)  # same memory as the array
copied = torch.tensor(array)  # a copy
array[0] = 100.0
print("from_numpy:", shared)
print("tensor:    ", copied)
print("back to NumPy:", copied.numpy(), type(copied.numpy()).__name__)
# --8<-- [end:shared-memory]

# --8<-- [start:float64-meets-float32]
import numpy as np
import torch
from torch import nn

model = nn.Linear(5, 1)  # parameters are float32
features = torch.from_numpy(np.ones((2, 5)))  # NumPy's default: float64
print(features.dtype, model.weight.dtype)
try:
    model(features)
except RuntimeError as err:
    print(f"RuntimeError: {err}")

prediction = model(features.float())  # or torch.from_numpy(...).to(torch.float32)
print(prediction.dtype, prediction.shape)
# --8<-- [end:float64-meets-float32]

# --8<-- [start:mixed-dtype-targets]
import torch
from torch import nn

y_pred = torch.tensor([0.2, 0.7, 0.9, 0.4])  # float32, as a model returns it
y_true = torch.tensor([0.0, 1.0, 1.0, 0.0])
losses = {
    "L1Loss": nn.L1Loss(),
    "MSELoss": nn.MSELoss(),
    "SmoothL1Loss": nn.SmoothL1Loss(),
    "HuberLoss": nn.HuberLoss(),
    "SoftMarginLoss": nn.SoftMarginLoss(),
    "BCEWithLogitsLoss": nn.BCEWithLogitsLoss(),
    "BCELoss": nn.BCELoss(),
}
errors = []


def result_dtype(loss_fn, prediction, target):
    try:
        return str(loss_fn(prediction, target).dtype)
    except RuntimeError as err:
        errors.append(f"RuntimeError: {err}")
        return "RuntimeError"


print(f"{'':<18}  {'float32 input':<15}  float64 input")
print(f"{'':<18}  {'float64 target':<15}  float32 target")
for name, loss_fn in losses.items():
    float64_target = result_dtype(loss_fn, y_pred, y_true.double())
    float64_input = result_dtype(loss_fn, y_pred.double(), y_true)
    print(f"{name:<18}  {float64_target:<15}  {float64_input}")
print("\n".join(errors))
# --8<-- [end:mixed-dtype-targets]

# --8<-- [start:float64-weights]
import numpy as np
import torch
from torch import nn

logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.2]])  # float32
labels = torch.tensor([0, 1])
class_weights = torch.from_numpy(np.array([1.0, 2.0, 1.0]))  # float64, from NumPy
for loss_class in [nn.CrossEntropyLoss, nn.NLLLoss, nn.MultiMarginLoss]:
    try:
        print(f"{loss_class.__name__:<16}", loss_class(weight=class_weights)(logits, labels))
    except RuntimeError as err:
        print(f"{loss_class.__name__:<16} RuntimeError: {err}")

print(f"{'.float() weights':<16}", nn.CrossEntropyLoss(weight=class_weights.float())(logits, labels))
# --8<-- [end:float64-weights]

# --8<-- [start:integer-targets]
import numpy as np
import torch
from torch import nn

logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.2]])
labels_np = np.array([0, 1])  # int64, NumPy 2's default integer
labels = torch.from_numpy(labels_np)
print(labels.dtype, nn.CrossEntropyLoss()(logits, labels))
# --8<-- [end:integer-targets]
