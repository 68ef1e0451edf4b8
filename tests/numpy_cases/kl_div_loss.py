import numpy as np
from hypothesis import strategies as st

from tests.numpy_cases.common import floats, shapes


@st.composite
def kl_div_case(draw):
    """Log-probability inputs; targets as probabilities with some exact zeros, or as logs with log_target."""
    shape = draw(shapes())
    log_target = draw(st.booleans())
    input = draw(floats(shape, -10.0, 0.0))
    if log_target:
        target = draw(floats(shape, -10.0, 0.0))
    else:
        target = draw(floats(shape, 0.0, 1.0))
        zeros = draw(st.lists(st.booleans(), min_size=target.size, max_size=target.size))
        target = np.where(np.reshape(zeros, shape), 0.0, target)
    reduction = draw(st.sampled_from(["batchmean", "mean", "sum", "none"]))
    return [input, target], {"reduction": reduction, "log_target": log_target}


CASES = {"KLDivLoss": kl_div_case()}
