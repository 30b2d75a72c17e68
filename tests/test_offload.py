"""The worker process for heavy pure work: runs a function elsewhere, hands back its result."""

from __future__ import annotations

import os

from bot.offload import ProcessOffload
from bot.services.common.base import in_thread


async def test_work_runs_in_another_process_and_returns_its_result() -> None:
    """The function runs in a worker process (another pid); its result comes back; closing
    twice is harmless."""
    offload = ProcessOffload()
    try:
        pid = await offload(os.getpid)
        total = await offload(sum, (1, 2, 3))
    finally:
        offload.close()
        offload.close()
    assert pid != os.getpid()
    assert total == 6


async def test_without_a_worker_process_the_work_runs_in_a_thread_of_this_one() -> None:
    """The default for services built without the bot: same process, same result."""
    assert await in_thread(os.getpid) == os.getpid()
