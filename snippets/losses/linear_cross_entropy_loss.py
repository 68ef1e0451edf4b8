"""Code for docs/losses/linear-cross-entropy-loss.md. Running it prints every example."""

if __name__ == "__main__":
    # --8<-- [start:minimal]
    import torch
    from torch import nn

    torch.manual_seed(0)
    loss_fn = nn.LinearCrossEntropyLoss(in_features=8, num_classes=5)
    features = torch.randn(4, 8)  # (N, in_features)
    target = torch.tensor([0, 3, 1, 4])  # (N,)

    print(loss_fn(features, target))
    # --8<-- [end:minimal]

    # --8<-- [start:example]
    import torch
    from torch import nn

    torch.manual_seed(0)
    loss = nn.LinearCrossEntropyLoss(in_features=8, num_classes=5)  # holds a (5, 8) weight
    features = torch.randn(4, 8)  # (N, in_features): the input of the output layer
    target = torch.tensor([0, 3, 1, 4])

    print(f"{loss(features, target).item():.4f}")
    # --8<-- [end:example]

    # --8<-- [start:two-step]
    import torch
    import torch.nn.functional as F
    from torch import nn

    torch.manual_seed(0)
    loss = nn.LinearCrossEntropyLoss(in_features=8, num_classes=5)
    features = torch.randn(4, 8)
    target = torch.tensor([0, 3, 1, 4])

    logits = features @ loss.linear.weight.T  # (4, 5): the step the fused loss hides
    print(f"{F.cross_entropy(logits, target).item():.4f}")
    # --8<-- [end:two-step]

    # --8<-- [start:logits-size]
    import torch

    tokens, vocabulary = 2**15, 2**17
    logits = torch.empty(tokens, vocabulary, device="meta")  # a shape and a dtype, no memory
    print(f"{logits.numel()} {logits.dtype} numbers, {logits.nbytes / 2**30:.0f} GiB")
    # --8<-- [end:logits-size]

    # --8<-- [start:probability-targets]
    import torch
    from torch import nn

    torch.manual_seed(0)
    per_row = nn.LinearCrossEntropyLoss(8, 5, reduction="none")
    per_position = nn.LinearCrossEntropyLoss(8, 5, out_features=(3,), reduction="none")
    cases = [  # (module, features, class probabilities over the 5 classes)
        (per_row, torch.randn(8), torch.randn(5).softmax(dim=0)),
        (per_row, torch.randn(4, 8), torch.randn(4, 5).softmax(dim=1)),
        (per_position, torch.randn(4, 8), torch.randn(4, 5, 3).softmax(dim=1)),
    ]
    for loss, features, target in cases:
        output = loss(features, target)
        print(f"input {tuple(features.shape)}, target {tuple(target.shape)} -> output {tuple(output.shape)}")
    # --8<-- [end:probability-targets]

    # --8<-- [start:reduction]
    import torch
    from torch import nn

    torch.manual_seed(0)
    features = torch.randn(4, 8)
    target = torch.tensor([0, 3, 1, 4])

    for reduction in ["mean", "sum", "none"]:
        torch.manual_seed(1)  # the same weight for each module
        loss = nn.LinearCrossEntropyLoss(8, 5, reduction=reduction)
        print(f"{reduction:>4}:", loss(features, target).detach())
    # --8<-- [end:reduction]

    # --8<-- [start:weight]
    import torch
    from torch import nn

    torch.manual_seed(0)
    features = torch.randn(4, 8)
    target = torch.tensor([0, 3, 1, 4])
    class_weight = torch.tensor([1.0, 1.0, 1.0, 3.0, 1.0])

    torch.manual_seed(1)
    weighted = nn.LinearCrossEntropyLoss(8, 5, weight=class_weight)
    torch.manual_seed(1)
    per_row = nn.LinearCrossEntropyLoss(8, 5, reduction="none")(features, target)
    w = class_weight[target]
    print(weighted(features, target).detach(), ((w * per_row).sum() / w.sum()).detach())
    # --8<-- [end:weight]

    # --8<-- [start:ignore-index]
    import torch
    from torch import nn

    torch.manual_seed(0)
    features = torch.randn(4, 8)
    padded = torch.tensor([0, 3, -100, 4])  # None means -100, as in CrossEntropyLoss
    pad_is_3 = torch.tensor([0, 3, 1, 4])

    for ignore_index, target in [(None, padded), (3, pad_is_3)]:
        torch.manual_seed(1)
        loss = nn.LinearCrossEntropyLoss(8, 5, ignore_index=ignore_index, reduction="none")
        print(f"ignore_index={ignore_index}:", loss(features, target).detach())
    # --8<-- [end:ignore-index]

    # --8<-- [start:label-smoothing]
    import torch
    from torch import nn

    torch.manual_seed(0)
    features = torch.randn(4, 8)
    target = torch.tensor([0, 3, 1, 4])

    for label_smoothing in [0.0, 0.1]:
        torch.manual_seed(1)
        loss = nn.LinearCrossEntropyLoss(8, 5, label_smoothing=label_smoothing)
        print(f"label_smoothing={label_smoothing}:", loss(features, target).detach())
    # --8<-- [end:label-smoothing]

    # --8<-- [start:bias]
    import torch
    import torch.nn.functional as F
    from torch import nn

    torch.manual_seed(0)
    features = torch.randn(4, 8)
    target = torch.tensor([0, 3, 1, 4])

    torch.manual_seed(1)
    loss = nn.LinearCrossEntropyLoss(8, 5, bias=True)
    print(loss.linear)
    logits = features @ loss.linear.weight.T + loss.linear.bias
    print(loss(features, target).detach(), F.cross_entropy(logits, target).detach())
    # --8<-- [end:bias]

    # --8<-- [start:out-features]
    import torch
    from torch import nn

    torch.manual_seed(0)
    features = torch.randn(4, 8)
    target = torch.randint(0, 5, (4, 3))  # 3 predictions per row, 5 classes each

    loss = nn.LinearCrossEntropyLoss(8, 5, out_features=(3,), reduction="none")
    print("linear:", loss.linear)
    print("loss shape:", tuple(loss(features, target).shape))
    # --8<-- [end:out-features]

    # --8<-- [start:options]
    import torch
    from torch import nn

    torch.manual_seed(0)
    features = torch.randn(8, 16, requires_grad=True)
    target = torch.randint(0, 1000, (8,))

    saved = []  # the shapes of the tensors kept for the backward pass

    def keep(tensor):
        saved.append(tuple(tensor.shape))
        return tensor

    for reduction in ["mean", "sum", "none"]:
        for options in [None, nn.LinearCrossEntropyOptions(batch_chunk_size=2)]:
            torch.manual_seed(1)
            loss = nn.LinearCrossEntropyLoss(16, 1000, reduction=reduction, options=options)
            saved.clear()
            with torch.autograd.graph.saved_tensors_hooks(keep, lambda tensor: tensor):
                value = loss(features, target).sum()  # .sum() only matters for "none"
            path = "chunked  " if options else "reference"
            print(f"{path} {reduction:>4}: loss {value.item():8.4f},",
                  f"(8, 1000) tensors kept for backward: {saved.count((8, 1000))}")
    # --8<-- [end:options]

    # --8<-- [start:chunked-probabilities]
    import warnings

    import torch
    from torch import nn

    torch.manual_seed(0)
    features = torch.randn(8, 16, requires_grad=True)
    target = torch.softmax(torch.randn(8, 1000), dim=1)  # class probabilities, float32, no gradient

    saved = []  # the shapes of the tensors kept for the backward pass

    def keep(tensor):
        saved.append(tuple(tensor.shape))
        return tensor

    for reduction in ["mean", "sum"]:
        for options in [None, nn.LinearCrossEntropyOptions(batch_chunk_size=2)]:
            torch.manual_seed(1)
            loss = nn.LinearCrossEntropyLoss(16, 1000, reduction=reduction, options=options)
            saved.clear()
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                with torch.autograd.graph.saved_tensors_hooks(keep, lambda tensor: tensor):
                    value = loss(features, target)
            path = "chunked  " if options else "reference"
            print(f"{path} {reduction:>4}: loss {value.item():8.4f},",
                  f"(8, 1000) tensors kept for backward: {saved.count((8, 1000))}, warnings: {len(caught)}")
    # --8<-- [end:chunked-probabilities]

    # --8<-- [start:logits]
    import torch
    from torch import nn

    torch.manual_seed(0)
    loss = nn.LinearCrossEntropyLoss(8, 5)
    logits = torch.randn(4, 5)  # already the output of a (5, 8) layer
    try:
        loss(logits, torch.tensor([0, 3, 1, 4]))
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    # --8<-- [end:logits]

    # --8<-- [start:sequence-batch]
    import torch
    from torch import nn

    torch.manual_seed(0)
    loss = nn.LinearCrossEntropyLoss(8, 5)
    hidden = torch.randn(2, 7, 8)  # (batch, time, features) from a language model
    target = torch.randint(0, 5, (2, 7))
    try:
        loss(hidden, target)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    value = loss(hidden.reshape(-1, 8), target.reshape(-1))  # (14, 8) and (14,)
    print(f"{value.item():.4f}")
    # --8<-- [end:sequence-batch]

    # --8<-- [start:ignored-options]
    import warnings

    import torch
    from torch import nn

    torch.manual_seed(0)
    options = nn.LinearCrossEntropyOptions()
    loss = nn.LinearCrossEntropyLoss(8, 5, label_smoothing=0.1, options=options)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loss(torch.randn(4, 8), torch.tensor([0, 3, 1, 4]))
    print(f"{caught[0].category.__name__}: {caught[0].message}")
    # --8<-- [end:ignored-options]

    # --8<-- [start:backward-twice]
    import torch
    from torch import nn

    torch.manual_seed(0)
    features = torch.randn(4, 8, requires_grad=True)
    target = torch.tensor([0, 3, 1, 4])

    refusals = []
    for reduction, allow in [("mean", False), ("sum", False), ("none", False), ("mean", True)]:
        options = nn.LinearCrossEntropyOptions(allow_retain_graph=allow)
        loss = nn.LinearCrossEntropyLoss(8, 5, reduction=reduction, options=options)
        value = loss(features, target).sum()  # .sum() only matters for "none"
        value.backward(retain_graph=True)
        try:
            value.backward()
            outcome = "second backward ran"
        except RuntimeError as err:
            outcome = "second backward raised"
            refusals.append(str(err))
        print(f"{reduction:>4}, allow_retain_graph={allow}: {outcome}")
    for message in dict.fromkeys(refusals):  # each distinct text once
        print(f"RuntimeError: {message}")
    # --8<-- [end:backward-twice]

    # --8<-- [start:ignore-index-probabilities]
    import torch
    from torch import nn

    torch.manual_seed(0)
    features = torch.randn(4, 8)
    soft = torch.randn(4, 5).softmax(dim=1)  # class probabilities

    torch.manual_seed(1)
    loss = nn.LinearCrossEntropyLoss(8, 5)  # ignore_index=None, the default
    print("ignore_index=None:", loss(features, soft).detach())
    try:
        nn.LinearCrossEntropyLoss(8, 5, ignore_index=-100)(features, soft)  # the value None stands for
    except RuntimeError as err:
        print(f"RuntimeError: {err}")

    logits = features @ loss.linear.weight.detach().T
    print("CrossEntropyLoss(ignore_index=-100):", nn.CrossEntropyLoss(ignore_index=-100)(logits, soft))
    # --8<-- [end:ignore-index-probabilities]

    # --8<-- [start:parameters]
    import torch
    from torch import nn

    model = nn.Sequential(nn.Linear(16, 8), nn.ReLU())  # the body, up to the features
    loss = nn.LinearCrossEntropyLoss(8, 5)  # holds the output layer's weight
    print([tuple(p.shape) for p in loss.parameters()])

    wrong = torch.optim.SGD(model.parameters(), lr=0.1)  # misses that weight
    right = torch.optim.SGD([*model.parameters(), *loss.parameters()], lr=0.1)
    for name, optimizer in [("wrong", wrong), ("right", right)]:
        print(name, len(optimizer.param_groups[0]["params"]), "tensors trained")
    # --8<-- [end:parameters]

    # --8<-- [start:functional]
    import torch
    import torch.nn.functional as F

    torch.manual_seed(0)
    features = torch.randn(4, 8)
    linear_weight = torch.randn(5, 8)  # (num_classes, in_features)
    target = torch.tensor([0, 3, 1, 4])

    print(F.linear_cross_entropy(features, linear_weight, target, reduction="sum"))
    print(F.cross_entropy(features @ linear_weight.T, target, reduction="sum"))
    # --8<-- [end:functional]
