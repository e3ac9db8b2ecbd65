"""Social source: titles the people one follows rated highly or watched recently.

Friends' activity is fresher than any trained model, so it is applied at serving time: each
signal (item, friend, strength already decayed with age) adds to the item's social score,
and the blend gains `weight` standard deviations of its own spread times the item's social
score relative to the strongest one. Items chosen with a social score name the friends
behind them, strongest first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from recommender.data import FloatArray, IntArray
from recommender.reasons import Reason, ReasonKind

#: How far the strongest social signal lifts a title, in standard deviations of the blend.
SOCIAL_WEIGHT = 3.0
#: Friends named in one reason.
MAX_NAMED = 3


@dataclass(frozen=True, slots=True)
class SocialSignal:
    """One friend's activity for one (inner) item; `friend` is the friend's raw id."""

    item: int
    friend: str
    strength: float


def social_scores(signals: Sequence[SocialSignal], n_items: int) -> FloatArray:
    """Summed strength per item (items outside the catalog are ignored)."""
    items, sums = _summed(signals, n_items)
    out = np.zeros(n_items, dtype=np.float64)
    out[items] = sums
    return out


def _summed(signals: Sequence[SocialSignal], n_items: int) -> tuple[IntArray, FloatArray]:
    """The distinct items friends spoke for and their summed strengths (touches only them)."""
    known = [s for s in signals if 0 <= s.item < n_items and s.strength > 0]
    if not known:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    items, inverse = np.unique(
        np.array([s.item for s in known], dtype=np.int64), return_inverse=True
    )
    weights = np.array([s.strength for s in known], dtype=np.float64)
    sums = np.asarray(np.bincount(inverse, weights=weights, minlength=items.size), np.float64)
    return items, sums


def add_social(
    scores: npt.NDArray[np.floating[Any]],
    signals: Sequence[SocialSignal],
    weight: float = SOCIAL_WEIGHT,
) -> None:
    """Lift `scores` (one user's finite blended scores, edited in place) by friends' signals:
    only the items friends spoke for are touched, plus one pass for the spread."""
    items, sums = _summed(signals, scores.shape[0])
    if items.size == 0 or weight <= 0:
        return
    spread = float(scores.std())
    scores[items] += (weight * (spread if spread > 0 else 1.0) * sums / sums.max()).astype(
        scores.dtype
    )


def friends_reasons(chosen: Sequence[int], signals: Sequence[SocialSignal]) -> list[Reason | None]:
    """For each chosen item, "Popular with your friends: A, B" (strongest first) when friends
    spoke for it, else None (one pass over the signals per request)."""
    if not signals:
        return [None] * len(chosen)
    wanted = set(int(i) for i in chosen)
    strength: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for signal in signals:
        if signal.item in wanted and signal.strength > 0:
            strength[signal.item][signal.friend] += signal.strength
    reasons: list[Reason | None] = []
    for item in chosen:
        by_friend = strength.get(int(item))
        if not by_friend:
            reasons.append(None)
            continue
        ranked = sorted(by_friend, key=lambda f: (-by_friend[f], f))[:MAX_NAMED]
        reasons.append(Reason(ReasonKind.FRIENDS, {"friends": ranked}))
    return reasons


def friends_reason(item: int, signals: Sequence[SocialSignal]) -> Reason | None:
    """ "Popular with your friends: A, B" for one item friends spoke for, else None."""
    return friends_reasons([item], signals)[0]
