"""CrossEntropyLoss: class-index targets (with ignore_index) and class-probability targets, unbatched,
(N, C) and (N, C, d1, ..., dK) inputs, with and without weight and label_smoothing."""

import numpy as np
from hypothesis import strategies as st

from tests.numpy_cases.common import REDUCTIONS, class_score_shapes, floats


@st.composite
def class_index_targets(draw, shape, n_classes, ignore_index):
    """int64 class indices of a shape, some of them ignore_index."""
    labels = draw(st.lists(st.integers(0, n_classes - 1), min_size=int(np.prod(shape)), max_size=int(np.prod(shape))))
    target = np.array(labels, dtype=np.int64).reshape(shape)
    ignored = draw(st.lists(st.booleans(), min_size=target.size, max_size=target.size))
    return np.where(np.array(ignored, dtype=bool).reshape(shape), ignore_index, target).astype(np.int64)


@st.composite
def probability_targets(draw, shape, class_axis):
    """Non-negative float64 class probabilities of the input's shape, summing to 1 along the class axis."""
    raw = draw(floats(shape, 0.0, 1.0)) + 1e-3
    return raw / raw.sum(axis=class_axis, keepdims=True)


@st.composite
def cross_entropy_case(draw):
    shape = draw(class_score_shapes())
    class_axis = 0 if len(shape) == 1 else 1
    n_classes = shape[class_axis]
    target_shape = shape[:class_axis] + shape[class_axis + 1 :]
    kwargs = {"reduction": draw(REDUCTIONS)}
    if draw(st.booleans()):
        kwargs["weight"] = draw(floats((n_classes,), 0.1, 5.0))
    if draw(st.booleans()):
        kwargs["label_smoothing"] = draw(st.floats(0.0, 1.0))
    if draw(st.booleans()):
        target = draw(probability_targets(shape, class_axis))
    else:
        ignore_index = draw(st.sampled_from([-100, None, *range(n_classes)]))
        if ignore_index is not None:
            kwargs["ignore_index"] = ignore_index
        target = draw(class_index_targets(target_shape, n_classes, -100 if ignore_index is None else ignore_index))
    return [draw(floats(shape)), target], kwargs


CASES = {"CrossEntropyLoss": cross_entropy_case()}
