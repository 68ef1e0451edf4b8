import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.numpy_cases.common import REDUCTIONS, floats


@st.composite
def multi_label_margin_case(draw):
    """Scores (N, C) or (C,) and a target of the same shape with entries in [-1, C): labels, the first -1,
    then anything (ignored); labels may repeat, and a row may start with -1 (no labels)."""
    classes = draw(st.integers(1, 5))
    shape = draw(st.sampled_from([(classes,), None]))
    shape = shape or (draw(st.integers(1, 5)), classes)
    target = draw(hnp.arrays(np.int64, shape, elements=st.integers(-1, classes - 1)))
    return [draw(floats(shape)), target], {"reduction": draw(REDUCTIONS)}


CASES = {"MultiLabelMarginLoss": multi_label_margin_case()}
