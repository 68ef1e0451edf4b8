import numpy as np
from hypothesis import strategies as st

from tests.numpy_cases.common import REDUCTIONS, floats, shapes


@st.composite
def multilabel_soft_margin_case(draw):
    """Scores of shape (N, C), (C,) or (N, d, C); 0/1 or soft targets; an optional weight per class."""
    shape = draw(shapes())
    scores = draw(floats(shape, -10.0, 10.0) | floats(shape, -60.0, 60.0))
    target = draw(floats(shape, 0.0, 1.0).map(np.round) | floats(shape, 0.0, 1.0))
    kwargs = {"reduction": draw(REDUCTIONS)}
    if draw(st.booleans()):
        kwargs["weight"] = draw(floats(shape[-1:], 0.0, 5.0))
    return [scores, target], kwargs


CASES = {"MultiLabelSoftMarginLoss": multilabel_soft_margin_case()}
