"""The write-ahead log's framing: records are checked, a bad tail is found, never misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.codec import encode
from storage.core import Change
from storage.journal import record_bytes
from storage.wal import WalWriter, frame, read_segment
from tests.storage.test_codec import SAMPLES


def _write(path: Path, *records: bytes) -> None:
    path.write_bytes(b"".join(records))


def test_records_read_back_in_order(tmp_path: Path) -> None:
    """Appended records come back in order with no torn tail."""
    writer = WalWriter(tmp_path, 1)
    for lsn in (1, 2, 3):
        writer.append({"lsn": lsn, "ops": [["teams", "t", lsn, {"text": "中文\n"}]]})
    writer.close()
    segment = read_segment(writer.path)
    assert [r["lsn"] for r in segment.records] == [1, 2, 3]
    assert not segment.torn


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[:-1], id="missing newline"),
        pytest.param(lambda data: data[: len(data) // 2], id="cut in half"),
        pytest.param(lambda data: data[:5], id="cut in header"),
        pytest.param(lambda data: data.replace(b'"lsn"', b'"lsm"'), id="flipped bytes"),
        pytest.param(lambda data: data.replace(b"0000", b"0x00", 1), id="bad header"),
    ],
)
def test_damaged_last_record_is_dropped(tmp_path: Path, damage: object) -> None:
    """Whatever happened to the last record, the valid prefix is kept and the rest flagged."""
    good, last = frame({"lsn": 1, "ops": []}), frame({"lsn": 2, "ops": [["x", "y", 1, None]]})
    path = tmp_path / "00000001.log"
    _write(path, good, damage(last))  # type: ignore[operator]
    segment = read_segment(path)
    assert [r["lsn"] for r in segment.records] == [1]
    assert segment.valid_bytes == len(good)
    assert segment.torn


def test_empty_segment_is_valid(tmp_path: Path) -> None:
    """An empty segment holds no records and is not torn."""
    path = tmp_path / "00000001.log"
    path.write_bytes(b"")
    segment = read_segment(path)
    assert segment.records == []
    assert not segment.torn


def test_zero_padding_after_the_records_is_not_damage(tmp_path: Path) -> None:
    """Zeros after the last record are a preallocated segment's free space, not a torn tail."""
    good = frame({"lsn": 1, "ops": []})
    path = tmp_path / "00000001.log"
    _write(path, good, bytes(4096))
    segment = read_segment(path)
    assert [r["lsn"] for r in segment.records] == [1]
    assert (segment.valid_bytes, segment.damage, segment.torn) == (len(good), [], False)


def test_a_damaged_record_does_not_hide_the_records_after_it(tmp_path: Path) -> None:
    """One flipped byte loses that record only; every later record is read, the damage located."""
    ops = [["teams", "t", 1, {"n": "中文"}]]
    records = [frame({"lsn": lsn, "ops": ops}) for lsn in (1, 2, 3)]
    data = bytearray(b"".join(records) + bytes(100))
    flipped = len(records[0]) + 25
    data[flipped] ^= 0x01
    path = tmp_path / "00000001.log"
    path.write_bytes(bytes(data))
    segment = read_segment(path)
    assert [r["lsn"] for r in segment.records] == [1, 3]
    (damage,) = segment.damage
    assert (damage.start, damage.end) == (len(records[0]), len(records[0]) + len(records[1]))
    assert not segment.torn


def test_writer_overwrites_preallocated_space_and_resumes_after_the_last_record(
    tmp_path: Path,
) -> None:
    """A segment is zero-filled ahead; a reopened writer continues right after the last record."""
    writer = WalWriter(tmp_path, 1, chunk=4096)
    writer.append({"lsn": 1, "ops": []})
    writer.close()
    assert writer.path.stat().st_size == 4096
    again = WalWriter(tmp_path, 1, chunk=4096)
    again.append({"lsn": 2, "ops": []})
    again.append({"lsn": 3, "ops": ["x" * 5000]})  # beyond the preallocated space: grows
    again.close()
    segment = read_segment(writer.path)
    assert [r["lsn"] for r in segment.records] == [1, 2, 3]
    assert segment.damage == []


def test_a_transaction_record_is_the_frame_of_its_documents(tmp_path: Path) -> None:
    """The journal's record of a transaction (built of each entity's JSON text) is byte for
    byte the frame of ``{"lsn", "ops"}`` with ``encode``'s documents, and reads back so."""
    changes = [Change("x", f"id{n}", n + 1, item) for n, item in enumerate(SAMPLES)]
    changes += [Change("reports", 'r"1\\', 2**40, None, SAMPLES[0])]  # a delete
    ops = [
        [c.collection, c.key, c.seq, None if c.item is None else encode(c.item)] for c in changes
    ]
    data = record_bytes(12, changes)
    assert data == frame({"lsn": 12, "ops": ops})
    (tmp_path / "00000001.log").write_bytes(data)
    assert read_segment(tmp_path / "00000001.log").records == [{"lsn": 12, "ops": ops}]
