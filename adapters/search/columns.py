"""Growable numpy columns: one value per internal id, appended as ids are handed out."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt


class Column:
    """A numpy array that grows by doubling; ``view()`` is the filled part (no copy)."""

    __slots__ = ("_data", "_fill", "size")

    def __init__(self, dtype: npt.DTypeLike, fill: Any = 0, capacity: int = 1024) -> None:
        self._fill = fill
        self._data = np.full(capacity, fill, dtype=dtype)
        self.size = 0

    def reserve(self, capacity: int) -> None:
        """Make room for ``capacity`` values without further copies."""
        if capacity > len(self._data):
            grown = np.full(capacity, self._fill, dtype=self._data.dtype)
            grown[: self.size] = self._data[: self.size]
            self._data = grown

    def append(self, value: Any) -> None:
        """Add one value at index ``size``."""
        if self.size == len(self._data):
            self.reserve(2 * len(self._data))
        self._data[self.size] = value
        self.size += 1

    def extend(self, values: list[Any] | np.ndarray) -> None:
        """Add several values."""
        end = self.size + len(values)
        if end > len(self._data):
            self.reserve(max(end, 2 * len(self._data)))
        self._data[self.size : end] = values
        self.size = end

    def view(self) -> npt.NDArray[Any]:
        """The filled values; valid until the next append."""
        return self._data[: self.size]

    def __getitem__(self, index: int) -> Any:
        return self._data[index]

    def __setitem__(self, index: int, value: Any) -> None:
        self._data[index] = value
