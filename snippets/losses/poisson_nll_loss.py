"""Code for docs/losses/poisson-nll-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def poisson_nll_loss(
    input, target, log_input=True, full=False, eps=1e-8, reduction="mean"
):
    """nn.PoissonNLLLoss in NumPy: rate - target * log(rate), then the reduction."""
    if log_input:  # the input is log(rate)
        loss = np.exp(input) - target * input
    else:  # the input is the rate itself
        loss = input - target * np.log(input + eps)
    if full:  # Stirling's approximation of log(target!), only where target > 1
        y = np.where(target > 1, target, 1.0)
        stirling = y * np.log(y) - y + 0.5 * np.log(2 * np.pi * y)
        loss = loss + np.where(target > 1, stirling, 0.0)
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
    log_rate = torch.randn(4, requires_grad=True)  # (N,)
    counts = torch.tensor([0.0, 2.0, 1.0, 5.0])  # (N,)

    loss_fn = nn.PoissonNLLLoss()
    print(loss_fn(log_rate, counts))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    log_rate = torch.tensor([0.0, 1.0, 2.0, -1.0])  # the model predicts log(rate)
    counts = torch.tensor([1.0, 3.0, 6.0, 0.0])  # observed counts

    loss = nn.PoissonNLLLoss()
    print(loss(log_rate, counts))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    log_rate = np.array([0.0, 1.0, 2.0, -1.0])
    counts = np.array([1.0, 3.0, 6.0, 0.0])
    print(poisson_nll_loss(log_rate, counts))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    log_rate = torch.tensor([0.0, 1.0, 2.0, -1.0])
    counts = torch.tensor([1.0, 3.0, 6.0, 0.0])

    for reduction in ["mean", "sum", "none"]:
        print(f"{reduction:>4}:", nn.PoissonNLLLoss(reduction=reduction)(log_rate, counts))
    # --8<-- [end:reduction]

    # --8<-- [start:log-input]
    import torch
    from torch import nn

    rate = torch.tensor([1.0, 2.0, 8.0, 0.5])
    counts = torch.tensor([1.0, 3.0, 6.0, 0.0])

    print(nn.PoissonNLLLoss(reduction="none")(rate.log(), counts))
    print(nn.PoissonNLLLoss(reduction="none", log_input=False)(rate, counts))
    # --8<-- [end:log-input]

    # --8<-- [start:full]
    import torch
    from torch import nn

    log_rate = torch.tensor([-0.5, 0.0, 0.5, 2.0])
    counts = torch.tensor([0.0, 1.0, 2.0, 6.0])

    print("full=False:", nn.PoissonNLLLoss(reduction="none")(log_rate, counts))
    print("full=True: ", nn.PoissonNLLLoss(reduction="none", full=True)(log_rate, counts))
    print("exact NLL: ", -torch.distributions.Poisson(log_rate.exp()).log_prob(counts))
    # --8<-- [end:full]

    # --8<-- [start:eps]
    import torch
    from torch import nn

    rate = torch.tensor([0.0, 0.0])  # a rate of exactly 0
    counts = torch.tensor([0.0, 2.0])

    for eps in [1e-8, 1e-3]:
        loss = nn.PoissonNLLLoss(reduction="none", log_input=False, eps=eps)
        print(f"eps={eps}:", loss(rate, counts))
    # --8<-- [end:eps]

    # --8<-- [start:rate-as-log-rate]
    import torch
    from torch import nn

    rate = torch.tensor([1.0, 2.0, 8.0, 0.5])
    counts = torch.tensor([1.0, 3.0, 6.0, 0.0])

    loss = nn.PoissonNLLLoss()  # log_input=True: expects log(rate)
    print("rate:     ", loss(rate, counts))  # wrong: read as exp(rate)
    print("log(rate):", loss(rate.log(), counts))
    # --8<-- [end:rate-as-log-rate]

    # --8<-- [start:negative-rate]
    import torch
    from torch import nn

    raw_output = torch.tensor([-1.0, 2.0])  # a linear layer's output, used as a rate
    counts = torch.tensor([1.0, 2.0])

    loss = nn.PoissonNLLLoss(log_input=False)
    print(loss(raw_output, counts))
    print(loss(nn.functional.softplus(raw_output), counts))
    # --8<-- [end:negative-rate]

    # --8<-- [start:broadcasting]
    import torch
    from torch import nn

    log_rate = torch.tensor([0.0, 1.0, 2.0, -1.0])  # shape (4,)
    counts = torch.tensor([[1.0], [3.0], [6.0], [0.0]])  # shape (4, 1)

    loss = nn.PoissonNLLLoss(reduction="none")
    print(loss(log_rate, counts).shape)  # all 4 x 4 pairs, no warning
    print(loss(log_rate, counts.squeeze(1)).shape)
    # --8<-- [end:broadcasting]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    log_rate = torch.tensor([0.0, 1.0, 2.0, -1.0])
    counts = torch.tensor([1.0, 3.0, 6.0, 0.0])
    print(F.poisson_nll_loss(log_rate, counts, full=True))
    # --8<-- [end:functional]
