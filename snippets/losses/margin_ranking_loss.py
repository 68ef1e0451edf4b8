"""Code for docs/losses/margin-ranking-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def margin_ranking_loss(input1, input2, target, margin=0.0, reduction="mean"):
    """nn.MarginRankingLoss in NumPy: a hinge on how far each pair is out of order."""
    loss = np.maximum(0.0, -target * (input1 - input2) + margin)
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
    x1 = torch.randn(4, requires_grad=True)  # (N,)
    x2 = torch.randn(4, requires_grad=True)  # (N,)
    y = torch.tensor([1.0, -1.0, 1.0, -1.0])  # (N,) 1: x1 first

    loss_fn = nn.MarginRankingLoss()
    print(loss_fn(x1, x2, y))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    x1 = torch.tensor([2.0, 0.5, 1.0, 0.25])
    x2 = torch.tensor([1.0, 1.5, 1.0, 0.75])
    y = torch.tensor([1.0, 1.0, -1.0, -1.0])  # 1: x1 should rank higher; -1: x2 should

    loss = nn.MarginRankingLoss(margin=0.5)
    print(loss(x1, x2, y))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    x1 = np.array([2.0, 0.5, 1.0, 0.25])
    x2 = np.array([1.0, 1.5, 1.0, 0.75])
    y = np.array([1.0, 1.0, -1.0, -1.0])
    print(margin_ranking_loss(x1, x2, y, margin=0.5))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    x1 = torch.tensor([2.0, 0.5, 1.0, 0.25])
    x2 = torch.tensor([1.0, 1.5, 1.0, 0.75])
    y = torch.tensor([1.0, 1.0, -1.0, -1.0])

    for reduction in ["mean", "sum", "none"]:
        loss = nn.MarginRankingLoss(margin=0.5, reduction=reduction)
        print(f"{reduction:>4}:", loss(x1, x2, y))
    # --8<-- [end:reduction]

    # --8<-- [start:margin]
    import torch
    from torch import nn

    x1 = torch.tensor([2.0, 0.5, 1.0, 0.25])
    x2 = torch.tensor([1.0, 1.5, 1.0, 0.75])
    y = torch.tensor([1.0, 1.0, -1.0, -1.0])

    for margin in [0.0, 0.5, 1.0]:
        loss = nn.MarginRankingLoss(margin=margin, reduction="none")
        print(f"margin={margin}:", loss(x1, x2, y))
    # --8<-- [end:margin]

    # --8<-- [start:zero-target]
    import torch
    from torch import nn

    x1 = torch.tensor([1.0, 0.5, 1.0, 0.25], requires_grad=True)
    x2 = torch.tensor([1.0, 1.5, 1.0, 0.75])
    y = torch.tensor([1.0, 0.0, 0.0, 0.0])  # 0 meant "x2 should rank higher"

    loss = nn.MarginRankingLoss(margin=0.5, reduction="none")
    losses = loss(x1, x2, y)
    losses.sum().backward()
    print("0/1 target: ", losses.detach(), " gradient:", x1.grad)
    print("-1/1 target:", loss(x1, x2, 2 * y - 1).detach())
    # --8<-- [end:zero-target]

    # --8<-- [start:dimensions]
    import torch
    from torch import nn

    x1 = torch.tensor([[2.0], [0.5], [1.0], [0.25]])  # a model's (N, 1) output
    x2 = torch.tensor([[1.0], [1.5], [1.0], [0.75]])
    y = torch.tensor([1.0, 1.0, -1.0, -1.0])
    try:
        nn.MarginRankingLoss()(x1, x2, y)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.MarginRankingLoss()(x1.squeeze(1), x2.squeeze(1), y))
    # --8<-- [end:dimensions]

    # --8<-- [start:bool-target]
    import torch
    from torch import nn

    x1 = torch.tensor([2.0, 0.5, 1.0, 0.25])
    x2 = torch.tensor([1.0, 1.5, 1.0, 0.75])
    x1_first = torch.tensor([True, True, False, False])
    try:
        nn.MarginRankingLoss()(x1, x2, x1_first)
    except RuntimeError as err:
        print(f"{type(err).__name__}: {err}")
    print(nn.MarginRankingLoss()(x1, x2, x1_first.float() * 2 - 1))
    # --8<-- [end:bool-target]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    x1 = torch.tensor([2.0, 0.5, 1.0, 0.25])
    x2 = torch.tensor([1.0, 1.5, 1.0, 0.75])
    y = torch.tensor([1.0, 1.0, -1.0, -1.0])
    print(F.margin_ranking_loss(x1, x2, y, margin=0.5, reduction="sum"))
    # --8<-- [end:functional]
