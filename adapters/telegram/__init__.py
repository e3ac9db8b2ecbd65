"""The Telegram adapter (python-telegram-bot 22): polling or webhook, HTML rendering."""

from adapters.telegram.app import build_application, run_telegram

__all__ = ["build_application", "run_telegram"]
