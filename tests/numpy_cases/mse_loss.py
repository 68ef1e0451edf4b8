from hypothesis import strategies as st

from tests.numpy_cases.common import REDUCTIONS, same_shape_pair

CASES = {
    "MSELoss": st.tuples(same_shape_pair(), st.fixed_dictionaries({"reduction": REDUCTIONS})),
}
