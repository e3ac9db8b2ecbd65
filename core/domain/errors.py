"""Typed domain errors: every rule violation the user can cause, with a translatable message."""

from __future__ import annotations

from collections.abc import Mapping


class DomainError(Exception):
    """A broken business rule. Adapters turn it into a friendly, translated message.

    ``message`` is an English gettext msgid with ``{name}`` placeholders; ``params`` fill them in
    after translation. Nothing was changed when a DomainError is raised.
    """

    message: str = "That did not work."

    def __init__(self, message: str | None = None, **params: object) -> None:
        self.message = message or type(self).message
        self.params: Mapping[str, object] = params
        super().__init__(self.message.format(**params) if params else self.message)


class NotFound(DomainError):
    """Something the user named does not exist."""

    message = "I could not find that."


class InvalidInput(DomainError):
    """An argument is malformed or out of range."""

    message = "That input is not valid."


class Conflict(DomainError):
    """The request clashes with existing state (a duplicate, a protected item)."""

    message = "That clashes with something that already exists."


class NotAllowed(DomainError):
    """The actor may not do this here."""

    message = "You are not allowed to do that."
