"""The NumPy twins in snippets.losses.NUMPY_REFERENCES compute what the torch.nn losses compute."""

from __future__ import annotations

import inspect
import textwrap

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from torch import nn

from snippets.losses import NUMPY_REFERENCES
from tests.numpy_cases import ALL_CASES
from tests.numpy_cases.common import Paired
from tests.support import BLOCKS
from tools.loss_catalog import CATALOG

# AdaptiveLogSoftmaxWithLoss and LinearCrossEntropyLoss have parameters: their pages show them equal to
# their two-step equivalents instead.
WITH_PARAMETERS = {"AdaptiveLogSoftmaxWithLoss", "LinearCrossEntropyLoss"}
TWINNED = sorted(loss.name for loss in CATALOG if loss.name not in WITH_PARAMETERS)


def as_torch(value):
    if isinstance(value, Paired):
        return value.torch_fn
    return torch.from_numpy(value) if isinstance(value, np.ndarray) else value


def as_numpy(value):
    return value.numpy_fn if isinstance(value, Paired) else value


def test_every_loss_without_parameters_has_a_twin_and_a_strategy():
    assert sorted(NUMPY_REFERENCES) == TWINNED
    assert sorted(ALL_CASES) == TWINNED


@pytest.mark.parametrize("name", TWINNED)
def test_the_twin_is_the_function_its_page_shows(name):
    twin = NUMPY_REFERENCES[name]
    source = textwrap.dedent(inspect.getsource(twin))
    loss = next(loss for loss in CATALOG if loss.name == name)
    shown = [block.code for block in BLOCKS if str(block.page) == f"docs/losses/{loss.slug}.md"]
    assert any(source in code for code in shown), f"{twin.__name__} is not shown on docs/losses/{loss.slug}.md"


# The strategies draw all-ignored batches (nan, as in torch) and KLDivLoss's warned-about 'mean'.
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
@pytest.mark.filterwarnings("ignore:reduction. 'mean' divides the total loss:UserWarning")
@pytest.mark.parametrize("name", TWINNED)
def test_the_twin_matches_torch_on_random_inputs(name):
    twin = NUMPY_REFERENCES[name]

    @settings(max_examples=80, deadline=None, derandomize=True, database=None)
    @given(ALL_CASES[name])
    def matches(case):
        args, kwargs = case
        expected = getattr(nn, name)(**{key: as_torch(value) for key, value in kwargs.items()})(*map(as_torch, args))
        actual = twin(*args, **{key: as_numpy(value) for key, value in kwargs.items()})
        assert isinstance(actual, np.ndarray | np.floating), type(actual)
        assert np.shape(actual) == tuple(expected.shape)
        np.testing.assert_allclose(actual, expected.numpy(), rtol=1e-6, atol=1e-12)

    matches()
