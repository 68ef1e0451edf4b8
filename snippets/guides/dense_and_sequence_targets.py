"""Code for docs/guides/dense-and-sequence-targets.md: segmentation maps, sequences, padding, masks and CTC."""

# --8<-- [start:segmentation]
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(2, 3, 4, 5)  # (N, C, H, W): 3 class scores per pixel, 4 x 5 images
target = torch.randint(0, 3, (2, 4, 5))  # (N, H, W): one class index per pixel

per_pixel = nn.CrossEntropyLoss(reduction="none")(logits, target)
print("per pixel:", per_pixel.shape)  # the target's shape
print("mean:", nn.CrossEntropyLoss()(logits, target), per_pixel.mean())

# the same as 40 independent examples with the classes last
flat = logits.permute(0, 2, 3, 1).reshape(-1, 3)  # (N * H * W, C)
print("flattened:", nn.CrossEntropyLoss()(flat, target.reshape(-1)))
# --8<-- [end:segmentation]

# --8<-- [start:sequence]
import torch
from torch import nn

torch.manual_seed(0)
N, L, C = 2, 4, 6  # 2 sequences of 4 tokens, a vocabulary of 6
logits = torch.randn(N, L, C)  # what a transformer or a batch_first LSTM returns
target = torch.randint(0, C, (N, L))

loss_fn = nn.CrossEntropyLoss()
try:
    loss_fn(logits, target)
except RuntimeError as err:
    print(f"RuntimeError: {err}")

print(loss_fn(logits.permute(0, 2, 1), target))  # (N, C, L): classes in dimension 1
print(loss_fn(logits.reshape(N * L, C), target.reshape(N * L)))  # (N * L, C)
# --8<-- [end:sequence]

# --8<-- [start:sequence-same-length]
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(2, 6, 6)  # (N, L, C) with L == C: nothing fails
target = torch.randint(0, 6, (2, 6))

loss_fn = nn.CrossEntropyLoss()
print("wrong, no error:", loss_fn(logits, target))
print("right:          ", loss_fn(logits.permute(0, 2, 1), target))
# --8<-- [end:sequence-same-length]

# --8<-- [start:padding]
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(2, 4, 6)  # (N, L, C): two sentences padded to 4 tokens
target = torch.tensor([[3, 1, 4, 1], [5, 2, -100, -100]])  # the second has 2 tokens

loss_fn = nn.CrossEntropyLoss()
print("default ignore_index:", loss_fn.ignore_index)
padded = loss_fn(logits.permute(0, 2, 1), target)

real = target != -100  # (N, L), True at the 6 real tokens
print("padded batch:    ", padded)
print("real tokens only:", loss_fn(logits[real], target[real]))  # (6, C) and (6,)

per_token = nn.CrossEntropyLoss(reduction="none")(logits.permute(0, 2, 1), target)
print(per_token)
# --8<-- [end:padding]

# --8<-- [start:padding-id]
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(2, 4, 6)
PAD = 0  # a tokenizer's padding id; the other ids are 1 to 5
tokens = torch.tensor([[3, 1, 4, 1], [5, 2, PAD, PAD]])

loss_fn = nn.CrossEntropyLoss(ignore_index=PAD)
print(loss_fn(logits.permute(0, 2, 1), tokens))
# --8<-- [end:padding-id]

# --8<-- [start:all-padding]
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(2, 4, 6, requires_grad=True)
target = torch.full((2, 4), -100)  # a batch with no real token left

loss = nn.CrossEntropyLoss()(logits.permute(0, 2, 1), target)
loss.backward()
print("loss:", loss.item(), " gradient:", logits.grad.abs().sum().item())

total = nn.CrossEntropyLoss(reduction="sum")(logits.permute(0, 2, 1), target)
count = (target != -100).sum()
print("sum / max(count, 1):", (total / count.clamp(min=1)).item())  # 0, not nan
# --8<-- [end:all-padding]

# --8<-- [start:mask]
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(2, 3, 4, 4)  # (N, C, H, W)
target = torch.randint(0, 3, (2, 4, 4))  # (N, H, W)
mask = torch.ones(2, 4, 4)
mask[:, :, :2] = 0  # the left half of each image is unlabelled

per_pixel = nn.CrossEntropyLoss(reduction="none")(logits, target)  # (N, H, W)
print("masked mean: ", (per_pixel * mask).sum() / mask.sum())
ignored = target.masked_fill(mask == 0, -100)  # or mark them with ignore_index
print("ignore_index:", nn.CrossEntropyLoss()(logits, ignored))
print("wrong, .mean() of the masked losses:", (per_pixel * mask).mean())

weight = mask.clone()
weight[:, 1:3, 2:] = 5.0  # pixels that matter more, e.g. near object borders
print("weighted mean:", (per_pixel * weight).sum() / weight.sum())
# --8<-- [end:mask]

# --8<-- [start:ctc-train]
import torch
from torch import nn

torch.manual_seed(0)
T, N, F, C = 12, 2, 8, 5  # frames, batch, features per frame, classes (0 is the blank)
features = torch.randn(T, N, F)  # stands in for the frames of two audio clips
targets = torch.tensor([[1, 2, 2, 3], [4, 1, 0, 0]])  # padded past each target's length
input_lengths = torch.tensor([12, 10])  # the second clip has 10 real frames
target_lengths = torch.tensor([4, 2])

model = nn.Linear(F, C)  # the tiniest acoustic model: one linear layer per frame
optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
ctc_loss = nn.CTCLoss(blank=0)
print(f"{T} frames of {F} features, {C} classes (0 is the blank)")
for step in range(1, 41):
    log_probs = model(features).log_softmax(dim=2)  # (T, N, C), log-probabilities
    loss = ctc_loss(log_probs, targets, input_lengths, target_lengths)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if step in (1, 10, 20, 40):
        print(f"step {step:2}: loss {loss.item():.3f}")


def greedy_decode(log_probs, length, blank=0):
    """The best class of each frame; then merge repeats and drop blanks."""
    best = log_probs[:length].argmax(dim=-1)  # (length,)
    merged = torch.unique_consecutive(best)
    return best.tolist(), merged[merged != blank].tolist()


with torch.no_grad():
    log_probs = model(features).log_softmax(dim=2)
for n in range(N):
    path, labels = greedy_decode(log_probs[:, n], input_lengths[n])
    frames = " ".join("-" if k == 0 else str(k) for k in path)  # "-" is the blank
    target = targets[n, : target_lengths[n]].tolist()
    print(f"frames: {frames:23}  decoded: {labels}  target: {target}")
# --8<-- [end:ctc-train]

# --8<-- [start:ctc-zero-infinity]
import torch
from torch import nn

torch.manual_seed(0)
T, N, F, C = 12, 2, 8, 5
features = torch.randn(T, N, F)
targets = torch.tensor([[1, 2, 2, 3], [4, 1, 3, 2]])
input_lengths = torch.tensor([12, 3])  # 3 frames cannot hold the second target
target_lengths = torch.tensor([4, 4])

for zero_infinity in [False, True]:
    torch.manual_seed(0)
    model = nn.Linear(F, C)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    ctc_loss = nn.CTCLoss(zero_infinity=zero_infinity)
    print(f"zero_infinity={zero_infinity}")
    for step in range(1, 41):
        log_probs = model(features).log_softmax(dim=2)
        loss = ctc_loss(log_probs, targets, input_lengths, target_lengths)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step in (1, 2, 40):
            nan = model.weight.grad.isnan().any().item()
            print(f"  step {step:2}: loss {loss.item():.3f}  NaN in gradient: {nan}")
# --8<-- [end:ctc-zero-infinity]
