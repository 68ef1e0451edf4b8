"""Code for docs/losses/cosine-embedding-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def cosine_embedding_loss(input1, input2, target, margin=0.0, reduction="mean"):
    """nn.CosineEmbeddingLoss in NumPy: a loss per pair from its cosine, reduced."""
    eps = 1e-12  # torch adds it to each squared norm, so a zero vector has cosine 0
    dot = (input1 * input2).sum(axis=-1)
    squared_norm1 = (input1 * input1).sum(axis=-1) + eps
    squared_norm2 = (input2 * input2).sum(axis=-1) + eps
    cos = dot / np.sqrt(squared_norm1 * squared_norm2)
    # Any target other than 1 or -1 gets a loss of 0, as in torch.
    loss = np.where(target == 1, 1 - cos, 0.0)
    loss = loss + np.where(target == -1, np.maximum(cos - margin, 0.0), 0.0)
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
    x1 = torch.randn(4, 5, requires_grad=True)  # (N, D)
    x2 = torch.randn(4, 5)  # (N, D)
    y = torch.tensor([1.0, -1.0, 1.0, -1.0])  # (N,) 1: similar

    loss_fn = nn.CosineEmbeddingLoss()
    print(loss_fn(x1, x2, y))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    input1 = torch.tensor([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]])
    input2 = torch.tensor([[1.0, 1.0], [1.0, 0.0], [0.0, -1.0]])
    target = torch.tensor([1.0, -1.0, -1.0])  # 1: a similar pair, -1: a dissimilar one

    loss = nn.CosineEmbeddingLoss()
    print(loss(input1, input2, target))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    input1 = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]])
    input2 = np.array([[1.0, 1.0], [1.0, 0.0], [0.0, -1.0]])
    target = np.array([1.0, -1.0, -1.0])
    print(cosine_embedding_loss(input1, input2, target))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    input1 = torch.tensor([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]])
    input2 = torch.tensor([[1.0, 1.0], [1.0, 0.0], [0.0, -1.0]])
    target = torch.tensor([1.0, -1.0, -1.0])

    for reduction in ["mean", "sum", "none"]:
        loss = nn.CosineEmbeddingLoss(reduction=reduction)
        print(f"{reduction:>4}:", loss(input1, input2, target))
    # --8<-- [end:reduction]

    # --8<-- [start:margin]
    import torch
    import torch.nn.functional as F
    from torch import nn

    input1 = torch.tensor([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]])
    input2 = torch.tensor([[-1.0, 1.0], [1.0, 1.0], [1.0, 0.2]])
    target = torch.tensor([-1.0, -1.0, -1.0])  # three dissimilar pairs

    print("cosines:   ", F.cosine_similarity(input1, input2))
    for margin in [0.0, 0.5]:
        loss = nn.CosineEmbeddingLoss(margin=margin, reduction="none")
        print(f"margin={margin}:", loss(input1, input2, target))
    # --8<-- [end:margin]

    # --8<-- [start:zero-one-targets]
    import torch
    from torch import nn

    input1 = torch.tensor([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]])
    input2 = torch.tensor([[1.0, 1.0], [1.0, 0.0], [0.0, -1.0]])
    similar = torch.tensor([1, 0, 0])  # 1 = similar, 0 = dissimilar

    loss = nn.CosineEmbeddingLoss(reduction="none")
    print("0/1 labels: ", loss(input1, input2, similar))
    print("1/-1 labels:", loss(input1, input2, 2 * similar - 1))
    # --8<-- [end:zero-one-targets]

    # --8<-- [start:single-pair]
    import torch
    from torch import nn

    a = torch.tensor([1.0, 0.0, 1.0])  # one pair of vectors, shape (D,)
    b = torch.tensor([0.0, 1.0, 1.0])
    loss = nn.CosineEmbeddingLoss()
    try:
        loss(a, b, torch.tensor([1.0]))
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(loss(a, b, torch.tensor(1.0)))  # a 0-D target
    # --8<-- [end:single-pair]

    # --8<-- [start:sequences]
    import torch
    from torch import nn

    torch.manual_seed(0)
    tokens1 = torch.randn(2, 3, 4)  # (N, T, D): two sequences of three embeddings
    tokens2 = torch.randn(2, 3, 4)
    target = torch.tensor([1.0, -1.0])  # one label per sequence pair

    loss = nn.CosineEmbeddingLoss()
    try:
        loss(tokens1, tokens2, target)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    # One pair per position: flatten (N, T) into rows, repeat each label T times.
    rows1, rows2 = tokens1.flatten(0, 1), tokens2.flatten(0, 1)  # (N * T, D)
    print(loss(rows1, rows2, target.repeat_interleave(3)))
    # --8<-- [end:sequences]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    input1 = torch.tensor([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]])
    input2 = torch.tensor([[1.0, 1.0], [1.0, 0.0], [0.0, -1.0]])
    target = torch.tensor([1.0, -1.0, -1.0])
    print(F.cosine_embedding_loss(input1, input2, target, margin=0.5, reduction="sum"))
    # --8<-- [end:functional]
