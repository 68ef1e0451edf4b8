"""Code for docs/losses/ctc-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0,
             reduction="mean", zero_infinity=False):
    """nn.CTCLoss in NumPy: the forward (alpha) recursion in log space, per sequence."""
    batched = log_probs.ndim == 3
    if not batched:  # one (T, C) sequence: make it (T, 1, C)
        log_probs = log_probs[:, None, :]
    input_lengths = np.asarray(input_lengths).reshape(-1)
    target_lengths = np.asarray(target_lengths).reshape(-1)
    if targets.ndim == 1:  # concatenated targets: cut them at the lengths
        labels = np.split(targets, np.cumsum(target_lengths)[:-1])
    else:  # padded (N, S) targets: the first target_lengths[n] of each row
        labels = [row[:length] for row, length in zip(targets, target_lengths)]
    losses = np.array([
        sequence_nll(log_probs[:length, n], labels[n], blank)
        for n, length in enumerate(input_lengths)
    ])
    if zero_infinity:
        losses = np.where(losses == np.inf, 0.0, losses)
    if reduction == "mean":  # each loss divided by its target length, then averaged
        return (losses / np.maximum(target_lengths, 1)).mean()
    if reduction == "sum":
        return losses.sum()
    return losses if batched else losses[0]


def sequence_nll(log_probs, label, blank):
    """-log p(label) for one (T, C) sequence: the sum over every alignment."""
    path = np.full(2 * len(label) + 1, blank)  # blank, l1, blank, l2, ..., blank
    path[1::2] = label
    # A step may jump over a blank only between two different labels.
    can_skip = np.zeros(len(path), dtype=bool)
    can_skip[2:] = (path[2:] != blank) & (path[2:] != path[:-2])
    alpha = np.full(len(path), -np.inf)  # log-probability of being at path[s]
    alpha[0] = 0.0  # before the first frame
    for frame in log_probs:
        padded = np.concatenate([[-np.inf, -np.inf], alpha])
        stay, step, skip = alpha, padded[1:-1], padded[:-2]
        alpha = np.logaddexp(stay, step)
        alpha = np.where(can_skip, np.logaddexp(alpha, skip), alpha)
        alpha = alpha + frame[path]
    return -np.logaddexp.reduce(alpha[-2:])  # end on the last label or the last blank
# --8<-- [end:numpy]


if __name__ == "__main__":
    # --8<-- [start:minimal]
    import torch
    from torch import nn

    torch.manual_seed(0)
    logits = torch.randn(6, 2, 4, requires_grad=True)
    log_probs = logits.log_softmax(dim=2)  # (T, N, C)
    targets = torch.tensor([[1, 2, 3], [2, 2, 0]])  # (N, S)
    input_lengths = torch.tensor([6, 6])  # (N,)
    target_lengths = torch.tensor([3, 2])  # (N,)

    loss_fn = nn.CTCLoss()  # class 0 is the blank
    print(loss_fn(log_probs, targets, input_lengths, target_lengths))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    # T=5 time steps, N=2 sequences, C=4 classes (0 is the blank)
    scores = torch.arange(40.0).reshape(5, 2, 4).sin()
    log_probs = scores.log_softmax(dim=2)  # (T, N, C)
    targets = torch.tensor([[1, 2, 2], [3, 1, 0]])  # padded (N, S)
    input_lengths = torch.tensor([5, 4])
    target_lengths = torch.tensor([3, 2])

    loss = nn.CTCLoss()
    print(loss(log_probs, targets, input_lengths, target_lengths))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    scores = np.sin(np.arange(40.0).reshape(5, 2, 4))
    log_probs = scores - np.log(np.exp(scores).sum(axis=2, keepdims=True))
    targets = np.array([[1, 2, 2], [3, 1, 0]])
    print(ctc_loss(log_probs, targets, np.array([5, 4]), np.array([3, 2])))
    # --8<-- [end:numpy-example]

    # --8<-- [start:layouts]
    import torch
    from torch import nn

    log_probs = torch.arange(40.0).reshape(5, 2, 4).sin().log_softmax(dim=2)
    loss = nn.CTCLoss(reduction="none")

    padded = loss(log_probs, torch.tensor([[1, 2, 2], [3, 1, 0]]), (5, 4), (3, 2))
    concatenated = loss(log_probs, torch.tensor([1, 2, 2, 3, 1]), (5, 4), (3, 2))
    unbatched = loss(log_probs[:, 0], torch.tensor([1, 2, 2]), (5,), (3,))
    print("padded:      ", padded)
    print("concatenated:", concatenated)
    print("unbatched:   ", unbatched, tuple(unbatched.shape))
    # --8<-- [end:layouts]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    log_probs = torch.arange(40.0).reshape(5, 2, 4).sin().log_softmax(dim=2)
    targets = torch.tensor([[1, 2, 2], [3, 1, 0]])
    input_lengths, target_lengths = torch.tensor([5, 4]), torch.tensor([3, 2])

    for reduction in ["none", "sum", "mean"]:
        loss = nn.CTCLoss(reduction=reduction)
        print(f"{reduction:>4}:", loss(log_probs, targets, input_lengths, target_lengths))
    per_sequence = nn.CTCLoss(reduction="none")(
        log_probs, targets, input_lengths, target_lengths
    )
    print("none / target_lengths, averaged:", (per_sequence / target_lengths).mean())
    # --8<-- [end:reduction]

    # --8<-- [start:blank]
    import torch
    from torch import nn

    log_probs = torch.arange(40.0).reshape(5, 2, 4).sin().log_softmax(dim=2)
    input_lengths, target_lengths = torch.tensor([5, 4]), torch.tensor([3, 2])

    # blank=0: labels are 1..3.  blank=3: labels are 0..2.
    first = nn.CTCLoss(blank=0)(log_probs, torch.tensor([[1, 2, 2], [3, 1, 0]]),
                                input_lengths, target_lengths)
    last = nn.CTCLoss(blank=3)(log_probs, torch.tensor([[0, 1, 1], [2, 0, 0]]),
                               input_lengths, target_lengths)
    print("blank=0:", first, " blank=3:", last)
    # --8<-- [end:blank]

    # --8<-- [start:zero-infinity]
    import torch
    from torch import nn

    log_probs = torch.arange(40.0).reshape(5, 2, 4).sin().log_softmax(dim=2)
    log_probs.requires_grad_()
    targets = torch.tensor([[1, 2, 2], [3, 1, 0]])
    input_lengths = torch.tensor([3, 4])  # 3 frames cannot hold 1, 2, blank, 2
    target_lengths = torch.tensor([3, 2])

    for zero_infinity in [False, True]:
        loss = nn.CTCLoss(zero_infinity=zero_infinity)
        value = loss(log_probs, targets, input_lengths, target_lengths)
        (grad,) = torch.autograd.grad(value, log_probs)
        print(f"zero_infinity={zero_infinity}: loss {value.item():.4f},",
              f"NaN in the gradient: {grad.isnan().any().item()}")
    # --8<-- [end:zero-infinity]

    # --8<-- [start:repeats]
    import torch
    from torch import nn

    log_probs = torch.arange(12.0).reshape(3, 1, 4).sin().log_softmax(dim=2)
    loss = nn.CTCLoss(reduction="none")

    for target in [[1, 2], [1, 1]]:
        for frames in [2, 3]:
            value = loss(log_probs, torch.tensor([target]), (frames,), (2,))
            print(f"target {target}, {frames} frames:", value)
    # --8<-- [end:repeats]

    # --8<-- [start:batch-first]
    import torch
    from torch import nn

    # (N, T, C), as an nn.LSTM(batch_first=True) returns it
    batch_first = torch.arange(40.0).reshape(2, 5, 4).sin().log_softmax(dim=2)
    targets = torch.tensor([[1, 2, 2], [3, 1, 0]])
    input_lengths, target_lengths = torch.tensor([5, 4]), torch.tensor([3, 2])

    loss = nn.CTCLoss()
    try:
        loss(batch_first, targets, input_lengths, target_lengths)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    value = loss(batch_first.transpose(0, 1), targets, input_lengths, target_lengths)
    print(value.isfinite().item())
    # --8<-- [end:batch-first]

    # --8<-- [start:raw-scores]
    import torch
    from torch import nn

    scores = torch.arange(40.0).reshape(5, 2, 4).sin() * 3  # raw scores, not normalised
    targets = torch.tensor([[1, 2, 2], [3, 1, 0]])
    input_lengths, target_lengths = torch.tensor([5, 4]), torch.tensor([3, 2])

    loss = nn.CTCLoss()
    print("raw scores: ", loss(scores, targets, input_lengths, target_lengths))
    print("log_softmax:", loss(scores.log_softmax(dim=2), targets, input_lengths,
                               target_lengths))
    # --8<-- [end:raw-scores]

    # --8<-- [start:blank-in-target]
    import torch
    from torch import nn

    log_probs = torch.arange(40.0).reshape(5, 2, 4).sin().log_softmax(dim=2)
    loss = nn.CTCLoss(reduction="none")
    # The first target contains 0, the blank: no error, a meaningless loss.
    print(loss(log_probs, torch.tensor([[1, 0, 2], [3, 1, 0]]), (5, 4), (3, 2)))
    # --8<-- [end:blank-in-target]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    log_probs = torch.arange(40.0).reshape(5, 2, 4).sin().log_softmax(dim=2)
    targets = torch.tensor([[1, 2, 2], [3, 1, 0]])
    print(F.ctc_loss(log_probs, targets, (5, 4), (3, 2), reduction="sum"))
    # --8<-- [end:functional]
