import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.numpy_cases.common import REDUCTIONS, floats


@st.composite
def multi_margin_case(draw):
    """Scores (N, C) and labels (N,), or one unbatched sample: scores (C,), a label of shape () or (1,)."""
    classes = draw(st.integers(1, 5))
    layout = draw(st.sampled_from(["batched", "unbatched", "unbatched, label (1,)"]))
    if layout == "batched":
        batch = draw(st.integers(1, 5))
        scores, label_shape = draw(floats((batch, classes))), (batch,)
    else:
        scores, label_shape = draw(floats((classes,))), () if layout == "unbatched" else (1,)
    labels = draw(hnp.arrays(np.int64, label_shape, elements=st.integers(0, classes - 1)))
    kwargs = {
        "p": draw(st.sampled_from([1, 2])),
        "margin": draw(st.floats(0.0, 3.0)),
        "weight": draw(st.none() | floats((classes,), 0.0, 5.0)),
        "reduction": draw(REDUCTIONS),
    }
    return [scores, labels], kwargs


CASES = {"MultiMarginLoss": multi_margin_case()}
