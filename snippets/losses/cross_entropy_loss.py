"""Code for docs/losses/cross-entropy-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def log_softmax(x, axis):
    """log(softmax(x)) along an axis, computed stably."""
    shifted = x - x.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def cross_entropy(
    input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0
):
    """nn.CrossEntropyLoss in NumPy: log-softmax over the classes, then weighted NLL."""
    class_axis = 0 if input.ndim == 1 else 1  # (C,) unbatched, else (N, C, d1, ..., dK)
    n_classes = input.shape[class_axis]
    log_p = np.moveaxis(log_softmax(input, class_axis), class_axis, -1)  # classes last
    w = np.ones(n_classes) if weight is None else weight
    eps = label_smoothing

    if np.issubdtype(target.dtype, np.floating):  # probabilities, the input's shape
        q = np.moveaxis(target, class_axis, -1) * (1 - eps) + eps / n_classes
        loss = -(w * q * log_p).sum(axis=-1)
        denominator = loss.size  # N * d1 * ... * dK: the weights play no part
    else:  # class indices
        kept = target != ignore_index
        y = np.where(kept, target, 0)  # any valid index where ignored; zeroed below
        log_p_y = np.take_along_axis(log_p, y[..., None], axis=-1)[..., 0]
        w_y = np.where(kept, w[y], 0.0)
        smooth = np.where(kept, -(w * log_p).sum(axis=-1), 0.0)
        loss = (1 - eps) * -w_y * log_p_y + eps / n_classes * smooth
        denominator = w_y.sum()  # the weights of the kept targets

    if reduction == "mean":
        return loss.sum() / denominator
    if reduction == "sum":
        return loss.sum()
    return loss
# --8<-- [end:numpy]


if __name__ == "__main__":
    # --8<-- [start:minimal]
    import torch
    from torch import nn

    torch.manual_seed(0)
    logits = torch.randn(4, 3, requires_grad=True)  # (N, C)
    labels = torch.tensor([0, 2, 1, 2])  # (N,) class indices

    loss_fn = nn.CrossEntropyLoss()
    print(loss_fn(logits, labels))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    # 3 examples, 4 classes: a raw score (logit) per class, and the right class's index
    y_pred = torch.tensor(
        [[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.0, 0.4]]
    )
    y_true = torch.tensor([0, 1, 3])

    loss = nn.CrossEntropyLoss()
    print(loss(y_pred, y_true))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    y_pred = np.array([[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.0, 0.4]])
    y_true = np.array([0, 1, 3])
    print(cross_entropy(y_pred, y_true))
    # --8<-- [end:numpy-example]

    # --8<-- [start:shapes]
    import torch
    from torch import nn

    torch.manual_seed(0)
    loss = nn.CrossEntropyLoss(reduction="none")
    cases = [  # (scores, target); 4 classes
        (torch.randn(4), torch.tensor(2)),  # unbatched: a 0-d class index
        (torch.randn(3, 4), torch.tensor([0, 1, 3])),  # (N, C) and (N,)
        (torch.randn(2, 4, 5, 6), torch.randint(0, 4, (2, 5, 6))),  # a segmentation map
        # probability targets have the input's shape
        (torch.randn(4), torch.randn(4).softmax(dim=0)),
        (torch.randn(3, 4), torch.randn(3, 4).softmax(dim=1)),
        (torch.randn(2, 4, 5, 6), torch.randn(2, 4, 5, 6).softmax(dim=1)),
    ]
    for scores, target in cases:
        output = loss(scores, target)
        kind = "probabilities" if target.is_floating_point() else "indices"
        print(f"input {tuple(scores.shape)}, {kind} {tuple(target.shape)} -> output {tuple(output.shape)}")
    # --8<-- [end:shapes]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    y_pred = torch.tensor(
        [[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.0, 0.4]]
    )
    y_true = torch.tensor([0, 1, 3])

    for reduction in ["mean", "sum", "none"]:
        print(f"{reduction:>4}:", nn.CrossEntropyLoss(reduction=reduction)(y_pred, y_true))
    # --8<-- [end:reduction]

    # --8<-- [start:weight]
    import torch
    from torch import nn

    y_pred = torch.tensor(
        [[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.0, 0.4]]
    )
    y_true = torch.tensor([0, 1, 3])
    weight = torch.tensor([1.0, 1.0, 1.0, 4.0])  # class 3 counts four times

    each = nn.CrossEntropyLoss(weight=weight, reduction="none")(y_pred, y_true)
    print("none:", each)
    print("mean:", nn.CrossEntropyLoss(weight=weight)(y_pred, y_true))
    print("sum / sum of weight[y_true]:", each.sum() / weight[y_true].sum())
    print("sum / N:                    ", each.sum() / len(y_true))
    # --8<-- [end:weight]

    # --8<-- [start:ignore-index]
    import torch
    from torch import nn

    y_pred = torch.tensor(
        [[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.0, 0.4]]
    )
    y_padded = torch.tensor([0, -100, 3])  # -100 (the default ignore_index) marks padding

    print(nn.CrossEntropyLoss(reduction="none")(y_pred, y_padded))
    print(nn.CrossEntropyLoss()(y_pred, y_padded))  # the mean of the 2 kept examples
    print(nn.CrossEntropyLoss()(y_pred[[0, 2]], torch.tensor([0, 3])))
    # --8<-- [end:ignore-index]

    # --8<-- [start:label-smoothing]
    import torch
    from torch import nn

    y_pred = torch.tensor(
        [[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.0, 0.4]]
    )
    y_true = torch.tensor([0, 1, 3])
    confident = torch.tensor([[20.0, 0.0, 0.0, 0.0]])  # almost all probability on class 0

    for eps in [0.0, 0.1, 0.3]:
        loss = nn.CrossEntropyLoss(label_smoothing=eps)
        batch, single = loss(y_pred, y_true), loss(confident, y_true[:1])
        print(f"{eps}: batch {batch:.4f}  confident: {single:.4f}")
    # --8<-- [end:label-smoothing]

    # --8<-- [start:label-smoothing-range]
    import torch
    from torch import nn

    y_pred = torch.tensor(
        [[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.0, 0.4]]
    )
    y_true = torch.tensor([0, 1, 3])

    for eps in [1.5, -0.3]:
        try:
            print(f"{eps}:", nn.CrossEntropyLoss(label_smoothing=eps)(y_pred, y_true))
        except RuntimeError as err:
            print(f"RuntimeError: {err}")
    print("0.0:", nn.CrossEntropyLoss(label_smoothing=0.0)(y_pred, y_true))
    # --8<-- [end:label-smoothing-range]

    # --8<-- [start:probability-targets]
    import torch
    import torch.nn.functional as F
    from torch import nn

    y_pred = torch.tensor(
        [[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.0, 0.4]]
    )
    y_true = torch.tensor([0, 1, 3])
    one_hot = F.one_hot(y_true, num_classes=4).float()  # float, shape (3, 4)
    soft = torch.tensor(
        [[0.7, 0.1, 0.1, 0.1], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5]]
    )

    loss = nn.CrossEntropyLoss()
    print("indices:", loss(y_pred, y_true))
    print("one-hot:", loss(y_pred, one_hot))
    print("soft:   ", loss(y_pred, soft))
    # --8<-- [end:probability-targets]

    # --8<-- [start:probability-targets-weight]
    import torch
    import torch.nn.functional as F
    from torch import nn

    y_pred = torch.tensor(
        [[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.0, 0.4]]
    )
    y_true = torch.tensor([0, 1, 3])
    one_hot = F.one_hot(y_true, num_classes=4).float()
    loss = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 1.0, 1.0, 4.0]))

    print("indices:", loss(y_pred, y_true))  # divides by 1 + 1 + 4
    print("one-hot:", loss(y_pred, one_hot))  # divides by N = 3
    # --8<-- [end:probability-targets-weight]

    # --8<-- [start:softmax-first]
    import torch
    from torch import nn

    y_pred = torch.tensor([[10.0, 0.0, 0.0]])  # a confident, correct prediction
    y_true = torch.tensor([0])

    loss = nn.CrossEntropyLoss()
    print("softmax first:", loss(y_pred.softmax(dim=1), y_true))  # wrong
    print("raw scores:   ", loss(y_pred, y_true))
    # the floor, log(1 + (C - 1) / e): a softmax output that is exactly one-hot
    print("floor:        ", loss(torch.tensor([[1.0, 0.0, 0.0]]), y_true))
    # --8<-- [end:softmax-first]

    # --8<-- [start:int32-target]
    import torch
    from torch import nn

    y_pred = torch.tensor(
        [[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.0, 0.4]]
    )
    y_true = torch.tensor([0, 1, 3], dtype=torch.int32)
    try:
        nn.CrossEntropyLoss()(y_pred, y_true)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.CrossEntropyLoss()(y_pred, y_true.long()))
    # --8<-- [end:int32-target]

    # --8<-- [start:column-target]
    import torch
    from torch import nn

    y_pred = torch.tensor(
        [[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.0, 0.4]]
    )
    y_true = torch.tensor([[0], [1], [3]])  # shape (3, 1)
    try:
        nn.CrossEntropyLoss()(y_pred, y_true)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.CrossEntropyLoss()(y_pred, y_true.squeeze(1)))
    # --8<-- [end:column-target]

    # --8<-- [start:one-hot-long]
    import torch
    import torch.nn.functional as F
    from torch import nn

    y_pred = torch.tensor(
        [[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.0, 0.4]]
    )
    one_hot = F.one_hot(torch.tensor([0, 1, 3]), num_classes=4)  # int64, shape (3, 4)
    try:
        nn.CrossEntropyLoss()(y_pred, one_hot)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.CrossEntropyLoss()(y_pred, one_hot.argmax(dim=1)))
    print(nn.CrossEntropyLoss()(y_pred, one_hot.float()))
    # --8<-- [end:one-hot-long]

    # --8<-- [start:out-of-range]
    import torch
    from torch import nn

    y_pred = torch.tensor(
        [[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.0, 0.4]]
    )
    y_true = torch.tensor([1, 2, 4])  # labels 1..4, but the classes are 0..3
    try:
        nn.CrossEntropyLoss()(y_pred, y_true)
    except IndexError as err:
        print(f"IndexError: {err}")
    print(nn.CrossEntropyLoss()(y_pred, y_true - 1))
    # --8<-- [end:out-of-range]

    # --8<-- [start:batch-mismatch]
    import torch
    from torch import nn

    torch.manual_seed(0)
    y_pred = torch.randn(4, 3)
    y_true = torch.tensor([0, 2, 1])  # one label short
    try:
        nn.CrossEntropyLoss()(y_pred, y_true)
    except ValueError as err:
        print(f"ValueError: {err}")
    # --8<-- [end:batch-mismatch]

    # --8<-- [start:sequence]
    import torch
    from torch import nn

    torch.manual_seed(0)
    y_pred = torch.randn(2, 5, 3)  # (N, L, C): 2 sequences of 5 steps, 3 classes
    y_true = torch.randint(0, 3, (2, 5))  # (N, L)
    try:
        nn.CrossEntropyLoss()(y_pred, y_true)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")

    print(nn.CrossEntropyLoss()(y_pred.permute(0, 2, 1), y_true))  # (N, C, L)
    print(nn.CrossEntropyLoss()(y_pred.reshape(-1, 3), y_true.reshape(-1)))  # (N*L, C)

    # With L == C the wrong layout runs: it softmaxes over the steps, not the classes.
    short = y_pred[:, :3]  # (N, L, C) with L = C = 3
    wrong = nn.CrossEntropyLoss()(short, y_true[:, :3])
    right = nn.CrossEntropyLoss()(short.permute(0, 2, 1), y_true[:, :3])
    print(f"L == C: no error, {wrong:.4f} instead of {right:.4f}")
    # --8<-- [end:sequence]

    # --8<-- [start:all-ignored]
    import torch
    from torch import nn

    y_pred = torch.tensor([[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0]], requires_grad=True)
    y_padded = torch.tensor([-100, -100])  # a batch of padding only

    loss = nn.CrossEntropyLoss()(y_pred, y_padded)  # 0 / 0
    loss.backward()
    print("mean:", loss.item(), " gradient:", y_pred.grad.abs().sum().item())
    print(" sum:", nn.CrossEntropyLoss(reduction="sum")(y_pred, y_padded).item())
    # --8<-- [end:all-ignored]

    # --8<-- [start:ignore-index-probabilities]
    import torch
    from torch import nn

    y_pred = torch.tensor([[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0]])
    soft = torch.tensor([[0.7, 0.1, 0.1, 0.1], [0.0, 1.0, 0.0, 0.0]])
    try:
        nn.CrossEntropyLoss(ignore_index=0)(y_pred, soft)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    # a negative ignore_index is accepted and changes nothing
    print(nn.CrossEntropyLoss(ignore_index=-1)(y_pred, soft), nn.CrossEntropyLoss()(y_pred, soft))
    # --8<-- [end:ignore-index-probabilities]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    y_pred = torch.tensor(
        [[2.0, 1.0, 0.1, -1.0], [0.5, 2.5, 0.3, 0.0], [1.2, 0.2, 3.0, 0.4]]
    )
    y_true = torch.tensor([0, 1, 3])
    print(F.cross_entropy(y_pred, y_true, label_smoothing=0.1))
    # --8<-- [end:functional]
