"""CosineEmbeddingLoss: batched (N, D) pairs with targets (N,), or one unbatched (D,) pair with a 0-D target."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.numpy_cases.common import REDUCTIONS, floats


@st.composite
def pairs_and_targets(draw) -> list[np.ndarray]:
    """input1, input2 of shape (N, D) or (D,), and a target of 1 and -1 (0 too, which torch ignores)."""
    batch = draw(st.sampled_from([(), (1,), (2,), (5,)]))
    dims = draw(st.integers(1, 6))
    input1 = draw(floats(batch + (dims,)))
    input2 = draw(floats(batch + (dims,)))
    dtype = draw(st.sampled_from([np.float64, np.int64]))
    target = draw(hnp.arrays(dtype, batch, elements=st.sampled_from([1, -1, 1, -1, 0])))
    return [input1, input2, target]


CASES = {
    "CosineEmbeddingLoss": st.tuples(
        pairs_and_targets(),
        st.fixed_dictionaries({"margin": st.floats(-1.0, 1.0), "reduction": REDUCTIONS}),
    ),
}
