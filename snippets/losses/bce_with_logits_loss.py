"""Code for docs/losses/bce-with-logits-loss.md. Importing it defines the NumPy twin; running it prints every example."""

# --8<-- [start:numpy]
import numpy as np


def binary_cross_entropy_with_logits(
    input, target, weight=None, reduction="mean", pos_weight=None
):
    """nn.BCEWithLogitsLoss in NumPy: sigmoid and cross-entropy in one stable step."""
    # log(sigmoid(x)) without exp of a large number; log(1 - sigmoid(x)) = that - x
    log_sigmoid = np.minimum(input, 0) - np.log1p(np.exp(-np.abs(input)))
    # -[p * y * log_sigmoid + (1 - y) * (log_sigmoid - x)], in torch's arrangement
    log_weight = 1.0 if pos_weight is None else 1 + (pos_weight - 1) * target
    loss = (1 - target) * input - log_weight * log_sigmoid
    if weight is not None:
        loss = loss * weight
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
    logits = torch.randn(4, requires_grad=True)  # (N,)
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0])  # (N,) 0 or 1

    loss_fn = nn.BCEWithLogitsLoss()
    print(loss_fn(logits, labels))
    # --8<-- [end:minimal]

    # --8<-- [start:relatives]
    import torch
    from torch import nn

    logits = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])  # (N, C) = (2, 3)
    labels = torch.tensor([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])

    print("BCEWithLogitsLoss:       ", nn.BCEWithLogitsLoss()(logits, labels))
    print("MultiLabelSoftMarginLoss:", nn.MultiLabelSoftMarginLoss()(logits, labels))
    print("SoftMarginLoss, -1 and 1:", nn.SoftMarginLoss()(logits, 2 * labels - 1))
    # one loss per sample: the mean over its labels
    print(nn.MultiLabelSoftMarginLoss(reduction="none")(logits, labels))
    print(nn.BCEWithLogitsLoss(reduction="none")(logits, labels).mean(dim=1))
    # --8<-- [end:relatives]

    # --8<-- [start:dtypes]
    import torch
    import torch.nn.functional as F

    logits = torch.tensor([1.5, -0.5, 2.0, -3.0])
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0])
    floats = [torch.float16, torch.bfloat16, torch.float32, torch.float64]

    out_dtypes = {
        (input_dtype, target_dtype): F.binary_cross_entropy_with_logits(
            logits.to(input_dtype), labels.to(target_dtype)
        ).dtype
        for input_dtype in floats
        for target_dtype in floats
    }
    takes_target_dtype = all(out == target for (_, target), out in out_dtypes.items())
    print(f"{len(out_dtypes)} input/target pairs, output dtype = target dtype:", takes_target_dtype)

    for target_dtype in [torch.int64, torch.int32, torch.uint8, torch.bool]:
        print(f"target {target_dtype}:")
        try:
            F.binary_cross_entropy_with_logits(logits, labels.to(target_dtype))
        except RuntimeError as err:
            print(f"{type(err).__name__}: {err}")
    print("input torch.int64:")
    try:
        F.binary_cross_entropy_with_logits(logits.long(), labels)
    except NotImplementedError as err:
        print(f"NotImplementedError: {err}")
    # --8<-- [end:dtypes]

    # --8<-- [start:weight-shapes]
    import torch
    import torch.nn.functional as F

    logits = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])  # (2, 3)
    labels = torch.tensor([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])

    for name in ["weight", "pos_weight"]:
        accepted, loss_dtypes = [], set()
        for dtype in [torch.int64, torch.uint8, torch.bool, torch.float16, torch.float64]:
            factors = {name: torch.ones(3, dtype=dtype)}
            try:
                loss = F.binary_cross_entropy_with_logits(logits, labels, **factors)
                accepted.append(str(dtype).removeprefix("torch."))
                loss_dtypes.add(loss.dtype)
            except RuntimeError as err:
                print(f"{name} {dtype}:")
                print(f"{type(err).__name__}: {err}")
        print(f"{name} {', '.join(accepted)}: loss dtype {loss_dtypes}")

    for name in ["weight", "pos_weight"]:
        larger = {name: torch.ones(4, 2, 3)}  # would broadcast the (2, 3) loss to (4, 2, 3)
        try:
            F.binary_cross_entropy_with_logits(logits, labels, **larger)
        except RuntimeError as err:
            print(f"{name} of shape (4, 2, 3):")
            print(f"RuntimeError: {err}")
    # --8<-- [end:weight-shapes]

    # --8<-- [start:example]
    import torch
    from torch import nn

    logits = torch.tensor([1.5, -0.5, 2.0, -3.0])  # raw scores, no sigmoid
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0])

    loss = nn.BCEWithLogitsLoss()
    print(loss(logits, labels))
    # --8<-- [end:example]

    # --8<-- [start:numpy-example]
    logits = np.array([1.5, -0.5, 2.0, -3.0])
    labels = np.array([1.0, 0.0, 0.0, 1.0])
    print(binary_cross_entropy_with_logits(logits, labels))
    # --8<-- [end:numpy-example]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    logits = torch.tensor([1.5, -0.5, 2.0, -3.0])
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0])

    for reduction in ["mean", "sum", "none"]:
        print(f"{reduction:>4}:", nn.BCEWithLogitsLoss(reduction=reduction)(logits, labels))
    # --8<-- [end:reduction]

    # --8<-- [start:pos-weight]
    import torch
    from torch import nn

    logits = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])  # (N, C) = (2, 3)
    labels = torch.tensor([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])
    pos_weight = torch.tensor([3.0, 1.0, 1.0])  # one factor per class

    plain = nn.BCEWithLogitsLoss(reduction="none")(logits, labels)
    weighted = nn.BCEWithLogitsLoss(reduction="none", pos_weight=pos_weight)(logits, labels)
    print(plain)
    print(weighted)
    print(weighted / plain)
    # --8<-- [end:pos-weight]

    # --8<-- [start:weight]
    import torch
    from torch import nn

    logits = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])
    labels = torch.tensor([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])
    weight = torch.tensor([1.0, 0.0, 1.0])  # broadcast: the middle label is ignored

    per_element = nn.BCEWithLogitsLoss(reduction="none")(logits, labels)
    print(nn.BCEWithLogitsLoss(weight=weight)(logits, labels))
    print((per_element * weight).mean())  # still divided by all 6 elements
    # --8<-- [end:weight]

    # --8<-- [start:gradient]
    import torch
    from torch import nn

    logits = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]], requires_grad=True)
    labels = torch.tensor([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])
    weight = torch.tensor([2.0, 1.0, 0.5])

    nn.BCEWithLogitsLoss(weight=weight)(logits, labels).backward()
    by_formula = weight * (torch.sigmoid(logits) - labels) / labels.numel()
    print(logits.grad)
    print(by_formula.detach())
    # --8<-- [end:gradient]

    # --8<-- [start:sigmoid-first]
    import torch
    from torch import nn

    logits = torch.tensor([1.5, -0.5, 2.0, -3.0])
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0])
    loss = nn.BCEWithLogitsLoss()

    print("sigmoid applied twice:", loss(torch.sigmoid(logits), labels))  # no error
    print("raw logits:           ", loss(logits, labels))
    # --8<-- [end:sigmoid-first]

    # --8<-- [start:target-shape]
    import torch
    from torch import nn

    logits = torch.tensor([[1.5], [-0.5], [2.0], [-3.0]])  # (N, 1): one output unit
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0])  # (N,)
    try:
        nn.BCEWithLogitsLoss()(logits, labels)
    except ValueError as err:
        print(f"ValueError: {err}")
    print(nn.BCEWithLogitsLoss()(logits.squeeze(1), labels))
    # --8<-- [end:target-shape]

    # --8<-- [start:integer-target]
    import torch
    from torch import nn

    logits = torch.tensor([1.5, -0.5, 2.0, -3.0])
    labels = torch.tensor([1, 0, 0, 1])  # int64
    try:
        nn.BCEWithLogitsLoss()(logits, labels)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    print(nn.BCEWithLogitsLoss()(logits, labels.float()))
    # --8<-- [end:integer-target]

    # --8<-- [start:pos-weight-dense]
    import torch
    from torch import nn

    torch.manual_seed(0)
    pos_weight = torch.tensor([1.0, 5.0, 10.0])  # one factor per class, C = 3


    def class_by_class(logits, labels):
        """Each class's sum with its own factor, divided by the number of elements."""
        total = sum(
            nn.BCEWithLogitsLoss(pos_weight=pos_weight[c], reduction="sum")(
                logits[:, c], labels[:, c]
            )
            for c in range(len(pos_weight))
        )
        return total / labels.numel()


    for shape in [(2, 3, 4, 5), (2, 3, 4, 3)]:  # (N, C, H, W), then W == C
        logits = torch.randn(shape)
        labels = (torch.rand(shape) < 0.2).float()
        print(f"input {shape}")
        try:
            flat = nn.BCEWithLogitsLoss(pos_weight=pos_weight)(logits, labels)
            print(f"  pos_weight {tuple(pos_weight.shape)}:      {flat:.4f}")
        except RuntimeError as err:
            print(f"RuntimeError: {err}")
        per_channel = pos_weight.view(-1, 1, 1)  # (C, 1, 1): lines up with dimension 1
        right = nn.BCEWithLogitsLoss(pos_weight=per_channel)(logits, labels)
        print(f"  pos_weight {tuple(per_channel.shape)}: {right:.4f}")
        print(f"  class by class:       {class_by_class(logits, labels):.4f}")
    # --8<-- [end:pos-weight-dense]

    # --8<-- [start:sigmoid-then-bce]
    import torch
    from torch import nn

    logits = torch.tensor([20.0, -20.0], requires_grad=True)
    labels = torch.tensor([0.0, 1.0])  # both predictions confidently wrong

    print("sigmoid:", torch.sigmoid(logits).tolist())
    two_steps = nn.BCELoss(reduction="none")(torch.sigmoid(logits), labels)
    one_step = nn.BCEWithLogitsLoss(reduction="none")(logits, labels)
    (two_steps_grad,) = torch.autograd.grad(two_steps.sum(), logits)
    (one_step_grad,) = torch.autograd.grad(one_step.sum(), logits)
    print("sigmoid + BCELoss:", two_steps.tolist(), "gradient", two_steps_grad.tolist())
    print("BCEWithLogitsLoss:", one_step.tolist(), "gradient", one_step_grad.tolist())
    # --8<-- [end:sigmoid-then-bce]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    logits = torch.tensor([1.5, -0.5, 2.0, -3.0])
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0])
    pos_weight = torch.tensor(2.0)
    print(F.binary_cross_entropy_with_logits(logits, labels, pos_weight=pos_weight))
    # --8<-- [end:functional]

    # --8<-- [start:keras]
    import inspect
    import os

    os.environ["KERAS_BACKEND"] = "torch"  # before the first `import keras`
    import keras
    import torch
    from torch import nn

    logits = torch.tensor([[1.5, -0.5, 2.0], [-3.0, 0.2, 0.1]])  # (N, C) = (2, 3)
    labels = torch.tensor([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])
    per_sample = torch.tensor([2.0, 0.5])

    keras_bce = keras.losses.BinaryCrossentropy(from_logits=True)  # target first
    print(f"Keras, no weight:          {keras_bce(labels, logits):.4f}")
    print(f"torch, no weight:          {nn.BCEWithLogitsLoss()(logits, labels):.4f}")
    print(f"Keras, from_logits=False:  {keras.losses.BinaryCrossentropy()(labels, logits):.4f}")
    arguments = inspect.signature(keras.losses.BinaryCrossentropy).parameters
    print("Keras has a pos_weight argument:", "pos_weight" in arguments)
    print(f"Keras, sample_weight (N,): {keras_bce(labels, logits, sample_weight=per_sample):.4f}")
    torch_loss = nn.BCEWithLogitsLoss(weight=per_sample[:, None])(logits, labels)
    print(f"torch, weight (N, 1):      {torch_loss:.4f}")
    try:
        keras_bce(labels, logits, sample_weight=torch.tensor([1.0, 0.0, 1.0]))  # one per label
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    # --8<-- [end:keras]
