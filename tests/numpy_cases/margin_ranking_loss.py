import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.numpy_cases.common import REDUCTIONS, floats, shapes


@st.composite
def margin_ranking_case(draw):
    """Two score arrays and a target of one random shape (a scalar included); targets 1, -1 and the
    silent 0."""
    shape = draw(shapes(min_dims=0))
    target = draw(hnp.arrays(np.float64, shape, elements=st.sampled_from([1.0, -1.0, 0.0])))
    kwargs = {"margin": draw(st.floats(0.0, 2.0)), "reduction": draw(REDUCTIONS)}
    return [draw(floats(shape)), draw(floats(shape)), target], kwargs


CASES = {"MarginRankingLoss": margin_ranking_case()}
