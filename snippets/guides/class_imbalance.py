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
# --8<-- [end:weight-scale]

# --8<-- [start:weights-from-counts]
import torch

counts = torch.tensor([900.0, 90.0, 10.0])  # examples of each class in the training set
n_classes = len(counts)

inverse = counts.sum() / (n_classes * counts)  # scikit-learn's "balanced"
print("inverse frequency:           ", [round(v, 3) for v in inverse.tolist()])
print("its square root:             ", [round(v, 3) for v in inverse.sqrt().tolist()])

for beta in [0.9, 0.99, 0.999]:
    effective = (1 - beta**counts) / (1 - beta)  # the effective number of examples
    w = 1 / effective
    w = w * n_classes / w.sum()  # normalised to sum to the number of classes
    print(f"effective number, beta={beta:<5}:", [round(v, 3) for v in w.tolist()])
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
pos_weight = negatives / positives  # one factor per label (the last dimension)
print("positives:", positives.tolist(), "negatives:", negatives.tolist())
print("pos_weight:", [round(v, 3) for v in pos_weight.tolist()])

# the weighted positives of each label now count as much as its negatives
print("weighted positives:", [round(v, 3) for v in (pos_weight * positives).tolist()])

loss = nn.BCEWithLogitsLoss(pos_weight=pos_weight)(logits, target)
p = torch.sigmoid(logits)
by_hand = -(pos_weight * target * p.log() + (1 - target) * (1 - p).log()).mean()
print(f"BCEWithLogitsLoss: {loss:.4f}  by hand: {by_hand:.4f}")
# --8<-- [end:pos-weight]

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
print("gamma=0, no alpha:", torch.allclose(focal, bce))

easy_and_hard = torch.tensor([4.0, -1.0])  # both positives: p = 0.982 and p = 0.269
ones = torch.ones(2)
for gamma in [0.0, 1.0, 2.0, 5.0]:
    losses = binary_focal_loss(easy_and_hard, ones, gamma, alpha=None, reduction="none")
    print(f"gamma={gamma}: easy {losses[0]:.1e}  hard {losses[1]:.4f}")
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


def train(sampler, pos_weight=None, epochs=10, lr=0.3):
    """Logistic regression, plain SGD on batches of 100 indices drawn by the sampler."""
    torch.manual_seed(0)
    model = nn.Linear(2, 1)
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    for _ in range(epochs):
        for batch in BatchSampler(sampler, batch_size=100, drop_last=False):
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

models = {
    "plain": train(shuffled),
    "pos_weight=19": train(shuffled, pos_weight=n_neg / n_pos),
    "resampled": train(resampled),
}
print(f"{'':14} {'accuracy':>8} {'recall':>8} {'precision':>9}")
for name, model in models.items():
    with torch.no_grad():
        predicted = (model(x_test).squeeze(1) > 0).float()
    accuracy = (predicted == y_test).float().mean().item()
    recall = predicted[y_test == 1].mean().item()  # of the minority class
    precision = y_test[predicted == 1].mean().item()
    print(f"{name:14} {accuracy:8.3f} {recall:8.3f} {precision:9.3f}")
# --8<-- [end:weighting-vs-resampling]
