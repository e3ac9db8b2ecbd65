"""Request filters (seen, not interested, certification, availability) and catalog facts."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from recommender.data import IntArray

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Filters:
    """What a single request must not return.

    `allowed_certifications` (e.g. {"G", "PG"} for a kid profile) blocks every item whose
    certification is not in the set, including items with no known certification.
    `available` restricts results to those items (e.g. on the user's streaming services).
    """

    exclude: frozenset[int] = frozenset()
    allowed_certifications: frozenset[str] | None = None
    available: Collection[int] | None = None
    filter_seen: bool = True


NO_FILTERS = Filters()


class Catalog:
    """Per-item facts used for filtering and reasons: titles and certifications."""

    def __init__(
        self,
        n_items: int,
        titles: Mapping[int, str] | Sequence[str] = (),
        certifications: Mapping[int, str] | None = None,
    ) -> None:
        self.n_items = n_items
        items = titles.items() if isinstance(titles, Mapping) else enumerate(titles)
        self.titles: dict[int, str] = dict(items)
        certs = certifications or {}
        self.cert_names: list[str] = sorted(set(certs.values()))
        lookup = {name: code for code, name in enumerate(self.cert_names)}
        self.cert_codes: IntArray = np.full(n_items, -1, dtype=np.int64)
        for item, name in certs.items():
            if 0 <= item < n_items:
                self.cert_codes[item] = lookup[name]
        self._cert_masks: dict[frozenset[str], BoolArray] = {}

    def title(self, item: int) -> str | None:
        """Display title of an item, if known."""
        return self.titles.get(item)

    def certification_block(self, allowed: frozenset[str]) -> BoolArray:
        """Items blocked for a profile allowed only `allowed` certifications (cached)."""
        mask = self._cert_masks.get(allowed)
        if mask is None:
            codes = [c for c, name in enumerate(self.cert_names) if name in allowed]
            mask = ~np.isin(self.cert_codes, codes)
            self._cert_masks[allowed] = mask
        return mask

    def blocked(
        self, filters: Filters, seen: IntArray, not_interested: Collection[int]
    ) -> BoolArray:
        """Boolean mask of items a request must not return."""
        mask = (
            self.certification_block(filters.allowed_certifications).copy()
            if filters.allowed_certifications is not None
            else np.zeros(self.n_items, dtype=bool)
        )
        if filters.filter_seen:
            mask[seen] = True
        for group in (not_interested, filters.exclude):
            if group:
                idx = np.fromiter(group, dtype=np.int64)
                mask[idx[(idx >= 0) & (idx < self.n_items)]] = True
        if filters.available is not None:
            allowed = np.zeros(self.n_items, dtype=bool)
            idx = np.asarray(list(filters.available), dtype=np.int64)
            allowed[idx[(idx >= 0) & (idx < self.n_items)]] = True
            mask |= ~allowed
        return mask


def empty_catalog(n_items: int) -> Catalog:
    """A catalog with no titles or certifications."""
    return Catalog(n_items)


@dataclass(frozen=True, slots=True)
class Profile:
    """Onboarding input for a user without history: picked items and/or genres."""

    items: Mapping[int, float] = field(default_factory=dict)
    genres: tuple[str, ...] = ()
