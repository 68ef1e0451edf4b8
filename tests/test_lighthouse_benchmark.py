"""The Lighthouse benchmark's CPU calibration (benchmarks/lighthouse.py): the slowdown that makes a host of a
given benchmarkIndex simulate Lighthouse's reference phone, as Lighthouse's CPU throttling calculator maps it,
and the host speed of each of a page's runs, read from the runs together."""

from __future__ import annotations

from itertools import pairwise

import pytest

from benchmarks.lighthouse import calibrated_slowdown, load_adjusted_slowdowns


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


def test_one_run_keeps_the_slowdown_of_its_own_benchmark():
    assert load_adjusted_slowdowns([1766], [480.0]) == [5.0]


def test_runs_that_kept_the_main_thread_equally_busy_share_the_median_benchmark():
    # The indexes measured before the loads disagree; the loads themselves ran equally fast.
    assert load_adjusted_slowdowns([1300, 1766, 2000], [400.0, 400.0, 400.0]) == [5.0, 5.0, 5.0]


def test_a_load_that_ran_slower_is_simulated_from_a_slower_host():
    # Twice the median main-thread time: half the median host speed (1533 / 2 is 766.5, a 1.95x slowdown).
    slowdowns = load_adjusted_slowdowns([1533, 1533, 1533], [300.0, 600.0, 300.0])
    assert slowdowns == [4.0, round(calibrated_slowdown(1533 / 2), 2), 4.0]
    assert slowdowns[1] == pytest.approx(1.95, abs=0.01)


def test_the_slowdowns_follow_their_runs_in_any_order():
    indexes, times = [1200, 1900, 1500], [350.0, 420.0, 510.0]
    forward = load_adjusted_slowdowns(indexes, times)
    assert load_adjusted_slowdowns(indexes[::-1], times[::-1]) == forward[::-1]
