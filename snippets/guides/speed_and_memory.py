"""Code for docs/guides/speed-and-memory.md: fused losses, the memory of a large vocabulary, torch.compile.

The measuring functions sit at the top level, so tests/test_speed_and_memory.py can import them; what the
page prints runs under ``if __name__ == "__main__":``.
"""

if __name__ == "__main__":
    # --8<-- [start:machine]
    import platform

    import torch

    print("machine:", platform.machine())
    print("torch:", torch.__version__.split("+")[0])
    print("threads torch uses:", torch.get_num_threads())
    # --8<-- [end:machine]

# --8<-- [start:timer]
import torch
from torch.utils import benchmark


def step_ms(loss_fn, input, target, min_run_time=0.2):
    """Median time of one loss_fn(input, target).backward(), in milliseconds."""
    input = input.detach().requires_grad_()

    def step():
        input.grad = None
        loss_fn(input, target).backward()

    timer = benchmark.Timer(stmt="step()", globals={"step": step})  # 1 thread
    return timer.blocked_autorange(min_run_time=min_run_time).median * 1e3
# --8<-- [end:timer]


# --8<-- [start:cross-entropy-two-step]
import torch.nn.functional as F


def two_step_cross_entropy(logits, target):
    """What nn.LogSoftmax(dim=1) followed by nn.NLLLoss() computes."""
    return F.nll_loss(F.log_softmax(logits, dim=1), target)
# --8<-- [end:cross-entropy-two-step]


if __name__ == "__main__":
    # --8<-- [start:cross-entropy]
    torch.manual_seed(0)
    logits = torch.randn(1024, 1000)  # 1024 rows, 1000 classes
    target = torch.randint(0, 1000, (1024,))

    fused = F.cross_entropy(logits, target)
    two_step = two_step_cross_entropy(logits, target)
    print("equal losses:", torch.allclose(fused, two_step), f"{fused.item():.4f}")

    fused_ms = step_ms(F.cross_entropy, logits, target)
    two_step_ms = step_ms(two_step_cross_entropy, logits, target)
    print(f"cross_entropy:          {fused_ms:.2f} ms")
    print(f"log_softmax + nll_loss: {two_step_ms:.2f} ms")
    print(f"ratio two-step / fused: {two_step_ms / fused_ms:.2f}")
    # --8<-- [end:cross-entropy]


# --8<-- [start:bce-two-step]
import torch
import torch.nn.functional as F


def two_step_bce(logits, target):
    """What nn.Sigmoid() followed by nn.BCELoss() computes."""
    return F.binary_cross_entropy(torch.sigmoid(logits), target)
# --8<-- [end:bce-two-step]


if __name__ == "__main__":
    # --8<-- [start:bce]
    torch.manual_seed(0)
    logits = torch.randn(1024, 1000)  # 1000 independent yes/no labels per row
    target = torch.randint(0, 2, (1024, 1000)).float()

    fused = F.binary_cross_entropy_with_logits(logits, target)
    two_step = two_step_bce(logits, target)
    print("equal losses:", torch.allclose(fused, two_step), f"{fused.item():.4f}")

    fused_ms = step_ms(F.binary_cross_entropy_with_logits, logits, target)
    two_step_ms = step_ms(two_step_bce, logits, target)
    print(f"binary_cross_entropy_with_logits: {fused_ms:.2f} ms")
    print(f"sigmoid + binary_cross_entropy:   {two_step_ms:.2f} ms")
    print(f"ratio two-step / fused: {two_step_ms / fused_ms:.2f}")
    # --8<-- [end:bce]


# --8<-- [start:saved-memory]
import torch


def saved_mib(fn, parameters=()):
    """Run fn(); return its result and the MiB of tensors autograd keeps for backward.

    Each storage counts once (log_softmax and nll_loss keep the same tensor), and
    parameters do not count: they are in memory anyway.
    """
    skip = {p.untyped_storage().data_ptr() for p in parameters}
    kept = {}

    def pack(tensor):
        storage = tensor.untyped_storage()
        if storage.data_ptr() not in skip:
            kept[storage.data_ptr()] = storage.nbytes()
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        result = fn()
    return result, sum(kept.values()) / 2**20
# --8<-- [end:saved-memory]


if __name__ == "__main__":
    # --8<-- [start:memory]
    import torch.nn.functional as F
    from torch import nn

    torch.manual_seed(0)
    n, d, v = 256, 64, 32768  # 256 tokens, 64 features, a 32768-word vocabulary
    features = torch.randn(n, d, requires_grad=True)
    target = torch.randint(0, v, (n,))
    print(f"logits ({n}, {v}) in float32: {n * v * 4 / 2**20:.1f} MiB")

    linear = nn.Linear(d, v, bias=False)
    _, mib = saved_mib(
        lambda: F.cross_entropy(linear(features), target), linear.parameters()
    )
    print(f"Linear + cross_entropy:          {mib:6.2f} MiB kept for backward")
    _, mib = saved_mib(
        lambda: two_step_cross_entropy(linear(features), target), linear.parameters()
    )
    print(f"Linear + log_softmax + nll_loss: {mib:6.2f} MiB kept for backward")

    for options in [None, nn.LinearCrossEntropyOptions()]:
        loss = nn.LinearCrossEntropyLoss(d, v, options=options)
        _, mib = saved_mib(lambda: loss(features, target), loss.parameters())
        print(f"LinearCrossEntropyLoss(options={'None' if options is None else '...'}):"
              f" {mib:6.2f} MiB kept for backward")
    # The chunked path computes the gradients in the forward pass and keeps those
    print(f"  its gradients for features ({n}, {d}) and weight ({v}, {d}):"
          f" {(n * d + v * d) * 4 / 2**20:.2f} MiB")
    # --8<-- [end:memory]

    # --8<-- [start:linear-cross-entropy]
    import torch.nn.functional as F
    from torch import nn

    torch.manual_seed(0)
    n, d, v = 256, 64, 32768
    features = torch.randn(n, d)
    target = torch.randint(0, v, (n,))
    weight = torch.randn(v, d) / d**0.5  # the output layer's weight, (vocabulary, features)

    def plain(x, y):
        return F.cross_entropy(x @ weight.T, y)

    def chunked(batch_chunk_size):
        options = nn.LinearCrossEntropyOptions(batch_chunk_size=batch_chunk_size)
        return lambda x, y: F.linear_cross_entropy(x, weight, y, options=options)

    same = torch.allclose(plain(features, target), chunked(64)(features, target))
    print("equal losses:", same)
    plain_ms = step_ms(plain, features, target, min_run_time=0.1)
    print(f"x @ weight.T + cross_entropy:       {plain_ms:6.1f} ms")
    for size in [None, 64]:
        ms = step_ms(chunked(size), features, target, min_run_time=0.1)
        print(f"chunked, batch_chunk_size={str(size):>4}: {ms:6.1f} ms,"
              f" {ms / plain_ms:.2f} x plain")
    # --8<-- [end:linear-cross-entropy]


# --8<-- [start:focal-loss]
import torch
import torch.nn.functional as F


def focal_loss(logits, target, gamma=2.0):
    """Multi-class focal loss: cross-entropy scaled down where the model is right."""
    log_p = F.log_softmax(logits, dim=1).gather(1, target[:, None]).squeeze(1)
    return (-((1 - log_p.exp()) ** gamma) * log_p).mean()
# --8<-- [end:focal-loss]


if __name__ == "__main__":
    # --8<-- [start:compile]
    torch.manual_seed(0)
    logits = torch.randn(4096, 10, requires_grad=True)
    target = torch.randint(0, 10, (4096,))

    compiled_focal_loss = torch.compile(focal_loss)  # compiles at the first call
    eager = focal_loss(logits, target)
    eager_grad, = torch.autograd.grad(eager, logits)
    compiled = compiled_focal_loss(logits, target)
    compiled_grad, = torch.autograd.grad(compiled, logits)
    print("equal losses:", torch.allclose(eager, compiled))
    print("equal gradients:", torch.allclose(eager_grad, compiled_grad))

    eager_ms = step_ms(focal_loss, logits, target)
    compiled_ms = step_ms(compiled_focal_loss, logits, target)
    print(f"eager:    {eager_ms:.3f} ms")
    print(f"compiled: {compiled_ms:.3f} ms")
    print(f"ratio eager / compiled: {eager_ms / compiled_ms:.2f}")
    # --8<-- [end:compile]
