"""Sanity checks for the measuring functions of docs/guides/speed-and-memory.md.

Timings are checked for being finite and positive only: which version is faster depends on the machine,
so the page prints the ratios and no test compares them.
"""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from snippets.guides.speed_and_memory import (
    focal_loss,
    saved_mib,
    step_ms,
    two_step_bce,
    two_step_cross_entropy,
)


@pytest.fixture
def generator():
    return torch.Generator().manual_seed(0)


def test_two_step_cross_entropy_equals_the_fused_loss(generator):
    logits = torch.randn(64, 300, generator=generator, requires_grad=True)
    target = torch.randint(0, 300, (64,), generator=generator)
    fused, two_step = F.cross_entropy(logits, target), two_step_cross_entropy(logits, target)
    assert fused.shape == two_step.shape == ()
    torch.testing.assert_close(two_step, fused)
    fused_grad, = torch.autograd.grad(fused, logits)
    two_step_grad, = torch.autograd.grad(two_step, logits)
    torch.testing.assert_close(two_step_grad, fused_grad)


def test_two_step_bce_equals_the_fused_loss(generator):
    logits = torch.randn(64, 30, generator=generator)  # moderate logits: sigmoid does not saturate
    target = torch.randint(0, 2, (64, 30), generator=generator).float()
    fused = F.binary_cross_entropy_with_logits(logits, target)
    two_step = two_step_bce(logits, target)
    assert fused.shape == two_step.shape == ()
    torch.testing.assert_close(two_step, fused)


@pytest.mark.parametrize("loss_fn", [F.cross_entropy, two_step_cross_entropy, focal_loss])
def test_step_ms_is_a_finite_positive_time(loss_fn, generator):
    logits = torch.randn(32, 10, generator=generator)
    target = torch.randint(0, 10, (32,), generator=generator)
    ms = step_ms(loss_fn, logits, target, min_run_time=0.01)
    assert math.isfinite(ms) and ms > 0
    assert logits.grad is None  # step_ms works on a detached copy


def test_saved_mib_counts_the_logits_once_and_skips_parameters(generator):
    n, d, v = 16, 8, 4096
    features = torch.randn(n, d, generator=generator, requires_grad=True)
    target = torch.randint(0, v, (n,), generator=generator)
    linear = nn.Linear(d, v, bias=False)
    for loss_fn in [F.cross_entropy, two_step_cross_entropy]:
        value, mib = saved_mib(lambda loss_fn=loss_fn: loss_fn(linear(features), target), linear.parameters())
        assert value.shape == () and torch.isfinite(value)
        # the log-probabilities (n, v), the features (n, d), the int64 target (n,) and the
        # float32 total weight () that nll_loss divides by
        assert mib == (n * v * 4 + n * d * 4 + n * 8 + 4) / 2**20


def test_chunked_linear_cross_entropy_keeps_no_logits(generator):
    n, d, v = 16, 8, 4096
    features = torch.randn(n, d, generator=generator, requires_grad=True)
    target = torch.randint(0, v, (n,), generator=generator)
    torch.manual_seed(0)
    plain = nn.LinearCrossEntropyLoss(d, v)
    torch.manual_seed(0)
    chunked = nn.LinearCrossEntropyLoss(d, v, options=nn.LinearCrossEntropyOptions())
    plain_value, plain_mib = saved_mib(lambda: plain(features, target), plain.parameters())
    chunked_value, chunked_mib = saved_mib(lambda: chunked(features, target), chunked.parameters())
    torch.testing.assert_close(chunked_value, plain_value)
    assert plain_mib >= n * v * 4 / 2**20
    assert chunked_mib == 0


def test_focal_loss_with_gamma_0_is_cross_entropy(generator):
    logits = torch.randn(64, 10, generator=generator)
    target = torch.randint(0, 10, (64,), generator=generator)
    torch.testing.assert_close(focal_loss(logits, target, gamma=0.0), F.cross_entropy(logits, target))
    assert focal_loss(logits, target) < F.cross_entropy(logits, target)
