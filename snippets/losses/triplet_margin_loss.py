"""Code for docs/losses/triplet-margin-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def _pairwise_distance(x1, x2, p, eps):
    """torch.pairwise_distance: the p-norm of x1 - x2 + eps over the last dimension."""
    return np.linalg.norm(x1 - x2 + eps, ord=p, axis=-1)


def triplet_margin_loss(
    anchor, positive, negative, margin=1.0, p=2.0, eps=1e-6, swap=False,
    reduction="mean",
):
    """nn.TripletMarginLoss in NumPy: max(0, margin + d(a, p) - d(a, n)) per triplet."""
    d_pos = _pairwise_distance(anchor, positive, p, eps)
    d_neg = _pairwise_distance(anchor, negative, p, eps)
    if swap:  # use the positive-negative distance when it is the smaller one
        d_neg = np.minimum(d_neg, _pairwise_distance(positive, negative, p, eps))
    loss = np.maximum(margin + d_pos - d_neg, 0.0)
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
    anchor = torch.randn(4, 5, requires_grad=True)  # (N, D)
    positive = torch.randn(4, 5)  # (N, D)
    negative = torch.randn(4, 5)  # (N, D)

    loss_fn = nn.TripletMarginLoss()
    print(loss_fn(anchor, positive, negative))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    anchor = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
    positive = torch.tensor([[0.0, 1.0], [1.0, 2.0]])  # at distance 1 from each anchor
    negative = torch.tensor([[3.0, 0.0], [1.5, 1.0]])  # at distances 3 and 0.5

    loss = nn.TripletMarginLoss()
    print(loss(anchor, positive, negative))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    anchor = np.array([[0.0, 0.0], [1.0, 1.0]])
    positive = np.array([[0.0, 1.0], [1.0, 2.0]])
    negative = np.array([[3.0, 0.0], [1.5, 1.0]])
    print(triplet_margin_loss(anchor, positive, negative))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    anchor = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
    positive = torch.tensor([[0.0, 1.0], [1.0, 2.0]])
    negative = torch.tensor([[3.0, 0.0], [1.5, 1.0]])

    for reduction in ["mean", "sum", "none"]:
        loss = nn.TripletMarginLoss(reduction=reduction)
        print(f"{reduction:>4}:", loss(anchor, positive, negative))
    # --8<-- [end:reduction]

    # --8<-- [start:margin]
    import torch
    from torch import nn

    anchor = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
    positive = torch.tensor([[0.0, 1.0], [1.0, 2.0]])
    negative = torch.tensor([[3.0, 0.0], [1.5, 1.0]])

    for margin in [0.5, 1.0, 2.5]:
        loss = nn.TripletMarginLoss(margin=margin, reduction="none")
        print(f"margin={margin}:", loss(anchor, positive, negative))
    # --8<-- [end:margin]

    # --8<-- [start:p]
    import torch
    from torch import nn

    anchor = torch.tensor([[0.0, 0.0]])
    positive = torch.tensor([[1.0, 1.0]])  # diagonal: its distance depends on p
    negative = torch.tensor([[2.0, 0.0]])  # along an axis: at distance 2 for every p

    for p in [1.0, 2.0, float("inf")]:
        loss = nn.TripletMarginLoss(p=p)
        print(f"p={p}:", loss(anchor, positive, negative))
    # --8<-- [end:p]

    # --8<-- [start:eps]
    import torch
    from torch import nn

    anchor = torch.zeros(1, 4)
    positive = torch.zeros(1, 4)  # the anchor itself
    negative = torch.tensor([[0.5, 0.0, 0.0, 0.0]])

    for eps in [1e-6, 0.0, 0.1]:
        loss = nn.TripletMarginLoss(eps=eps)(anchor, positive, negative)
        print(f"eps={eps}: {loss.item():.6f}")
    # --8<-- [end:eps]

    # --8<-- [start:swap]
    import torch
    from torch import nn

    anchor = torch.tensor([[0.0, 0.0]])
    positive = torch.tensor([[2.0, 0.0]])
    negative = torch.tensor([[3.5, 0.0]])  # 3.5 from the anchor, 1.5 from the positive

    for swap in [False, True]:
        loss = nn.TripletMarginLoss(swap=swap)
        print(f"swap={swap}:", loss(anchor, positive, negative))
    # --8<-- [end:swap]

    # --8<-- [start:easy-triplets]
    import torch
    from torch import nn

    torch.manual_seed(0)
    anchor = torch.randn(4, 8, requires_grad=True)
    positive = anchor.detach() + 0.1 * torch.randn(4, 8)
    negative = torch.randn(4, 8) + 3.0  # far from every anchor

    loss = nn.TripletMarginLoss()(anchor, positive, negative)
    loss.backward()
    print(loss)
    print("largest gradient:", anchor.grad.abs().max())
    # --8<-- [end:easy-triplets]

    # --8<-- [start:zero-margin]
    from torch import nn

    try:
        nn.TripletMarginLoss(margin=0.0)
    except ValueError as err:
        print(f"ValueError: {err}")
    # --8<-- [end:zero-margin]

    # --8<-- [start:one-positive]
    import torch
    from torch import nn

    anchor = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
    positive = torch.tensor([0.0, 1.0])  # one positive for the whole batch, shape (D,)
    negative = torch.tensor([[3.0, 0.0], [1.5, 1.0]])

    loss = nn.TripletMarginLoss(reduction="none")
    try:
        loss(anchor, positive, negative)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(loss(anchor, positive.unsqueeze(0), negative))  # (1, D) broadcasts to (N, D)
    # --8<-- [end:one-positive]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    anchor = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
    positive = torch.tensor([[0.0, 1.0], [1.0, 2.0]])
    negative = torch.tensor([[3.0, 0.0], [1.5, 1.0]])
    print(F.triplet_margin_loss(anchor, positive, negative, margin=2.5, p=1))
    # --8<-- [end:functional]
