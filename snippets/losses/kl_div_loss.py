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
    # --8<-- [start:minimal]
    import torch
    from torch import nn

    torch.manual_seed(0)
    logits = torch.randn(2, 3, requires_grad=True)
    log_q = logits.log_softmax(dim=1)  # (N, C)
    p = torch.tensor([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]])  # (N, C)

    loss_fn = nn.KLDivLoss(reduction="batchmean")
    print(loss_fn(log_q, p))
    # --8<-- [end:minimal]

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

    # --8<-- [start:cross-entropy-gap]
    import torch
    import torch.nn.functional as F

    torch.manual_seed(0)
    logits = torch.randn(4, 5, requires_grad=True)
    p = torch.randn(4, 5).softmax(dim=1)  # probability targets

    kl = F.kl_div(logits.log_softmax(dim=1), p, reduction="batchmean")
    ce = F.cross_entropy(logits, p)
    entropy = -torch.special.xlogy(p, p).sum(dim=1).mean()  # the targets' mean entropy
    (kl_grad,) = torch.autograd.grad(kl, logits)
    (ce_grad,) = torch.autograd.grad(ce, logits)
    print(f"cross-entropy - KL: {ce - kl:.4f}, mean entropy of the targets: {entropy:.4f}")
    print("same gradient:", torch.allclose(kl_grad, ce_grad))
    # --8<-- [end:cross-entropy-gap]

    # --8<-- [start:mean-warning]
    import warnings

    import torch
    from torch import nn

    q = torch.tensor([[0.25, 0.5, 0.25], [0.2, 0.3, 0.5]])
    p = torch.tensor([[0.2, 0.5, 0.3], [0.0, 0.25, 0.75]])

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mean = nn.KLDivLoss()(q.log(), p)  # reduction="mean" is the default
    batchmean = nn.KLDivLoss(reduction="batchmean")(q.log(), p)
    print(f"{caught[0].category.__name__}: {caught[0].message}")
    print("mean:", mean, " batchmean:", batchmean, f" batchmean / mean: {batchmean / mean:.1f}")
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

    # --8<-- [start:broadcasting]
    import warnings

    import torch
    from torch import nn

    log_q = torch.tensor([0.25, 0.5, 0.25]).log()  # one distribution, shape (3,)
    p = torch.tensor([[0.2, 0.5, 0.3], [0.0, 0.25, 0.75]])  # two targets, shape (2, 3)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        per_element = nn.KLDivLoss(reduction="none")(log_q, p)
        batchmean = nn.KLDivLoss(reduction="batchmean")(log_q, p)
    print("warnings:", len(caught), " loss shape:", tuple(per_element.shape))
    print("batchmean:", batchmean)
    print("sum / 2:  ", per_element.sum() / 2, " sum / 3:", per_element.sum() / 3)
    # --8<-- [end:broadcasting]

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

    # --8<-- [start:keras-3d]
    import torch
    from torch import nn

    torch.manual_seed(0)
    n, steps, classes = 2, 4, 3
    q = torch.randn(n, steps, classes).softmax(dim=-1)  # (N, L, C): a distribution per step
    p = torch.randn(n, steps, classes).softmax(dim=-1)

    batchmean = nn.KLDivLoss(reduction="batchmean")(q.log(), p)
    per_step = nn.KLDivLoss(reduction="none")(q.log(), p).sum(dim=-1)  # (N, L) divergences
    # keras.losses.KLDivergence written out by hand (not run): sum over the last axis,
    # then the mean over everything else; its clipping to [1e-7, 1] changes nothing here
    keras_by_hand = per_step.mean()
    print("torch batchmean:     ", batchmean)
    print("divergences / N:     ", per_step.sum() / n)
    print("Keras, done by hand: ", keras_by_hand)
    print("divergences / (N L): ", per_step.sum() / (n * steps))
    print(f"batchmean / Keras: {batchmean / keras_by_hand:.1f}")
    # --8<-- [end:keras-3d]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    q = torch.tensor([[0.25, 0.5, 0.25], [0.2, 0.3, 0.5]])
    p = torch.tensor([[0.2, 0.5, 0.3], [0.0, 0.25, 0.75]])
    print(F.kl_div(q.log(), p, reduction="batchmean"))
    # --8<-- [end:functional]
