"""Settings from the environment (prefix ``WATCHBOT_``) and an optional ``.env`` file."""

from __future__ import annotations

from zoneinfo import available_timezones

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PREFIX = "WATCHBOT_"


class SettingsError(Exception):
    """A wrong or missing setting, explained in one line naming the variable."""


class Settings(BaseSettings):
    """Everything configurable; the six base URLs exist so tests can use fake servers."""

    model_config = SettingsConfigDict(env_prefix=PREFIX, env_file=".env", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./watchbot.db"
    redis_url: str | None = None
    redis_namespace: str = Field(default="watchbot:", min_length=1, max_length=64)
    telegram_token: str | None = None
    discord_token: str | None = None
    tmdb_api_key: str | None = None
    omdb_api_key: str | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_file_url: str = "https://api.telegram.org/file/bot"
    discord_api_base_url: str = "https://discord.com/api/v10"
    discord_gateway_url: str = "wss://gateway.discord.gg"
    tmdb_api_base_url: str = "https://api.themoviedb.org/3"
    omdb_api_base_url: str = "https://www.omdbapi.com/"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = None
    telegram_webhook_listen: str = "127.0.0.1:8443"
    discord_dev_guild: int | None = None
    discord_admin_role: str | None = None
    model_dir: str = "./var/models"
    ab_experiment: str = "diversity"
    ab_variants: str = "control=0.5,diverse=0.5"
    ab_enabled: bool = True
    default_locale: str = Field(default="en", min_length=2, max_length=10)
    default_timezone: str = "UTC"

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        for plain in ("postgres://", "postgresql://"):
            if value.startswith(plain):
                return "postgresql+asyncpg://" + value.removeprefix(plain)
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("use sqlite+aiosqlite:///path.db or postgresql+asyncpg://user@host/db")
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("use redis://host:port/db")
        return value or None

    @field_validator(
        "telegram_api_base_url",
        "telegram_api_file_url",
        "discord_api_base_url",
        "tmdb_api_base_url",
        "omdb_api_base_url",
    )
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("discord_gateway_url")
    @classmethod
    def _ws_url(cls, value: str) -> str:
        if not value.startswith(("ws://", "wss://")):
            raise ValueError("must start with ws:// or wss://")
        return value

    @field_validator("ab_variants")
    @classmethod
    def _variants(cls, value: str) -> str:
        parse_variants(value)
        return value

    @field_validator("default_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        if value not in available_timezones():
            raise ValueError(f"unknown time zone {value!r} (use a name like Europe/Paris)")
        return value

    @field_validator("default_locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        if not value.replace("_", "").replace("-", "").isalpha():
            raise ValueError(f"{value!r} is not a language code such as en or pt_BR")
        return value.replace("-", "_")


def parse_variants(raw: str) -> dict[str, float]:
    """``control=0.5,diverse=0.5`` -> weights; ValueError with an example when malformed."""
    variants: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in raw.split(","))):
        name, _, weight = part.partition("=")
        try:
            variants[name.strip()] = float(weight)
        except ValueError:
            raise ValueError("use name=weight pairs, e.g. control=0.5,diverse=0.5") from None
    if not variants or min(variants.values()) < 0 or sum(variants.values()) <= 0:
        raise ValueError(
            "use name=weight pairs with positive weights, e.g. control=0.5,diverse=0.5"
        )
    return variants


def load_settings(**overrides: object) -> Settings:
    """Read the settings; raise SettingsError with one line naming the first bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"{PREFIX}{field.upper()}: {message}") from None
