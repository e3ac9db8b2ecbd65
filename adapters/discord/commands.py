"""Slash commands generated from the core registry: typed options, autocomplete, translations.

One source of truth: every ``CommandSpec`` becomes an ``app_commands.Command`` whose options are
the spec's params plus one visibility option of ours, so Discord, Telegram and the console never
drift apart.

Visibility in a server: a personal answer (lists, ratings, settings) is ephemeral unless
``share:true``; a command the registry marks ``group_visible`` (a club's card, a poll) answers the
whole channel, and has ``private:true`` instead of ``share``. A command visible for some arguments
only (``/trending club``) keeps ``share``, which then reads: unset, as the arguments say; true,
everyone; false, only you. Errors are always ephemeral; in DMs nothing needs to be.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import Choice, locale_str

from adapters.discord import inbound
from adapters.discord.render import clip
from adapters.discord.respond import answer, gettext_for
from core.app import App
from core.commands import CommandSpec, ParamKind
from core.i18n import N_, Translator

SHARE, PRIVATE = "share", "private"
SHARE_DESCRIPTION = N_("Show the answer to everyone in the channel")
PRIVATE_DESCRIPTION = N_("Show the answer only to you")
OPTION_DESCRIPTIONS = {SHARE: SHARE_DESCRIPTION, PRIVATE: PRIVATE_DESCRIPTION}
CHOICES_MAX, DESCRIPTION_MAX, OPTIONS_MAX = 25, 100, 25
# Option types Discord checks for us; every other kind is text the core parses.
OPTION_TYPES: Mapping[ParamKind, type] = {ParamKind.INT: int, ParamKind.RATING: int}

Run = Callable[[discord.Interaction[Any], CommandSpec, dict[str, Any]], Awaitable[None]]
Suggest = Callable[[discord.Interaction[Any], str], Coroutine[Any, Any, list[Choice[str]]]]


class RegistryTranslator(app_commands.Translator):
    """Command and option descriptions in every locale the core has a catalog for."""

    def __init__(self, translator: Translator) -> None:
        self._translator = translator

    async def translate(
        self,
        string: locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        """The translation, or ``None`` when there is none (Discord then shows the English)."""
        available = self._translator.available()
        code = locale.value.replace("-", "_")
        language = code.split("_", 1)[0]
        chosen = code if code in available else language if language in available else None
        if chosen is None:
            return None
        text = self._translator.gettext(chosen, string.message)
        return clip(text, DESCRIPTION_MAX) if text != string.message else None


def visibility_option(spec: CommandSpec) -> str:
    """Our own option of ``spec``: ``private`` where answers are public, else ``share``."""
    return PRIVATE if spec.group_visible else SHARE


def is_private(
    interaction: discord.Interaction[Any], spec: CommandSpec, values: dict[str, Any]
) -> bool:
    """Whether the answer is for the caller alone; takes our own option out of ``values``."""
    in_server = interaction.guild_id is not None
    if spec.group_visible:
        return in_server and bool(values.pop(PRIVATE, None))
    share = values.pop(SHARE, None)
    if share is None:  # not given: what the command and its arguments call for
        share = spec.visible_to_group(inbound.option_args(values))
    return in_server and not share


def _signature(spec: CommandSpec) -> inspect.Signature:
    # discord.py reads a command's options from its callback's signature; ours is generated
    keyword = inspect.Parameter.KEYWORD_ONLY
    if any(p.name in (SHARE, PRIVATE) for p in spec.params):
        raise ValueError(f"/{spec.name}: {SHARE!r} and {PRIVATE!r} are the Discord adapter's own")
    if len(spec.params) + 1 > OPTIONS_MAX:
        raise ValueError(f"/{spec.name}: Discord allows {OPTIONS_MAX} options, ours included")
    parameters = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        )
    ]
    for param in spec.params:
        kind = OPTION_TYPES.get(param.kind, str)
        if param.required:
            parameters.append(inspect.Parameter(param.name, keyword, annotation=kind))
        else:
            parameters.append(
                inspect.Parameter(param.name, keyword, annotation=kind | None, default=None)
            )
    # optional either way: unset (None) means "as the command says" (see is_private)
    option = visibility_option(spec)
    parameters.append(inspect.Parameter(option, keyword, annotation=bool | None, default=None))
    return inspect.Signature(parameters)


def build_command(
    spec: CommandSpec, run: Run, suggest: Mapping[ParamKind, Suggest]
) -> app_commands.Command[Any, ..., None]:
    """The slash command for ``spec``; ``run`` handles an invocation of it."""

    async def callback(interaction: discord.Interaction[Any], **values: Any) -> None:
        await run(interaction, spec, values)

    callback.__signature__ = _signature(spec)  # type: ignore[attr-defined]
    descriptions: dict[str, str | locale_str] = {
        p.name: locale_str(clip(p.description, DESCRIPTION_MAX)) for p in spec.params
    }
    option = visibility_option(spec)
    descriptions[option] = locale_str(OPTION_DESCRIPTIONS[option])
    app_commands.describe(**descriptions)(callback)
    choices = {
        p.name: [Choice(name=c, value=c) for c in p.choices[:CHOICES_MAX]]
        for p in spec.params
        if p.choices
    }
    if choices:
        app_commands.choices(**choices)(callback)
    completers = {
        p.name: suggest[p.kind] for p in spec.params if p.kind in suggest and not p.choices
    }
    if completers:
        app_commands.autocomplete(**completers)(callback)
    return app_commands.Command(
        name=spec.name, description=locale_str(spec.description), callback=callback
    )


class SlashCommands:
    """Runs slash commands against the core: translate, (defer if slow), dispatch, render."""

    def __init__(self, app: App, admin_role: str | None) -> None:
        self._app, self._admin_role = app, admin_role

    async def run(
        self, interaction: discord.Interaction[Any], spec: CommandSpec, values: dict[str, Any]
    ) -> None:
        """One slash command; in a server, the answer's audience follows :func:`is_private`."""
        private = is_private(interaction, spec, values)
        if spec.slow:  # never for a command that may open a modal: a modal must come first
            await interaction.response.defer(ephemeral=private, thinking=True)
        reply = await self._app.dispatch(
            inbound.invocation(
                interaction,
                self._admin_role,
                command=spec.name,
                args=inbound.option_args(values),
            )
        )
        await answer(
            interaction, reply, private=private, gettext=gettext_for(self._app, interaction)
        )

    async def titles(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[Choice[str]]:
        """Titles from the local catalog (fast enough for Discord's 3-second window)."""
        found = await self._app.catalog.suggest(current, CHOICES_MAX)
        return [Choice(name=clip(m.label, 100), value=clip(m.label, 100)) for m in found]

    async def command_names(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[Choice[str]]:
        """Command names starting with what was typed."""
        prefix = current.strip().lstrip("/").casefold()
        names = [s.name for s in self._app.registry if s.name.startswith(prefix)]
        return [Choice(name=f"/{n}", value=n) for n in names[:CHOICES_MAX]]

    def commands(self) -> list[app_commands.Command[Any, ..., None]]:
        """Every command of the registry, in registry order."""
        suggest: dict[ParamKind, Suggest] = {
            ParamKind.TITLE: self.titles,
            ParamKind.COMMAND: self.command_names,
        }
        return [build_command(spec, self.run, suggest) for spec in self._app.registry]


def build_tree(
    client: discord.Client, app: App, admin_role: str | None
) -> app_commands.CommandTree:
    """A command tree holding one slash command per registry entry."""
    tree: app_commands.CommandTree = app_commands.CommandTree(client)
    for command in SlashCommands(app, admin_role).commands():
        tree.add_command(command)
    return tree
