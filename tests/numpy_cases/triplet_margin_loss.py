"""TripletMarginLoss: triplets of shape (*, D), every margin, p, eps, swap and reduction the page shows."""

import numpy as np
from hypothesis import strategies as st

from tests.numpy_cases.common import REDUCTIONS, floats


@st.composite
def triplets(draw) -> list[np.ndarray]:
    """anchor, positive, negative of one shape: (D,), (N, D) or (N, T, D)."""
    batch = draw(st.sampled_from([(), (1,), (2,), (5,), (2, 3)]))
    shape = batch + (draw(st.integers(1, 6)),)
    return [draw(floats(shape)), draw(floats(shape)), draw(floats(shape))]


CASES = {
    "TripletMarginLoss": st.tuples(
        triplets(),
        st.fixed_dictionaries(
            {
                "margin": st.floats(0.01, 3.0),
                "p": st.sampled_from([1.0, 1.5, 2.0, 3.0, float("inf")]),
                "eps": st.sampled_from([1e-6, 0.0, 0.1]),
                "swap": st.booleans(),
                "reduction": REDUCTIONS,
            }
        ),
    ),
}
