"""The generic codec: every entity round-trips exactly, time zones included."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.delivery import Effect, Inbound, SentRecord, UserState, effect_id, inbound_id
from bot.domain.leaders import Escalation, LeaderLink, LinkSource
from bot.domain.plan import Indicator, KeyMark, Measure, Plan, Revision, SourceKind, TaskSource
from bot.domain.work import Report, ReportStatus
from storage.codec import CodecError, decode, encode, encode_json
from storage.schema import SPECS
from tests.factories import entities as f

SAMPLES = [
    f.team(group_chat_id=-100123, group_thread_id=7),
    f.settings(prompt_time=time(9, 15), public_naming=True),
    f.settings(paused_from=f.at(1), resumed_at=f.at(8)),  # a pause recorded
    f.unit(),
    f.person(telegram_id=2**40, joined_at=f.at(1), language="en"),
    f.invite(),
    f.leave(deputy_id="p2"),
    f.plan(year=2025, sections=("一、", "二、")),
    f.plan(legend=(KeyMark("★", "县政府重点督办事项"), KeyMark("▲", "纳入年度绩效考核事项"))),
    f.measure(marks="★▲", revisions=(Revision(f.at(1), "旧标题", "旧正文", marks="★"),)),
    f.measure(indicators=(Indicator("GDP", "%", None, placeholder=True),)),
    f.measure(
        original_deadline=date(2025, 6, 30),
        extensions=2,
        source=TaskSource(SourceKind.MEETING, "决定事项", "李书记", date(2025, 3, 5), "常务会议"),
    ),
    f.measure(  # reworded by two re-imports: the wording each replaced, with its moment
        revisions=(
            Revision(f.at(1), "旧标题", "旧正文", "一、", None, "6月底前", date(2025, 6, 30)),
            Revision(
                f.at(2),
                "次标题",
                "",
                deadline_raw="年底前",
                indicators=(Indicator("GDP", "%", 6.5),),
            ),
        ),
    ),
    f.pending_import(first=False, added=("M1a2b",), removed=("M9f00", "M0e1d")),
    f.assignment(acknowledged_at=f.at(1)),
    f.cycle(digest_sent_at=f.at(2)),
    f.cycle(closed_at=f.at(1), digest_failed_at=f.at(1), missed=True),
    f.prompt(measure_ids=("m1", "m2")),
    f.report(attachments=("a", "b"), edited_at=f.at(1).astimezone(UTC)),
    f.reminder(measure_id="m1"),
    f.closeout(attachments=("x",)),
    f.extension(decided_at=f.at(2), decision_reason="可以追回"),
    f.entry(detail={"a": 1, "b": None, "c": 0.25, "d": "文"}),
    Inbound(inbound_id(7), 7, f.at(1), '{"update_id": 7}'),
    SentRecord("u7:0", 2**40, 12, f.at(2)),
    Effect(effect_id(7, 1), 7, "reports", "r1", None, '{"id":"r1"}'),
    UserState("42", 42, '{"team":"t1"}', f.at(3)),
    LeaderLink("t1:s:一、", "t1", "赵县长", f.at(1), section="一、", source=LinkSource.IMPORT),
    Escalation("m1", "t1", "red", f.at(1), 2, "p2", ("blocked", "overdue"), f.at(2)),
]


def test_samples_cover_every_collection() -> None:
    """There is a sample of each stored entity type."""
    assert {type(item) for item in SAMPLES} == {spec.entity for spec in SPECS}


@pytest.mark.parametrize("item", SAMPLES, ids=lambda item: type(item).__name__)
def test_entity_round_trips_through_json(item: Any) -> None:
    """encode → JSON text → decode gives an equal entity with the same time zones."""
    doc = json.loads(json.dumps(encode(item), ensure_ascii=False))
    back = decode(type(item), doc)
    assert back == item
    for name, value in vars_of(item).items():
        if isinstance(value, datetime):
            assert getattr(back, name).utcoffset() == value.utcoffset()
            assert getattr(back, name).tzinfo == value.tzinfo


def vars_of(item: Any) -> dict[str, Any]:
    """Field values of a slotted dataclass."""
    return {name: getattr(item, name) for name in item.__dataclass_fields__}


def test_named_zone_is_kept_by_name() -> None:
    """A ZoneInfo time is stored with its zone name and comes back in that zone."""
    doc = encode(f.report(created_at=datetime(2025, 1, 1, 8, tzinfo=ZoneInfo("Asia/Shanghai"))))
    assert doc["created_at"] == "2025-01-01T08:00:00+08:00[Asia/Shanghai]"


def test_missing_fields_take_defaults_and_unknown_fields_are_refused() -> None:
    """Older documents decode with defaults; stray fields are an error, not silently lost."""
    doc = {k: v for k, v in encode(f.report()).items() if k not in {"late", "problems"}}
    assert decode(Report, doc).late is False
    with pytest.raises(CodecError, match="colour"):
        decode(Report, {**doc, "colour": "red"})


def test_plans_and_measures_stored_before_key_marks_read_without_them() -> None:
    """A plan or measure written before key marks were kept (no ``legend``, ``marks``) reads
    with none, and so does a revision it holds."""
    plan = {k: v for k, v in encode(f.plan()).items() if k != "legend"}
    assert decode(Plan, plan).legend == ()
    revised = f.measure(revisions=(Revision(f.at(1), "旧标题", "旧正文"),))
    doc = {k: v for k, v in encode(revised).items() if k != "marks"}
    doc["revisions"] = [{k: v for k, v in r.items() if k != "marks"} for r in doc["revisions"]]
    measure = decode(Measure, doc)
    assert (measure.marks, measure.revisions[0].marks, measure.name) == ("", "", "推进项目")


def test_bad_value_is_a_codec_error() -> None:
    """A value of the wrong shape is reported with the entity name."""
    with pytest.raises(CodecError, match="Report"):
        decode(Report, {**encode(f.report()), "status": "exploded"})


zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=-5)), ZoneInfo("Asia/Shanghai"), ZoneInfo("Europe/Berlin")]
)
aware = st.datetimes(  # clocks never produce wall times skipped by a DST change
    min_value=datetime(1970, 1, 2),
    max_value=datetime(2100, 1, 1),
    timezones=zones,
    allow_imaginary=False,
)
text = st.text(max_size=30)
floats = st.floats(allow_nan=False, allow_infinity=False)


@given(
    created_at=aware,
    edited_at=st.none() | aware,
    status=st.sampled_from(ReportStatus),
    values=st.lists(st.tuples(text, floats), max_size=4),
    progress_text=st.none() | text,
    attachments=st.lists(text, max_size=3),
    source=st.none() | st.integers(min_value=-(2**52), max_value=2**52),
)
def test_any_report_round_trips(
    created_at: datetime,
    edited_at: datetime | None,
    status: ReportStatus,
    values: list[tuple[str, float]],
    progress_text: str | None,
    attachments: list[str],
    source: int | None,
) -> None:
    """Reports with arbitrary times, zones, texts and indicator values round-trip exactly."""
    report = f.report(
        created_at=created_at,
        edited_at=edited_at,
        status=status,
        indicator_values=tuple(values),
        progress_text=progress_text,
        attachments=tuple(attachments),
        source_chat_id=source,
    )
    back = decode(Report, json.loads(json.dumps(encode(report))))
    assert back == report
    assert back.created_at.utcoffset() == created_at.utcoffset()


@given(deadline=st.none() | st.dates(min_value=date(1900, 1, 1)), at=st.times())
def test_dates_and_times_round_trip(deadline: date | None, at: time) -> None:
    """Plain dates and wall-clock times round-trip."""
    measure = f.measure(deadline=deadline)
    settings = f.settings(cutoff_time=at)
    assert decode(type(measure), encode(measure)) == measure
    assert decode(type(settings), encode(settings)) == settings


def test_stamps_decode_the_same_after_the_cache_of_parsed_stamps_fills_up() -> None:
    """A stamp decoded again after thousands of others (the cache of parsed stamps emptied on
    the way) is the same instant in the same zone, and repeated stamps decode equal."""
    shanghai = ZoneInfo("Asia/Shanghai")
    first = f.report(created_at=datetime(2021, 3, 4, 9, 1, tzinfo=shanghai))
    doc = encode(first)
    assert decode(Report, doc) == first
    for minute in range(9000):
        at = datetime(2020, 1, 1, tzinfo=shanghai) + timedelta(minutes=minute)
        assert decode(Report, encode(f.report(created_at=at))).created_at == at
    again = decode(Report, doc)
    assert again == first
    assert again.created_at.tzinfo is shanghai


def test_documents_with_fields_missing_or_unexpected_decode_as_before() -> None:
    """Every sample decodes from its fields in any order, without its defaulted fields, and an
    enum value or a field type out of place is a CodecError naming the entity."""
    for item in SAMPLES:
        doc = encode(item)
        assert decode(type(item), dict(reversed(doc.items()))) == item
    report = encode(f.report())
    bare = {k: v for k, v in report.items() if k in {"id", "team_id", "measure_id", "author_id",
                                                     "status", "created_at"}}  # fmt: skip
    assert decode(Report, bare) == decode(Report, {**bare, "late": False, "attachments": []})
    with pytest.raises(CodecError, match="Report"):
        decode(Report, {**report, "status": ["on_track"]})
    with pytest.raises(CodecError, match="Report"):
        decode(Report, {k: v for k, v in report.items() if k != "measure_id"})


def test_a_class_with_its_own_init_or_post_init_is_built_through_it() -> None:
    """The decoder sets fields directly only for a dataclass whose __init__ is the generated
    one: a __post_init__ or an __init__ of the class's own still runs."""

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        id: str
        size: int = 0

        def __post_init__(self) -> None:
            if self.size < 0:
                raise ValueError("negative size")

    assert decode(Checked, {"id": "a", "size": 2}) == Checked("a", 2)
    with pytest.raises(CodecError, match="negative size"):
        decode(Checked, {"id": "a", "size": -1})

    @dataclasses.dataclass(frozen=True, slots=True)  # its own __init__ is kept
    class Upper:
        id: str

        def __init__(self, id: str) -> None:
            object.__setattr__(self, "id", id.upper())

    assert decode(Upper, {"id": "a"}).id == "A"


def _log_text(value: Any) -> str:
    """The text the log wrote of a value before ``encode_json`` (``json`` over ``encode``)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("item", SAMPLES, ids=lambda item: type(item).__name__)
def test_json_text_of_every_entity_is_that_of_its_document(item: Any) -> None:
    """``encode_json`` gives exactly the text ``json`` makes of ``encode``'s document."""
    assert encode_json(item) == _log_text(encode(item))


def test_json_text_of_unusual_values_is_that_of_their_document() -> None:
    """Values not of their field's exact type (a flag in a number, an enum in a text, a
    fixed-offset or UTC stamp, None in a required field, odd floats) give the same text."""
    odd = [
        f.report(progress=True, team_id=ReportStatus.BEHIND, status=None, measure_id='"\\\n\x00'),
        f.report(created_at=datetime(2025, 1, 1, tzinfo=timezone(timedelta(hours=-5)))),
        f.report(created_at=datetime(2025, 1, 1, tzinfo=UTC), edited_at=f.at(3)),
        f.report(indicator_values=(("a", float("nan")), ("b", -0.0), ("c", 1e300), ("d", 7))),
        f.report(author_id=None, late=1, attachments=["x"], source_chat_id=2**70),  # type: ignore[arg-type]
        f.entry(detail={"n": None, "f": 0.1, "b": False, "s": "文\t"}, team_id=None),
        f.entry(detail={}),
    ]
    for item in odd:
        assert encode_json(item) == _log_text(encode(item))


@given(
    created_at=aware,
    edited_at=st.none() | aware,
    status=st.none() | st.sampled_from(ReportStatus),
    values=st.lists(st.tuples(text, st.floats()), max_size=4),
    progress_text=st.none() | st.text(),
    attachments=st.lists(text, max_size=3),
    source=st.none() | st.integers(),
)
def test_json_text_of_any_report_is_that_of_its_document(
    created_at: datetime,
    edited_at: datetime | None,
    status: ReportStatus | None,
    values: list[tuple[str, float]],
    progress_text: str | None,
    attachments: list[str],
    source: int | None,
) -> None:
    """Reports with arbitrary stamps, zones, texts (control characters, quotes, any script)
    and numbers give exactly the text of their document."""
    report = f.report(
        created_at=created_at,
        edited_at=edited_at,
        status=status,
        indicator_values=tuple(values),
        progress_text=progress_text,
        attachments=tuple(attachments),
        source_message_id=source,
    )
    assert encode_json(report) == _log_text(encode(report))
