"""Entities as rows of plain values (the old months' rows files) come back exactly."""

from __future__ import annotations

import dataclasses
import marshal
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.work import ReportStatus
from storage.rowcodec import row_codec
from storage.schema import SPECS
from tests.factories import entities as f

ZONES = [
    ZoneInfo("Asia/Shanghai"),
    ZoneInfo("America/New_York"),  # (a fold each November)
    UTC,
    timezone(timedelta(hours=-3, minutes=-30)),
    timezone(timedelta(hours=8)),
]


def _through_rows(item: Any) -> Any:
    """``item`` written as a row, through marshal, and read back."""
    codec = row_codec(type(item))
    assert codec is not None
    return codec.decode(marshal.loads(marshal.dumps(codec.encode(item))))


def _same(left: Any, right: Any) -> None:
    """Equal, field by field, with the same types, zones and folds."""
    assert type(left) is type(right)
    assert left == right
    for field in dataclasses.fields(left):
        a, b = getattr(left, field.name), getattr(right, field.name)
        assert type(a) is type(b), field.name
        if isinstance(a, datetime):
            assert (a.tzinfo, a.fold, a.isoformat()) == (b.tzinfo, b.fold, b.isoformat())


@pytest.mark.parametrize("spec", [s for s in SPECS if s.history], ids=lambda s: s.name)
def test_every_history_collection_has_rows(spec: Any) -> None:
    """Each history collection's entity can be kept as rows (old months' large reads)."""
    assert row_codec(spec.entity) is not None


@pytest.mark.parametrize(
    "item",
    [
        f.report(),
        f.report(status=None, progress=None, indicator_values=(), edited_at=f.at(3)),
        f.report(attachments=("photo:1", "document:2"), source_chat_id=-100, late=True),
        f.prompt(measure_ids=("m1", "m2"), sent_at=f.at(1), chat_id=5, message_id=9),
        f.reminder(cycle_id="c1"),
        f.entry(detail={"status": "done", "n": 3, "share": 0.5, "none": None}),
    ],
    ids=["report", "report-sparse", "report-full", "prompt", "reminder", "audit"],
)
def test_rows_give_back_the_entity(item: Any) -> None:
    """An entity written as a row and read back is the same entity, field types included."""
    _same(_through_rows(item), item)


def test_a_repeated_wall_time_keeps_its_fold() -> None:
    """The second 01:30 of the night clocks go back stays the second one."""
    zone = ZoneInfo("America/New_York")
    second = datetime(2024, 11, 3, 1, 30, tzinfo=zone, fold=1)
    first = second.replace(fold=0)
    for moment in (first, second):
        back = _through_rows(f.report(created_at=moment)).created_at
        assert (back.fold, back.utcoffset()) == (moment.fold, moment.utcoffset())


@given(
    moment=st.datetimes(
        min_value=datetime(1990, 1, 1),
        max_value=datetime(2090, 1, 1),
        timezones=st.sampled_from(ZONES),
    ),
    status=st.sampled_from([None, *ReportStatus]),
    progress=st.none() | st.integers(0, 100),
    text=st.none() | st.text(max_size=30),
    values=st.lists(st.tuples(st.text(max_size=5), st.floats(allow_nan=False)), max_size=3),
)
def test_any_report_comes_back_whole(
    moment: datetime, status: ReportStatus | None, progress: int | None, text: str | None,
    values: list[tuple[str, float]],
) -> None:  # fmt: skip
    """Reports of any stamp, zone, status, figure and text survive the rows exactly."""
    item = f.report(created_at=moment, status=status, progress=progress, progress_text=text,
                    problems=text, indicator_values=tuple(values), edited_at=moment)  # fmt: skip
    _same(_through_rows(item), item)


@dataclasses.dataclass(frozen=True)
class _Inner:
    """A nested value (rows hold plain values only)."""

    day: date


@dataclasses.dataclass(frozen=True)
class _Nested:
    """An entity with a nested dataclass."""

    id: str
    inner: _Inner


@dataclasses.dataclass(frozen=True)
class _Plain:
    """An entity without slots, with a date."""

    id: str
    day: date
    kind: ReportStatus = ReportStatus.DONE


def test_an_entity_rows_cannot_hold_has_no_rows() -> None:
    """A nested dataclass field means no rows for that entity (read as JSON only)."""
    assert row_codec(_Nested) is None


def test_an_entity_without_slots_is_built_by_its_class() -> None:
    """Entities without slots come back through their own constructor, dates included."""
    item = _Plain("x", date(2024, 2, 29))
    _same(_through_rows(item), item)


def test_one_instant_in_two_zones_keeps_each_zone() -> None:
    """The same moment written in Shanghai and in UTC comes back in each one's zone."""
    here = datetime(2025, 3, 6, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    for moment in (here, here.astimezone(UTC), here):
        back = _through_rows(f.report(created_at=moment)).created_at
        assert (back.tzinfo, back.hour) == (moment.tzinfo, moment.hour)


def test_a_shared_stamp_is_one_object_once_read() -> None:
    """A cycle's prompts share their stamp: read back from rows they share one datetime (as
    the JSON path shares them), not one copy each."""
    codec = row_codec(type(f.prompt()))
    assert codec is not None
    moment = f.at(7)
    rows = marshal.loads(marshal.dumps([codec.encode(f.prompt(created_at=moment)) for _ in "ab"]))
    first, second = (codec.decode(row) for row in rows)
    assert first.created_at is second.created_at
