"""Command and button handlers: translate the invocation, call a service, present a Reply."""

from __future__ import annotations

from core.commands import Registry


def build_registry() -> Registry:
    """Every command and action, in the order /help lists them."""
    from core.handlers import (
        catalog,
        club_polls,
        club_stats,
        clubs,
        episodes,
        general,
        library,
        lists,
        notifications,
        recommend,
        reminders,
        social,
        tracking,
    )

    registry = Registry()
    for module in (general, catalog, lists, tracking, library, episodes, recommend, social):
        module.register(registry)
    for module in (clubs, club_polls, club_stats, reminders, notifications):  # clubs, reminders
        module.register(registry)
    general.register_admin(registry)
    return registry
