"""The review and the ledger a worker process reads from the data directory itself (a lazy
read-only view, as the bot does it) equal those built from the store the bot holds."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from bot.domain.clock import ManualClock
from bot.offload import ProcessOffload
from bot.render.rhythm.ledger import ledger_file
from bot.rhythm.review import monthly_review
from bot.rhythm.scoped import review_snapshot
from bot.services import Services
from bot.services.rhythm.digests import Export
from storage.durable import TinyDBStore
from storage.readonly import open_read_only
from tests.factories.history import county

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2024, 10, 17, 11, 0, tzinfo=TZ)  # a Thursday, after the prompt
ADMIN = 4242


def _cells(export: Export) -> list[list[list[object]]]:
    book = load_workbook(io.BytesIO(export.data))
    return [[[c.value for c in row] for row in sheet.iter_rows()] for sheet in book.worksheets]


@pytest.fixture
def held(tmp_path: Path) -> Iterator[TinyDBStore]:
    """A held store with 60 weeks of history (2023 and 2024), old months on disk."""
    store = TinyDBStore(tmp_path / "data")
    county(store, NOW, 60, tasks=4, people=8, answered=lambda m, w: (m + w) % 3 != 0,
           words=lambda week: f"第{week}周完成前期工作。", digests_sent=True)  # fmt: skip
    store.checkpoint()
    yield store
    store.close()


async def test_the_worker_reads_the_ledger_and_the_review_the_bot_would_build(
    held: TinyDBStore,
) -> None:
    """``/export`` (this year and last) and the month's review, read by the worker process
    through its own view of the directory, equal those built from the held store."""
    clock = ManualClock(NOW, TZ)
    here = Services.build(held, clock, frozenset({ADMIN}))
    offload = ProcessOffload()
    reader = partial(open_read_only, held.data_dir, lazy=True)
    worker = Services.build(held, clock, frozenset({ADMIN}), off_loop=offload, reader=reader)
    admin = here.auth.resolve(ADMIN)
    try:
        for year in (None, "2023"):
            direct = here.digests.export(admin, "t1", ledger_file, year)
            read = await worker.digests.export_off_loop(admin, "t1", ledger_file, year)
            assert (read.filename, read.tasks) == (direct.filename, direct.tasks)
            assert _cells(read) == _cells(direct)
            assert len(_cells(read)[0]) > 1
        text = await worker.digests.review_off_loop("t1")
    finally:
        offload.close()
    assert text.review == monthly_review(review_snapshot(held, "t1", NOW, False), NOW)
    assert text.at == NOW
