"""The Keras table of docs/guides/coming-from-keras.md: every Keras loss listed, every counterpart exact.

Each case of tools.keras_equivalents runs Keras 3 (torch backend) and the PyTorch code shown in the table on
the same seeded inputs, in several shapes. Keras must also leave alone the torch state other tests rely on.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

os.environ["KERAS_BACKEND"] = "torch"  # before anything imports keras

import numpy as np
import pytest
import torch

from tools import keras_equivalents as ke
from tools.expand import PROJECT_ROOT

SEEDS = (0, 1, 2)
CASES = [
    pytest.param(record, case, shape, id=f"{record.keras}-{index}-{'x'.join(map(str, shape))}")
    for record in ke.EQUIVALENTS
    for index, case in enumerate(record.cases)
    for shape in record.shapes
]


def test_the_table_lists_every_loss_keras_exports():
    listed = [record.keras for record in ke.EQUIVALENTS]
    assert len(listed) == len(set(listed)), "a Keras loss is listed twice"
    assert sorted(listed) == ke.exported_loss_classes()


def test_the_table_has_a_row_per_loss():
    table = ke.keras_table_markdown()
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == [record.keras for record in ke.EQUIVALENTS]


@pytest.mark.parametrize(("record", "case", "shape"), CASES)
def test_keras_and_torch_give_the_same_loss(record, case, shape):
    for seed in SEEDS:
        keras_value, torch_value = ke.compare(record, case, shape, seed)
        where = f"{record.keras}({case.keras_args}), seed {seed}, shape {shape}"
        assert torch_value.shape == keras_value.shape == (), where
        assert torch.isfinite(torch_value), where
        torch.testing.assert_close(
            torch_value,
            keras_value.to(torch_value.dtype),
            rtol=1e-5,
            atol=1e-6,  # for losses near 0 (a mean cosine similarity)
            msg=lambda message, where=where: f"{where}: {message}",
        )


def _global_state() -> dict:
    """What other tests and the pages' outputs rely on, as JSON-friendly values."""
    return {
        "default_dtype": str(torch.get_default_dtype()),
        "grad_enabled": torch.is_grad_enabled(),
        "inference_mode": torch.is_inference_mode_enabled(),
        "anomaly": torch.is_anomaly_enabled(),
        "deterministic": torch.are_deterministic_algorithms_enabled(),
        "default_device": str(torch.get_default_device()),
        "num_threads": torch.get_num_threads(),
        "interop_threads": torch.get_num_interop_threads(),
        "matmul_precision": torch.get_float32_matmul_precision(),
        "print_options": {k: v for k, v in vars(torch._tensor_str.PRINT_OPTS).items() if not k.startswith("_")},
        "torch_rng": hashlib.sha256(torch.get_rng_state().numpy().tobytes()).hexdigest(),
        "numpy_print_options": {k: str(v) for k, v in np.get_printoptions().items()},
        "numpy_rng": hashlib.sha256(repr(np.random.get_state()).encode()).hexdigest(),
    }


def _run_every_case() -> None:
    for record in ke.EQUIVALENTS:
        for case in record.cases:
            ke.compare(record, case, record.shapes[0], 0)


# A fresh interpreter: torch's state before keras is first imported, and after every case has run.
_FRESH_PROCESS = """
import json
from tests.test_keras_equivalents import _global_state, _run_every_case
import sys
assert "keras" not in sys.modules
before = _global_state()
_run_every_case()
assert "keras" in sys.modules
print(json.dumps([before, _global_state()]))
"""


def test_importing_and_using_keras_leaves_torch_global_state_alone():
    env = {key: value for key, value in os.environ.items() if key != "KERAS_BACKEND"}
    result = subprocess.run(
        [sys.executable, "-c", _FRESH_PROCESS], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    before, after = json.loads(result.stdout.splitlines()[-1])
    assert after == before


def test_keras_losses_leave_torch_global_state_alone_in_this_process():
    ke.import_keras()
    before = _global_state()
    _run_every_case()
    assert _global_state() == before
