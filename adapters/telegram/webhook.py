"""Webhook mode: where PTB's server listens and the secret Telegram must send with every update."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WebhookConfig:
    """The local listener, the path it serves, the public URL and the secret token."""

    host: str
    port: int
    path: str
    url: str
    secret: str


def webhook_config(settings: Settings) -> WebhookConfig:
    """Read the webhook settings; a missing secret is generated (setWebhook tells Telegram)."""
    url = settings.telegram_webhook_url
    if not url:
        raise ValueError("WATCHBOT_TELEGRAM_WEBHOOK_URL is not set")
    host, _, port = settings.telegram_webhook_listen.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError("WATCHBOT_TELEGRAM_WEBHOOK_LISTEN must be host:port, e.g. 0.0.0.0:8443")
    secret = settings.telegram_webhook_secret
    if not secret:
        # Telegram echoes this in X-Telegram-Bot-Api-Secret-Token; PTB answers 403 without it
        secret = secrets.token_urlsafe(32)
        log.info("no WATCHBOT_TELEGRAM_WEBHOOK_SECRET set: using a random one for this run")
    path = urlsplit(url).path.strip("/")
    return WebhookConfig(host.strip("[]"), int(port), path, url, secret)
