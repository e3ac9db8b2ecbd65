"""File notifier: appends ``<key>\\t<platform>\\t<chat>`` per message to a file.

An append-only record that survives the process (crash tests count what was delivered, even
by a process killed with SIGKILL); ``delay`` simulates a platform's latency.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from core.domain.delivery import Destination
from core.views.reply import Reply


class FileNotifier:
    """Writes one line per delivered message with a single ``write`` on an O_APPEND file."""

    def __init__(self, path: Path, delay: float = 0.0) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._delay = delay

    async def send(self, destination: Destination, reply: Reply, key: str) -> None:
        """Record the message (after the simulated latency)."""
        if self._delay:
            await asyncio.sleep(self._delay)
        chat = destination.chat_id or destination.user_id
        os.write(self._fd, f"{key}\t{destination.platform}\t{chat}\n".encode())

    def close(self) -> None:
        """Close the file."""
        os.close(self._fd)
