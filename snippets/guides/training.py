"""Code for docs/guides/training.md: a training loop, its loss curves, and L1, MSE and Huber on outliers.

Importing the module defines the data and training functions and FIGURES (nothing runs); running it prints
every example.
"""

# --8<-- [start:data]
import torch


def make_data(n, seed):
    """n points of y = sin(2x) + noise, x uniform in [-2, 2], noise std 0.1."""
    generator = torch.Generator().manual_seed(seed)
    x = torch.rand(n, 1, generator=generator) * 4 - 2
    y = torch.sin(2 * x) + 0.1 * torch.randn(n, 1, generator=generator)
    return x, y
# --8<-- [end:data]


# --8<-- [start:train]
import torch
from torch import nn


def train(loss_fn, x, y, x_val, y_val, epochs=40, batch_size=32, lr=0.03):
    torch.manual_seed(0)  # the same initial weights and batch order on every run
    model = nn.Sequential(nn.Linear(1, 32), nn.Tanh(), nn.Linear(32, 1))
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []  # (mean training loss of the epoch, held-out loss after it)
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for batch in torch.randperm(len(x)).split(batch_size):
            optimizer.zero_grad()  # gradients add up until cleared
            loss = loss_fn(model(x[batch]), y[batch])  # the mean over this batch
            loss.backward()  # fills .grad of every parameter
            optimizer.step()  # updates the parameters from .grad
            total += loss.item() * len(batch)  # a float: keeps no graph alive
        model.eval()
        with torch.no_grad():  # no graph for validation
            val_loss = loss_fn(model(x_val), y_val).item()
        history.append((total / len(x), val_loss))
    return model, history
# --8<-- [end:train]


# --8<-- [start:line-data]
import torch


def make_line_data(n=30, seed=0):
    """n points on y = 2x + 1, noise std 0.1; the last 3 moved 3 below the line."""
    generator = torch.Generator().manual_seed(seed)
    x = torch.linspace(0, 1, n).unsqueeze(1)
    y = 2 * x + 1 + 0.1 * torch.randn(n, 1, generator=generator)
    y[-3:] -= 3.0
    return x, y
# --8<-- [end:line-data]


# --8<-- [start:fit-line]
import torch
from torch import nn


def fit_line(loss_fn, x, y, steps=300, lr=0.05):
    """Fit y = slope * x + intercept, minimising loss_fn over all the points."""
    torch.manual_seed(0)
    line = nn.Linear(1, 1)
    optimizer = torch.optim.Adam(line.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        loss_fn(line(x), y).backward()
        optimizer.step()
    return line.weight.item(), line.bias.item()
# --8<-- [end:fit-line]


LINE_LOSSES = {
    "L1Loss": nn.L1Loss(),
    "MSELoss": nn.MSELoss(),
    "HuberLoss(delta=1.0)": nn.HuberLoss(delta=1.0),
}


def draw_loss_curves():
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullFormatter

    x, y = make_data(200, seed=0)
    x_val, y_val = make_data(100, seed=1)
    model, history = train(nn.MSELoss(), x, y, x_val, y_val)
    epochs = range(1, len(history) + 1)
    figure, (curves, fit) = plt.subplots(1, 2)
    curves.plot(epochs, [train_loss for train_loss, _ in history], label="training (epoch mean)")
    curves.plot(epochs, [val_loss for _, val_loss in history], label="held-out")
    curves.plot([1, len(history)], [0.01, 0.01], "--", label="noise floor, 0.1 squared")
    curves.set_yscale("log")
    ticks = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5]
    curves.set_yticks(ticks, labels=[str(tick) for tick in ticks])
    curves.yaxis.set_minor_formatter(NullFormatter())
    curves.set_xlabel("epoch")
    curves.set_ylabel("MSELoss")
    curves.legend()
    grid = torch.linspace(-2, 2, 200).unsqueeze(1)
    with torch.no_grad():
        predicted = model(grid)
    fit.plot(x_val.squeeze(1), y_val.squeeze(1), "o", markersize=3, label="held-out")
    fit.plot(grid.squeeze(1), predicted.squeeze(1), label="model, epoch 40")
    fit.set_xlabel("x")
    fit.set_ylabel("y")
    fit.set_ylim(-1.4, 2.0)
    fit.legend(loc="upper center", ncols=2)
    return figure


def draw_outlier_fits():
    import matplotlib.pyplot as plt

    x, y = make_line_data()
    figure, axes = plt.subplots()
    axes.plot(x.squeeze(1), y.squeeze(1), "o", markersize=3, label="data, 3 outliers at right")
    ends = torch.tensor([0.0, 1.0])
    for name, loss_fn in LINE_LOSSES.items():
        slope, intercept = fit_line(loss_fn, x, y)
        axes.plot(ends, slope * ends + intercept, label=f"{name}: slope {slope:.2f}")
    axes.set_xlabel("x")
    axes.set_ylabel("y")
    # The legend inside, below the points, so the plot keeps its width on a phone (tools/figures.py).
    axes.set_ylim(-1.9, 3.3)
    axes.legend(loc="lower left")
    return figure


FIGURES = {"loss-curves": draw_loss_curves, "outlier-fits": draw_outlier_fits}


if __name__ == "__main__":
    # --8<-- [start:train-run]
    x, y = make_data(200, seed=0)
    x_val, y_val = make_data(100, seed=1)  # held out: never used for a step
    model, history = train(nn.MSELoss(), x, y, x_val, y_val)
    print(f"{len(x)} points to train on, {len(x_val)} held out; "
          f"batch sizes in an epoch: {[len(batch) for batch in torch.arange(len(x)).split(32)]}")

    for epoch, (train_loss, val_loss) in enumerate(history, start=1):
        if epoch == 1 or epoch % 5 == 0:
            print(f"epoch {epoch:2d}  train {train_loss:.4f}  held-out {val_loss:.4f}")
    model.eval()
    with torch.no_grad():
        error = model(x_val) - y_val
        constant = y.mean() - y_val  # a model that always predicts the training mean
    mse = error.pow(2).mean().item()
    print(f"held-out MSE  {mse:.4f}  (units of y, squared)")
    print(f"held-out RMSE {mse ** 0.5:.4f}  (units of y; the noise std is 0.1)")
    print(f"held-out MAE  {error.abs().mean().item():.4f}  (units of y)")
    print(f"MSE of predicting the mean: {constant.pow(2).mean().item():.4f}")
    # --8<-- [end:train-run]

    # --8<-- [start:logging-pitfalls]
    import torch
    from torch import nn

    torch.manual_seed(0)
    model = nn.Linear(3, 1)
    x, y = torch.randn(8, 3), torch.randn(8, 1)

    total = 0.0
    for batch in range(2):
        total += nn.MSELoss()(model(x), y)  # a tensor: keeps each batch's graph
    print("total += loss:       ", total)

    with torch.no_grad():
        val_loss = nn.MSELoss()(model(x), y)
    print("under torch.no_grad():", val_loss)
    print("loss.item():         ", round(val_loss.item(), 4), type(val_loss.item()))
    # --8<-- [end:logging-pitfalls]

    # --8<-- [start:outlier-fits]
    x, y = make_line_data()  # the true line has slope 2 and intercept 1
    offset = y.squeeze(1) - (2 * x.squeeze(1) + 1)  # each point's distance from the true line
    outliers = offset.abs() > 1
    print(f"{len(x)} points, {outliers.sum().item()} outliers at {offset[outliers].mean().item():.1f} from the line, "
          f"the others within {offset[~outliers].abs().max().item():.2f}")
    losses = {
        "L1Loss": nn.L1Loss(),
        "MSELoss": nn.MSELoss(),
        "HuberLoss(delta=1.0)": nn.HuberLoss(delta=1.0),
        "HuberLoss(delta=0.1)": nn.HuberLoss(delta=0.1),
    }
    for name, loss_fn in losses.items():
        slope, intercept = fit_line(loss_fn, x, y)
        residual = y.squeeze(1) - (slope * x.squeeze(1) + intercept)
        above, below = (residual > 0).sum().item(), (residual < 0).sum().item()
        print(f"{name:<20} slope {slope:.2f}  intercept {intercept:.2f}  "
              f"points above/below: {above}/{below}")

    design = torch.cat([x, torch.ones_like(x)], dim=1)  # least squares in closed form
    slope, intercept = torch.linalg.lstsq(design, y).solution.squeeze(1).tolist()
    print(f"{'exact least squares':<20} slope {slope:.2f}  intercept {intercept:.2f}")
    # --8<-- [end:outlier-fits]
