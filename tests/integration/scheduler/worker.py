"""A scheduler process for the multi-process tests: ``python -m <this module> URL SINK``.

It runs the production runner (leader lock, catch-up, timers, dispatcher) over a database URL and
delivers to a :class:`FileNotifier` sink; it prints ``LEADING`` when it becomes the leader and
stops on SIGTERM. Options slow the dispatch down so a test can kill it mid-way.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from pathlib import Path

from adapters.clock import SystemClock
from adapters.db.engine import create_engine, make_sessionmaker
from adapters.db.uow import SqlUnitOfWork
from adapters.notify.file import FileNotifier
from bot.bootstrap import build_app
from bot.settings import Settings
from core.services.notifications import OutboxService
from scheduler.jobs import Jobs
from scheduler.leader import leader_lock
from scheduler.outbox import OutboxDispatcher
from scheduler.ratelimit import Limits, Pacer
from scheduler.runner import Runner, SchedulerConfig


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("sink", type=Path)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds per send")
    parser.add_argument("--rate", type=float, default=0.0, help="messages a second (0: no pace)")
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--in-flight", type=int, default=100)
    return parser.parse_args()


async def main() -> None:
    """Run until SIGTERM."""
    args = _arguments()
    engine = create_engine(args.url)
    sessions = make_sessionmaker(engine)
    app = build_app(lambda: SqlUnitOfWork(sessions), Settings(_env_file=None), SystemClock())  # type: ignore[call-arg]
    notifier = FileNotifier(args.sink, args.delay)
    # a smooth pace (a burst of rate/50): rows wait in flight instead of going out at once
    smooth = Limits(overall=(max(1.0, args.rate / 50), 1 / 50))
    pacers = {"console": Pacer(smooth)} if args.rate else {}
    dispatcher = OutboxDispatcher(
        OutboxService(app.uow, app.clock),
        {"console": notifier, "telegram": notifier, "discord": notifier},
        pacers,
        batch=args.batch,
        max_in_flight=args.in_flight,
        idle_poll=0.1,
    )
    config = SchedulerConfig(tick=0.5, resync=0.5, lock_retry=0.2)
    runner = Runner(Jobs(app, dispatcher.wake), leader_lock(engine), app.clock, dispatcher, config)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)

    async def announce() -> None:
        await runner.leading.wait()
        print("LEADING", flush=True)

    announcer = asyncio.create_task(announce())
    try:
        await runner.run(stop)
    finally:
        announcer.cancel()
        notifier.close()
        await engine.dispose()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
