from hypothesis import strategies as st

from tests.numpy_cases.common import REDUCTIONS, floats, shapes


@st.composite
def poisson_nll_case(draw):
    """Log-rates (or rates >= 0 with log_input=False) and non-negative targets, some below 1 for `full`."""
    shape = draw(shapes())
    log_input = draw(st.booleans())
    input = draw(floats(shape, -5.0, 5.0) if log_input else floats(shape, 0.0, 20.0))
    target = draw(floats(shape, 0.0, 20.0))
    kwargs = {
        "log_input": log_input,
        "full": draw(st.booleans()),
        "eps": draw(st.sampled_from([1e-8, 1e-3, 0.5])),
        "reduction": draw(REDUCTIONS),
    }
    return [input, target], kwargs


CASES = {"PoissonNLLLoss": poisson_nll_case()}
