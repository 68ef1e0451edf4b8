"""Code for docs/losses/nll-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def nll_loss(input, target, weight=None, ignore_index=-100, reduction="mean"):
    """nn.NLLLoss in NumPy: minus the weighted input at each target's class."""
    class_axis = 0 if input.ndim == 1 else 1  # (C,) unbatched, else (N, C, d1, ..., dK)
    log_p = np.moveaxis(input, class_axis, -1)  # classes last
    w = np.ones(log_p.shape[-1]) if weight is None else weight
    kept = target != ignore_index
    y = np.where(kept, target, 0)  # any valid index where ignored; zeroed below
    log_p_y = np.take_along_axis(log_p, y[..., None], axis=-1)[..., 0]
    w_y = np.where(kept, w[y], 0.0)
    loss = np.where(kept, -w_y * log_p_y, 0.0)
    if reduction == "mean":
        return loss.sum() / w_y.sum()  # divided by the weights of the kept targets
    if reduction == "sum":
        return loss.sum()
    return loss
# --8<-- [end:numpy]


if __name__ == "__main__":
    # --8<-- [start:minimal]
    import torch
    from torch import nn

    torch.manual_seed(0)
    logits = torch.randn(4, 3, requires_grad=True)
    log_probs = logits.log_softmax(dim=1)  # (N, C)
    labels = torch.tensor([0, 2, 1, 2])  # (N,) class indices

    loss_fn = nn.NLLLoss()
    print(loss_fn(log_probs, labels))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    # 3 examples, 3 classes: log-probabilities (e.g. from LogSoftmax), the right classes
    log_probs = torch.log(torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]))
    y_true = torch.tensor([0, 1, 1])

    loss = nn.NLLLoss()
    print(loss(log_probs, y_true))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    log_probs = np.log(np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]))
    y_true = np.array([0, 1, 1])
    print(nll_loss(log_probs, y_true))
    # --8<-- [end:numpy-example]

    # --8<-- [start:with-log-softmax]
    import torch
    from torch import nn

    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(5, 3), nn.LogSoftmax(dim=1))  # outputs log-probs
    features = torch.randn(4, 5)
    y_true = torch.tensor([0, 2, 1, 2])

    log_probs = model(features)
    print(nn.NLLLoss()(log_probs, y_true))
    print(nn.CrossEntropyLoss()(model[0](features), y_true))  # the same, from raw scores
    # --8<-- [end:with-log-softmax]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    log_probs = torch.log(torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]))
    y_true = torch.tensor([0, 1, 1])

    for reduction in ["mean", "sum", "none"]:
        print(f"{reduction:>4}:", nn.NLLLoss(reduction=reduction)(log_probs, y_true))
    # --8<-- [end:reduction]

    # --8<-- [start:weight]
    import torch
    from torch import nn

    log_probs = torch.log(torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]))
    y_true = torch.tensor([0, 1, 1])
    weight = torch.tensor([3.0, 1.0, 1.0])  # class 0 counts three times

    each = nn.NLLLoss(weight=weight, reduction="none")(log_probs, y_true)
    print("none:", each)
    print("mean:", nn.NLLLoss(weight=weight)(log_probs, y_true))
    print("sum / sum of weight[y_true]:", each.sum() / weight[y_true].sum())
    print("sum / N:                    ", each.sum() / len(y_true))
    # --8<-- [end:weight]

    # --8<-- [start:ignore-index]
    import torch
    from torch import nn

    log_probs = torch.log(torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]))
    y_true = torch.tensor([0, 1, 1])

    loss = nn.NLLLoss(ignore_index=1)  # any integer, here a real class
    print(nn.NLLLoss(reduction="none", ignore_index=1)(log_probs, y_true))
    print(loss(log_probs, y_true))  # only example 0 is left
    print(-log_probs[0, 0])
    # --8<-- [end:ignore-index]

    # --8<-- [start:raw-scores]
    import torch
    from torch import nn

    scores = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [1.2, 0.2, 3.0]])  # raw
    y_true = torch.tensor([0, 1, 2])

    print("raw scores: ", nn.NLLLoss()(scores, y_true))  # minus the mean right score
    print("log-softmax:", nn.NLLLoss()(scores.log_softmax(dim=1), y_true))
    # --8<-- [end:raw-scores]

    # --8<-- [start:wrong-dim]
    import torch
    from torch import nn

    scores = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [1.2, 0.2, 3.0]])
    y_true = torch.tensor([0, 1, 2])

    print("dim=0:", nn.NLLLoss()(scores.log_softmax(dim=0), y_true))  # across the batch
    print("dim=1:", nn.NLLLoss()(scores.log_softmax(dim=1), y_true))  # across the classes
    # --8<-- [end:wrong-dim]

    # --8<-- [start:int32-target]
    import torch
    from torch import nn

    log_probs = torch.log(torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]))
    y_true = torch.tensor([0, 1, 1], dtype=torch.int32)
    try:
        nn.NLLLoss()(log_probs, y_true)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.NLLLoss()(log_probs, y_true.long()))
    # --8<-- [end:int32-target]

    # --8<-- [start:column-target]
    import torch
    from torch import nn

    log_probs = torch.log(torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]))
    y_true = torch.tensor([[0], [1], [1]])  # shape (3, 1)
    try:
        nn.NLLLoss()(log_probs, y_true)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.NLLLoss()(log_probs, y_true.squeeze(1)))
    # --8<-- [end:column-target]

    # --8<-- [start:out-of-range]
    import torch
    from torch import nn

    log_probs = torch.log(torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]))
    y_true = torch.tensor([1, 2, 3])  # labels 1..3, but the classes are 0..2
    try:
        nn.NLLLoss()(log_probs, y_true)
    except IndexError as err:
        print(f"IndexError: {err}")
    print(nn.NLLLoss()(log_probs, y_true - 1))
    # --8<-- [end:out-of-range]

    # --8<-- [start:batch-mismatch]
    import torch
    from torch import nn

    log_probs = torch.log(torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]))
    y_true = torch.tensor([0, 1])  # one label short
    try:
        nn.NLLLoss()(log_probs, y_true)
    except ValueError as err:
        print(f"ValueError: {err}")
    # --8<-- [end:batch-mismatch]

    # --8<-- [start:sequence]
    import torch
    from torch import nn

    torch.manual_seed(0)
    log_probs = torch.randn(2, 5, 3).log_softmax(dim=-1)  # (N, L, C): classes last
    y_true = torch.randint(0, 3, (2, 5))  # (N, L)
    try:
        nn.NLLLoss()(log_probs, y_true)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.NLLLoss()(log_probs.permute(0, 2, 1), y_true))  # (N, C, L)
    # --8<-- [end:sequence]

    # --8<-- [start:all-ignored]
    import torch
    from torch import nn

    log_probs = torch.log(torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]]))
    y_padded = torch.tensor([-100, -100])  # a batch of padding only

    print("mean:", nn.NLLLoss()(log_probs, y_padded))  # 0 / 0
    print(" sum:", nn.NLLLoss(reduction="sum")(log_probs, y_padded))
    # --8<-- [end:all-ignored]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    log_probs = torch.log(torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]))
    y_true = torch.tensor([0, 1, 1])
    print(F.nll_loss(log_probs, y_true, reduction="sum"))
    # --8<-- [end:functional]
