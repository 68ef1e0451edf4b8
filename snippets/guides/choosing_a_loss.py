"""Code for docs/guides/choosing-a-loss.md: the checks that settle a choice of loss."""

# --8<-- [start:binary-two-ways]
import torch
from torch import nn

logits = torch.tensor([1.2, -0.8, 0.4, -2.0])  # one output per example, (N,)
labels = torch.tensor([1, 0, 1, 0])

bce = nn.BCEWithLogitsLoss()(logits, labels.float())  # float targets, shape (N,)
# The same model as two classes: scores (0, z), int64 class indices
two_class = torch.stack([torch.zeros(4), logits], dim=1)  # (N, 2)
ce = nn.CrossEntropyLoss()(two_class, labels)
print(f"BCEWithLogitsLoss, (N,) logits:   {bce.item():.4f}")
print(f"CrossEntropyLoss, (N, 2) scores:  {ce.item():.4f}")
# --8<-- [end:binary-two-ways]

# --8<-- [start:multi-class-vs-multi-label]
import torch
from torch import nn

scores = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3]])  # (N=2, C=3), raw scores

# Multi-class: exactly one class per example -> int64 indices, shape (N,)
one_class = torch.tensor([0, 1])
print("multi-class:", nn.CrossEntropyLoss()(scores, one_class))
print("  probabilities sum to 1:", torch.softmax(scores, dim=1).sum(dim=1))

# Multi-label: any number of labels per example -> float 0/1, shape (N, C)
any_labels = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
print("multi-label:", nn.BCEWithLogitsLoss()(scores, any_labels))
print("  independent probabilities:", torch.sigmoid(scores)[0])
# --8<-- [end:multi-class-vs-multi-label]

# --8<-- [start:distillation]
import torch
import torch.nn.functional as F
from torch import nn

student_logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3]])
teacher_logits = torch.tensor([[3.0, 1.0, -2.0], [0.0, 2.5, 1.0]])
labels = torch.tensor([0, 1])
T = 2.0  # temperature: softens both distributions

kl = nn.KLDivLoss(reduction="batchmean")  # input: log-probabilities
student_log_probs = F.log_softmax(student_logits / T, dim=1)
teacher_probs = F.softmax(teacher_logits / T, dim=1)  # the target: probabilities
soft = kl(student_log_probs, teacher_probs)
hard = nn.CrossEntropyLoss()(student_logits, labels)
loss = 0.5 * T**2 * soft + 0.5 * hard  # T**2: see below
print(f"soft: {soft.item():.4f}  hard: {hard.item():.4f}  total: {loss.item():.4f}")
# --8<-- [end:distillation]
