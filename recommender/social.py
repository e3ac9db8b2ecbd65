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

from recommender.data import FloatArray
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
    items = np.array([s.item for s in signals if 0 <= s.item < n_items], dtype=np.int64)
    weights = np.array(
        [max(s.strength, 0.0) for s in signals if 0 <= s.item < n_items], dtype=np.float64
    )
    return np.bincount(items, weights=weights, minlength=n_items).astype(np.float64)


def add_social(
    scores: npt.NDArray[np.floating[Any]],
    signals: Sequence[SocialSignal],
    weight: float = SOCIAL_WEIGHT,
) -> None:
    """Lift `scores` (one user's blended scores, edited in place) by friends' signals."""
    social = social_scores(signals, scores.shape[0])
    top = float(social.max(initial=0.0))
    if top <= 0 or weight <= 0:
        return
    finite = scores[np.isfinite(scores)]
    spread = float(finite.std()) if finite.size else 1.0
    scores += (weight * (spread if spread > 0 else 1.0) * social / top).astype(scores.dtype)


def friends_reason(item: int, signals: Sequence[SocialSignal]) -> Reason | None:
    """ "Popular with your friends: A, B" for an item friends spoke for, else None."""
    strength: dict[str, float] = defaultdict(float)
    for signal in signals:
        if signal.item == item and signal.strength > 0:
            strength[signal.friend] += signal.strength
    if not strength:
        return None
    ranked = sorted(strength, key=lambda f: (-strength[f], f))[:MAX_NAMED]
    return Reason(ReasonKind.FRIENDS, {"friends": ranked})
