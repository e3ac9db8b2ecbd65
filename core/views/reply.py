"""The adapter contract: a platform-neutral ``Invocation`` in, a ``Reply`` out.

No markup ever leaves the core: text is a sequence of semantic spans that each adapter renders
and escapes for its platform (HTML for Telegram, Markdown-escaped for Discord, plain for the
console).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

ACTION_MAX_BYTES = 64  # Telegram's callback_data cap; also inside Discord's 100 for custom_id


class Style(enum.StrEnum):
    """How a span of text is shown."""

    PLAIN = "plain"
    BOLD = "bold"
    ITALIC = "italic"
    SPOILER = "spoiler"
    LINK = "link"
    CODE = "code"


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one style (and a URL for links)."""

    text: str
    style: Style = Style.PLAIN
    url: str | None = None


Block = tuple[Span, ...]
"""One paragraph or line of spans; renderers put a line break between blocks."""


def plain(text: str) -> Span:
    """A plain span."""
    return Span(text)


def bold(text: str) -> Span:
    """A bold span."""
    return Span(text, Style.BOLD)


def italic(text: str) -> Span:
    """An italic span."""
    return Span(text, Style.ITALIC)


def spoiler(text: str) -> Span:
    """A span hidden until the reader reveals it."""
    return Span(text, Style.SPOILER)


def code(text: str) -> Span:
    """A monospace span."""
    return Span(text, Style.CODE)


@dataclass(frozen=True, slots=True)
class Button:
    """A button: a label and the compact action string the core routes when pressed."""

    label: str
    action: str

    def __post_init__(self) -> None:
        if not self.action.isascii() or len(self.action.encode()) > ACTION_MAX_BYTES:
            raise ValueError(f"action id must be ASCII and <= 64 bytes: {self.action!r}")


@dataclass(frozen=True, slots=True)
class MediaCard:
    """A title shown as a card: heading, facts, overview and poster."""

    media_id: int
    title: str
    subtitle: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    body: tuple[Block, ...] = ()
    poster_url: str | None = None


@dataclass(frozen=True, slots=True)
class PollOption:
    """One choice in a poll."""

    label: str
    action: str


@dataclass(frozen=True, slots=True)
class Poll:
    """A vote to show (natively where the platform allows, otherwise as buttons)."""

    question: str
    options: tuple[PollOption, ...]
    multiple: bool = False
    poll_id: str = ""


@dataclass(frozen=True, slots=True)
class Image:
    """A generated image (e.g. a chart) to send as a file."""

    data: bytes
    filename: str
    mime_type: str = "image/png"


@dataclass(frozen=True, slots=True)
class FormField:
    """One input of a form."""

    name: str
    label: str
    multiline: bool = False
    min_length: int = 0
    max_length: int = 4000
    required: bool = True
    value: str = ""


@dataclass(frozen=True, slots=True)
class Form:
    """Multi-line input: a modal on Discord; a conversation step on chat platforms."""

    title: str
    submit_action: str
    fields: tuple[FormField, ...]


@dataclass(frozen=True, slots=True)
class PageInfo:
    """Where a paginated reply stands; its prev/next buttons are among the reply's buttons."""

    number: int
    count: int


@dataclass(frozen=True, slots=True)
class Reply:
    """Everything an adapter needs to show one message."""

    blocks: tuple[Block, ...] = ()
    card: MediaCard | None = None
    buttons: tuple[tuple[Button, ...], ...] = ()
    poll: Poll | None = None
    image: Image | None = None
    form: Form | None = None
    page: PageInfo | None = None
    ephemeral: bool = False
    replace: bool = False
    error: bool = False
    toast: str | None = None

    def plain_text(self) -> str:
        """The reply flattened to plain text (for logs, tests and search of output)."""
        lines: list[str] = []
        if self.card is not None:
            lines.append(self.card.title)
            if self.card.subtitle:
                lines.append(self.card.subtitle)
            lines.extend(f"{name}: {value}" for name, value in self.card.fields)
            lines.extend("".join(s.text for s in block) for block in self.card.body)
        lines.extend("".join(s.text for s in block) for block in self.blocks)
        return "\n".join(lines)


class Platform(enum.StrEnum):
    """Where a person talks to us."""

    CONSOLE = "console"
    TELEGRAM = "telegram"
    DISCORD = "discord"


@dataclass(frozen=True, slots=True)
class UserRef:
    """Who acts: a platform identity."""

    platform: Platform
    external_id: str
    display_name: str = ""
    language_code: str | None = None
    username: str | None = None  # the platform handle (@ana), when it has one


@dataclass(frozen=True, slots=True)
class ChatRef:
    """Where: a private chat, a group chat or a server channel (with an optional thread/topic)."""

    platform: Platform
    chat_id: str
    is_group: bool = False
    title: str = ""
    thread_id: str | None = None


@dataclass(frozen=True, slots=True)
class Invocation:
    """A command, a button press or a plain message, as the core receives it."""

    actor: UserRef
    chat: ChatRef
    command: str | None = None
    action: str | None = None
    text: str = ""
    args: Mapping[str, str] = field(default_factory=dict)
    is_admin: bool = False
