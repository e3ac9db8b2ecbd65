"""Persistence helpers for CSR matrices inside ``.npz`` archives."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy.typing as npt
import scipy.sparse as sp


def csr_arrays(prefix: str, m: sp.csr_matrix) -> dict[str, npt.NDArray[Any]]:
    """The arrays of a CSR matrix, keyed for an ``.npz`` archive."""
    return {f"{prefix}_data": m.data, f"{prefix}_indices": m.indices, f"{prefix}_indptr": m.indptr}


def csr_from_arrays(
    prefix: str, arrays: Mapping[str, npt.NDArray[Any]], shape: tuple[int, int]
) -> sp.csr_matrix:
    """Rebuild a CSR matrix stored with `csr_arrays`."""
    return sp.csr_matrix(
        (arrays[f"{prefix}_data"], arrays[f"{prefix}_indices"], arrays[f"{prefix}_indptr"]),
        shape=shape,
    )
