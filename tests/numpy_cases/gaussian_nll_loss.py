from hypothesis import strategies as st

from tests.numpy_cases.common import REDUCTIONS, floats, shapes


@st.composite
def gaussian_nll_case(draw):
    """Means and targets of one shape; a variance >= 0 of every accepted shape, or a float."""
    shape = draw(shapes())
    input, target = draw(floats(shape)), draw(floats(shape))
    kind = draw(st.sampled_from(["same", "one fewer dim", "last dim 1", "first dim 1", "float"]))
    if kind == "float":
        var = draw(st.floats(0.0, 5.0, allow_subnormal=False))
    else:
        var_shape = {
            "same": shape,
            "one fewer dim": shape[:-1],
            "last dim 1": (*shape[:-1], 1),
            "first dim 1": (1, *shape[1:]),
        }[kind]
        var = draw(floats(var_shape, 0.0, 5.0))  # 0 included: clamped to eps
    kwargs = {
        "full": draw(st.booleans()),
        "eps": draw(st.sampled_from([1e-6, 1e-2, 0.5])),
        "reduction": draw(REDUCTIONS),
    }
    return [input, target, var], kwargs


CASES = {"GaussianNLLLoss": gaussian_nll_case()}
