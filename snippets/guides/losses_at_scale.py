"""Code for docs/guides/losses-at-scale.md: gradient accumulation, data parallel training, mixed precision.

Importing the module defines the distributed example's functions and runs nothing (its processes start
only under ``__main__``); running it prints every example.
"""

if __name__ == "__main__":
    # --8<-- [start:accumulate-divide]
    import torch
    import torch.nn.functional as F
    from torch import nn

    torch.manual_seed(0)
    features, targets = torch.randn(8, 6), torch.randint(0, 5, (8,))
    micro_batches = list(zip(features.split(2), targets.split(2)))


    def weight_gradient(compute_gradients):
        torch.manual_seed(0)  # the same initial weights for every way of computing the gradient
        model = nn.Linear(6, 5)
        compute_gradients(model)
        return model.weight.grad


    def one_batch(model):
        F.cross_entropy(model(features), targets).backward()


    def accumulated(model, divide):
        for x, y in micro_batches:
            loss = F.cross_entropy(model(x), y)  # the mean over this micro-batch
            (loss / len(micro_batches) if divide else loss).backward()  # backward() adds to .grad


    reference = weight_gradient(one_batch)
    divided = weight_gradient(lambda model: accumulated(model, divide=True))
    not_divided = weight_gradient(lambda model: accumulated(model, divide=False))
    print(f"{len(micro_batches)} micro-batches of {len(micro_batches[0][1])}, one batch of {len(targets)}")
    print("loss / 4 accumulated equals one batch:", torch.allclose(divided, reference))
    print("loss accumulated equals one batch:    ", torch.allclose(not_divided, reference))
    print(f"gradient norm, not divided / one batch: {(not_divided.norm() / reference.norm()).item():.4f}")
    # --8<-- [end:accumulate-divide]

    # --8<-- [start:accumulate-padding]
    import torch
    import torch.nn.functional as F
    from torch import nn

    torch.manual_seed(0)
    features = torch.randn(4, 8, 6)  # 4 sequences of 8 tokens, 6 features per token
    targets = torch.randint(0, 5, (4, 8))
    lengths = torch.tensor([8, 7, 2, 1])
    targets[torch.arange(8) >= lengths.unsqueeze(1)] = -100  # padding: cross_entropy's ignore_index
    micro_batches = list(zip(features.split(2), targets.split(2)))  # 2 sequences each


    def weight_gradient(compute_gradients):
        torch.manual_seed(0)
        model = nn.Linear(6, 5)
        compute_gradients(model)
        return model.weight.grad


    def token_loss(model, x, y, reduction="mean"):
        return F.cross_entropy(model(x).flatten(0, 1), y.flatten(), reduction=reduction)


    def one_batch(model):
        token_loss(model, features, targets).backward()


    def naive(model):  # the mean of the micro-batch means
        for x, y in micro_batches:
            (token_loss(model, x, y) / len(micro_batches)).backward()


    def token_mean(model):  # every token's loss over the tokens of the whole batch
        counted = (targets != -100).sum()  # count first, over every micro-batch
        for x, y in micro_batches:
            (token_loss(model, x, y, reduction="sum") / counted).backward()


    def divide_after(model):  # when the count is known only at the end
        counted = 0
        for x, y in micro_batches:
            token_loss(model, x, y, reduction="sum").backward()
            counted += (y != -100).sum().item()
        for parameter in model.parameters():
            parameter.grad /= counted


    reference = weight_gradient(one_batch)
    counts = [(y != -100).sum().item() for _, y in micro_batches]
    print(f"tokens counted per micro-batch: {counts}; in the mean of means, a token of the second "
          f"weighs {counts[0] / counts[1]:.1f} times one of the first")
    for name, compute_gradients in [("mean of micro-batch means", naive), ("sum / tokens in the batch", token_mean),
                                    ("sum, .grad / tokens after", divide_after)]:
        gradient = weight_gradient(compute_gradients)
        difference = (gradient - reference).abs().max().item()
        # float32 rounding's last digits differ from one CPU to another: only a real difference is printed.
        shown = f"{difference:.1e}" if difference > 1e-6 else "under 1e-6"
        print(f"{name}: equals one batch {torch.allclose(gradient, reference)}, largest difference {shown}")

    with torch.no_grad():  # the losses behind these gradients, with the same initial weights
        torch.manual_seed(0)
        model = nn.Linear(6, 5)
        means = [token_loss(model, x, y).item() for x, y in micro_batches]
        print(f"micro-batch means {means[0]:.4f} and {means[1]:.4f}, their mean {sum(means) / len(means):.4f}; "
              f"mean over all tokens {token_loss(model, features, targets).item():.4f}")
    # --8<-- [end:accumulate-padding]


# --8<-- [start:ddp]
import socket

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn.functional as F
from torch import nn
from torch.nn.parallel import DistributedDataParallel

WORLD_SIZE = 2
CASES = {"equal": [4, 4], "unequal": [7, 1]}  # tokens each rank counts, of its 8; the rest are padding


def rank_batch(rank, counted):
    """The 8 tokens that rank `rank` holds; the targets after the first `counted` are padding (-100)."""
    generator = torch.Generator().manual_seed(rank)
    features = torch.randn(8, 4, generator=generator)
    targets = torch.randint(0, 3, (8,), generator=generator)
    targets[counted:] = -100
    return features, targets


def make_model():
    torch.manual_seed(0)
    return nn.Linear(4, 3)


def worker(rank, port, results):
    torch.set_num_threads(1)  # a forked process cannot use its parent's OpenMP threads (as in DataLoader workers)
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=WORLD_SIZE)
    model = DistributedDataParallel(make_model())  # backward() averages the gradients of the ranks
    for case, counts in CASES.items():
        features, targets = rank_batch(rank, counts[rank])

        model.zero_grad()
        rank_mean = F.cross_entropy(model(features), targets)  # this rank's mean
        rank_mean.backward()
        naive = model.module.weight.grad.clone()

        model.zero_grad()
        counted = (targets != -100).sum()
        dist.all_reduce(counted)  # in place: the sum over the ranks, on every rank
        summed = F.cross_entropy(model(features), targets, reduction="sum")
        (summed * WORLD_SIZE / counted).backward()  # * WORLD_SIZE undoes DDP's average
        fixed = model.module.weight.grad.clone()

        results.put((case, rank, dist.get_world_size(), dist.get_backend(), rank_mean.item(),
                     (summed / counted).item(), naive.tolist(), fixed.tolist()))
    dist.barrier()  # both ranks done before the group is torn down
    dist.destroy_process_group()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))  # port 0: the system picks a free one
        return probe.getsockname()[1]


if __name__ == "__main__":
    import torch._dynamo  # DDP imports it when first built: once here, not once in each process

    results = mp.get_context("fork").SimpleQueue()  # the processes' prints would not reach a notebook
    mp.start_processes(worker, args=(free_port(), results), nprocs=WORLD_SIZE, start_method="fork")  # joins
    received = {}
    for _ in range(WORLD_SIZE * len(CASES)):
        case, rank, world_size, backend, *values = results.get()
        received[case, rank] = values
    print(f"world size {world_size}, backend {backend}, processes still running: {len(mp.active_children())}")
    for case, counts in CASES.items():
        (mean_0, share_0, naive_0, fixed_0), (mean_1, share_1, naive_1, fixed_1) = (
            received[case, rank] for rank in range(WORLD_SIZE))
        # the same tokens in one process, no DDP: the mean over every counted token
        batches = [rank_batch(rank, counts[rank]) for rank in range(WORLD_SIZE)]
        model = make_model()
        one_process = F.cross_entropy(model(torch.cat([f for f, _ in batches])), torch.cat([t for _, t in batches]))
        one_process.backward()
        reference = model.weight.grad
        print(f"{case} counts {counts}: one process, mean over {sum(counts)} tokens {one_process.item():.4f}")
        print(f"  rank means {mean_0:.4f} and {mean_1:.4f}, averaged by DDP {(mean_0 + mean_1) / 2:.4f}; "
              f"gradient equals one process: {torch.allclose(torch.tensor(naive_0), reference)}")
        print(f"  sum / all-reduced count {share_0:.4f} + {share_1:.4f} = {share_0 + share_1:.4f}; "
              f"gradient equals one process: {torch.allclose(torch.tensor(fixed_0), reference)}")
        print(f"  both ranks hold the same gradient: {naive_0 == naive_1 and fixed_0 == fixed_1}")
# --8<-- [end:ddp]


if __name__ == "__main__":
    # --8<-- [start:autocast-losses]
    import torch
    import torch.nn.functional as F
    from torch import nn

    torch.manual_seed(0)
    N, C, D, T = 4, 5, 8, 6  # batch, classes, features, time steps
    scores, labels = torch.randn(N, C), torch.randint(0, C, (N,))
    values, other = torch.randn(N), torch.randn(N)
    bits = torch.randint(0, 2, (N,)).float()
    signs = bits * 2 - 1
    anchor, positive, negative = torch.randn(3, N, D)
    PROBES = {  # a valid call of each loss; floating arguments in float32
        "AdaptiveLogSoftmaxWithLoss": [anchor, labels],
        "BCELoss": [torch.rand(N), bits],
        "BCEWithLogitsLoss": [values, bits],
        "CTCLoss": [torch.randn(T, N, C).log_softmax(2), torch.randint(1, C, (N, 3)),
                    torch.full((N,), T), torch.full((N,), 3)],
        "CosineEmbeddingLoss": [anchor, positive, signs],
        "CrossEntropyLoss": [scores, labels],
        "GaussianNLLLoss": [values, other, torch.rand(N) + 0.1],
        "HingeEmbeddingLoss": [values.abs(), signs],
        "HuberLoss": [values, other],
        "KLDivLoss": [scores.log_softmax(1), torch.randn(N, C).softmax(1)],
        "L1Loss": [values, other],
        "LinearCrossEntropyLoss": [anchor, labels],
        "MSELoss": [values, other],
        "MarginRankingLoss": [values, other, signs],
        "MultiLabelMarginLoss": [scores, torch.tensor([[1, 3, -1, 0, 0]] * N)],
        "MultiLabelSoftMarginLoss": [scores, torch.randint(0, 2, (N, C)).float()],
        "MultiMarginLoss": [scores, labels],
        "NLLLoss": [scores.log_softmax(1), labels],
        "PoissonNLLLoss": [values, torch.randint(0, 4, (N,)).float()],
        "SmoothL1Loss": [values, other],
        "SoftMarginLoss": [values, signs],
        "TripletMarginLoss": [anchor, positive, negative],
        "TripletMarginWithDistanceLoss": [anchor, positive, negative],
    }
    MAKE = {  # losses that need arguments to be built
        "AdaptiveLogSoftmaxWithLoss": lambda: nn.AdaptiveLogSoftmaxWithLoss(D, C, cutoffs=[2]),
        "KLDivLoss": lambda: nn.KLDivLoss(reduction="batchmean"),
        "LinearCrossEntropyLoss": lambda: nn.LinearCrossEntropyLoss(D, C),
    }


    def from_bfloat16_layer(tensor):
        """What an nn.Linear under autocast hands on: here the identity, so the same values in bfloat16."""
        with torch.autocast("cpu", dtype=torch.bfloat16):
            return F.linear(tensor, torch.eye(tensor.shape[-1]))


    names = [name for name in dir(nn) if name.endswith("Loss") and name != "NLLLoss2d"]  # a deprecated NLLLoss
    calls = {name: [from_bfloat16_layer(a) if a.is_floating_point() else a for a in PROBES[name]] for name in names}
    floating = {arg.dtype for args in calls.values() for arg in args if arg.is_floating_point()}
    print(f"{len(names)} losses; their floating arguments: {', '.join(map(str, floating))}")
    outcomes = []
    for name in names:
        loss_fn = MAKE.get(name, getattr(nn, name))()  # its parameters, if any, stay float32
        try:
            with torch.autocast("cpu", dtype=torch.bfloat16):
                result = loss_fn(*calls[name])
        except RuntimeError as err:
            outcomes.append("refused")
            print(f"{name:<30} RuntimeError: {err}")
        else:
            outcomes.append(str(getattr(result, "loss", result).dtype))  # AdaptiveLogSoftmax: .loss
            print(f"{name:<30} {outcomes[-1]}")
    print({outcome: outcomes.count(outcome) for outcome in ["torch.float32", "torch.bfloat16", "refused"]})
    # --8<-- [end:autocast-losses]

    # --8<-- [start:grad-scaler-underflow]
    import torch
    import torch.nn.functional as F
    from torch import nn

    torch.manual_seed(0)
    features, targets = torch.randn(8, 4), torch.randn(8, 1)


    def weight_gradient(dtype, scaler=None):
        torch.manual_seed(0)
        model = nn.Linear(4, 1)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        with torch.autocast("cpu", dtype=dtype, enabled=dtype != torch.float32):
            loss = F.mse_loss(model(features), targets) * 1e-8  # a loss with gradients this small
        if scaler is None:
            loss.backward()
        else:
            scaler.scale(loss).backward()  # the loss times the scale, so every gradient too
            scaler.unscale_(optimizer)  # divides .grad by the scale again, in float32
        return model.weight.grad


    for dtype in [torch.float16, torch.bfloat16, torch.float32]:
        info = torch.finfo(dtype)
        print(f"{str(dtype):<14} largest {info.max:<11g} smallest normal {info.smallest_normal:.3g}")
    print("float32, no autocast:    ", weight_gradient(torch.float32))
    print("bfloat16 autocast:       ", weight_gradient(torch.bfloat16))
    print("float16 autocast:        ", weight_gradient(torch.float16))
    scaler = torch.amp.GradScaler("cpu")
    print(f"{f'float16, scale {scaler.get_scale()}:':<25}", weight_gradient(torch.float16, scaler))
    # --8<-- [end:grad-scaler-underflow]

    # --8<-- [start:grad-scaler-skip]
    import torch
    import torch.nn.functional as F
    from torch import nn

    torch.manual_seed(0)
    features, targets = torch.randn(8, 4), 10 * torch.randn(8, 1)  # large errors at the start
    model = nn.Linear(4, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    scaler = torch.amp.GradScaler("cpu")
    print(f"growth factor {scaler.get_growth_factor()} after {scaler.get_growth_interval()} steps "
          f"without inf, backoff factor {scaler.get_backoff_factor()}; float16 max {torch.finfo(torch.float16).max:g}")

    for step in range(1, 5):
        optimizer.zero_grad()
        exact, = torch.autograd.grad(F.mse_loss(model(features), targets), model.weight)  # float32, for the print
        with torch.autocast("cpu", dtype=torch.float16):
            loss = F.mse_loss(model(features), targets)
        scale = scaler.get_scale()
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)
        finite = torch.isfinite(model.weight.grad).all().item()
        before = model.weight.detach().clone()
        scaler.step(optimizer)  # skipped when a gradient is inf or nan
        scaler.update()  # halves the scale after a skip
        print(f"step {step}: loss {loss.item():.2f}, scale {scale:>7}, largest weight gradient x scale "
              f"{exact.abs().max().item() * scale:>6.0f}, finite {finite!s:<5}, "
              f"weights updated {not torch.equal(before, model.weight)}")
    # --8<-- [end:grad-scaler-skip]
