"""Code for docs/losses/deprecated.md: NLLLoss2d, and the size_average and reduce arguments."""

# --8<-- [start:nll-loss-2d]
import warnings

import torch
from torch import nn

torch.manual_seed(0)
log_probs = torch.randn(2, 3, 4, 4).log_softmax(dim=1)  # (N, C, H, W)
target = torch.randint(0, 3, (2, 4, 4))  # (N, H, W)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old = nn.NLLLoss2d()
print(f"{caught[0].category.__name__}: {caught[0].message}")
print(old(log_probs, target), nn.NLLLoss()(log_probs, target))
# --8<-- [end:nll-loss-2d]

# --8<-- [start:legacy-arguments]
import warnings

from torch import nn

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    loss = nn.MSELoss(size_average=False, reduction="mean")
print(f"{caught[0].category.__name__}: {caught[0].message}")
print("reduction:", loss.reduction)  # the legacy flag wins
# --8<-- [end:legacy-arguments]

# --8<-- [start:which-losses]
import inspect
import warnings

from torch import nn

# Every loss class torch.nn exports, read from torch itself.
loss_classes = [cls for name, cls in sorted(vars(nn).items()) if name.endswith("Loss") and inspect.isclass(cls)]
accepts, refuses, no_reduction = [], [], []
for cls in loss_classes:
    if "reduction" not in inspect.signature(cls).parameters:
        no_reduction.append(cls.__name__)
        continue
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cls(size_average=False)  # an unknown keyword is refused before a missing argument
        accepts.append(cls.__name__)
    except TypeError as err:
        refuses.append(cls.__name__)
        refusal = err

print(len(loss_classes), "loss classes in torch.nn")
print("take reduction and accept size_average:", ", ".join(accepts))
print("take reduction but raise TypeError:", ", ".join(refuses))
print("take no reduction at all:", ", ".join(no_reduction))
print(f"TypeError: {refusal}")  # the last one
# --8<-- [end:which-losses]

# --8<-- [start:translation-table]
import warnings

from torch import nn

print("size_average  reduce  ->  reduction")
for size_average in [None, True, False]:
    for reduce in [None, True, False]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            loss = nn.L1Loss(size_average=size_average, reduce=reduce)
        print(f"{size_average!s:>12}  {reduce!s:>6}  ->  {loss.reduction!r}")
# --8<-- [end:translation-table]
