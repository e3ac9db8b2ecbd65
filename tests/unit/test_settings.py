"""Settings: defaults, conversions, and one clear line naming a bad variable."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.settings import SettingsError, load_settings


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # no stray .env
    for key in list(__import__("os").environ):
        if key.startswith("WATCHBOT_"):
            monkeypatch.delenv(key)


def test_defaults() -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite+aiosqlite:///./watchbot.db"
    assert settings.redis_url is None and settings.telegram_token is None
    assert settings.telegram_api_base_url == "https://api.telegram.org/bot"
    assert (settings.default_locale, settings.default_timezone) == ("en", "UTC")


def test_plain_postgres_urls_use_asyncpg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATCHBOT_DATABASE_URL", "postgres://postgres@127.0.0.1/test")
    assert load_settings().database_url == "postgresql+asyncpg://postgres@127.0.0.1/test"


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("WATCHBOT_DEFAULT_TIMEZONE", "Mars/Olympus", "unknown time zone"),
        ("WATCHBOT_DATABASE_URL", "mysql://root@localhost/x", "sqlite+aiosqlite"),
        ("WATCHBOT_REDIS_URL", "localhost:6379", "redis://"),
        ("WATCHBOT_TELEGRAM_API_BASE_URL", "127.0.0.1:8081/bot", "http://"),
        ("WATCHBOT_DISCORD_GATEWAY_URL", "http://127.0.0.1:9/gw", "ws://"),
        ("WATCHBOT_DEFAULT_LOCALE", "e1", "language code"),
    ],
)
def test_a_bad_value_fails_with_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    value: str,
    says: str,
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert str(error.value).startswith(f"{variable}: ") and says in str(error.value)
    assert main(["migrate"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and variable in err
