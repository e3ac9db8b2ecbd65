"""Command and button handlers: translate the invocation, call a service, present a Reply."""

from __future__ import annotations

from core.commands import Registry


def build_registry() -> Registry:
    """Every command and action, in the order /help lists them."""
    from core.handlers import (
        catalog,
        episodes,
        general,
        library,
        lists,
        recommend,
        tracking,
    )

    registry = Registry()
    for module in (general, catalog, lists, tracking, library, episodes, recommend):
        module.register(registry)
    general.register_admin(registry)
    return registry
