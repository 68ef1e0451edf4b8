import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.numpy_cases.common import REDUCTIONS, floats, shapes


@st.composite
def hinge_embedding_case(draw):
    """Distances (some negative, as the page shows) and targets 1, -1 and 0 of one random shape."""
    shape = draw(shapes(min_dims=0))
    target = draw(hnp.arrays(np.float64, shape, elements=st.sampled_from([1.0, -1.0, 0.0])))
    kwargs = {"margin": draw(st.floats(0.0, 3.0)), "reduction": draw(REDUCTIONS)}
    return [draw(floats(shape, -2.0, 5.0)), target], kwargs


CASES = {"HingeEmbeddingLoss": hinge_embedding_case()}
