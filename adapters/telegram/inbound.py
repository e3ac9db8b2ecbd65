"""Update -> Invocation: who, where (chat, forum topic), what (command, button, text), admin."""

from __future__ import annotations

import logging
import time

from telegram import Bot, CallbackQuery, Chat, MaybeInaccessibleMessage, Message, User
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from core.views.reply import ChatRef, Invocation, Platform, UserRef

log = logging.getLogger(__name__)
GROUP_TYPES = {ChatType.GROUP, ChatType.SUPERGROUP}
ADMIN_STATUSES = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR}


def user_ref(user: User) -> UserRef:
    """A Telegram user as the core's identity (its language code included)."""
    return UserRef(
        Platform.TELEGRAM, str(user.id), user.full_name, user.language_code, user.username
    )


def thread_id(message: MaybeInaccessibleMessage | None) -> int | None:
    """The forum topic a message belongs to (replies must go to the same topic)."""
    if isinstance(message, Message) and message.is_topic_message:
        return message.message_thread_id
    return None


def chat_ref(chat: Chat, thread: int | None = None) -> ChatRef:
    """A private chat, or a group with its title and forum topic."""
    return ChatRef(
        Platform.TELEGRAM,
        str(chat.id),
        is_group=chat.type in GROUP_TYPES,
        title=chat.title or "",
        thread_id=str(thread) if thread is not None else None,
    )


def split_command(text: str) -> tuple[str, str]:
    """``/rate@watchbot Alien 8`` -> ``("rate", "Alien 8")``; line breaks in the rest are kept."""
    head, *rest = text.split(None, 1)
    return head.lstrip("/").split("@", 1)[0].casefold(), rest[0] if rest else ""


class AdminCache:
    """Who administers which group, from getChatMember, remembered briefly."""

    def __init__(self, ttl: float) -> None:
        self._ttl = ttl
        self._known: dict[tuple[int, int], tuple[float, bool]] = {}

    async def is_admin(self, bot: Bot, chat: Chat, user: User, message: Message | None) -> bool:
        """Private chats: always; groups: creator/administrator (or the anonymous group admin)."""
        if chat.type not in GROUP_TYPES:
            return True
        if message is not None and message.sender_chat and message.sender_chat.id == chat.id:
            return True  # an admin posting anonymously as the group
        key, now = (chat.id, user.id), time.monotonic()
        cached = self._known.get(key)
        if cached is not None and cached[0] > now:
            return cached[1]
        try:
            member = await bot.get_chat_member(chat.id, user.id)
        except TelegramError as error:
            log.warning("getChatMember failed for %s in %s: %s", user.id, chat.id, error)
            return False
        admin = member.status in ADMIN_STATUSES
        if len(self._known) > 4096:
            self._known.clear()
        self._known[key] = (now + self._ttl, admin)
        return admin


async def from_message(message: Message, admins: AdminCache) -> Invocation:
    """A command (``/name rest``) or, otherwise, plain text for the core's pending flow."""
    user, chat, text = message.from_user, message.chat, message.text or ""
    assert user is not None
    actor, where = user_ref(user), chat_ref(chat, thread_id(message))
    is_admin = await admins.is_admin(message.get_bot(), chat, user, message)
    if text.startswith("/"):
        name, rest = split_command(text)
        return Invocation(actor, where, command=name, text=rest, is_admin=is_admin)
    return Invocation(actor, where, text=text, is_admin=is_admin)


async def from_button(query: CallbackQuery, admins: AdminCache) -> Invocation:
    """A button press; on a message sent via inline mode the chat is the presser's private chat."""
    user, message = query.from_user, query.message
    chat = message.chat if message is not None else Chat(user.id, ChatType.PRIVATE)
    is_admin = await admins.is_admin(query.get_bot(), chat, user, None)
    return Invocation(
        user_ref(user),
        chat_ref(chat, thread_id(message)),
        action=query.data or "",
        is_admin=is_admin,
    )
