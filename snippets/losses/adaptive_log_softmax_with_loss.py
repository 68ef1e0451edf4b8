"""Code for docs/losses/adaptive-log-softmax-with-loss.md. Running it prints every example."""

if __name__ == "__main__":
    # --8<-- [start:minimal]
    import torch
    from torch import nn

    torch.manual_seed(0)
    # classes numbered by frequency: 0-3 the head
    asm = nn.AdaptiveLogSoftmaxWithLoss(
        in_features=16, n_classes=10, cutoffs=[4, 8]
    )
    hidden = torch.randn(4, 16)  # (N, in_features)
    target = torch.tensor([0, 3, 5, 9])  # (N,)

    print(asm(hidden, target).loss)
    # --8<-- [end:minimal]

    # --8<-- [start:output]
    import torch
    from torch import nn

    torch.manual_seed(0)
    asm = nn.AdaptiveLogSoftmaxWithLoss(in_features=16, n_classes=10, cutoffs=[4, 8])
    hidden = torch.randn(3, 16)  # (N, in_features): features, not logits
    target = torch.tensor([0, 5, 9])

    with torch.no_grad():
        result = asm(hidden, target)
    print(result)
    print(result.output.shape, result.loss.shape)
    # --8<-- [end:output]

    # --8<-- [start:distribution]
    import torch
    from torch import nn

    torch.manual_seed(0)
    asm = nn.AdaptiveLogSoftmaxWithLoss(in_features=16, n_classes=10, cutoffs=[4, 8])
    hidden = torch.randn(3, 16)

    with torch.no_grad():
        probabilities = asm.log_prob(hidden).exp()  # (3, 10): every class, tail clusters included
    print("shape:", tuple(probabilities.shape))
    print("sum over the 10 classes:", probabilities.sum(dim=1))
    # --8<-- [end:distribution]

    # --8<-- [start:example]
    import torch
    from torch import nn

    torch.manual_seed(0)
    asm = nn.AdaptiveLogSoftmaxWithLoss(in_features=16, n_classes=10, cutoffs=[4, 8])
    hidden = torch.randn(5, 16)
    target = torch.tensor([0, 1, 3, 5, 9])

    result = asm(hidden, target)  # a namedtuple (output, loss)
    print(f"{result.loss.item():.4f}")
    # --8<-- [end:example]

    # --8<-- [start:two-step]
    import torch
    from torch import nn

    torch.manual_seed(0)
    asm = nn.AdaptiveLogSoftmaxWithLoss(in_features=16, n_classes=10, cutoffs=[4, 8])
    hidden = torch.randn(5, 16)
    target = torch.tensor([0, 1, 3, 5, 9])

    log_probs = asm.log_prob(hidden)  # (5, 10): log-probabilities of every class
    loss = -log_probs.gather(1, target[:, None]).mean()
    print(f"{loss.item():.4f}")
    # --8<-- [end:two-step]

    # --8<-- [start:cutoffs]
    from torch import nn

    for cutoffs in [[4, 8], [2, 6]]:
        asm = nn.AdaptiveLogSoftmaxWithLoss(16, 10, cutoffs=cutoffs)
        tails = [(cluster[0].out_features, cluster[1].out_features) for cluster in asm.tail]
        print(f"cutoffs={cutoffs}: head has {asm.head.out_features} outputs,",
              f"tail clusters (projection, classes) {tails}")
    # --8<-- [end:cutoffs]

    # --8<-- [start:div-value]
    from torch import nn

    for div_value in [4.0, 2.0]:
        asm = nn.AdaptiveLogSoftmaxWithLoss(16, 10, cutoffs=[4, 8], div_value=div_value)
        sizes = [cluster[0].out_features for cluster in asm.tail]
        parameters = sum(p.numel() for p in asm.parameters())
        print(f"div_value={div_value}: projection sizes {sizes}, {parameters} parameters")
    # --8<-- [end:div-value]

    # --8<-- [start:head-bias]
    import torch
    from torch import nn

    torch.manual_seed(0)
    asm = nn.AdaptiveLogSoftmaxWithLoss(16, 10, cutoffs=[4, 8], head_bias=True)
    print(asm.head)
    print("head bias shape:", tuple(asm.head.bias.shape))
    # --8<-- [end:head-bias]

    # --8<-- [start:sorted-ids]
    import torch
    from torch import nn

    torch.manual_seed(0)
    asm = nn.AdaptiveLogSoftmaxWithLoss(16, 10, cutoffs=[4, 8])
    rows = []  # how many rows each call sends through a tail cluster
    for cluster in asm.tail:
        cluster.register_forward_hook(lambda module, args, out: rows.append(len(args[0])))

    target = torch.tensor([9, 9, 7, 9, 8, 9, 7, 0, 9, 8, 9, 7])  # 9 is the most frequent
    hidden = torch.randn(len(target), 16)
    asm(hidden, target)
    print("ids as they come: rows through the tail", sum(rows))

    # Renumber the classes by frequency: the most frequent becomes 0.
    counts = torch.bincount(target, minlength=10)
    by_frequency = counts.argsort(descending=True, stable=True)  # most frequent first
    new_id = torch.empty_like(by_frequency)
    new_id[by_frequency] = torch.arange(10)
    rows.clear()
    asm(hidden, new_id[target])
    print("ids by frequency: rows through the tail", sum(rows))
    # --8<-- [end:sorted-ids]

    # --8<-- [start:out-of-range]
    import torch
    from torch import nn

    torch.manual_seed(0)
    asm = nn.AdaptiveLogSoftmaxWithLoss(16, 10, cutoffs=[4, 8])
    try:
        asm(torch.randn(2, 16), torch.tensor([3, 10]))  # class ids run from 0 to 9
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    # --8<-- [end:out-of-range]

    # --8<-- [start:bad-cutoffs]
    from torch import nn

    try:
        nn.AdaptiveLogSoftmaxWithLoss(16, 10, cutoffs=[4, 8, 10])  # 10 is n_classes
    except ValueError as err:
        print(f"ValueError: {err}")
    # --8<-- [end:bad-cutoffs]

    # --8<-- [start:empty-projection]
    import warnings

    import torch
    from torch import nn

    torch.manual_seed(0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asm = nn.AdaptiveLogSoftmaxWithLoss(8, 10, cutoffs=[4, 8])  # 8 // 4**2 == 0
    print(f"{caught[0].category.__name__}: {caught[0].message}")
    print("projection sizes:", [cluster[0].out_features for cluster in asm.tail])
    with torch.no_grad():
        print(asm.log_prob(torch.randn(2, 8))[:, 8:])  # classes 8 and 9: always equal
    # --8<-- [end:empty-projection]

    # --8<-- [start:sequence-batch]
    import torch
    from torch import nn

    torch.manual_seed(0)
    asm = nn.AdaptiveLogSoftmaxWithLoss(16, 10, cutoffs=[4, 8])
    hidden = torch.randn(2, 7, 16)  # (batch, time, features) from a language model
    target = torch.randint(0, 10, (2, 7))
    try:
        asm(hidden, target)
    except RuntimeError as err:
        print(f"RuntimeError: {err}")
    result = asm(hidden.reshape(-1, 16), target.reshape(-1))  # (14, 16) and (14,)
    print(result.output.shape)
    # --8<-- [end:sequence-batch]

    # --8<-- [start:log-prob-predict]
    import torch
    from torch import nn

    torch.manual_seed(0)
    asm = nn.AdaptiveLogSoftmaxWithLoss(16, 10, cutoffs=[4, 8])
    hidden = torch.randn(3, 16)

    with torch.no_grad():
        log_probs = asm.log_prob(hidden)  # (3, 10)
        print("rows sum to 1:", torch.allclose(log_probs.exp().sum(dim=1), torch.ones(3)))
        print("predict:", asm.predict(hidden), " argmax:", log_probs.argmax(dim=1))
    # --8<-- [end:log-prob-predict]
