"""The console chat: lines in, rendered replies out. Also the errbot-style test backend."""

from __future__ import annotations

from dataclasses import dataclass, field

from adapters.console.render import render
from core.app import App
from core.views.reply import Button, ChatRef, Invocation, Platform, Reply, UserRef

QUIT = {"quit", "exit", "/quit", "/exit"}


@dataclass
class ConsoleSession:
    """One person (``--as``) in a private chat or a group (``--group``)."""

    app: App
    user: str = "you"
    group: str | None = None
    admin: bool = False
    buttons: list[Button] = field(default_factory=list)

    @property
    def actor(self) -> UserRef:
        """The console user as a platform identity."""
        return UserRef(Platform.CONSOLE, self.user, display_name=self.user, username=self.user)

    @property
    def chat(self) -> ChatRef:
        """The private chat, or the named group."""
        if self.group:
            return ChatRef(Platform.CONSOLE, f"group:{self.group}", is_group=True, title=self.group)
        return ChatRef(Platform.CONSOLE, f"dm:{self.user}")

    @property
    def is_admin(self) -> bool:
        """Everyone administers their private chat; in groups only when ``--admin`` is given."""
        return self.admin or not self.group

    def to_invocation(self, line: str) -> Invocation | None:
        """Parse one typed line; ``None`` for an empty line or an unknown button number."""
        text = line.strip()
        if not text:
            return None
        if text.startswith("/"):
            name, _, rest = text[1:].partition(" ")
            name = name.split("@", 1)[0]
            return Invocation(
                self.actor, self.chat, command=name, text=rest.strip(), is_admin=self.is_admin
            )
        if text.isdigit() and self.buttons:
            index = int(text) - 1
            if 0 <= index < len(self.buttons):
                return Invocation(
                    self.actor,
                    self.chat,
                    action=self.buttons[index].action,
                    is_admin=self.is_admin,
                )
        return Invocation(self.actor, self.chat, text=text, is_admin=self.is_admin)

    async def handle(self, line: str) -> str:
        """Run one line and return what the bot answers (empty when nothing)."""
        invocation = self.to_invocation(line)
        if invocation is None:
            if line.strip().isdigit():
                return "There is no button with that number."
            return ""
        reply = await self.app.dispatch(invocation)
        return self.show(reply)

    def show(self, reply: Reply) -> str:
        """Render a reply and remember its buttons for number presses."""
        text, buttons = render(reply)
        if buttons:
            self.buttons = buttons
        if reply.toast and not text:
            return reply.toast
        return text
