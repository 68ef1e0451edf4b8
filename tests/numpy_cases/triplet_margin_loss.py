"""TripletMarginLoss: triplets of shape (*, D), every margin, p, eps, swap and reduction the page shows."""

from hypothesis import strategies as st

from tests.numpy_cases.common import REDUCTIONS, triplets

CASES = {
    "TripletMarginLoss": st.tuples(
        triplets(),
        st.fixed_dictionaries(
            {
                "margin": st.floats(0.01, 3.0),
                "p": st.sampled_from([1.0, 1.5, 2.0, 3.0, float("inf")]),
                "eps": st.sampled_from([1e-6, 0.0, 0.1]),
                "swap": st.booleans(),
                "reduction": REDUCTIONS,
            }
        ),
    ),
}
