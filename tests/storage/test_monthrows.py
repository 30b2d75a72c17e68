"""The rows files of old months: used when they fit, made again when not, never the truth."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.domain.ports import Store
from bot.domain.work import Report
from storage.cold import LARGE_READ
from storage.durable import TinyDBStore
from storage.journal import history_layout
from storage.layout import HISTORY_DIR, history_path
from storage.monthindex import MonthIndex, read_sidecar
from storage.monthrows import read_rows, rows_path, write_rows
from storage.readonly import open_read_only
from storage.rowcodec import row_codec
from storage.schema import SPEC_BY_NAME
from tests.factories import entities as f

ROOT = Path(__file__).resolve().parents[2]
PER_DAY = 36  # a month's read takes its rows; a team's whole history is a large read


def _history(store: Store) -> None:
    """Three months of replies from two teams, with each week's prompts."""
    for day in range(90):
        with store.atomic():
            for n in range(PER_DAY):
                at = f.at(day + n / 24)
                store.reports.save(
                    f.report(id=f"r{day}-{n}", measure_id=f"m{n}", team_id=f"t{int(n % 4 == 0)}",
                             cycle_id=f"c{day // 7}", created_at=at, progress_text=f"第{day}天")
                )  # fmt: skip
                store.prompts.save(f.prompt(id=f"c{day}:p{n}", cycle_id=f"c{day // 7}",
                                            person_id=f"p{n}", created_at=at))  # fmt: skip


QUERIES: dict[str, Callable[[Store], Any]] = {
    "reports.between": lambda s: [
        s.reports.between(f"t{t}", f.at(low), f.at(high))
        for t in (1, 0)
        for low, high in ((-1, 100), (10.3, 70.6), (30, 31), (-5, 0))
    ],
    "reports.for_cycle": lambda s: [s.reports.for_cycle(f"c{c}") for c in range(14)],
    "reports.all": lambda s: s.reports.all(),
    "prompts.for_cycles": lambda s: s.prompts.for_cycles([f"c{c}" for c in range(14)]),
    "reports.get": lambda s: [s.reports.get(f"r{d}-3") for d in (0, 40, 89)],
}


def _answers(store: Store) -> dict[str, Any]:
    return {name: query(store) for name, query in QUERIES.items()}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A closed store of three months, and every answer with all of it in memory."""
    data_dir = tmp_path_factory.mktemp("rows") / "data"
    store = TinyDBStore(data_dir)
    _history(store)
    store.close()
    everything = TinyDBStore(data_dir, hot_months=None)
    expected = _answers(everything)
    everything.close()
    return data_dir, expected


@pytest.fixture
def data_dir(made: tuple[Path, dict[str, Any]], tmp_path: Path) -> Path:
    """A fresh copy of the store (modification times kept: its indexes still fit)."""
    copy = tmp_path / "data"
    subprocess.run(["cp", "-a", str(made[0]), str(copy)], check=True)
    return copy


def _identity(month_file: Path) -> tuple[int, int]:
    stat = month_file.stat()
    return stat.st_size, stat.st_mtime_ns


def _march_rows(data_dir: Path) -> tuple[Path, MonthIndex, tuple[str, ...], list[Any]]:
    """Open and close the store once (so March's rows of reports are made); what
    :func:`_rows_of` March gives."""
    first = TinyDBStore(data_dir, hot_months=1)
    _answers(first)
    first.close()
    return _rows_of(data_dir, "2025-03")


def _rows_of(data_dir: Path, month: str) -> tuple[Path, MonthIndex, tuple[str, ...], list[Any]]:
    """The month's file, its reports' index, the reports' row shape and their rows as made."""
    path = history_path(data_dir, month)
    index = read_sidecar(path, history_layout())
    codec = row_codec(Report)
    assert index is not None
    assert codec is not None
    rows = read_rows(path, _identity(path), "reports", codec.shape, index["reports"])
    assert rows is not None
    return path, index["reports"], tuple(codec.shape), rows


def _rows_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / HISTORY_DIR).glob("*.rows"))


def _fits(data_dir: Path, month: str, collection: str = "reports") -> bool:
    """Whether the month's rows file fits the month file and its index as they are now."""
    path = history_path(data_dir, month)
    index = read_sidecar(path, history_layout())
    assert index is not None
    codec = row_codec(SPEC_BY_NAME[collection].entity)
    assert codec is not None
    return read_rows(path, _identity(path), collection, codec.shape, index[collection]) is not None


def test_old_months_answer_the_same_from_their_rows(
    data_dir: Path, made: tuple[Path, dict[str, Any]]
) -> None:
    """A large read of old months makes their rows files; read again from them (in this
    process and after reopening), every answer is the one of the months in memory."""
    store = TinyDBStore(data_dir, hot_months=1)
    assert _rows_files(data_dir) == []
    assert len(store.reports.between("t0", f.at(-1), f.at(80))) > LARGE_READ  # (read by runs)
    assert _answers(store) == made[1]
    names = {path.name for path in _rows_files(data_dir)}
    assert {"2025-03.reports.rows", "2025-04.reports.rows", "2025-04.prompts.rows"} <= names
    assert _answers(store) == made[1]
    store.close()
    again = TinyDBStore(data_dir, hot_months=1)
    assert _answers(again) == made[1]
    again.close()


def test_a_fitting_rows_file_is_what_a_large_read_returns(data_dir: Path) -> None:
    """Once a month's rows file fits, a large read takes its documents from it, not from the
    month file (shown by a rows file whose words differ from the month's)."""
    first = TinyDBStore(data_dir, hot_months=1)
    first.reports.between("t0", f.at(-1), f.at(100))
    first.close()
    path, index, shape, rows = _rows_of(data_dir, "2025-04")
    marked = [(*row[:10], "从行文件读取", *row[11:]) for row in rows]  # progress_text
    write_rows(path, _identity(path), "reports", shape, index, marked)
    store = TinyDBStore(data_dir, hot_months=1)
    april = [r for r in store.reports.between("t0", f.at(-1), f.at(100)) if r.id == "r30-1"]
    assert [r.progress_text for r in april] == ["从行文件读取"]
    store.close()


def test_an_amended_old_report_shows_in_the_next_large_read(
    data_dir: Path, made: tuple[Path, dict[str, Any]]
) -> None:
    """Editing a report of an old month makes its rows stale: the next large read (before and
    after reopening) shows the edit, and the month's rows are made again from the month."""
    store = TinyDBStore(data_dir, hot_months=1)
    assert _answers(store) == made[1]
    assert _fits(data_dir, "2025-03")
    old = store.reports.get("r5-2")
    assert old is not None
    store.reports.save(dataclasses.replace(old, progress_text="已更正", progress=77))
    assert not rows_path(history_path(data_dir, "2025-03"), "reports").exists()

    def amended(s: Store) -> list[Report]:
        return [r for r in s.reports.between("t0", f.at(-1), f.at(100)) if r.id == "r5-2"]

    assert [(r.progress_text, r.progress) for r in amended(store)] == [("已更正", 77)]
    store.close()  # the month is written again and frozen back to disk
    again = TinyDBStore(data_dir, hot_months=1)
    assert [(r.progress_text, r.progress) for r in amended(again)] == [("已更正", 77)]
    assert _fits(data_dir, "2025-03")
    assert [(r.progress_text, r.progress) for r in amended(again)] == [("已更正", 77)]
    again.close()


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda data: b"",
    "header only": lambda data: data[:40],
    "half": lambda data: data[: len(data) // 2],
    "one byte short": lambda data: data[:-1],
    "flipped byte in the rows": lambda data: data[:-50] + bytes([data[-50] ^ 0x20]) + data[-49:],
    "flipped byte in the header": lambda data: data[:20] + bytes([data[20] ^ 1]) + data[21:],
    "not rows at all": lambda data: b'{"_default": {}}',
    "longer": lambda data: data + b"\0" * 100,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_rows_file_is_ignored_and_made_again(
    data_dir: Path, made: tuple[Path, dict[str, Any]], damage: Callable[[bytes], bytes]
) -> None:
    """A short, damaged or foreign rows file is not read: the answers are the month file's,
    and the next large read writes the rows file anew."""
    first = TinyDBStore(data_dir, hot_months=1)
    _answers(first)
    first.close()
    for path in _rows_files(data_dir):
        path.write_bytes(damage(path.read_bytes()))
    store = TinyDBStore(data_dir, hot_months=1)
    assert _answers(store) == made[1]
    assert _fits(data_dir, "2025-03")
    assert _fits(data_dir, "2025-04", "prompts")
    store.close()


def test_rows_of_another_month_file_are_ignored(
    data_dir: Path, made: tuple[Path, dict[str, Any]]
) -> None:
    """A rows file made from another version of its month (the month file written since, or
    restored from a copy) is not read, however well-formed: its words never show."""
    march, index, shape, rows = _march_rows(data_dir)
    write_rows(march, _identity(march), "reports", shape, index,
               [(*row[:10], "旧版本", *row[11:]) for row in rows])  # fmt: skip
    stat = march.stat()
    os.utime(march, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    store = TinyDBStore(data_dir, hot_months=1)
    assert _answers(store) == made[1]
    assert _fits(data_dir, "2025-03")
    store.close()


def test_rows_of_another_shape_are_ignored(
    data_dir: Path, made: tuple[Path, dict[str, Any]]
) -> None:
    """Rows written when a field had another type (an older or newer Duban) are not read."""
    march, index, made_shape, rows = _march_rows(data_dir)
    shape = tuple(kind.replace("int | None", "float | None") for kind in made_shape)
    assert shape != made_shape
    write_rows(march, _identity(march), "reports", shape, index,
               [(*r[:8], 0.5, *r[9:]) for r in rows])  # fmt: skip
    store = TinyDBStore(data_dir, hot_months=1)
    assert _answers(store) == made[1]
    store.close()


def test_a_view_and_the_store_each_read_their_own_version_of_a_month(
    data_dir: Path, made: tuple[Path, dict[str, Any]]
) -> None:
    """A lazy read-only view opened before an old month was rewritten (an edit, checkpointed)
    reads that month as it was, and the store reads it as it is, whichever wrote the rows
    last: rows are tied to the month file they were made from."""
    first = TinyDBStore(data_dir, hot_months=1)
    _answers(first)  # rows of the months as they are
    first.close()
    view = open_read_only(data_dir, lazy=True)
    store = TinyDBStore(data_dir, hot_months=1)
    old = store.reports.get("r5-2")
    assert old is not None
    store.reports.save(dataclasses.replace(old, progress_text="第9天"))  # (same length)
    store.close()  # the month file rewritten
    store = TinyDBStore(data_dir, hot_months=1)

    def words(s: Store) -> list[str | None]:
        return [r.progress_text for r in s.reports.between("t0", f.at(-1), f.at(100))
                if r.id == "r5-2"]  # fmt: skip

    assert words(store) == ["第9天"]  # (rows of the new file written)
    assert _answers(view) == made[1]  # (rows of the old file written over them)
    store.close()
    again = TinyDBStore(data_dir, hot_months=1)
    assert words(again) == ["第9天"]
    again.close()
    view.close()


WRITER = """
import sys
from pathlib import Path
from bot.domain.work import Report
from storage.journal import history_layout
from storage.layout import history_path
from storage.monthindex import read_sidecar
from storage.monthrows import write_rows
from storage.rowcodec import row_codec
from storage.schema import SPEC_BY_NAME
from storage.cold import LARGE_READ
from storage.durable import TinyDBStore
from storage.readonly import open_read_only

data_dir = Path(sys.argv[1])
store = TinyDBStore(data_dir, hot_months=1)
path = history_path(data_dir, "2025-03")
index = read_sidecar(path, history_layout())["reports"]
codec = row_codec(Report)
rows = [codec.encode(r) for r in store.reports.all() if r.created_at.month == 3]
store.close()
stat = path.stat()
print("writing", flush=True)
while True:  # (killed at some point of some write)
    write_rows(path, (stat.st_size, stat.st_mtime_ns), "reports", codec.shape, index, rows)
"""


def test_a_crash_while_writing_rows_loses_nothing(
    data_dir: Path, made: tuple[Path, dict[str, Any]]
) -> None:
    """A process killed while it writes a month's rows file leaves a loadable store whose
    every answer is unchanged (the rows are only a copy of the month file)."""
    for delay in (0.0, 0.003, 0.011, 0.029):
        with subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir)], cwd=ROOT, stdout=subprocess.PIPE
        ) as child:
            assert child.stdout is not None
            assert child.stdout.readline() == b"writing\n"
            time.sleep(delay)
            child.send_signal(signal.SIGKILL)
        store = TinyDBStore(data_dir, hot_months=1)
        assert _answers(store) == made[1]
        assert not list((data_dir / HISTORY_DIR).glob(".*.tmp-*"))  # removed on opening
        store.close()


def test_a_few_documents_are_read_from_the_month_file(data_dir: Path) -> None:
    """A small read (one task's week) does not make a rows file."""
    store = TinyDBStore(data_dir, hot_months=1)
    found = store.reports.between("t0", f.at(3), f.at(3) + timedelta(days=1))
    assert len(found) == PER_DAY * 3 // 4
    assert _rows_files(data_dir) == []
    store.close()
