"""The dispatcher: admin-only commands, and failures that must not leak tracebacks."""

from __future__ import annotations

from collections.abc import Mapping

from core.app import App
from core.commands import Registry
from core.dispatch import Ctx, Dispatcher
from core.views.reply import ChatRef, Invocation, Platform, Reply, Span, UserRef

ANA = UserRef(Platform.TELEGRAM, "1", "Ana")
GROUP = ChatRef(Platform.TELEGRAM, "-100", is_group=True, title="Club")


async def _secret(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    return Reply(blocks=((Span("secret ok"),),))


async def _broken(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    raise RuntimeError("database on fire")


def _dispatcher(app: App) -> Dispatcher:
    registry = Registry()
    registry.command("secret", "Admins only", "/secret", admin_only=True)(_secret)
    registry.command("broken", "Always fails", "/broken")(_broken)
    return Dispatcher(app, registry)


async def test_admin_only_commands_need_an_admin(app: App) -> None:
    dispatcher = _dispatcher(app)
    refused = await dispatcher.dispatch(Invocation(ANA, GROUP, command="secret"))
    assert refused.error and "Only admins can use /secret here." in refused.plain_text()
    allowed = await dispatcher.dispatch(Invocation(ANA, GROUP, command="secret", is_admin=True))
    assert allowed.plain_text() == "secret ok"


async def test_unexpected_errors_become_an_apology(app: App, caplog) -> None:  # type: ignore[no-untyped-def]
    reply = await _dispatcher(app).dispatch(Invocation(ANA, GROUP, command="broken"))
    assert reply.error and "Sorry, something went wrong" in reply.plain_text()
    assert "database on fire" not in reply.plain_text()
    assert "database on fire" in caplog.text
