"""Code for docs/losses/kl-div-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def kl_div(input, target, reduction="mean", log_target=False):
    """nn.KLDivLoss in NumPy: target * (log target - input), then the reduction."""
    if log_target:
        loss = np.exp(target) * (target - input)
    else:
        # xlogy: an entry whose target is 0 counts as 0 * log(0) = 0
        log_p = np.log(np.where(target > 0, target, 1.0))
        loss = target * log_p - target * input
    if reduction == "batchmean":
        return loss.sum() / (input.shape[0] if input.ndim > 0 else 1)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
# --8<-- [end:numpy]


if __name__ == "__main__":
    # --8<-- [start:example]
    import torch
    from torch import nn

    q = torch.tensor([[0.25, 0.5, 0.25], [0.2, 0.3, 0.5]])  # the model's distributions
    p = torch.tensor([[0.2, 0.5, 0.3], [0.0, 0.25, 0.75]])  # the target distributions

    loss = nn.KLDivLoss(reduction="batchmean")
    print(loss(q.log(), p))  # input: log-probabilities; target: probabilities
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    q = np.array([[0.25, 0.5, 0.25], [0.2, 0.3, 0.5]])
    p = np.array([[0.2, 0.5, 0.3], [0.0, 0.25, 0.75]])
    print(kl_div(np.log(q), p, reduction="batchmean"))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    q = torch.tensor([[0.25, 0.5, 0.25], [0.2, 0.3, 0.5]])
    p = torch.tensor([[0.2, 0.5, 0.3], [0.0, 0.25, 0.75]])

    for reduction in ["batchmean", "sum", "none"]:
        print(f"{reduction:>9}:", nn.KLDivLoss(reduction=reduction)(q.log(), p))
    # --8<-- [end:reduction]

    # --8<-- [start:log-target]
    import torch
    from torch import nn

    log_q = torch.tensor([[1.0, 2.0, 0.5], [0.0, -1.0, 1.0]]).log_softmax(dim=1)
    target_logits = torch.tensor([[0.0, 1.0, 0.5], [2.0, 0.0, -1.0]])

    p = target_logits.softmax(dim=1)
    log_p = target_logits.log_softmax(dim=1)
    in_probabilities = nn.KLDivLoss(reduction="batchmean")
    in_log_space = nn.KLDivLoss(reduction="batchmean", log_target=True)
    print("probabilities:  ", in_probabilities(log_q, p))
    print("log_target=True:", in_log_space(log_q, log_p))
    # --8<-- [end:log-target]

    # --8<-- [start:mean-warning]
    import warnings

    import torch
    from torch import nn

    q = torch.tensor([[0.25, 0.5, 0.25], [0.2, 0.3, 0.5]])
    p = torch.tensor([[0.2, 0.5, 0.3], [0.0, 0.25, 0.75]])

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mean = nn.KLDivLoss()(q.log(), p)  # reduction="mean" is the default
    print(f"{caught[0].category.__name__}: {caught[0].message}")
    print("mean:", mean, " batchmean:", nn.KLDivLoss(reduction="batchmean")(q.log(), p))
    # --8<-- [end:mean-warning]

    # --8<-- [start:probabilities-as-input]
    import torch
    from torch import nn

    q = torch.tensor([[0.25, 0.5, 0.25], [0.2, 0.3, 0.5]])
    p = torch.tensor([[0.2, 0.5, 0.3], [0.0, 0.25, 0.75]])

    loss = nn.KLDivLoss(reduction="batchmean")
    print("probabilities:    ", loss(q, p))  # wrong: the input must be log q
    print("log-probabilities:", loss(q.log(), p))
    # --8<-- [end:probabilities-as-input]

    # --8<-- [start:no-batch-dimension]
    import torch
    from torch import nn

    q = torch.tensor([0.25, 0.5, 0.25])  # one distribution, shape (3,)
    p = torch.tensor([0.2, 0.5, 0.3])

    loss = nn.KLDivLoss(reduction="batchmean")
    print("shape (3,):  ", loss(q.log(), p))  # divided by 3, the number of classes
    print("shape (1, 3):", loss(q.log().unsqueeze(0), p.unsqueeze(0)))  # the divergence
    # --8<-- [end:no-batch-dimension]

    # --8<-- [start:zero-in-log-space]
    import torch
    from torch import nn

    log_q = torch.tensor([[0.25, 0.5, 0.25]]).log()
    p = torch.tensor([[0.0, 0.5, 0.5]])  # log(0) = -inf

    print(nn.KLDivLoss(reduction="batchmean")(log_q, p))
    print(nn.KLDivLoss(reduction="batchmean", log_target=True)(log_q, p.log()))
    # --8<-- [end:zero-in-log-space]

    # --8<-- [start:integer-target]
    import torch
    from torch import nn

    log_q = torch.tensor([[0.25, 0.5, 0.25], [0.2, 0.3, 0.5]]).log()
    one_hot = torch.tensor([[0, 1, 0], [0, 0, 1]])  # int64

    loss = nn.KLDivLoss(reduction="batchmean")
    try:
        loss(log_q, one_hot)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(loss(log_q, one_hot.float()))
    # --8<-- [end:integer-target]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    q = torch.tensor([[0.25, 0.5, 0.25], [0.2, 0.3, 0.5]])
    p = torch.tensor([[0.2, 0.5, 0.3], [0.0, 0.25, 0.75]])
    print(F.kl_div(q.log(), p, reduction="batchmean"))
    # --8<-- [end:functional]
