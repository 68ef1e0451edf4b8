"""Code for docs/losses/soft-margin-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def soft_margin_loss(input, target, reduction="mean"):
    """nn.SoftMarginLoss in NumPy: log(1 + exp(-y * x)), then the reduction."""
    loss = np.log1p(np.exp(-target * input))  # as torch computes it, overflow included
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
    scores = torch.randn(4, requires_grad=True)  # (N,)
    signs = torch.tensor([1.0, -1.0, -1.0, 1.0])  # (N,) -1 or 1

    loss_fn = nn.SoftMarginLoss()
    print(loss_fn(scores, signs))
    # --8<-- [end:minimal]

    # --8<-- [start:same-as-bce-with-logits]
    import torch
    from torch import nn

    scores = torch.tensor([2.0, -1.0, 0.5, -3.0])
    signs = torch.tensor([1.0, -1.0, -1.0, 1.0])

    print(nn.SoftMarginLoss()(scores, signs))
    print(nn.BCEWithLogitsLoss()(scores, (signs + 1) / 2))  # -1/1 mapped to 0/1
    # --8<-- [end:same-as-bce-with-logits]

    # --8<-- [start:example]
    import torch
    from torch import nn

    scores = torch.tensor([2.0, -1.0, 0.5, -3.0])  # raw scores
    signs = torch.tensor([1.0, -1.0, -1.0, 1.0])  # the classes as -1 and 1

    loss = nn.SoftMarginLoss()
    print(loss(scores, signs))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    scores = np.array([2.0, -1.0, 0.5, -3.0])
    signs = np.array([1.0, -1.0, -1.0, 1.0])
    print(soft_margin_loss(scores, signs))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    scores = torch.tensor([2.0, -1.0, 0.5, -3.0])
    signs = torch.tensor([1.0, -1.0, -1.0, 1.0])

    for reduction in ["mean", "sum", "none"]:
        print(f"{reduction:>4}:", nn.SoftMarginLoss(reduction=reduction)(scores, signs))
    # --8<-- [end:reduction]

    # --8<-- [start:zero-one-targets]
    import torch
    from torch import nn

    scores = torch.tensor([2.0, -1.0, 0.5, -3.0], requires_grad=True)
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0])  # 0 meant as "negative"

    loss = nn.SoftMarginLoss(reduction="none")(scores, labels)
    loss.sum().backward()
    print(loss.detach())  # log(2) for every 0 target, whatever its score
    print(scores.grad)  # and no gradient to move those scores
    # --8<-- [end:zero-one-targets]

    # --8<-- [start:overflow]
    import math

    import torch
    from torch import nn

    print("exp(z) overflows float32 for z above", round(math.log(torch.finfo(torch.float32).max), 2))

    signs = torch.tensor([1.0, -1.0])
    scores = torch.tensor([-100.0, 100.0], requires_grad=True)  # very wrong
    loss = nn.SoftMarginLoss(reduction="none")(scores, signs)
    (grad,) = torch.autograd.grad(loss.sum(), scores)
    print("SoftMarginLoss:   ", loss.detach(), grad)

    loss = nn.BCEWithLogitsLoss(reduction="none")(scores, (signs + 1) / 2)
    (grad,) = torch.autograd.grad(loss.sum(), scores)
    print("BCEWithLogitsLoss:", loss.detach(), grad)
    # --8<-- [end:overflow]

    # --8<-- [start:target-shape]
    import torch
    from torch import nn

    scores = torch.tensor([2.0, -1.0, 0.5, -3.0])  # (N,)
    signs = torch.tensor([[1.0], [-1.0], [-1.0], [1.0]])  # (N, 1)
    try:
        nn.SoftMarginLoss()(scores, signs)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.SoftMarginLoss()(scores, signs.squeeze(1)))
    # --8<-- [end:target-shape]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    scores = torch.tensor([2.0, -1.0, 0.5, -3.0])
    signs = torch.tensor([1.0, -1.0, -1.0, 1.0])
    print(F.soft_margin_loss(scores, signs, reduction="sum"))
    # --8<-- [end:functional]
