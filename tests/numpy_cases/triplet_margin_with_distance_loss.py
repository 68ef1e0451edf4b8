"""TripletMarginWithDistanceLoss: the default distance and custom ones, every margin, swap and reduction."""

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from tests.numpy_cases.common import REDUCTIONS, Paired, triplets


def torch_cosine_distance(x, y):
    return 1.0 - F.cosine_similarity(x, y, dim=-1)


def numpy_cosine_distance(x, y):
    """torch's cosine_similarity (eps=1e-8): each vector divided by its norm clamped to eps."""
    x_norm = np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-8)
    y_norm = np.maximum(np.linalg.norm(y, axis=-1, keepdims=True), 1e-8)
    return 1.0 - ((x / x_norm) * (y / y_norm)).sum(axis=-1)


def torch_manhattan_distance(x, y):
    return F.pairwise_distance(x, y, p=1.0)


def numpy_manhattan_distance(x, y):
    return np.abs(x - y + 1e-6).sum(axis=-1)


def torch_squared_distance(x, y):
    return (x - y).pow(2).sum(dim=-1)


def numpy_squared_distance(x, y):
    return ((x - y) ** 2).sum(axis=-1)


DISTANCES = st.sampled_from(
    [
        None,
        Paired(torch.nn.PairwiseDistance(), None),
        Paired(torch_cosine_distance, numpy_cosine_distance),
        Paired(torch_manhattan_distance, numpy_manhattan_distance),
        Paired(torch_squared_distance, numpy_squared_distance),
    ]
)


CASES = {
    "TripletMarginWithDistanceLoss": st.tuples(
        triplets(),
        st.fixed_dictionaries(
            {
                "distance_function": DISTANCES,
                "margin": st.floats(0.01, 3.0),
                "swap": st.booleans(),
                "reduction": REDUCTIONS,
            }
        ),
    ),
}
