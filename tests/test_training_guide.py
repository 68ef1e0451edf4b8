"""What docs/guides/training.md says about its fits and its training run, checked on the module itself."""

from __future__ import annotations

import contextlib
import io
import runpy

import pytest
import torch
from torch import nn

from tools.expand import SNIPPETS_DIR

MODULE = SNIPPETS_DIR / "guides" / "training.py"


@pytest.fixture(scope="module")
def training():
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        namespace = runpy.run_path(str(MODULE), run_name="training_guide")
    assert stdout.getvalue() == "", "importing the module must print nothing (the figures import it)"
    return namespace


def test_huber_fit_lies_between_l1_and_mse(training):
    x, y = training["make_line_data"]()
    slope = {
        name: training["fit_line"](loss_fn, x, y)[0]
        for name, loss_fn in {
            "l1": nn.L1Loss(),
            "mse": nn.MSELoss(),
            "huber": nn.HuberLoss(delta=1.0),
            "huber-small-delta": nn.HuberLoss(delta=0.1),
        }.items()
    }
    assert slope["mse"] < slope["huber"] < slope["huber-small-delta"] < slope["l1"]
    assert abs(slope["l1"] - 2.0) < 0.05  # the true slope, despite the outliers


def test_mse_fit_is_least_squares_and_huber_with_a_large_delta_matches_it(training):
    x, y = training["make_line_data"]()
    design = torch.cat([x, torch.ones_like(x)], dim=1)
    exact = torch.linalg.lstsq(design, y).solution.squeeze(1)
    for loss_fn in [nn.MSELoss(), nn.HuberLoss(delta=10.0)]:
        fitted = torch.tensor(training["fit_line"](loss_fn, x, y))
        torch.testing.assert_close(fitted, exact, atol=1e-3, rtol=0)


def test_l1_fit_balances_points_above_and_below(training):
    x, y = training["make_line_data"]()
    slope, intercept = training["fit_line"](nn.L1Loss(), x, y)
    residual = y.squeeze(1) - (slope * x.squeeze(1) + intercept)
    assert (residual > 0).sum() == (residual < 0).sum()


def test_training_reaches_near_the_noise_floor(training):
    x, y = training["make_data"](200, seed=0)
    x_val, y_val = training["make_data"](100, seed=1)
    _, history = training["train"](nn.MSELoss(), x, y, x_val, y_val)
    first_val, last_val = history[0][1], history[-1][1]
    assert last_val < first_val / 10
    assert 0.01 * 0.8 < last_val < 0.01 * 2  # the noise variance is 0.01
