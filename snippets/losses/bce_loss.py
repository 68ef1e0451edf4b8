"""Code for docs/losses/bce-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def binary_cross_entropy(input, target, weight=None, reduction="mean"):
    """nn.BCELoss in NumPy: cross-entropy of probabilities, each log clamped at -100."""
    with np.errstate(divide="ignore"):  # log(0) is -inf until the clamp
        log_p = np.maximum(np.log(input), -100.0)
        log_1_minus_p = np.maximum(np.log1p(-input), -100.0)
    loss = -(target * log_p + (1 - target) * log_1_minus_p)
    if weight is not None:
        loss = loss * weight  # broadcast against the input's shape
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
# --8<-- [end:numpy]


if __name__ == "__main__":
    # --8<-- [start:minimal]
    import torch
    from torch import nn

    torch.manual_seed(0)
    logits = torch.randn(4, requires_grad=True)
    probs = logits.sigmoid()  # (N,) probabilities
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0])  # (N,) 0 or 1

    loss_fn = nn.BCELoss()
    print(loss_fn(probs, labels))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    probs = torch.tensor([0.9, 0.2, 0.7, 0.4])  # predicted probabilities of class 1
    labels = torch.tensor([1.0, 0.0, 1.0, 1.0])

    loss = nn.BCELoss()
    print(loss(probs, labels))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    probs = np.array([0.9, 0.2, 0.7, 0.4])
    labels = np.array([1.0, 0.0, 1.0, 1.0])
    print(binary_cross_entropy(probs, labels))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    probs = torch.tensor([0.9, 0.2, 0.7, 0.4])
    labels = torch.tensor([1.0, 0.0, 1.0, 1.0])

    for reduction in ["mean", "sum", "none"]:
        print(f"{reduction:>4}:", nn.BCELoss(reduction=reduction)(probs, labels))
    # --8<-- [end:reduction]

    # --8<-- [start:weight]
    import torch
    from torch import nn

    probs = torch.tensor([[0.9, 0.2, 0.7], [0.4, 0.6, 0.1]])  # (N, C) = (2, 3)
    labels = torch.tensor([[1.0, 0.0, 1.0], [1.0, 1.0, 0.0]])
    weight = torch.tensor([1.0, 1.0, 4.0])  # broadcast: a factor per column

    per_element = nn.BCELoss(reduction="none")(probs, labels)
    weighted = nn.BCELoss(weight=weight)(probs, labels)
    print(weighted)
    print((per_element * weight).mean())  # divides by 6 elements
    total_weight = weight.expand_as(probs).sum()
    print((per_element * weight).sum() / total_weight)  # not by the total weight
    # --8<-- [end:weight]

    # --8<-- [start:certain-and-wrong]
    import torch
    from torch import nn

    probs = torch.tensor([0.0, 1.0, 1e-30, 0.5])
    labels = torch.tensor([1.0, 0.0, 1.0, 1.0])
    print(nn.BCELoss(reduction="none")(probs, labels))
    # --8<-- [end:certain-and-wrong]

    # --8<-- [start:logits]
    import torch
    from torch import nn

    scores = torch.tensor([1.5, -0.5, 2.0, -3.0])  # raw model outputs (logits)
    labels = torch.tensor([1.0, 0.0, 1.0, 1.0])
    try:
        nn.BCELoss()(scores, labels)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.BCELoss()(torch.sigmoid(scores), labels))
    print(nn.BCEWithLogitsLoss()(scores, labels))  # the same, in one stable step
    # --8<-- [end:logits]

    # --8<-- [start:float64-target]
    import numpy as np
    import torch
    from torch import nn

    probs = torch.tensor([0.9, 0.2, 0.7, 0.4])  # float32
    labels = torch.from_numpy(np.array([1.0, 0.0, 1.0, 1.0]))  # float64
    try:
        nn.BCELoss()(probs, labels)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.BCELoss()(probs, labels.float()))
    # --8<-- [end:float64-target]

    # --8<-- [start:target-shape]
    import torch
    from torch import nn

    probs = torch.tensor([[0.9], [0.2], [0.7], [0.4]])  # (N, 1): a model's last layer
    labels = torch.tensor([1.0, 0.0, 1.0, 1.0])  # (N,)
    try:
        nn.BCELoss()(probs, labels)
    except ValueError as err:
        print(f"ValueError: {err}")
    print(nn.BCELoss()(probs.squeeze(1), labels))
    # --8<-- [end:target-shape]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    probs = torch.tensor([0.9, 0.2, 0.7, 0.4])
    labels = torch.tensor([1.0, 0.0, 1.0, 1.0])
    weight = torch.tensor([1.0, 1.0, 2.0, 2.0])
    print(F.binary_cross_entropy(probs, labels, weight=weight, reduction="sum"))
    # --8<-- [end:functional]
