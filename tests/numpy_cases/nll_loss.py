"""NLLLoss: unbatched, (N, C) and (N, C, d1, ..., dK) log-probabilities with class-index targets, some of
them ignore_index, with and without weight."""

import numpy as np
from hypothesis import strategies as st

from tests.numpy_cases.common import REDUCTIONS, class_score_shapes, floats


@st.composite
def nll_case(draw):
    shape = draw(class_score_shapes())
    class_axis = 0 if len(shape) == 1 else 1
    n_classes = shape[class_axis]
    target_shape = shape[:class_axis] + shape[class_axis + 1 :]
    size = int(np.prod(target_shape))
    kwargs = {"reduction": draw(REDUCTIONS)}
    if draw(st.booleans()):
        kwargs["weight"] = draw(floats((n_classes,), 0.1, 5.0))
    ignore_index = draw(st.sampled_from([None, -100, *range(n_classes)]))
    if ignore_index is not None:
        kwargs["ignore_index"] = ignore_index
    labels = np.array(draw(st.lists(st.integers(0, n_classes - 1), min_size=size, max_size=size)), dtype=np.int64)
    ignored = np.array(draw(st.lists(st.booleans(), min_size=size, max_size=size)), dtype=bool)
    target = np.where(ignored, -100 if ignore_index is None else ignore_index, labels).reshape(target_shape)
    # log-probabilities in the loss's domain (<= 0); NLLLoss itself accepts any real input
    log_probs = draw(floats(shape, -10.0, 0.0))
    return [log_probs, target.astype(np.int64)], kwargs


CASES = {"NLLLoss": nll_case()}
