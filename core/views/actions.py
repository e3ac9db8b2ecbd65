"""Action ids: ``<area>:<verb>[:<arg>...]`` strings carried by buttons (ASCII, <= 64 bytes)."""

from __future__ import annotations

from dataclasses import dataclass

from core.views.reply import ACTION_MAX_BYTES


@dataclass(frozen=True, slots=True)
class Action:
    """A parsed action id."""

    area: str
    verb: str
    args: tuple[str, ...] = ()

    def int_arg(self, index: int) -> int:
        """The argument at ``index`` as an int; ValueError when missing or not a number."""
        return int(self.args[index])


def format_action(area: str, verb: str, *args: object) -> str:
    """Build an action id; raises ValueError when it would exceed 64 bytes."""
    parts = [area, verb, *(str(a) for a in args)]
    if any(":" in p for p in parts):
        raise ValueError(f"':' inside an action part: {parts!r}")
    action = ":".join(parts)
    if len(action.encode()) > ACTION_MAX_BYTES or not action.isascii():
        raise ValueError(f"action id too long or not ASCII: {action!r}")
    return action


def parse_action(action: str) -> Action | None:
    """Parse an action id; ``None`` when it is malformed (a stale or forged button)."""
    if not action or len(action.encode()) > ACTION_MAX_BYTES or not action.isascii():
        return None
    parts = action.split(":")
    if len(parts) < 2 or not parts[0] or not parts[1]:
        return None
    return Action(parts[0], parts[1], tuple(parts[2:]))
