"""The one command registry: names, descriptions, typed parameters and handlers.

Console help, Telegram's command menu and Discord's slash commands are all generated from it,
and text arguments ("Dune to Favorites") are parsed here for every text platform alike.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.domain.errors import InvalidInput
from core.i18n import N_

if TYPE_CHECKING:
    from core.dispatch import Ctx
    from core.views.actions import Action
    from core.views.reply import Reply

COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")  # valid on Telegram and Discord alike


class ParamKind(enum.StrEnum):
    """What a parameter holds (adapters map this to typed options, e.g. autocomplete)."""

    TITLE = "title"
    TEXT = "text"
    LIST = "list"
    INT = "int"
    RATING = "rating"
    DATE = "date"
    EPISODE = "episode"
    FORMAT = "format"
    COMMAND = "command"


@dataclass(frozen=True, slots=True)
class Param:
    """One typed parameter.

    Text platforms take the first parameter as the rest of the line; the others are peeled off
    the end: by ``keyword`` ("to Favorites", "| description") or by ``pattern`` (a last word such
    as a rating or a date).
    """

    name: str
    kind: ParamKind
    description: str
    required: bool = True
    keyword: str | None = None
    pattern: str | None = None
    choices: tuple[str, ...] = ()


Handler = Callable[["Ctx", Mapping[str, str]], Awaitable["Reply"]]
ActionHandler = Callable[["Ctx", "Action"], Awaitable["Reply"]]
# Whether, given a command's parsed arguments, its answer in a group is for everyone.
Visibility = Callable[[Mapping[str, str]], bool]


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A command as every platform exposes it.

    ``group_visible`` says that in a group chat the answer is for everyone (a club's card, a
    poll), ``group_visible_when`` that it is for some arguments only (``/trending club``).
    Otherwise answers are personal, and platforms that can (Discord) show them to the caller
    alone. Errors are always for the caller alone.
    """

    name: str
    description: str
    usage: str
    params: tuple[Param, ...]
    handler: Handler
    admin_only: bool = False
    slow: bool = False
    group_visible: bool = False
    group_visible_when: Visibility | None = None

    def __post_init__(self) -> None:
        if not COMMAND_NAME.match(self.name):
            raise ValueError(f"invalid command name {self.name!r}")
        if len(self.description) > 100:
            raise ValueError(f"description of /{self.name} exceeds Discord's 100 characters")

    def visible_to_group(self, args: Mapping[str, str]) -> bool:
        """Whether, in a group chat, the answer to ``args`` is for everyone in it."""
        if self.group_visible:
            return True
        return self.group_visible_when is not None and self.group_visible_when(args)


class Registry:
    """Commands and button actions, registered once and read by every adapter."""

    def __init__(self) -> None:
        self._commands: dict[str, CommandSpec] = {}
        self._actions: dict[tuple[str, str], ActionHandler] = {}
        self._group_actions: set[tuple[str, str]] = set()

    def command(
        self,
        name: str,
        description: str,
        usage: str,
        *params: Param,
        admin_only: bool = False,
        slow: bool = False,
        group_visible: bool = False,
        group_visible_when: Visibility | None = None,
    ) -> Callable[[Handler], Handler]:
        """Decorator registering a command handler (see :class:`CommandSpec` for the flags)."""

        def register(handler: Handler) -> Handler:
            if name in self._commands:
                raise ValueError(f"/{name} registered twice")
            self._commands[name] = CommandSpec(
                name,
                description,
                usage,
                params,
                handler,
                admin_only,
                slow,
                group_visible,
                group_visible_when,
            )
            return handler

        return register

    def action(
        self, area: str, verb: str, *, group_visible: bool = False
    ) -> Callable[[ActionHandler], ActionHandler]:
        """Decorator registering a button action handler for ``area:verb``.

        ``group_visible``: a new message the button answers with, pressed on a message everyone
        in a group sees, is for everyone too (the club card's Watchlist button); otherwise it is
        about the presser and for them alone. Edits in place keep the message's audience.
        """

        def register(handler: ActionHandler) -> ActionHandler:
            self._actions[(area, verb)] = handler
            if group_visible:
                self._group_actions.add((area, verb))
            else:
                self._group_actions.discard((area, verb))
            return handler

        return register

    def __iter__(self) -> Iterator[CommandSpec]:
        return iter(self._commands.values())

    def get(self, name: str) -> CommandSpec | None:
        """A command by name."""
        return self._commands.get(name)

    def action_handler(self, area: str, verb: str) -> ActionHandler | None:
        """The handler of a button action."""
        return self._actions.get((area, verb))

    def action_visible_to_group(self, area: str, verb: str) -> bool:
        """Whether the button action was registered ``group_visible``."""
        return (area, verb) in self._group_actions


def parse_text(spec: CommandSpec, text: str) -> dict[str, str]:
    """Split a command's text into its parameters (see :class:`Param`)."""
    remaining = " ".join(text.split()) if "\n" not in text else text.strip()
    args: dict[str, str] = {}
    rest, *tail = spec.params or (None,)
    for param in reversed(tail):
        if param is None:
            continue
        remaining, value = _peel(param, remaining)
        if value:
            args[param.name] = value
        elif param.required:
            raise missing(spec, param)
    if rest is not None:
        if remaining:
            args[rest.name] = remaining
        elif rest.required:
            raise missing(spec, rest)
    elif remaining:
        raise InvalidInput(N_("/{command} takes no arguments."), command=spec.name)
    return args


def _peel(param: Param, text: str) -> tuple[str, str]:
    if param.keyword is not None:
        separator = param.keyword if not param.keyword.isalpha() else f" {param.keyword} "
        index = text.casefold().rfind(separator.casefold())
        if index < 0:
            if "\n" in text and not param.keyword.isalpha():
                head, _, tail = text.partition("\n")
                return head.strip(), tail.strip()
            return text, ""
        return text[:index].strip(), text[index + len(separator) :].strip()
    if param.pattern is not None:
        head, _, last = text.rpartition(" ")
        if head and re.fullmatch(param.pattern, last, re.IGNORECASE):
            return head.strip(), last
        return text, ""
    return "", text


def missing(spec: CommandSpec, param: Param) -> InvalidInput:
    """The error for a missing required parameter, with the command's usage."""
    return InvalidInput(N_("Missing {param}. Usage: {usage}"), param=param.name, usage=spec.usage)
