"""The social source: friends' signals lift titles and name the friends."""

from __future__ import annotations

import numpy as np

from recommender.reasons import ReasonKind
from recommender.social import SocialSignal, add_social, friends_reason, social_scores


def test_scores_sum_per_item_and_ignore_unknown_items() -> None:
    signals = [SocialSignal(1, "a", 0.5), SocialSignal(1, "b", 0.25), SocialSignal(9, "a", 1.0)]
    assert social_scores(signals, 3).tolist() == [0.0, 0.75, 0.0]


def test_the_strongest_signal_lifts_by_the_weight_in_standard_deviations() -> None:
    scores = np.array([0.0, 1.0, 2.0, 3.0], dtype=np.float32)
    spread = float(scores.std())
    add_social(scores, [SocialSignal(0, "a", 1.0), SocialSignal(2, "b", 0.5)], weight=2.0)
    assert (
        scores.tolist()
        == np.array([2.0 * spread, 1.0, 2.0 + spread, 3.0], dtype=np.float32).tolist()
    )
    untouched = np.array([1.0, 2.0], dtype=np.float32)
    add_social(untouched, [])
    assert untouched.tolist() == [1.0, 2.0]


def test_reason_names_friends_strongest_first() -> None:
    signals = [
        SocialSignal(4, "cy", 0.3),
        SocialSignal(4, "ana", 1.0),
        SocialSignal(4, "bo", 0.2),
        SocialSignal(4, "cy", 0.3),
        SocialSignal(4, "di", 0.1),
        SocialSignal(5, "ed", 1.0),
    ]
    reason = friends_reason(4, signals)
    assert reason is not None and reason.kind is ReasonKind.FRIENDS
    assert reason.params["friends"] == ["ana", "cy", "bo"]
    assert reason.text() == "Popular with your friends: ana, cy, bo"
    assert friends_reason(7, signals) is None
