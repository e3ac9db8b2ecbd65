"""A/B statistics on known counts, and deterministic assignment."""

from __future__ import annotations

import pytest

from recommender.ab import VariantStats, format_report, two_proportion_test, wilson_interval


def test_wilson_interval_on_known_counts() -> None:
    low, high = wilson_interval(50, 1000)  # 5% of 1000
    assert low == pytest.approx(0.03813, abs=1e-4)
    assert high == pytest.approx(0.06531, abs=1e-4)
    assert wilson_interval(0, 10)[0] == 0.0
    assert wilson_interval(0, 0) == (0.0, 0.0)


def test_two_proportion_test_on_known_counts() -> None:
    control, treatment = VariantStats("control", 1000, 30), VariantStats("diverse", 1000, 50)
    z, p = two_proportion_test(treatment, control)
    assert z == pytest.approx(0.02 / (0.04 * 0.96 * 0.002) ** 0.5, abs=1e-9)  # = 2.2822
    assert p == pytest.approx(0.02248, abs=1e-4)
    report = format_report("mmr", [control, treatment])
    assert "diverse vs control: z = 2.28, p = 0.0225 (significant at 5%)" in report
    assert "3.00%" in report and "5.00%" in report
    assert two_proportion_test(VariantStats("a", 100, 5), VariantStats("b", 100, 5))[1] == 1.0
