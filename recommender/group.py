"""Group recommendations: "average without misery" over the members' personal scores.

Each member's blended scores are turned into percentile ranks in [0, 1] (1 = their
favourite unseen item), so members with different score scales weigh the same. Items
that any member ranks below `misery` are dropped; the rest are ranked by the mean.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from recommender.base import Recommender, Scored, top_n
from recommender.data import FloatArray
from recommender.reasons import Reason, ReasonKind


def percentile_ranks(scores: FloatArray) -> FloatArray:
    """Rank of each score among the finite ones, scaled to [0, 1]; -inf stays -inf."""
    out = np.full(scores.shape, -np.inf)
    finite = np.flatnonzero(np.isfinite(scores))
    if finite.size == 1:
        out[finite] = 1.0
    elif finite.size > 1:
        order = np.argsort(np.argsort(scores[finite], kind="stable"), kind="stable")
        out[finite] = order / (finite.size - 1)
    return out


def group_recommend(
    model: Recommender,
    members: Sequence[int],
    n: int = 10,
    misery: float = 0.3,
    exclude_seen_by_any: bool = True,
    names: Mapping[int, str] | None = None,
) -> list[Scored]:
    """Top-`n` items for a group; each reason names the members it suits best.

    `misery` is the lowest percentile rank any member may give an item (0 disables it).
    With `exclude_seen_by_any`, an item seen by any member is never suggested.
    """
    if not members:
        return []
    ranks = np.vstack([_member_ranks(model, m, exclude_seen_by_any, members) for m in members])
    miserable = (ranks < misery).any(axis=0)
    mean = np.where(miserable | ~np.isfinite(ranks).all(axis=0), -np.inf, ranks.mean(axis=0))
    chosen = top_n(mean, n)
    labels = [(names or {}).get(m, str(m)) for m in members]
    return [
        Scored(int(i), float(mean[i]), _fit_reason(ranks[:, i], labels)) for i in chosen.tolist()
    ]


def _member_ranks(
    model: Recommender, member: int, exclude_seen_by_any: bool, members: Sequence[int]
) -> FloatArray:
    """A member's percentile ranks, -inf on items that must not be suggested."""
    model.check_user(member)
    scores = np.asarray(model.user_scores(member), dtype=np.float64).copy()
    blocked = members if exclude_seen_by_any else [member]
    for other in blocked:
        scores[model.seen_items(other)] = -np.inf
    return percentile_ranks(scores)


def _fit_reason(ranks: FloatArray, labels: Sequence[str]) -> Reason:
    """Members whose rank is within 0.05 of the item's best, best first."""
    best = ranks.max()
    order = np.argsort(-ranks, kind="stable")
    picked = [labels[k] for k in order if ranks[k] >= best - 0.05]
    return Reason(ReasonKind.GROUP_FIT, {"members": picked})
