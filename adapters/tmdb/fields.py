"""Tolerant readers for JSON fields: wrong types, ``null`` and absence become ``None``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

JsonObject = Mapping[str, Any]


class PayloadError(ValueError):
    """A payload lacks what is needed to build a DTO (e.g. the top level is not an object)."""


def as_object(value: Any, what: str) -> JsonObject:
    """``value`` if it is a JSON object, else :class:`PayloadError`."""
    if not isinstance(value, Mapping):
        raise PayloadError(f"{what}: expected a JSON object, got {type(value).__name__}")
    return value


def sub_object(data: JsonObject, key: str) -> JsonObject:
    """The object under ``key``, or an empty mapping if absent or not an object."""
    value = data.get(key)
    return value if isinstance(value, Mapping) else {}


def objects(value: Any) -> list[JsonObject]:
    """The objects of a JSON array (non-objects skipped; not an array -> empty)."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def opt_str(data: JsonObject, key: str) -> str | None:
    """A non-blank string, else ``None``."""
    value = data.get(key)
    if isinstance(value, str) and value.strip():
        return value
    return None


def text(data: JsonObject, key: str) -> str:
    """A string, else ``""``."""
    return opt_str(data, key) or ""


def opt_int(data: JsonObject, key: str) -> int | None:
    """An integer (integral floats and digit strings accepted), else ``None``."""
    value = data.get(key)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def opt_float(data: JsonObject, key: str) -> float | None:
    """A number, else ``None``."""
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def flag(data: JsonObject, key: str) -> bool:
    """A boolean, ``False`` unless literally ``true``."""
    return data.get(key) is True


def opt_date(data: JsonObject, key: str) -> date | None:
    """An ISO date (``"1979-05-25"``; a datetime's date part is accepted), else ``None``."""
    value = opt_str(data, key)
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def opt_datetime(data: JsonObject, key: str) -> datetime | None:
    """An ISO 8601 timestamp (``"1979-05-25T00:00:00.000Z"``), else ``None``."""
    value = opt_str(data, key)
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def strings(values: Any, key: str | None = None) -> tuple[str, ...]:
    """Strings of an array, or the ``key`` strings of an array of objects."""
    if not isinstance(values, list):
        return ()
    if key is None:
        return tuple(v for v in values if isinstance(v, str) and v.strip())
    return tuple(s for item in objects(values) if (s := opt_str(item, key)) is not None)


def ints(values: Any) -> tuple[int, ...]:
    """Integers of an array."""
    if not isinstance(values, list):
        return ()
    return tuple(v for v in values if isinstance(v, int) and not isinstance(v, bool))
