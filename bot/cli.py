"""The ``watchbot`` command line: run, console, migrate, demo."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from adapters.console.repl import QUIT, ConsoleSession
from adapters.db import migrate
from adapters.db.engine import make_sessionmaker
from adapters.movielens.importer import default_directory, import_movielens
from adapters.recommend.abreport import variant_stats
from adapters.recommend.events import load_training_data
from adapters.recommend.training import train
from adapters.trending import RedisTrendingStore, TrendingUnavailable
from bot.bootstrap import Runtime, bootstrap
from bot.demo.loader import load_demo_catalog
from bot.settings import Settings, SettingsError, load_settings
from recommender.ab import format_report
from scheduler.service import run_with_settings

log = logging.getLogger("watchbot")
HISTORY = Path.home() / ".watchbot_history"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="watchbot", description="Movie and TV watchlists in chat."
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="start Telegram/Discord when their tokens are set, else the console")
    console = sub.add_parser("console", help="chat with Watchbot in the terminal")
    console.add_argument(
        "-c",
        dest="commands",
        action="append",
        metavar="LINE",
        help="run this line and exit (repeatable)",
    )
    console.add_argument("--as", dest="user", default="you", help="who is typing (default: you)")
    console.add_argument(
        "--group", default=None, help="talk in this group chat instead of privately"
    )
    console.add_argument("--admin", action="store_true", help="act as an admin of the --group")
    sub.add_parser("migrate", help="upgrade the database schema to the latest version")
    sub.add_parser("demo", help="load the demo catalog (idempotent)")
    sub.add_parser("train", help="train recommendations; promote the model if not worse")
    ab = sub.add_parser("ab", help="A/B tests of recommendations")
    ab.add_argument("action", choices=["report"], help="report: CTR per variant with 95%% CI")
    ab.add_argument("--experiment", default=None, help="default: WATCHBOT_AB_EXPERIMENT")
    trending = sub.add_parser("trending", help="trending titles (Redis sorted sets)")
    trending.add_argument(
        "action", choices=["rebuild"], help="rebuild: replay every activity event into Redis"
    )
    importer = sub.add_parser("import", help="import a dataset")
    importer.add_argument("source", choices=["movielens"], help="the dataset format")
    importer.add_argument(
        "directory",
        nargs="?",
        type=Path,
        default=None,
        help="where the RecBole ml-100k files are (default ../shared/datasets/ml-100k)",
    )
    importer.add_argument(
        "--ratings", action="store_true", help="also import its users and ratings as demo profiles"
    )
    return parser


async def prepare(runtime: Runtime, settings: Settings) -> None:
    """Migrate, and load the demo catalog into an empty database."""
    await migrate.upgrade(runtime.engine)
    if await runtime.app.catalog.count() == 0:
        loaded = await load_demo_catalog(runtime.app)
        log.info("loaded %d demo titles", loaded)
    await runtime.app.catalog.ensure_index()  # the first search should not pay for the build


async def console(
    settings: Settings,
    user: str,
    group: str | None,
    commands: Sequence[str] | None,
    admin: bool = False,
) -> int:
    """The console chat: one-shot lines, a pipe, or an interactive prompt with history."""
    runtime = bootstrap(settings)
    try:
        await prepare(runtime, settings)
        session = ConsoleSession(runtime.app, user=user, group=group, admin=admin)
        if commands:
            for line in commands:
                print(await session.handle(line))
            return 0
        interactive = sys.stdin.isatty()
        if interactive:
            _enable_history()
            print(await session.handle("/start"))
        while True:
            try:
                line = await asyncio.to_thread(input, "> " if interactive else "")
            except EOFError:
                break
            if line.strip().casefold() in QUIT:
                break
            answer = await session.handle(line)
            if answer:
                print(answer + ("\n" if interactive else ""))
        return 0
    finally:
        if sys.stdin.isatty():
            _save_history()
        await runtime.close()


def _enable_history() -> None:
    try:
        import readline

        if HISTORY.exists():
            readline.read_history_file(HISTORY)
    except (ImportError, OSError):
        pass


def _save_history() -> None:
    try:
        import readline

        readline.write_history_file(HISTORY)
    except (ImportError, OSError):
        pass


async def _migrate(settings: Settings) -> int:
    runtime = bootstrap(settings)
    try:
        await migrate.upgrade(runtime.engine)
        print("database is at the latest schema")
        return 0
    finally:
        await runtime.close()


async def _demo(settings: Settings) -> int:
    runtime = bootstrap(settings)
    try:
        await migrate.upgrade(runtime.engine)
        print(f"loaded {await load_demo_catalog(runtime.app)} demo titles")
        return 0
    finally:
        await runtime.close()


async def _import(settings: Settings, directory: Path | None, ratings: bool) -> int:
    folder = directory or default_directory()
    if not (folder / "ml-100k.item").exists():
        print(f"watchbot: no ml-100k.item in {folder}", file=sys.stderr)
        return 2
    runtime = bootstrap(settings)
    try:
        await migrate.upgrade(runtime.engine)
        report = await import_movielens(
            runtime.app, make_sessionmaker(runtime.engine), folder, ratings=ratings
        )
        print(f"imported {report.titles} titles", end="")
        if report.skipped_ratings:
            print("; users and ratings were imported before, so they were left as they are")
        elif ratings:
            print(f", {report.users} users and {report.ratings} ratings")
        else:
            print()
        return 0
    finally:
        await runtime.close()


async def _train(settings: Settings) -> int:
    runtime = bootstrap(settings)
    try:
        await migrate.upgrade(runtime.engine)
        data = await load_training_data(make_sessionmaker(runtime.engine))
        try:
            report = await asyncio.to_thread(train, data, Path(settings.model_dir))
        except ValueError as error:
            print(f"watchbot: {error}", file=sys.stderr)
            return 2
        state = "promoted" if report.promoted else "kept the current model (the new one is worse)"
        print(f"trained {report.version}: {report.counts}, {report.metrics}; {state}")
        return 0
    finally:
        await runtime.close()


async def _ab_report(settings: Settings, experiment: str | None) -> int:
    runtime = bootstrap(settings)
    try:
        await migrate.upgrade(runtime.engine)
        name = experiment or settings.ab_experiment
        stats = await variant_stats(make_sessionmaker(runtime.engine), name)
        print(format_report(name, stats) if stats else f"no impressions for {name} yet")
        return 0
    finally:
        await runtime.close()


async def _trending_rebuild(settings: Settings) -> int:
    if not settings.redis_url:
        print("watchbot: trending lives in SQL without WATCHBOT_REDIS_URL: nothing to rebuild")
        return 0
    runtime = bootstrap(settings)
    store = RedisTrendingStore(
        settings.redis_url,
        make_sessionmaker(runtime.engine),
        f"{settings.redis_namespace}trending:",
    )
    try:
        await migrate.upgrade(runtime.engine)
        print(f"trending rebuilt from {await store.rebuild()} activity events")
        return 0
    except TrendingUnavailable as error:
        print(f"watchbot: Redis is unavailable: {error}", file=sys.stderr)
        return 1
    finally:
        await store.close()
        await runtime.close()


async def run(settings: Settings) -> int:
    """Start the chat platforms whose tokens are set (until Ctrl-C); otherwise the console."""
    if not (settings.telegram_token or settings.discord_token):
        return await console(settings, "you", None, None)
    runtime = bootstrap(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    try:
        await prepare(runtime, settings)
        scheduler = run_with_settings(
            runtime.app, runtime.engine, settings, stop, retrain=_retrainer(runtime, settings)
        )
        await asyncio.gather(scheduler, *_platforms(runtime, settings, stop))
        return 0
    finally:
        await runtime.close()


def _retrainer(runtime: Runtime, settings: Settings) -> Callable[[], Awaitable[None]]:
    """The nightly retraining job: fit, evaluate, promote when not worse (serving hot-swaps)."""

    async def retrain() -> None:
        data = await load_training_data(make_sessionmaker(runtime.engine))
        if data.events:
            report = await asyncio.to_thread(train, data, Path(settings.model_dir))
            log.warning("retrained %s (promoted: %s)", report.version, report.promoted)

    return retrain


def _platforms(runtime: Runtime, settings: Settings, stop: asyncio.Event) -> list[Awaitable[None]]:
    tasks: list[Awaitable[None]] = []
    if settings.telegram_token:
        from adapters.telegram import run_telegram

        log.warning("starting Telegram (%s)", settings.telegram_api_base_url)
        tasks.append(run_telegram(runtime.app, settings, stop))
    if settings.discord_token:
        from adapters.discord import run_discord

        log.warning("starting Discord (%s)", settings.discord_api_base_url)
        tasks.append(run_discord(runtime.app, settings, stop))
    return tasks


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``watchbot`` script."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"watchbot: {error}", file=sys.stderr)
        return 2
    command = args.command or "run"
    if command == "console":
        return asyncio.run(console(settings, args.user, args.group, args.commands, args.admin))
    if command == "migrate":
        return asyncio.run(_migrate(settings))
    if command == "demo":
        return asyncio.run(_demo(settings))
    if command == "ab":
        return asyncio.run(_ab_report(settings, args.experiment))
    if command == "train":
        return asyncio.run(_train(settings))
    if command == "trending":
        return asyncio.run(_trending_rebuild(settings))
    if command == "import":
        return asyncio.run(_import(settings, args.directory, args.ratings))
    return asyncio.run(run(settings))


if __name__ == "__main__":
    raise SystemExit(main())
