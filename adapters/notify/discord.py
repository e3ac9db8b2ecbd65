"""Discord notifier: messages through discord.py's REST client (no gateway connection).

A club's messages go to the channel it was used in (``thread_id``); a person's to a DM channel,
opened once per user. The outbox key becomes the message nonce with ``enforce_nonce``, so
Discord itself drops a repeat of the same row sent within a few minutes.
"""

from __future__ import annotations

import contextlib
import hashlib
from typing import Any

import discord
from discord.http import handle_message_parameters

from adapters.discord.endpoints import discord_endpoints
from adapters.discord.render import render
from core.domain.delivery import Destination
from core.ports_notify import DeliveryError
from core.views.reply import Reply

NO_MENTIONS = discord.AllowedMentions.none()


def nonce(key: str) -> str:
    """A 25-character nonce (Discord's limit) derived from the outbox key."""
    return hashlib.blake2s(key.encode(), digest_size=12).hexdigest()[:25]


class DiscordNotifier:
    """Notifier over a logged-in ``discord.Client`` (REST only)."""

    def __init__(self, token: str, api_base_url: str, gateway_url: str) -> None:
        self._token = token
        self._urls = (api_base_url, gateway_url)
        self._client = discord.Client(intents=discord.Intents.none())
        self._endpoints = contextlib.ExitStack()
        self._dms: dict[str, int] = {}

    async def start(self) -> None:
        """Log in (checks the token; opens no gateway)."""
        self._endpoints.enter_context(discord_endpoints(*self._urls))
        await self._client.login(self._token)

    async def close(self) -> None:
        """Close the HTTP session."""
        try:
            await self._client.close()
        finally:
            self._endpoints.close()

    async def _channel(self, destination: Destination) -> int:
        if destination.thread_id:
            return int(destination.thread_id)
        if destination.user_id is None:
            raise DeliveryError(f"no Discord channel for {destination}", permanent=True)
        if destination.user_id not in self._dms:
            channel: Any = await self._client.http.start_private_message(int(destination.user_id))
            self._dms[destination.user_id] = int(channel["id"])
        return self._dms[destination.user_id]

    async def send(self, destination: Destination, reply: Reply, key: str) -> None:
        """Post ``reply``; Forbidden/NotFound are permanent, server errors are retried."""
        message = render(reply)
        try:
            channel = await self._channel(destination)
            params = handle_message_parameters(
                content=message.content,
                embeds=message.embeds,
                view=message.view,
                files=message.files or discord.utils.MISSING,
                nonce=nonce(key),
                allowed_mentions=NO_MENTIONS,
            )
            with params:
                await self._client.http.send_message(channel, params=params)
        except (discord.Forbidden, discord.NotFound) as error:
            raise DeliveryError(error.text or str(error), permanent=True) from error
        except discord.HTTPException as error:
            permanent = 400 <= error.status < 500 and error.status != 429
            raise DeliveryError(error.text or str(error), permanent=permanent) from error
        except (OSError, TimeoutError) as error:
            raise DeliveryError(str(error), permanent=False) from error
