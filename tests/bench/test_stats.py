"""Percentiles and ratios the benchmark report rests on, checked against hand-computed values."""

import pytest

from bench.stats import percentile, ratio, summarise, throughput


def test_percentile_interpolates_like_numpy_default():
    values = [10.0, 20.0, 30.0, 40.0]
    assert percentile(values, 0.0) == 10.0
    assert percentile(values, 1.0) == 40.0
    assert percentile(values, 0.5) == pytest.approx(25.0)
    assert percentile(values, 0.95) == pytest.approx(38.5)


def test_percentile_ignores_input_order_and_handles_one_value():
    assert percentile([3.0, 1.0, 2.0], 0.5) == 2.0
    assert percentile([7.0], 0.99) == 7.0


@pytest.mark.parametrize("fraction", [-0.1, 1.1])
def test_percentile_refuses_fractions_outside_0_1(fraction):
    with pytest.raises(ValueError):
        percentile([1.0], fraction)


def test_percentile_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_summary_of_a_hundred_latencies():
    summary = summarise([i / 1000 for i in range(1, 101)])
    assert summary.count == 100
    assert summary.p50 == pytest.approx(0.0505)
    assert summary.p99 == pytest.approx(0.09901)
    assert summary.maximum == 0.1


def test_throughput_and_ratio():
    assert throughput(200, 4.0) == 50.0
    with pytest.raises(ValueError):
        throughput(1, 0.0)
    assert ratio(3.0, 1.5) == 2.0
    assert ratio(None, 1.0) is None and ratio(1.0, None) is None and ratio(1.0, 0.0) is None
