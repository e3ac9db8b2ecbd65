"""Fresh, committed databases (not the rolled-back test transaction) and worker processes."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from adapters.db import migrate
from adapters.db.engine import create_engine
from tests.support.databases import create_pg_database, drop_pg_database, sqlite_url, unavailable

ROOT = Path(__file__).resolve().parents[3]


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await migrate.upgrade(engine)
    finally:
        await engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A brand-new migrated database that processes share (dropped afterwards)."""
    if request.param == "sqlite":
        url = sqlite_url(tmp_path)
        asyncio.run(_migrate(url))
        yield url
        return
    try:
        url = create_pg_database("watchbot_sched")
    except Exception as error:
        unavailable("PostgreSQL at 127.0.0.1:5432", error)
        raise
    try:
        asyncio.run(_migrate(url))
        yield url
    finally:
        drop_pg_database(url)


class Worker:
    """One ``tests.integration.scheduler.worker`` process."""

    def __init__(self, url: str, sink: Path, *options: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.scheduler.worker", url, str(sink), *options],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        os.set_blocking(self.process.stdout.fileno(), False)  # type: ignore[union-attr]
        self.output = ""

    def alive(self) -> bool:
        """Still running (raises with its stderr when it died)."""
        if self.process.poll() is not None:
            raise AssertionError(f"worker exited {self.process.returncode}:\n{self.stop()}")
        return True

    def leading(self) -> bool:
        """Whether it printed LEADING."""
        with contextlib.suppress(TypeError):
            self.output += self.process.stdout.read() or ""  # type: ignore[union-attr]
        return "LEADING" in self.output

    def kill(self) -> None:
        """SIGKILL: no cleanup at all."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> str:
        """SIGTERM, wait, close the pipes and return stderr (once; later calls return "")."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        errors = ""
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None and not pipe.closed:
                with contextlib.suppress(TypeError, ValueError):
                    errors = pipe.read() or ""
                pipe.close()
        return errors


def wait_until(check: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll ``check`` every 20 ms for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds} s waiting for {what}")
        time.sleep(0.02)


@pytest.fixture
def workers() -> Iterator[Callable[..., Worker]]:
    """Start workers; every one still running is stopped at the end."""
    started: list[Worker] = []

    def start(url: str, sink: Path, *options: str) -> Worker:
        worker = Worker(url, sink, *options)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
