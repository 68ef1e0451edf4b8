import numpy as np
from hypothesis import strategies as st

from tests.numpy_cases.common import REDUCTIONS, floats, shapes


@st.composite
def bce_with_logits_case(draw):
    """Logits (large ones included), hard or soft targets, optional weight and pos_weight that broadcast."""
    shape = draw(shapes())
    logits = draw(floats(shape, -10.0, 10.0) | floats(shape, -60.0, 60.0))
    target = draw(floats(shape, 0.0, 1.0).map(np.round) | floats(shape, 0.0, 1.0))
    kwargs = {"reduction": draw(REDUCTIONS)}
    if draw(st.booleans()):
        kwargs["weight"] = draw(floats(shape[draw(st.integers(0, len(shape))) :], 0.0, 5.0))
    if draw(st.booleans()):
        kwargs["pos_weight"] = draw(floats(shape[draw(st.integers(0, len(shape))) :], 0.0, 10.0))  # (C,) and more
    return [logits, target], kwargs


CASES = {"BCEWithLogitsLoss": bce_with_logits_case()}
