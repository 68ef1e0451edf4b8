import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.numpy_cases.common import REDUCTIONS, floats, shapes


@st.composite
def soft_margin_case(draw):
    """Scores and targets of -1 and 1 (the page also shows 0 and 1), for every reduction."""
    shape = draw(shapes())
    scores = draw(floats(shape, -10.0, 10.0) | floats(shape, -80.0, 80.0))
    labels = draw(st.sampled_from([[-1.0, 1.0], [0.0, 1.0]]))
    target = draw(hnp.arrays(np.float64, shape, elements=st.sampled_from(labels)))
    return [scores, target], {"reduction": draw(REDUCTIONS)}


CASES = {"SoftMarginLoss": soft_margin_case()}
