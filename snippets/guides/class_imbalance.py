"""Code for docs/guides/class-imbalance.md: class weights, pos_weight, focal loss and resampling."""

# --8<-- [start:weighted-mean]
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(4, 3)
target = torch.tensor([0, 0, 0, 2])  # three of class 0, one of the rare class 2
weight = torch.tensor([1.0, 2.0, 10.0])

per_example = nn.CrossEntropyLoss(weight=weight, reduction="none")(logits, target)
print("none:", per_example)  # each loss already multiplied by weight[target]
print("mean:", nn.CrossEntropyLoss(weight=weight)(logits, target))
print("sum / weight[target].sum():", per_example.sum() / weight[target].sum())
print("sum / N:                   ", per_example.sum() / len(target))
# --8<-- [end:weighted-mean]

# --8<-- [start:weight-scale]
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(4, 3)
mixed = torch.tensor([0, 0, 0, 2])
only_class_0 = torch.tensor([0, 0, 0, 0])
weight = torch.tensor([1.0, 2.0, 10.0])

for name, w in [("no weight", None), ("weight", weight), ("5 * weight", 5 * weight)]:
    loss = nn.CrossEntropyLoss(weight=w)
    print(f"{name:10}  mixed batch {loss(logits, mixed):.4f}", end="")
    print(f"  class-0 batch {loss(logits, only_class_0):.4f}")

# without the division by the weights, their scale is a factor on the loss
summed = [
    nn.CrossEntropyLoss(weight=w, reduction="sum")(logits, mixed) for w in [weight, 5 * weight]
]
print(f"reduction='sum': 5 * weight gives {summed[1] / summed[0]:.4f} times the loss")
# --8<-- [end:weight-scale]

# --8<-- [start:weight-smoothing]
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 3)
only_class_0 = torch.tensor([0, 0, 0, 0])
weight = torch.tensor([1.0, 5.0, 10.0])

for smoothing in [0.0, 0.1]:
    plain = F.cross_entropy(logits, only_class_0, label_smoothing=smoothing)
    weighted = F.cross_entropy(
        logits, only_class_0, weight=weight, label_smoothing=smoothing
    )
    print(f"label_smoothing={smoothing}: unweighted {plain:.4f}  weighted {weighted:.4f}")

# torch's formula: the smoothing term weights every class, the division only the targets
smoothing, n_classes = 0.1, logits.shape[1]
log_p = F.log_softmax(logits, dim=1)
target_weight = weight[only_class_0]
nll = -(target_weight * log_p[range(len(logits)), only_class_0]).sum()
smooth = -(weight * log_p).sum()
by_formula = ((1 - smoothing) * nll + smoothing / n_classes * smooth) / target_weight.sum()
print(f"by the formula: {by_formula:.4f}")


def smoothed_then_weighted(logits, target, weight, smoothing):
    """Smoothed cross-entropy of each example, weighted by its target's class only."""
    per_example = F.cross_entropy(
        logits, target, label_smoothing=smoothing, reduction="none"
    )
    return (weight[target] * per_example).sum() / weight[target].sum()


fixed = smoothed_then_weighted(logits, only_class_0, weight, smoothing)
print(f"weighted by the target's class only: {fixed:.4f}")
# --8<-- [end:weight-smoothing]

# --8<-- [start:weights-from-counts]
import torch

counts = torch.tensor([900.0, 90.0, 10.0])  # examples of each class in the training set
n_classes = len(counts)
print("counts:", counts.tolist())



def show(name, w):
    """The weights, and each one divided by the weight of the largest class."""
    ratios = [round(v, 2) for v in (w / w[0]).tolist()]
    print(f"{name:29}", [round(v, 3) for v in w.tolist()], "ratios", ratios)


inverse = counts.sum() / (n_classes * counts)  # scikit-learn's "balanced"
show("inverse frequency:", inverse)
print("  weight of each whole class:", [round(v, 3) for v in (inverse * counts).tolist()])
show("its square root:", inverse.sqrt())

for beta in [0.9, 0.99, 0.999]:
    effective = (1 - beta**counts) / (1 - beta)  # the effective number of examples
    w = 1 / effective
    w = w * n_classes / w.sum()  # normalised to sum to the number of classes
    show(f"effective number, beta={beta:<5}:", w)
# --8<-- [end:weights-from-counts]

# --8<-- [start:pos-weight]
import torch
from torch import nn

torch.manual_seed(0)
# 1000 examples, 3 independent labels, positive in about 50%, 20% and 2% of them
target = (torch.rand(1000, 3) < torch.tensor([0.5, 0.2, 0.02])).float()
logits = torch.randn(1000, 3)

positives = target.sum(dim=0)
negatives = len(target) - positives
pos_weight = negatives / positives  # (3,): one factor per label, the last dimension
print("positives:", positives.tolist(), "negatives:", negatives.tolist())
print("pos_weight:", [round(v, 3) for v in pos_weight.tolist()])

# the weighted positives of each label now count as much as its negatives
print("weighted positives:", [round(v, 3) for v in (pos_weight * positives).tolist()])

loss = nn.BCEWithLogitsLoss(pos_weight=pos_weight)(logits, target)
p = torch.sigmoid(logits)
by_hand = -(pos_weight * target * p.log() + (1 - target) * (1 - p).log()).mean()
print(f"BCEWithLogitsLoss: {loss:.4f}  by hand: {by_hand:.4f}")
# --8<-- [end:pos-weight]

# --8<-- [start:pos-weight-dense]
import torch
from torch import nn

torch.manual_seed(0)
n_classes = 3
frequency = torch.tensor([0.3, 0.1, 0.02]).view(1, n_classes, 1, 1)


def masks(height, width):
    """Multi-label masks (N, C, H, W) and random logits, each class rarer than the last."""
    target = (torch.rand(16, n_classes, height, width) < frequency).float()
    return torch.randn(16, n_classes, height, width), target


logits, target = masks(32, 32)
positives = target.sum(dim=(0, 2, 3))  # per class: sum over every dimension but C
negatives = target[:, 0].numel() - positives
pos_weight = negatives / positives  # shape (C,)
print("pos_weight:", [round(v, 3) for v in pos_weight.tolist()])

try:
    nn.BCEWithLogitsLoss(pos_weight=pos_weight)(logits, target)  # (C,) meets W = 32
except RuntimeError as err:
    print(f"RuntimeError: {err}")

logits, target = masks(32, n_classes)  # W == C: no error
for weights in [pos_weight, pos_weight.view(n_classes, 1, 1)]:
    loss = nn.BCEWithLogitsLoss(pos_weight=weights)(logits, target)
    print(f"pos_weight {str(tuple(weights.shape)):9}: {loss:.4f}")
by_class = sum(
    nn.BCEWithLogitsLoss(pos_weight=pos_weight[c], reduction="sum")(
        logits[:, c], target[:, c]
    )
    for c in range(n_classes)
)
print(f"class by class      : {by_class / target.numel():.4f}")
# --8<-- [end:pos-weight-dense]

# --8<-- [start:focal-binary]
import torch
import torch.nn.functional as F


def binary_focal_loss(logits, target, gamma=2.0, alpha=0.25, reduction="mean"):
    """BCE on logits, scaled by (1 - p_t) ** gamma, and by alpha for positives."""
    bce = F.binary_cross_entropy_with_logits(logits, target, reduction="none")
    p = torch.sigmoid(logits)
    p_t = target * p + (1 - target) * (1 - p)  # probability of the right answer
    loss = (1 - p_t) ** gamma * bce
    if alpha is not None:
        loss = (target * alpha + (1 - target) * (1 - alpha)) * loss
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


torch.manual_seed(0)
logits = torch.randn(6, 4)
target = (torch.rand(6, 4) > 0.7).float()

focal = binary_focal_loss(logits, target, gamma=0.0, alpha=None)
bce = F.binary_cross_entropy_with_logits(logits, target)
print("gamma=0, no alpha, equal to BCEWithLogitsLoss:", torch.equal(focal, bce))

easy_and_hard = torch.tensor([4.0, -1.0])  # both positives
ones = torch.ones(2)
print("p:", [round(v, 3) for v in torch.sigmoid(easy_and_hard).tolist()])
plain = binary_focal_loss(easy_and_hard, ones, 0.0, alpha=None, reduction="none")
for gamma in [0.0, 1.0, 2.0, 5.0]:
    losses = binary_focal_loss(easy_and_hard, ones, gamma, alpha=None, reduction="none")
    kept = losses / plain  # the share of its cross-entropy each example keeps
    print(
        f"gamma={gamma}: easy {losses[0]:.1e} (kept {kept[0]:.1e})"
        f"  hard {losses[1]:.4f} (kept {kept[1]:.3f})"
    )
# --8<-- [end:focal-binary]

# --8<-- [start:focal-multiclass]
import torch
import torch.nn.functional as F
from torch import nn


def focal_loss(logits, target, gamma=2.0, alpha=None, reduction="mean"):
    """Multi-class focal loss: cross-entropy scaled by (1 - p_t) ** gamma.

    alpha: None, or a tensor of C class weights (like CrossEntropyLoss's weight).
    """
    log_p = F.log_softmax(logits, dim=1)
    log_p_t = log_p.gather(1, target.unsqueeze(1)).squeeze(1)
    loss = -((1 - log_p_t.exp()) ** gamma) * log_p_t
    if alpha is not None:
        loss = alpha[target] * loss
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


torch.manual_seed(0)
logits = torch.randn(8, 3)
target = torch.randint(0, 3, (8,))
alpha = torch.tensor([1.0, 2.0, 10.0])

ce = nn.CrossEntropyLoss(weight=alpha, reduction="none")(logits, target)
focal = focal_loss(logits, target, gamma=0.0, alpha=alpha, reduction="none")
ce_mean = nn.CrossEntropyLoss(weight=alpha)(logits, target)
print("gamma=0, per example, equals CrossEntropyLoss:", torch.allclose(focal, ce))
print(f"CrossEntropyLoss(weight=alpha) mean: {ce_mean:.4f}")
print(f"focal, mean over N:                  {focal.mean():.4f}")
print(f"focal, sum / alpha[target].sum():    {focal.sum() / alpha[target].sum():.4f}")
# --8<-- [end:focal-multiclass]

# --8<-- [start:sampler-draws]
import torch
from torch.utils.data import WeightedRandomSampler

torch.manual_seed(0)
labels = torch.cat([torch.zeros(950), torch.ones(50)])  # 950 common, 50 rare
n_pos = labels.sum()
n_neg = len(labels) - n_pos
example_weight = torch.where(labels == 1, 1 / n_pos, 1 / n_neg)

probability = example_weight / example_weight.sum()
print(f"share of rare draws: {probability[labels == 1].sum():.3f}")
expected = len(labels) * probability  # an epoch draws len(labels) times
print(f"expected draws in an epoch of {len(labels)}:", end=" ")
print(f"rare {expected[-1]:.3f}, common {expected[0]:.3f}")

sampler = WeightedRandomSampler(example_weight, num_samples=len(labels), replacement=True)
epochs = 100
draws = sum(  # how often each example was drawn, over all the epochs
    torch.bincount(torch.tensor(list(sampler)), minlength=len(labels)) for _ in range(epochs)
)
print(
    f"observed over {epochs} epochs: rare {draws[labels == 1].float().mean() / epochs:.3f},"
    f" common {draws[labels == 0].float().mean() / epochs:.3f}"
)
# --8<-- [end:sampler-draws]

# --8<-- [start:weighting-vs-resampling]
import torch
from torch import nn
from torch.utils.data import BatchSampler, RandomSampler, WeightedRandomSampler

torch.manual_seed(0)


def make_data(n_major, n_minor):
    """Two overlapping 2-D Gaussians; the minority class is label 1."""
    major = torch.randn(n_major, 2)
    minor = torch.randn(n_minor, 2) + torch.tensor([2.0, 2.0])
    return torch.cat([major, minor]), torch.cat(
        [torch.zeros(n_major), torch.ones(n_minor)]
    )


x_train, y_train = make_data(950, 50)  # 95 / 5
x_test, y_test = make_data(950, 50)
n_pos = y_train.sum()
n_neg = len(y_train) - n_pos
EPOCHS, BATCH_SIZE = 10, 100


def train(sampler, pos_weight=None, lr=0.3):
    """Logistic regression, plain SGD on batches of indices drawn by the sampler."""
    torch.manual_seed(0)
    model = nn.Linear(2, 1)
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    for _ in range(EPOCHS):
        for batch in BatchSampler(sampler, batch_size=BATCH_SIZE, drop_last=False):
            model.zero_grad()
            loss_fn(model(x_train[batch]).squeeze(1), y_train[batch]).backward()
            with torch.no_grad():
                for param in model.parameters():
                    param -= lr * param.grad
    return model


shuffled = RandomSampler(x_train)
# draw each example with probability 1 / (size of its class): balanced on average
example_weight = torch.where(y_train == 1, 1 / n_pos, 1 / n_neg)
resampled = WeightedRandomSampler(
    example_weight, num_samples=len(y_train), replacement=True
)

pos_weight = n_neg / n_pos
models = {
    "plain": train(shuffled),
    f"pos_weight={pos_weight:g}": train(shuffled, pos_weight=pos_weight),
    "resampled": train(resampled),
}
for name, y in [("train", y_train), ("test", y_test)]:
    majority_share = (y == 0).float().mean() * 100
    print(f"{name}: {int((y == 0).sum())} majority, {int(y.sum())} minority", end=" ")
    print(f"({majority_share:.0f}% / {100 - majority_share:.0f}%)")
steps = EPOCHS * len(BatchSampler(shuffled, batch_size=BATCH_SIZE, drop_last=False))
print(f"each run: {steps} steps on batches of {BATCH_SIZE}")
print(f"always 'majority': accuracy {(y_test == 0).float().mean():.3f}")
print(f"{'':14} {'accuracy':>8} {'recall':>8} {'precision':>9}")
for name, model in models.items():
    with torch.no_grad():
        predicted = (model(x_test).squeeze(1) > 0).float()
    accuracy = (predicted == y_test).float().mean().item()
    recall = predicted[y_test == 1].mean().item()  # of the minority class
    precision = y_test[predicted == 1].mean().item()
    print(f"{name:14} {accuracy:8.3f} {recall:8.3f} {precision:9.3f}")
# --8<-- [end:weighting-vs-resampling]
