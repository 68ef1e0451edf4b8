"""Code for docs/getting-started/training-step.md: logits, softmax, the loss before training, and a training loop.

Importing the module defines the data and the training function and FIGURES (nothing runs); running it
prints every example.
"""

# --8<-- [start:points]
import torch


def make_points(per_class=20, seed=0):
    """Three clouds of 2-D points, one per class, around three corners of a triangle."""
    generator = torch.Generator().manual_seed(seed)
    corners = torch.tensor([[0.0, 1.0], [0.87, -0.5], [-0.87, -0.5]])
    labels = torch.arange(3).repeat_interleave(per_class)  # 0, 0, ..., 1, 1, ..., 2, 2, ...
    features = corners[labels] + 0.5 * torch.randn(len(labels), 2, generator=generator)
    return features, labels
# --8<-- [end:points]


# --8<-- [start:train]
import torch
from torch import nn


def train(steps=40, lr=0.5):
    torch.manual_seed(0)  # the same starting weights on every run
    features, labels = make_points()
    model = nn.Linear(2, 3)  # 2 numbers in, 3 logits out
    loss_fn = nn.CrossEntropyLoss()  # built once, beside the model
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for step in range(steps):
        optimizer.zero_grad()  # clear the gradients of the previous step
        logits = model(features)  # (60, 3): one logit per class for each point
        loss = loss_fn(logits, labels)  # one number for the whole batch
        loss.backward()  # the gradient of the loss, into each parameter's .grad
        optimizer.step()  # move each parameter a little against its gradient
        losses.append(loss.item())  # a plain Python float, for the log
    return model, losses
# --8<-- [end:train]


def draw_loss_per_step():
    import math

    import matplotlib.pyplot as plt

    _, losses = train()
    figure, axes = plt.subplots()
    axes.plot(range(len(losses)), losses, label="CrossEntropyLoss of the batch")
    axes.plot([0, len(losses) - 1], [math.log(3), math.log(3)], "--", label="log 3: every class equally likely")
    axes.set_xlabel("step")
    axes.set_ylabel("loss")
    axes.set_ylim(0, 1.3)
    axes.legend()
    return figure


FIGURES = {"loss-per-step": draw_loss_per_step}


if __name__ == "__main__":
    # --8<-- [start:logits-and-softmax]
    import torch
    from torch import nn

    logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.2]])  # 2 examples, 3 classes
    labels = torch.tensor([0, 1])  # the right class of each example

    probabilities = torch.softmax(logits, dim=1)
    print(probabilities)
    print("row sums:", probabilities.sum(dim=1))

    right = probabilities[torch.arange(2), labels]  # each row's probability of its right class
    print("p of the right class:", right)
    print("-mean(log p):       ", -right.log().mean())
    print("CrossEntropyLoss:   ", nn.CrossEntropyLoss()(logits, labels))
    # --8<-- [end:logits-and-softmax]

    # --8<-- [start:untrained-loss]
    import math

    import torch
    from torch import nn

    features, labels = make_points()
    print("features:", features.shape, "labels:", labels.shape)

    torch.manual_seed(0)  # the same starting weights as the training run below
    model = nn.Linear(2, 3)
    logits = model(features)
    print("logits:  ", logits.shape)

    loss_fn = nn.CrossEntropyLoss()
    print(f"log C for C = 3:  {math.log(3):.4f}")
    print(f"all-zero logits:  {loss_fn(torch.zeros(60, 3), labels).item():.4f}")
    print(f"untrained model:  {loss_fn(logits, labels).item():.4f}")
    # --8<-- [end:untrained-loss]

    # --8<-- [start:train-run]
    model, losses = train(steps=40)
    for step in [0, 1, 2, 5, 10, 20, 39]:
        print(f"step {step:2d}  loss {losses[step]:.4f}")

    features, labels = make_points()
    predicted = model(features).argmax(dim=1)  # the class with the largest logit
    print("accuracy after 40 steps:", round((predicted == labels).float().mean().item(), 4))
    # --8<-- [end:train-run]

    # --8<-- [start:softmax-first]
    import torch
    from torch import nn

    loss_fn = nn.CrossEntropyLoss()
    labels = torch.tensor([0, 1])
    logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.2]])
    print("logits:       ", loss_fn(logits, labels))
    print("softmax first:", loss_fn(torch.softmax(logits, dim=1), labels))

    sure_and_right = torch.tensor([[10.0, 0.0, 0.0], [0.0, 10.0, 0.0]])  # right, and sure of it
    print("sure and right, logits:       ", loss_fn(sure_and_right, labels))
    print("sure and right, softmax first:", loss_fn(torch.softmax(sure_and_right, dim=1), labels))
    # --8<-- [end:softmax-first]
