"""A/B experiments: named variants with weights, deterministic assignment, a kill switch."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

CONTROL = "control"


@dataclass(frozen=True, slots=True)
class Experiment:
    """An experiment on recommendations; ``enabled=False`` is the kill switch (all get control)."""

    name: str
    variants: dict[str, float] = field(default_factory=lambda: {CONTROL: 1.0})
    enabled: bool = True

    def __post_init__(self) -> None:
        if not self.variants or min(self.variants.values()) < 0 or sum(self.variants.values()) <= 0:
            raise ValueError("an experiment needs variants with non-negative weights")


def assign(unit: str, experiment: Experiment) -> str:
    """The variant of ``unit`` (a profile id): a stable hash bucket by weight, no state needed."""
    digest = hashlib.sha256(f"{experiment.name}:{unit}".encode()).digest()
    point = int.from_bytes(digest[:8], "big") / 2**64 * sum(experiment.variants.values())
    for variant, weight in sorted(experiment.variants.items()):
        if point < weight:
            return variant
        point -= weight
    return sorted(experiment.variants)[-1]
