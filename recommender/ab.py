"""A/B test statistics: click-through rates with 95% intervals and a significance test.

Assignment is the core's (``core/domain/experiments.py``); this module only counts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Z95 = 1.959963984540054  # two-sided 95% normal quantile


@dataclass(frozen=True, slots=True)
class VariantStats:
    """Impressions, clicks, click-through rate and its Wilson 95% interval."""

    variant: str
    impressions: int
    clicks: int

    @property
    def ctr(self) -> float:
        """Clicks per impression."""
        return self.clicks / self.impressions if self.impressions else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        """Wilson score interval at 95%."""
        return wilson_interval(self.clicks, self.impressions)


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion (well-behaved for small counts and 0 or 1)."""
    if trials <= 0:
        return (0.0, 0.0)
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def two_proportion_test(a: VariantStats, b: VariantStats) -> tuple[float, float]:
    """Pooled two-proportion z-test of a's CTR against b's: (z, two-sided p-value)."""
    if not a.impressions or not b.impressions:
        return (0.0, 1.0)
    pooled = (a.clicks + b.clicks) / (a.impressions + b.impressions)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / a.impressions + 1 / b.impressions))
    if spread == 0:
        return (0.0, 1.0)
    z = (a.ctr - b.ctr) / spread
    return (z, math.erfc(abs(z) / math.sqrt(2)))


def format_report(experiment: str, stats: Sequence[VariantStats]) -> str:
    """A plain-text report: CTR and interval per variant, and each variant against the first."""
    lines = [f"Experiment {experiment}", "variant     impressions  clicks  CTR      95% CI"]
    for s in stats:
        low, high = s.interval
        lines.append(
            f"{s.variant:<11} {s.impressions:>11}  {s.clicks:>6}  {s.ctr:7.2%}  "
            f"[{low:.2%}, {high:.2%}]"
        )
    for other in stats[1:]:
        z, p = two_proportion_test(other, stats[0])
        verdict = "significant at 5%" if p < 0.05 else "not significant"
        lines.append(f"{other.variant} vs {stats[0].variant}: z = {z:.2f}, p = {p:.4f} ({verdict})")
    return "\n".join(lines)
