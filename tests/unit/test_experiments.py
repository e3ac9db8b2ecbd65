"""Deterministic A/B assignment."""

from __future__ import annotations

import pytest

from core.domain.experiments import Experiment, assign


def test_assignment_is_deterministic_and_follows_the_weights() -> None:
    experiment = Experiment("mmr", {"control": 0.5, "diverse": 0.5})
    first = [assign(str(i), experiment) for i in range(2000)]
    assert first == [assign(str(i), experiment) for i in range(2000)]
    assert 0.45 < first.count("diverse") / 2000 < 0.55
    other = Experiment("other", {"control": 0.5, "diverse": 0.5})
    assert [assign(str(i), other) for i in range(50)] != first[:50]  # independent per experiment
    only = Experiment("x", {"control": 1, "off": 0})
    assert {assign(str(i), only) for i in range(100)} == {"control"}
    with pytest.raises(ValueError, match="variants"):
        Experiment("bad", {})
