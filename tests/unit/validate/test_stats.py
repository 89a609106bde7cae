"""Timing statistics: median and quartiles (linear interpolation, as numpy.percentile) of repeated
runs, and the speedups built on them."""

from __future__ import annotations

import pytest

from regrapht.validate.verdict import Stats, Status, Verdict

# (samples, median, p25, p75, minimum, maximum)
SAMPLES = [
    ((2.0,),                      2.0, 2.0, 2.0, 2.0, 2.0),
    ((3.0, 1.0),                  2.0, 1.5, 2.5, 1.0, 3.0),
    ((5.0, 1.0, 4.0, 2.0, 3.0),   3.0, 2.0, 4.0, 1.0, 5.0),
    ((1.0, 1.0, 1.0, 100.0),      1.0, 1.0, 25.75, 1.0, 100.0),  # one outlier moves no median
]


@pytest.mark.parametrize(("samples", "median", "p25", "p75", "lo", "hi"), SAMPLES)
def test_stats_of(samples, median, p25, p75, lo, hi):
    s = Stats.of(samples)
    assert (s.median, s.p25, s.p75, s.minimum, s.maximum, s.count) == pytest.approx(
        (median, p25, p75, lo, hi, len(samples)))


def test_speedups_are_ratios_of_medians():
    v = Verdict(Status.VERIFIED, "", reference=Stats.of([0.1, 0.1, 0.1]),
                kernel=Stats.of([0.001, 0.002, 0.001]), end_to_end=Stats.of([0.05, 0.04]))
    assert v.speedup_kernel == pytest.approx(100.0)
    assert v.speedup_end_to_end == pytest.approx(0.1 / 0.045)
    assert Verdict(Status.WRONG, "x").speedup_kernel is None
