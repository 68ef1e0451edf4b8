from hypothesis import strategies as st

from tests.numpy_cases.common import REDUCTIONS, same_shape_pair

# delta must be positive; errors lie in [-20, 20], on both sides of it.
DELTAS = st.one_of(st.sampled_from([0.5, 1.0, 2.0]), st.floats(0.01, 25.0))

CASES = {
    "HuberLoss": st.tuples(
        same_shape_pair(),
        st.fixed_dictionaries({"reduction": REDUCTIONS}, optional={"delta": DELTAS}),
    ),
}
