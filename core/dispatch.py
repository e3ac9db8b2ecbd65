"""Invocation -> handler -> Reply; domain errors become friendly, translated replies."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from core.commands import Registry, parse_text
from core.domain.accounts import Account, Profile
from core.domain.errors import DomainError, NotAllowed
from core.i18n import N_, Translator, resolve_locale
from core.ports import PendingInput
from core.views.actions import parse_action
from core.views.reply import Block, Button, Invocation, Reply, Span, Style

if TYPE_CHECKING:
    from core.app import App

log = logging.getLogger(__name__)
PENDING_TTL = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Ctx:
    """Everything a handler needs: who, where, in which language, and the services."""

    inv: Invocation
    account: Account
    locale: str
    app: App

    @property
    def profile(self) -> Profile:
        """The active profile."""
        return self.account.profile

    def _(self, message: str, **params: object) -> str:
        """Translate ``message`` into the reader's language and fill in ``params``."""
        translated = self.app.translator.gettext(self.locale, message)
        return translated.format(**params) if params else translated

    def n_(self, singular: str, plural: str, count: int, **params: object) -> str:
        """Translate with a plural form chosen by ``count``."""
        translated = self.app.translator.ngettext(self.locale, singular, plural, count)
        return translated.format(count=count, **params)

    async def ask(self, flow: str, data: dict[str, Any]) -> None:
        """Wait for this user's next message in this chat (a multi-step flow)."""
        expires = self.app.clock.now() + PENDING_TTL
        async with self.app.uow() as uow:
            await uow.activity.set_pending(
                self.inv.actor, self.inv.chat, PendingInput(flow, data, expires)
            )
            await uow.commit()

    async def cancel_pending(self) -> bool:
        """Cancel the flow this user has open in this chat."""
        async with self.app.uow() as uow:
            cancelled = await uow.activity.clear_pending(self.inv.actor, self.inv.chat)
            await uow.commit()
            return cancelled


class Dispatcher:
    """Routes an invocation to its command, button action or pending flow."""

    def __init__(self, app: App, registry: Registry) -> None:
        self._app, self._registry = app, registry

    async def dispatch(self, inv: Invocation) -> Reply:
        """Handle one invocation; never raises for user mistakes."""
        try:
            ctx = await self._context(inv)
        except Exception:
            log.exception("could not load the account for %s", inv.actor)
            return _apology(self._app.default_locale, self._app.translator)
        try:
            return await self._route(ctx)
        except DomainError as error:
            return error_reply(ctx, error)
        except Exception:
            log.exception("unhandled error for %r", inv)
            return _apology(ctx.locale, self._app.translator)

    async def _context(self, inv: Invocation) -> Ctx:
        account = await self._app.accounts.ensure(inv.actor)
        group = await self._app.accounts.group(inv.chat) if inv.chat.is_group else None
        locale = resolve_locale(
            (group.locale if group else None) or account.profile.locale,
            inv.actor.language_code,
            self._app.default_locale,
            self._app.translator.available(),
        )
        return Ctx(inv, account, locale, self._app)

    async def _route(self, ctx: Ctx) -> Reply:
        inv = ctx.inv
        if inv.command is not None:
            return await self._command(ctx, inv.command, inv.args, inv.text)
        if inv.action is not None:
            return await self._action(ctx, inv.action)
        return await self._message(ctx)

    async def _command(self, ctx: Ctx, name: str, args: Mapping[str, str], text: str) -> Reply:
        spec = self._registry.get(name.casefold())
        if spec is None:
            return Reply(
                blocks=(
                    (Span(ctx._(N_("I don't know the command /{name}. Try /help."), name=name)),),
                ),
                error=True,
                ephemeral=True,
            )
        if spec.admin_only and not ctx.inv.is_admin:
            raise NotAllowed(N_("Only admins can use /{command} here."), command=spec.name)
        parsed = dict(args) if args else parse_text(spec, text)
        return await spec.handler(ctx, parsed)

    async def _action(self, ctx: Ctx, raw: str) -> Reply:
        action = parse_action(raw)
        handler = self._registry.action_handler(action.area, action.verb) if action else None
        if action is None or handler is None:
            return stale(ctx)
        try:
            return await handler(ctx, action)
        except (ValueError, IndexError):
            return stale(ctx)

    async def _message(self, ctx: Ctx) -> Reply:
        async with self._app.uow() as uow:
            pending = await uow.activity.pending(ctx.inv.actor, ctx.inv.chat, self._app.clock.now())
        if pending is not None:
            flow = self._registry.action_handler("pi", pending.flow)
            if flow is not None:
                return await flow(ctx, parse_action(f"pi:{pending.flow}") or _never())
        if ctx.inv.chat.is_group:
            return Reply()  # groups: ignore chatter that is not for us
        return Reply(
            blocks=((Span(ctx._(N_("Send a command such as /search Alien, or /help."))),),)
        )


def error_reply(ctx: Ctx, error: DomainError) -> Reply:
    """A friendly, translated message for a broken rule."""
    message = ctx._(error.message, **error.params)
    return Reply(
        blocks=((Span("⚠️ "), Span(message)),), error=True, ephemeral=True, toast=message[:190]
    )


def stale(ctx: Ctx) -> Reply:
    """The answer to a button we no longer understand (old, foreign or forged)."""
    message = ctx._(N_("That button has expired. Please run the command again."))
    return Reply(blocks=((Span(message),),), error=True, ephemeral=True, toast=message)


def _apology(locale: str, translator: Translator) -> Reply:
    message = translator.gettext(
        locale, N_("Sorry, something went wrong on my side. Please try again.")
    )
    return Reply(blocks=((Span(message, Style.PLAIN),),), error=True, ephemeral=True, toast=message)


def _never() -> Any:
    raise AssertionError("unreachable")


def text_reply(*blocks: Block, buttons: tuple[tuple[Button, ...], ...] = (), **flags: Any) -> Reply:
    """Shorthand for a reply made of blocks and buttons."""
    return Reply(blocks=blocks, buttons=buttons, **flags)
