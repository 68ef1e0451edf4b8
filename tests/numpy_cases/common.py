"""Building blocks for the strategies: shapes, float64 arrays, reductions."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

REDUCTIONS = st.sampled_from(["mean", "sum", "none"])


def shapes(min_dims: int = 1, max_dims: int = 3) -> st.SearchStrategy[tuple[int, ...]]:
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=5)


def floats(shape, low: float = -10.0, high: float = 10.0) -> st.SearchStrategy[np.ndarray]:
    """float64 arrays of a shape (or a shape strategy), with finite values in [low, high]."""
    elements = st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False)
    return hnp.arrays(np.float64, shape, elements=elements)


@st.composite
def same_shape_pair(draw, low: float = -10.0, high: float = 10.0) -> list[np.ndarray]:
    """Two float64 arrays of one random shape: an input and its target."""
    shape = draw(shapes())
    return [draw(floats(shape, low, high)), draw(floats(shape, low, high))]


@dataclasses.dataclass(frozen=True)
class Paired:
    """A constructor argument that is a function: torch gets ``torch_fn``, the NumPy twin ``numpy_fn``."""

    torch_fn: object
    numpy_fn: object


@st.composite
def class_score_shapes(draw) -> tuple[int, ...]:
    """Scores for classification: (C,) unbatched, (N, C), or (N, C, d1, ..., dK) with K up to 2."""
    n_classes = draw(st.integers(1, 5))
    if draw(st.integers(0, 4)) == 0:
        return (n_classes,)
    extra = draw(st.lists(st.integers(1, 4), min_size=0, max_size=2))
    return (draw(st.integers(1, 5)), n_classes, *extra)


@st.composite
def triplets(draw) -> list[np.ndarray]:
    """anchor, positive, negative of one shape: (D,), (N, D) or (N, T, D)."""
    batch = draw(st.sampled_from([(), (1,), (2,), (5,), (2, 3)]))
    shape = batch + (draw(st.integers(1, 6)),)
    return [draw(floats(shape)), draw(floats(shape)), draw(floats(shape))]
