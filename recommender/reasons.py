"""Why an item was recommended, as plain data (a kind plus parameters).

The product translates reasons itself; `Reason.text()` gives the English default.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class ReasonKind(enum.Enum):
    """Kinds of explanation attached to a recommendation."""

    BECAUSE_YOU_LIKED = "because_you_liked"  # params: item, title
    SIMILAR_TO = "similar_to"  # params: item, title
    POPULAR = "popular"  # no params
    TRENDING = "trending"  # params: window ("day", "week", "month")
    FOR_YOUR_PICKS = "for_your_picks"  # params: genres (list[str]) or titles
    SAME_DIRECTOR = "same_director"  # params: name
    SHARED_ACTORS = "shared_actors"  # params: count, names
    SHARED_GENRES = "shared_genres"  # params: genres
    SHARED_KEYWORDS = "shared_keywords"  # params: keywords
    GROUP_FIT = "group_fit"  # params: members (list[str])
    PREDICTED_RATING = "predicted_rating"  # params: rating, scale
    FRIENDS = "friends"  # params: friends (list of ids, strongest first)


@dataclass(frozen=True, slots=True)
class Reason:
    """A short explanation: `kind` plus JSON-friendly `params`."""

    kind: ReasonKind
    params: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """Default English rendering, e.g. "Because you liked Heat"."""
        return str(_RENDER[self.kind](self.params))

    def to_dict(self) -> dict[str, Any]:
        """Plain-dict form for storage or transport."""
        return {"kind": self.kind.value, "params": dict(self.params)}


def _join(values: Any) -> str:
    return ", ".join(str(v) for v in values)


def _title(params: dict[str, Any]) -> str:
    return str(params.get("title") or params.get("item"))


_RENDER: dict[ReasonKind, Any] = {
    ReasonKind.BECAUSE_YOU_LIKED: lambda p: f"Because you liked {_title(p)}",
    ReasonKind.SIMILAR_TO: lambda p: f"Similar to {_title(p)}",
    ReasonKind.POPULAR: lambda p: "Popular right now",
    ReasonKind.TRENDING: lambda p: f"Trending this {p.get('window', 'week')}",
    ReasonKind.FOR_YOUR_PICKS: lambda p: (
        f"Matches your picks: {_join(p.get('genres') or p.get('titles') or [])}"
    ),
    ReasonKind.SAME_DIRECTOR: lambda p: f"Same director: {p['name']}",
    ReasonKind.SHARED_ACTORS: lambda p: (
        f"{p['count']} shared actor{'s' if p['count'] != 1 else ''}"
        + (f" ({_join(p['names'])})" if p.get("names") else "")
    ),
    ReasonKind.SHARED_GENRES: lambda p: f"Genres: {_join(p['genres'])}",
    ReasonKind.SHARED_KEYWORDS: lambda p: f"Shared themes: {_join(p['keywords'])}",
    ReasonKind.GROUP_FIT: lambda p: f"Suits {_join(p['members'])} best",
    ReasonKind.PREDICTED_RATING: lambda p: (
        f"You would rate this ~{round(float(p['rating']))}/{p.get('scale', 10)}"
    ),
    ReasonKind.FRIENDS: lambda p: f"Popular with your friends: {_join(p['friends'])}",
}


def because_you_liked(item: int, title: str | None = None) -> Reason:
    """Reason anchored on an item from the user's history."""
    return Reason(ReasonKind.BECAUSE_YOU_LIKED, {"item": item, "title": title})


def similar_to(item: int, title: str | None = None) -> Reason:
    """Reason for an item-to-item suggestion."""
    return Reason(ReasonKind.SIMILAR_TO, {"item": item, "title": title})


POPULAR = Reason(ReasonKind.POPULAR)
