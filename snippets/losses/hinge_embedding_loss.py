"""Code for docs/losses/hinge-embedding-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def hinge_embedding_loss(input, target, margin=1.0, reduction="mean"):
    """nn.HingeEmbeddingLoss in NumPy, with what targets other than 1 and -1 get."""
    pull = np.where(target != -1, input, 0.0)  # the distance itself, for target 1
    push = np.where(target != 1, np.maximum(0.0, margin - input), 0.0)  # for target -1
    loss = pull + push  # a target that is neither 1 nor -1 gets both terms
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
    distance = torch.rand(4, requires_grad=True)  # (N,)
    y = torch.tensor([1.0, -1.0, 1.0, -1.0])  # (N,) 1: similar

    loss_fn = nn.HingeEmbeddingLoss()
    print(loss_fn(distance, y))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    distance = torch.tensor([0.25, 2.0, 0.5, 1.5])
    y = torch.tensor([1.0, 1.0, -1.0, -1.0])  # 1: similar pair; -1: dissimilar pair

    loss = nn.HingeEmbeddingLoss()
    print(loss(distance, y))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    distance = np.array([0.25, 2.0, 0.5, 1.5])
    y = np.array([1.0, 1.0, -1.0, -1.0])
    print(hinge_embedding_loss(distance, y))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    distance = torch.tensor([0.25, 2.0, 0.5, 1.5])
    y = torch.tensor([1.0, 1.0, -1.0, -1.0])

    for reduction in ["mean", "sum", "none"]:
        print(f"{reduction:>4}:", nn.HingeEmbeddingLoss(reduction=reduction)(distance, y))
    # --8<-- [end:reduction]

    # --8<-- [start:margin]
    import torch
    from torch import nn

    distance = torch.tensor([0.25, 2.0, 0.5, 1.5])
    y = torch.tensor([1.0, 1.0, -1.0, -1.0])

    for margin in [0.5, 1.0, 2.0]:
        loss = nn.HingeEmbeddingLoss(margin=margin, reduction="none")
        print(f"margin={margin}:", loss(distance, y))
    # --8<-- [end:margin]

    # --8<-- [start:embeddings]
    import torch
    import torch.nn.functional as F
    from torch import nn

    torch.manual_seed(0)
    a, b = torch.randn(3, 4), torch.randn(3, 4)  # 3 pairs of 4-dimensional embeddings
    y = torch.tensor([1.0, -1.0, 1.0])
    try:
        nn.HingeEmbeddingLoss()(a - b, y)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    distance = F.pairwise_distance(a, b)  # shape (3,)
    print(nn.HingeEmbeddingLoss()(distance, y))
    # --8<-- [end:embeddings]

    # --8<-- [start:zero-target]
    import torch
    from torch import nn

    distance = torch.tensor([0.25, 2.0, 0.5, 1.5])
    y01 = torch.tensor([1.0, 1.0, 0.0, 0.0])  # 0 meant "dissimilar"

    loss = nn.HingeEmbeddingLoss(reduction="none")
    print("0/1 target: ", loss(distance, y01))
    print("-1/1 target:", loss(distance, 2 * y01 - 1))
    # --8<-- [end:zero-target]

    # --8<-- [start:negative-input]
    import torch
    from torch import nn

    similarity = torch.tensor([0.9, -0.8, 0.3])  # cosine similarities, not distances
    y = torch.tensor([1.0, 1.0, -1.0])
    print(nn.HingeEmbeddingLoss(reduction="none")(similarity, y))
    # --8<-- [end:negative-input]

    # --8<-- [start:broadcasting]
    import torch
    from torch import nn

    distance = torch.tensor([[0.25], [2.0], [0.5], [1.5]])  # shape (4, 1)
    y = torch.tensor([1.0, -1.0, -1.0, 1.0])  # shape (4,)

    loss = nn.HingeEmbeddingLoss(reduction="none")
    print(loss(distance, y).shape, nn.HingeEmbeddingLoss()(distance, y))
    print(nn.HingeEmbeddingLoss()(distance.squeeze(1), y))
    # --8<-- [end:broadcasting]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    distance = torch.tensor([0.25, 2.0, 0.5, 1.5])
    y = torch.tensor([1.0, 1.0, -1.0, -1.0])
    print(F.hinge_embedding_loss(distance, y, margin=2.0, reduction="sum"))
    # --8<-- [end:functional]
