"""The Discord adapter: slash commands, embeds, persistent buttons and modals over the core."""

from adapters.discord.client import WatchbotClient, build_client, run_discord
from adapters.discord.endpoints import discord_endpoints

__all__ = ["WatchbotClient", "build_client", "discord_endpoints", "run_discord"]
