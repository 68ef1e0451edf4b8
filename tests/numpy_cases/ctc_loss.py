import numpy as np
from hypothesis import strategies as st

from tests.numpy_cases.common import REDUCTIONS, floats


def _log_softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


@st.composite
def ctc_case(draw):
    """Small (T, N, C) problems in every target layout, with lengths that may not fit the input."""
    T = draw(st.integers(1, 6))
    N = draw(st.integers(1, 3))
    C = draw(st.integers(2, 5))
    blank = draw(st.integers(0, C - 1))
    layout = draw(st.sampled_from(["padded", "concatenated", "unbatched"]))
    if layout == "unbatched":
        N = 1
    S = draw(st.integers(1, 4))
    labels = st.integers(0, C - 1).filter(lambda label: label != blank)
    target_lengths = np.array(draw(st.lists(st.integers(0, S), min_size=N, max_size=N)), dtype=np.int64)
    # Lengths up to T: short inputs make some targets impossible, an infinite loss.
    input_lengths = np.array(draw(st.lists(st.integers(0, T), min_size=N, max_size=N)), dtype=np.int64)
    shape = (T, C) if layout == "unbatched" else (T, N, C)
    log_probs = _log_softmax(draw(floats(shape, -10.0, 10.0)))
    if layout == "padded":
        targets = np.array(draw(st.lists(labels, min_size=N * S, max_size=N * S)), dtype=np.int64).reshape(N, S)
    else:
        total = int(target_lengths.sum())
        targets = np.array(draw(st.lists(labels, min_size=total, max_size=total)), dtype=np.int64)
    if layout == "unbatched":
        input_lengths, target_lengths = input_lengths.reshape(()), target_lengths.reshape(())
    kwargs = {"blank": blank, "reduction": draw(REDUCTIONS), "zero_infinity": draw(st.booleans())}
    return [log_probs, targets, input_lengths, target_lengths], kwargs


CASES = {"CTCLoss": ctc_case()}
