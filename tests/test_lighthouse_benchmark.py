"""The Lighthouse benchmark's CPU calibration (benchmarks/lighthouse.py): the slowdown that makes a host of a
given benchmarkIndex simulate Lighthouse's reference phone, as Lighthouse's CPU throttling calculator maps it."""

from __future__ import annotations

from itertools import pairwise

import pytest

from benchmarks.lighthouse import calibrated_slowdown


@pytest.mark.parametrize(
    ("benchmark_index", "slowdown"),
    [(2000, 6.0), (1766, 5.0), (1533, 4.0), (1300, 3.0), (1050, 2.5), (800, 2.0), (150, 1.0), (100, 1.0)],
)
def test_the_calculators_points(benchmark_index, slowdown):
    assert calibrated_slowdown(benchmark_index) == pytest.approx(slowdown, abs=0.01)


def test_a_faster_host_is_slowed_down_more_and_the_map_has_no_jumps():
    steps = [calibrated_slowdown(b) - calibrated_slowdown(a) for a, b in pairwise(range(100, 2500))]
    assert min(steps) >= 0
    assert max(steps) < 0.005  # one point of benchmarkIndex never moves the slowdown by more than 1/233
