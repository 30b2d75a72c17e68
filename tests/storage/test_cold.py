"""Old history months left on disk answer every query exactly as if they were in memory."""

from __future__ import annotations

import dataclasses
import gc
import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.domain.ports import Store
from storage import cold as cold_module
from storage.durable import TinyDBStore
from storage.files import read_tables
from storage.journal import history_layout
from storage.layout import HISTORY_DIR
from storage.migrations import CURRENT_VERSION
from storage.monthindex import micros, read_sidecar, sidecar_path
from storage.reindex import index_old_months
from tests.factories import entities as f
from tests.storage.conftest import StalledCheckpoint

MONTHS = 8


def _history(store: Store) -> None:
    """Eight months of replies, audit entries, prompts and reminders, some at equal times."""
    for n in range(160):
        at = f.at(n * 1.5)
        with store.atomic():
            store.reports.save(
                f.report(
                    id=f"r{n}", measure_id=f"m{n % 7}", author_id=f"p{n % 5}",
                    on_behalf_of=f"p{n % 3}" if n % 4 == 0 else None, cycle_id=f"c{n // 10}",
                    team_id=f"t{n % 2}", created_at=at if n % 9 else f.at((n - 1) * 1.5),
                    source_chat_id=100 + n % 3, source_message_id=n // 2,
                )
            )  # fmt: skip
            entry = f.entry(id=f"e{n}", subject=f"m{n % 7}", team_id=f"t{n % 2}", at=at)
            store.audit.append(entry)
            store.prompts.save(f.prompt(id=f"c{n // 10}:p{n % 5}", cycle_id=f"c{n // 10}",
                                        person_id=f"p{n % 5}", created_at=at))  # fmt: skip
            store.reminders.save(f.reminder(id=f"rm{n}", person_id=f"p{n % 5}",
                                            cycle_id=f"c{n // 10}", sent_at=at))  # fmt: skip


QUERIES: dict[str, Callable[[Store], Any]] = {
    "reports.all": lambda s: s.reports.all(),
    "reports.get": lambda s: [s.reports.get(f"r{n}") for n in (0, 77, 159, 999)],
    "reports.for_measure": lambda s: [s.reports.for_measure(f"m{m}") for m in range(8)],
    "reports.for_measure_since": lambda s: [
        s.reports.for_measure(f"m{m}", f.at(d)) for m in range(8) for d in (-3, 20, 61.5, 130, 300)
    ],
    "reports.for_cycle": lambda s: [s.reports.for_cycle(f"c{c}") for c in range(17)],
    "reports.for_author": lambda s: [s.reports.for_author(f"p{p}") for p in range(6)],
    "reports.latest": lambda s: [s.reports.latest_for_measure(f"m{m}") for m in range(8)],
    "reports.by_source": lambda s: [
        s.reports.by_source_message(100 + c, n) for c in range(3) for n in range(0, 80, 7)
    ],
    "reports.between": lambda s: [
        s.reports.between(f"t{t}", f.at(d), f.at(d) + timedelta(days=w))
        for t in range(2)
        for d in (-3, 20, 61.5, 130)
        for w in (1, 9, 45, 400)
    ],
    "audit.iter": lambda s: list(s.audit),
    "audit.for_subject": lambda s: [s.audit.for_subject(f"m{m}") for m in range(8)],
    "audit.for_team": lambda s: [
        s.audit.for_team(f"t{t}", since) for t in range(2) for since in (None, f.at(100))
    ],
    "prompts.for_cycle": lambda s: [s.prompts.for_cycle(f"c{c}") for c in range(17)],
    "prompts.get": lambda s: [s.prompts.get(f"c{c}:p1") for c in range(17)],
    "reminders.for_person": lambda s: [s.reminders.for_person(f"p{p}") for p in range(6)],
    "reminders.for_cycle": lambda s: [s.reminders.for_cycle(f"c{c}") for c in range(17)],
    "lengths": lambda s: [len(s.reports.all()), len(list(s.audit))],  # type: ignore[attr-defined]
}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A closed store holding eight months of history."""
    store = TinyDBStore(tmp_path / "data")
    _history(store)
    store.close()
    return tmp_path / "data"


def _answers(store: Store) -> dict[str, Any]:
    return {name: query(store) for name, query in QUERIES.items()}


@pytest.mark.parametrize("hot_months", [0, 1, 3])
def test_cold_months_answer_every_query_as_memory_does(data_dir: Path, hot_months: int) -> None:
    """With old months left on disk, each query returns the same entities in the same order."""
    everything = TinyDBStore(data_dir, hot_months=None)
    expected = _answers(everything)
    everything.close()
    lazy = TinyDBStore(data_dir, hot_months=hot_months)
    cold = lazy.reports.cold  # type: ignore[attr-defined]
    assert cold is not None
    assert len(cold.by_partition) == MONTHS - hot_months
    assert _answers(lazy) == expected
    lazy.close()


def test_writing_into_a_cold_month_thaws_it_and_the_change_lasts(data_dir: Path) -> None:
    """Editing an old report brings its month back into memory; after reopening, the edit is
    there and every other answer is unchanged."""
    store = TinyDBStore(data_dir, hot_months=1)
    old = store.reports.get("r3")
    assert old is not None
    store.reports.save(dataclasses.replace(old, progress=99))
    store.audit.append(f.entry(id="late", at=old.created_at, subject="m3"))
    expected = _answers(store)
    store.abandon()  # from the log
    again = TinyDBStore(data_dir, hot_months=1)
    assert _answers(again) == expected
    again.close()  # and from the checkpoint, the month frozen again
    final = TinyDBStore(data_dir, hot_months=1)
    assert final.reports.get("r3").progress == 99  # type: ignore[union-attr]
    assert _answers(final) == expected
    final.close()


def test_editing_an_old_report_keeps_the_rest_of_its_month(data_dir: Path) -> None:
    """Regression: an edit to a report of an old month, checkpointed on close, kept that
    month's prompts, reminders and audit entries off the rewritten month file (they were on
    disk, not in memory). Every answer after reopening is the one before closing."""
    store = TinyDBStore(data_dir, hot_months=1)
    old = store.reports.get("r3")
    assert old is not None
    store.reports.save(dataclasses.replace(old, progress=99))
    expected = _answers(store)
    store.close()
    again = TinyDBStore(data_dir, hot_months=1)
    assert _answers(again) == expected
    again.close()


def test_months_leaving_the_hot_window_are_frozen_at_checkpoint(data_dir: Path) -> None:
    """A store that read every month whole (no indexes yet) keeps only the newest in memory
    once its checkpoint has indexed the others."""
    for index in (data_dir / HISTORY_DIR).glob("*.idx.json"):
        index.unlink()
    store = TinyDBStore(data_dir, hot_months=2)
    reports = store.collections["reports"]
    assert len(reports.cold.by_partition) == MONTHS - 2  # type: ignore[union-attr]
    assert len(reports.all()) == 160
    store.close()


def test_an_index_that_does_not_match_its_month_is_ignored(data_dir: Path) -> None:
    """A month file replaced behind its index (a restored copy) is read whole, not misread."""
    month = sorted((data_dir / HISTORY_DIR).glob("????-??.json"))[0]
    index = sidecar_path(month).read_bytes()
    month.write_bytes(month.read_bytes().replace(b'"progress":40', b'"progress":400', 1))
    sidecar_path(month).write_bytes(index)  # every later document is one byte further on
    everything = TinyDBStore(data_dir, hot_months=None)
    expected = _answers(everything)
    everything.close()
    store = TinyDBStore(data_dir, hot_months=1)
    assert store.reports.get("r0").progress == 400  # type: ignore[union-attr]
    assert _answers(store) == expected
    store.close()


def test_a_month_the_calendar_leaves_behind_is_frozen_at_the_next_checkpoint(
    tmp_path: Path,
) -> None:
    """A long-running store does not keep old months in memory: once replies move on to a new
    month, the previous one goes to disk at the next checkpoint, though nothing rewrote it."""
    store = TinyDBStore(tmp_path / "data", hot_months=1)
    store.reports.save(f.report(id="march", created_at=f.at(0)))
    store.checkpoint()
    store.reports.save(f.report(id="april", created_at=f.at(30)))
    store.checkpoint()  # writes April; March is clean, indexed, and now outside the window
    store.reports.save(f.report(id="april2", created_at=f.at(31)))
    store.checkpoint()
    reports = store.collections["reports"]
    assert reports.hot_count == 2
    assert [r.id for r in store.reports.all()] == ["march", "april", "april2"]
    store.close()


def test_entries_walk_cold_months_too(data_dir: Path) -> None:
    """``entries()`` (what a migration to another store copies) includes the months on disk."""
    everything = TinyDBStore(data_dir, hot_months=None)
    expected = list(everything.collections["reports"].entries())
    everything.close()
    lazy = TinyDBStore(data_dir, hot_months=1)
    assert list(lazy.collections["reports"].entries()) == expected
    lazy.close()


def test_old_months_without_an_index_are_indexed_before_opening_reads_them(
    data_dir: Path,
) -> None:
    """A store from before month indexes gets them month by month, without loading the store:
    every old month is indexed, its file keeps every document, and queries answer as before."""
    everything = TinyDBStore(data_dir, hot_months=None)
    expected = _answers(everything)
    everything.close()
    months = sorted((data_dir / HISTORY_DIR).glob("????-??.json"))
    tables = [read_tables(month) for month in months]
    for index in (data_dir / HISTORY_DIR).glob("*.idx.json"):
        index.unlink()
    indexed = index_old_months(data_dir, 1, CURRENT_VERSION)
    assert indexed == [month.stem for month in months[:-1]]
    assert [read_tables(month) for month in months] == tables
    assert all(read_sidecar(month, history_layout()) is not None for month in months[:-1])
    store = TinyDBStore(data_dir, hot_months=1)
    assert _answers(store) == expected
    store.close()


def test_a_month_holding_another_months_document_is_read_whole_not_indexed(
    data_dir: Path,
) -> None:
    """A month file a crash left with a document of another month is not indexed as it is: the
    whole read moves the document home, and every answer stays the same."""
    months = sorted((data_dir / HISTORY_DIR).glob("????-??.json"))
    everything = TinyDBStore(data_dir, hot_months=None)
    expected = _answers(everything)
    everything.close()
    first, second = json.loads(months[0].read_bytes()), json.loads(months[1].read_bytes())
    seq, doc = next(iter(second["reports"].items()))
    first["reports"][seq] = doc  # as if the crash came between writing the two months
    months[0].write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    for index in (data_dir / HISTORY_DIR).glob("*.idx.json"):
        index.unlink()
    store = TinyDBStore(data_dir, hot_months=1)
    assert _answers(store) == expected
    store.close()


def test_a_tasks_reports_since_a_moment_decode_only_those_reports(data_dir: Path) -> None:
    """for_measure(m, since) over months on disk returns the task's reports from ``since`` on,
    decoding none of the older ones; the whole history decodes them all."""
    store = TinyDBStore(data_dir, hot_months=1)
    cold = store.reports.cold  # type: ignore[attr-defined]
    decoded: list[object] = []
    read = cold.items

    def counted(refs: list[Any]) -> list[Any]:
        decoded.extend(refs)
        return read(refs)  # type: ignore[no-any-return]

    cold.items = counted
    since = f.at(150)
    found = store.reports.for_measure("m3", since)
    assert found
    assert all(r.created_at >= since for r in found)
    assert len(decoded) <= len(found)
    cold._cache.clear()
    decoded.clear()
    whole = store.reports.for_measure("m3")
    assert found == tuple(r for r in whole if r.created_at >= since)
    assert len(decoded) > len(found)
    store.close()


def test_ids_of_months_frozen_while_open_stay_known(tmp_path: Path) -> None:
    """Months a long-running store froze one after another (each listed on its own) are
    still found by a save: editing their reports thaws them and adds no second copy."""
    store = TinyDBStore(tmp_path / "data", hot_months=1)
    for number, day in enumerate((0, 30, 61, 92)):
        store.reports.save(f.report(id=f"r{number}", created_at=f.at(day)))
        store.checkpoint()  # the month before leaves memory
    reports = store.collections["reports"]
    assert reports.hot_count == 1
    for key in ("r0", "r2"):
        old = store.reports.get(key)
        assert old is not None
        store.reports.save(dataclasses.replace(old, progress=99))
    store.checkpoint()
    assert [(r.id, r.progress) for r in store.reports.all()] == [
        ("r0", 99), ("r1", 40), ("r2", 99), ("r3", 40)
    ]  # fmt: skip
    store.close()
    again = TinyDBStore(tmp_path / "data", hot_months=1)
    assert [r.progress for r in again.reports.all()] == [99, 40, 99, 40]
    again.close()


def test_a_month_written_while_a_background_checkpoint_runs_stays_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stalled_checkpoint: StalledCheckpoint
) -> None:
    """A month leaving the hot window is not frozen from a checkpoint's files if a commit
    changed it while that checkpoint was writing them: the newer edit is what reads see."""
    store = TinyDBStore(tmp_path / "data", hot_months=1, checkpoint_bytes=1)
    store.reports.save(f.report(id="march", created_at=f.at(0)))
    store.settle()
    store.reports.save(f.report(id="april", created_at=f.at(30)))
    store.settle()  # March is clean and outside the window: frozen
    assert store.collections["reports"].hot_count == 1
    march = store.reports.get("march")
    assert march is not None
    store.reports.save(dataclasses.replace(march, progress=98))  # thawed; a checkpoint starts
    assert stalled_checkpoint.stalled.wait(10)
    store.reports.save(dataclasses.replace(march, progress=99))  # while it writes March
    stalled_checkpoint.go_on.set()
    store.settle()
    monkeypatch.undo()
    assert store.reports.get("march").progress == 99  # type: ignore[union-attr]
    store.close()
    again = TinyDBStore(tmp_path / "data", hot_months=1)
    assert again.reports.get("march").progress == 99  # type: ignore[union-attr]
    again.close()


@pytest.mark.parametrize("gap", [0, cold_module.RUN_GAP])
def test_documents_read_together_come_back_in_the_order_asked(
    data_dir: Path, gap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch of cold documents asked in any order, from several months, read in one run per
    month or in one run per document, equals reading them one at a time."""
    monkeypatch.setattr(cold_module, "RUN_GAP", gap)
    store = TinyDBStore(data_dir, hot_months=1)
    cold = store.reports.cold  # type: ignore[attr-defined]
    refs = [ref for _, ref in cold.every()]
    refs = refs[1::2][::-1] + refs[::2]  # months and positions interleaved, backwards
    together = cold.items(refs)
    cold._cache.clear()
    assert together == [cold.item(ref) for ref in refs]
    assert len({r.id for r in together}) == len(refs) > 100
    store.close()


def test_a_range_query_does_not_look_at_months_outside_the_range(data_dir: Path) -> None:
    """for_measure(m, since) consults the index of no month whose documents all predate
    ``since``, and still finds every later report."""
    store = TinyDBStore(data_dir, hot_months=1)
    cold = store.reports.cold  # type: ignore[attr-defined]
    consulted: set[str] = set()

    class Counting:
        def __init__(self, groups: Any, partition: str) -> None:
            self.groups, self.partition = groups, partition

        def get(self, text: str) -> Any:
            consulted.add(self.partition)
            return self.groups.get(text)

    for month in cold.by_partition.values():
        month.index.groups = [Counting(g, month.partition) for g in month.index.groups]
    since = f.at(150)
    found = store.reports.for_measure("m3", since)
    months = cold.by_partition.values()
    early = {m.partition for m in months if max(m.index.stamps) < micros(since)}
    assert early
    assert not consulted & early
    assert consulted
    assert found
    assert all(r.created_at >= since for r in found)
    store.close()


@pytest.mark.parametrize("collecting", [True, False])
def test_reading_months_on_disk_leaves_the_garbage_collector_as_it_was(
    data_dir: Path, collecting: bool
) -> None:
    """A query over cold months pauses the cyclic collector only while it reads: afterwards it
    is enabled (or disabled) as before, also when the read fails."""
    store = TinyDBStore(data_dir, hot_months=1)
    was = gc.isenabled()
    try:
        if not collecting:
            gc.disable()
        assert store.reports.for_measure("m3")
        assert gc.isenabled() is collecting
        month = next(iter(store.reports.cold.by_partition.values()))  # type: ignore[attr-defined]
        month.path.write_bytes(b"")  # shorter than its index says
        month.close()
        with pytest.raises(OSError, match="shorter"):
            store.reports.all()
        assert gc.isenabled() is collecting
    finally:
        if was:
            gc.enable()
        store.abandon()
