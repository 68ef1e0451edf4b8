"""Code for docs/losses/gaussian-nll-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def gaussian_nll_loss(input, target, var, full=False, eps=1e-6, reduction="mean"):
    """nn.GaussianNLLLoss in NumPy: (log var + (input - target)**2 / var) / 2."""
    var = np.asarray(var, dtype=np.float64)
    if var.shape != input.shape and var.shape == input.shape[:-1]:
        var = var[..., None]  # one variance per row, shared along the last dimension
    var = np.maximum(var, eps)  # torch clamps the variance at eps
    loss = 0.5 * (np.log(var) + (input - target) ** 2 / var)
    if full:
        loss = loss + 0.5 * np.log(2 * np.pi)
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
    mean = torch.randn(4, requires_grad=True)  # (N,)
    var = torch.rand(4) + 0.1  # (N,) positive
    y_true = torch.randn(4)  # (N,)

    loss_fn = nn.GaussianNLLLoss()
    print(loss_fn(mean, y_true, var))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    mean = torch.tensor([1.0, 2.5, 4.0, 0.5])  # the model's predicted means
    var = torch.tensor([0.5, 1.0, 4.0, 0.25])  # and variances (positive)
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

    loss = nn.GaussianNLLLoss()
    print(loss(mean, y_true, var))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    mean = np.array([1.0, 2.5, 4.0, 0.5])
    var = np.array([0.5, 1.0, 4.0, 0.25])
    y_true = np.array([2.0, 2.5, 2.0, 1.0])
    print(gaussian_nll_loss(mean, y_true, var))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    mean = torch.tensor([1.0, 2.5, 4.0, 0.5])
    var = torch.tensor([0.5, 1.0, 4.0, 0.25])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

    for reduction in ["mean", "sum", "none"]:
        loss = nn.GaussianNLLLoss(reduction=reduction)
        print(f"{reduction:>4}:", loss(mean, y_true, var))
    # --8<-- [end:reduction]

    # --8<-- [start:full]
    import torch
    from torch import nn

    mean = torch.tensor([1.0, 2.5, 4.0, 0.5])
    var = torch.tensor([0.5, 1.0, 4.0, 0.25])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

    print("full=False:", nn.GaussianNLLLoss()(mean, y_true, var))
    print("full=True: ", nn.GaussianNLLLoss(full=True)(mean, y_true, var))
    normal = torch.distributions.Normal(mean, var.sqrt())
    print("exact NLL: ", -normal.log_prob(y_true).mean())
    # --8<-- [end:full]

    # --8<-- [start:eps]
    import torch
    from torch import nn

    mean = torch.tensor([0.0, 0.0])
    var = torch.tensor([0.0, 0.5])  # a variance of exactly 0 is clamped to eps
    y_true = torch.tensor([1.0, 1.0])

    for eps in [1e-6, 1e-2]:
        loss = nn.GaussianNLLLoss(reduction="none", eps=eps)
        print(f"eps={eps}:", loss(mean, y_true, var))
    # --8<-- [end:eps]

    # --8<-- [start:eps-gradient]
    import torch
    from torch import nn

    var = torch.tensor([0.0, 0.5], requires_grad=True)
    loss = nn.GaussianNLLLoss(reduction="sum")(torch.zeros(2), torch.zeros(2), var)
    loss.backward()
    print("GaussianNLLLoss:", var.grad)  # 0.5 / eps at the clamped entry

    var.grad = None
    clamped = var.clamp(min=1e-6)  # a plain clamp blocks the gradient
    (0.5 * clamped.log()).sum().backward()
    print("plain clamp:    ", var.grad)
    # --8<-- [end:eps-gradient]

    # --8<-- [start:var-shapes]
    import torch
    from torch import nn

    torch.manual_seed(0)
    mean, y_true = torch.randn(3, 2), torch.randn(3, 2)  # 3 samples, 2 outputs

    loss = nn.GaussianNLLLoss(reduction="none")
    for var in [torch.ones(3, 2), torch.ones(3), torch.ones(3, 1), torch.ones(1, 2), 1.0]:
        shape = tuple(var.shape) if isinstance(var, torch.Tensor) else "1.0 (a float)"
        print(f"var {shape}: output {tuple(loss(mean, y_true, var).shape)}")
    # --8<-- [end:var-shapes]

    # --8<-- [start:log-variance]
    import torch
    from torch import nn

    mean = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])
    log_var = torch.tensor([-0.7, 0.0, 1.4, -1.4])  # what the model outputs

    loss = nn.GaussianNLLLoss()
    try:
        loss(mean, y_true, log_var)
    except ValueError as err:
        print(f"ValueError: {err}")
    print("var = exp(log_var):", loss(mean, y_true, log_var.exp()))
    print("standard deviation:", loss(mean, y_true, (0.5 * log_var).exp()))  # wrong
    # --8<-- [end:log-variance]

    # --8<-- [start:per-feature-variance]
    import torch
    from torch import nn

    torch.manual_seed(0)
    mean, y_true = torch.randn(3, 2), torch.randn(3, 2)
    var = torch.tensor([0.5, 2.0])  # one variance per output, shape (2,)

    loss = nn.GaussianNLLLoss()
    try:
        loss(mean, y_true, var)
    except ValueError as err:
        print(f"ValueError: {err}")
    print(loss(mean, y_true, var.unsqueeze(0)))  # shape (1, 2) broadcasts
    # --8<-- [end:per-feature-variance]

    # --8<-- [start:integer-variance]
    import torch
    from torch import nn

    mean = torch.tensor([1.0, 2.5, 4.0, 0.5])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])

    loss = nn.GaussianNLLLoss()
    try:
        loss(mean, y_true, 1)  # a Python int
    except TypeError as err:
        print(f"TypeError: {str(err).splitlines()[0]}")
    try:
        loss(mean, y_true, torch.tensor([1, 1, 2, 1]))  # an int64 tensor
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(loss(mean, y_true, 1.0))
    # --8<-- [end:integer-variance]

    # --8<-- [start:broadcasting]
    import torch
    from torch import nn

    mean = torch.tensor([1.0, 2.5, 4.0, 0.5])  # shape (4,)
    var = torch.tensor([0.5, 1.0, 4.0, 0.25])  # shape (4,)
    y_true = torch.tensor([[2.0], [2.5], [2.0], [1.0]])  # shape (4, 1)

    loss = nn.GaussianNLLLoss(reduction="none")
    print(loss(mean, y_true, var).shape)  # all 4 x 4 pairs, no warning
    print(loss(mean, y_true.squeeze(1), var).shape)
    # --8<-- [end:broadcasting]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    mean = torch.tensor([1.0, 2.5, 4.0, 0.5])
    var = torch.tensor([0.5, 1.0, 4.0, 0.25])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])
    print(F.gaussian_nll_loss(mean, y_true, var, reduction="sum"))
    # --8<-- [end:functional]

    # --8<-- [start:keras-recipe]
    import os

    os.environ["KERAS_BACKEND"] = "torch"  # before the first `import keras`
    import torch
    from keras import ops
    from torch import nn


    def keras_gaussian_nll(y_true, y_pred, var, eps=1e-6):
        """GaussianNLLLoss with full=False and reduction="mean", in keras.ops."""
        var = ops.maximum(var, eps)
        return ops.mean(0.5 * (ops.log(var) + ops.square(y_pred - y_true) / var))


    mean = torch.tensor([1.0, 2.5, 4.0, 0.5])
    var = torch.tensor([0.5, 1.0, 4.0, 0.25])
    y_true = torch.tensor([2.0, 2.5, 2.0, 1.0])
    print("keras.ops recipe:", float(keras_gaussian_nll(y_true, mean, var)))
    print("nn.GaussianNLLLoss:", nn.GaussianNLLLoss()(mean, y_true, var).item())
    # --8<-- [end:keras-recipe]
