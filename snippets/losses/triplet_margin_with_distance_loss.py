"""Code for docs/losses/triplet-margin-with-distance-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def _pairwise_distance(x1, x2):
    """nn.PairwiseDistance(): the 2-norm of x1 - x2 + 1e-6 over the last dimension."""
    return np.linalg.norm(x1 - x2 + 1e-6, axis=-1)


def triplet_margin_with_distance_loss(
    anchor, positive, negative, *, distance_function=None, margin=1.0, swap=False,
    reduction="mean",
):
    """nn.TripletMarginWithDistanceLoss in NumPy: max(0, margin + d(a, p) - d(a, n))."""
    if distance_function is None:
        distance_function = _pairwise_distance
    d_pos = distance_function(anchor, positive)
    d_neg = distance_function(anchor, negative)
    if swap:  # use the positive-negative distance when it is the smaller one
        d_neg = np.minimum(d_neg, distance_function(positive, negative))
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

    loss_fn = nn.TripletMarginWithDistanceLoss()
    print(loss_fn(anchor, positive, negative))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    anchor = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
    positive = torch.tensor([[0.0, 1.0], [1.0, 2.0]])  # at distance 1 from each anchor
    negative = torch.tensor([[3.0, 0.0], [1.5, 1.0]])  # at distances 3 and 0.5

    loss = nn.TripletMarginWithDistanceLoss()  # Euclidean distance by default
    print(loss(anchor, positive, negative))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    anchor = np.array([[0.0, 0.0], [1.0, 1.0]])
    positive = np.array([[0.0, 1.0], [1.0, 2.0]])
    negative = np.array([[3.0, 0.0], [1.5, 1.0]])
    print(triplet_margin_with_distance_loss(anchor, positive, negative))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    anchor = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
    positive = torch.tensor([[0.0, 1.0], [1.0, 2.0]])
    negative = torch.tensor([[3.0, 0.0], [1.5, 1.0]])

    for reduction in ["mean", "sum", "none"]:
        loss = nn.TripletMarginWithDistanceLoss(reduction=reduction)
        print(f"{reduction:>4}:", loss(anchor, positive, negative))
    # --8<-- [end:reduction]

    # --8<-- [start:distance-function]
    import torch
    import torch.nn.functional as F
    from torch import nn


    def cosine_distance(x, y):
        return 1.0 - F.cosine_similarity(x, y, dim=-1)


    anchor = torch.tensor([[1.0, 0.0]])
    positive = torch.tensor([[10.0, 1.0]])  # far away, but in almost the same direction
    negative = torch.tensor([[0.5, 0.5]])  # near, but at 45 degrees

    euclidean = nn.TripletMarginWithDistanceLoss()
    cosine = nn.TripletMarginWithDistanceLoss(distance_function=cosine_distance)
    print("Euclidean:", euclidean(anchor, positive, negative))
    print("cosine:   ", cosine(anchor, positive, negative))
    # --8<-- [end:distance-function]

    # --8<-- [start:margin]
    import torch
    import torch.nn.functional as F
    from torch import nn


    def cosine_distance(x, y):
        return 1.0 - F.cosine_similarity(x, y, dim=-1)


    anchor = torch.tensor([[1.0, 0.0]])
    positive = torch.tensor([[10.0, 1.0]])  # cosine distance 0.005
    negative = torch.tensor([[0.5, 0.5]])  # cosine distance 0.293

    for margin in [0.2, 1.0]:
        loss = nn.TripletMarginWithDistanceLoss(
            distance_function=cosine_distance, margin=margin
        )
        print(f"margin={margin}:", loss(anchor, positive, negative))
    # --8<-- [end:margin]

    # --8<-- [start:swap]
    import torch
    from torch import nn

    anchor = torch.tensor([[0.0, 0.0]])
    positive = torch.tensor([[2.0, 0.0]])
    negative = torch.tensor([[3.5, 0.0]])  # 3.5 from the anchor, 1.5 from the positive

    for swap in [False, True]:
        loss = nn.TripletMarginWithDistanceLoss(swap=swap)
        print(f"swap={swap}:", loss(anchor, positive, negative))
    # --8<-- [end:swap]

    # --8<-- [start:batch-distance]
    import torch
    from torch import nn


    def batch_distance(x, y):
        return (x - y).norm()  # one number for the whole batch


    def row_distance(x, y):
        return (x - y).norm(dim=-1)  # one number per row


    torch.manual_seed(0)
    anchor, positive, negative = torch.randn(3, 4, 8)  # three (4, 8) tensors

    for distance in [batch_distance, row_distance]:
        loss = nn.TripletMarginWithDistanceLoss(
            distance_function=distance, reduction="none"
        )
        print(f"{distance.__name__}:", loss(anchor, positive, negative))
    # --8<-- [end:batch-distance]

    # --8<-- [start:similarity]
    import torch
    import torch.nn.functional as F
    from torch import nn

    anchor = torch.tensor([[1.0, 0.0]])
    positive = torch.tensor([[2.0, 0.0]])  # the same direction: a perfect positive
    negative = torch.tensor([[-1.0, 0.0]])  # the opposite direction: a perfect negative

    wrong = nn.TripletMarginWithDistanceLoss(distance_function=F.cosine_similarity)
    right = nn.TripletMarginWithDistanceLoss(
        distance_function=lambda x, y: 1.0 - F.cosine_similarity(x, y)
    )
    print("similarity:", wrong(anchor, positive, negative))
    print("distance:  ", right(anchor, positive, negative))
    # --8<-- [end:similarity]

    # --8<-- [start:positional]
    import torch.nn.functional as F
    from torch import nn


    def cosine_distance(x, y):
        return 1.0 - F.cosine_similarity(x, y, dim=-1)


    try:
        nn.TripletMarginWithDistanceLoss(cosine_distance)
    except TypeError as err:
        print(f"TypeError: {err}")
    loss = nn.TripletMarginWithDistanceLoss(distance_function=cosine_distance)
    print(loss.distance_function.__name__)
    # --8<-- [end:positional]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    anchor = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
    positive = torch.tensor([[0.0, 1.0], [1.0, 2.0]])
    negative = torch.tensor([[3.0, 0.0], [1.5, 1.0]])
    loss = F.triplet_margin_with_distance_loss(
        anchor, positive, negative, distance_function=F.pairwise_distance, margin=2.5
    )
    print(loss)
    # --8<-- [end:functional]
