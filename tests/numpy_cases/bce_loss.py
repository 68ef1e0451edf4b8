import numpy as np
from hypothesis import strategies as st

from tests.numpy_cases.common import REDUCTIONS, floats, shapes


@st.composite
def bce_case(draw):
    """Probabilities (0 and 1 included, to reach the -100 clamp), hard or soft targets, an optional weight."""
    shape = draw(shapes())
    probs = draw(floats(shape, 0.0, 1.0) | floats(shape, 0.0, 1.0).map(np.round))
    hard = floats(shape, 0.0, 1.0).map(np.round)
    target = draw(hard | floats(shape, 0.0, 1.0))
    kwargs = {"reduction": draw(REDUCTIONS)}
    if draw(st.booleans()):
        suffix = shape[draw(st.integers(0, len(shape))) :]  # any trailing part of the shape broadcasts
        kwargs["weight"] = draw(floats(suffix, 0.0, 5.0))
    return [probs, target], kwargs


CASES = {"BCELoss": bce_case()}
