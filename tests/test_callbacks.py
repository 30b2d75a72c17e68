"""The callback-data codec: round trips, the 64-byte limit, and refusing anything forged."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import callbacks as cb
from bot.domain.plan import SourceKind
from bot.domain.work import ReportStatus

LONGEST_ID = "m" + "z" * 39  # the codec's maximum id length: 40 characters
# Measure ids come from the importer (short, stable); other ids are ``new_id`` (9 characters).
# The limit is asserted for measure ids up to 24 characters and other ids up to 16.
LONG_MEASURE = "m" + "z" * 23
LONG_ID = "r" + "z" * 15

SAMPLES: list[cb.CallbackData] = [
    cb.SetLanguage("en"),
    cb.Acknowledge("m3f2a9k1q"),
    cb.AcknowledgeListed("m3f2a9k1q"),
    cb.AcknowledgeBatch("tq3vw7xk2m", "bq3vw7xk2m"),
    cb.PickTask("m3f2a9k1q"),
    cb.SetStatus("m3f2a9k1q", ReportStatus.ON_TRACK),
    cb.SameAsLast("m3f2a9k1q"),
    cb.SetProgress("m3f2a9k1q", "r2b4c6d8e", 75),
    cb.AskProgress("m3f2a9k1q", "r2b4c6d8e"),
    cb.AskIndicator("m3f2a9k1q", "r2b4c6d8e", 2),
    cb.FinishReport("m3f2a9k1q", "r2b4c6d8e"),
    cb.ImportDecision("pv1234abcd", cb.Decision.YES),
    cb.PickSection(2),
    cb.PickMeasure(3, 1),
    cb.PickAssignee("m3f2a9k1q", cb.AssigneeKind.UNIT, 4),
    cb.Assign("m3f2a9k1q", cb.AssigneeKind.PERSON, "p7k2m9qra"),
    cb.AutoAssign(cb.AutoAssign.ALL),
    cb.RequestCloseout("m3f2a9k1q"),
    cb.DecideCloseout("c1234", cb.Decision.NO),
    cb.SubmitCloseout("m3f2a9k1q", cb.Decision.YES),
    cb.PromptAnswer("tabcdefgh.w20241007", "M3f2a", ReportStatus.BEHIND),
    cb.PromptSame("tabcdefgh.w20241007", "M3f2a"),
    cb.ReplyPick("qabcdefgh", "M3f2a"),
    cb.SettingsPick("prompt_day"),
    cb.SettingsSet("prompt_time", "0900"),
    cb.Page(cb.PageKind.HISTORY, 12, "m3f2a9k1q"),
    cb.Page(cb.PageKind.TASKS, 0),
    cb.Noop(),
    cb.RequestExtension("m3f2a9k1q"),
    cb.SubmitExtension("m3f2a9k1q", cb.Decision.NO),
    cb.DecideExtension("x2b4c6d8e", cb.Decision.YES),
    cb.SubmitInstruction(SourceKind.MEETING, cb.Decision.YES),
]


#: What :data:`SAMPLES` encode to, in order: the bytes buttons already sent in chats carry.
WIRE = [
    "lang:en",
    "ack:m3f2a9k1q",
    "akl:m3f2a9k1q",
    "akb:tq3vw7xk2m:bq3vw7xk2m",  # the time-window form (team:since:until) has expired
    "rt:m3f2a9k1q",
    "r:m3f2a9k1q:on_track",
    "rs:m3f2a9k1q",
    "rp:m3f2a9k1q:r2b4c6d8e:75",
    "rc:m3f2a9k1q:r2b4c6d8e",
    "ri:m3f2a9k1q:r2b4c6d8e:2",
    "rf:m3f2a9k1q:r2b4c6d8e",
    "imp:pv1234abcd:y",
    "as:2",
    "am:3:1",
    "ao:m3f2a9k1q:u:4",
    "ax:m3f2a9k1q:p:p7k2m9qra",
    "aa:all",
    "cq:m3f2a9k1q",
    "cd:c1234:n",
    "cs:m3f2a9k1q:y",
    "pa:tabcdefgh.w20241007:M3f2a:behind",
    "pl:tabcdefgh.w20241007:M3f2a",
    "rq:qabcdefgh:M3f2a",
    "sp:prompt_day",
    "sv:prompt_time:0900",
    "pg:h:12:m3f2a9k1q",
    "pg:t:0:-",
    "nop",
    "xq:m3f2a9k1q",
    "xs:m3f2a9k1q:n",
    "xd:x2b4c6d8e:y",
    "ic:meeting:y",
]


def test_encodings_are_unchanged() -> None:
    """Every kind still writes, and reads back, exactly the data its buttons already carry."""
    assert [cb.encode(sample) for sample in SAMPLES] == WIRE
    assert [cb.decode(raw) for raw in WIRE] == SAMPLES


@pytest.mark.parametrize("data", SAMPLES, ids=lambda d: type(d).__name__)
def test_round_trip(data: cb.CallbackData) -> None:
    """Every kind decodes back to what was encoded."""
    assert cb.decode(cb.encode(data)) == data


def test_every_kind_is_sampled() -> None:
    """The samples above cover every registered kind."""
    assert {type(sample) for sample in SAMPLES} == set(cb.KINDS)


def test_prefixes_are_unique_and_patterns_match_only_their_kind() -> None:
    """Handlers registered by pattern never catch another kind's buttons."""
    prefixes = [kind.PREFIX for kind in cb.KINDS]
    assert len(prefixes) == len(set(prefixes))
    for sample in SAMPLES:
        encoded = cb.encode(sample)
        matching = [k for k in cb.KINDS if re.match(cb.pattern(k), encoded)]
        assert matching == [type(sample)]


def test_longest_ids_fit_in_64_bytes() -> None:
    """The widest data of every kind, with the longest ids, stays within Telegram's limit."""
    widest: list[cb.CallbackData] = [
        cb.SetStatus(LONGEST_ID, ReportStatus.ON_TRACK),
        cb.SetProgress(LONG_MEASURE, LONG_ID, 100),
        cb.AskProgress(LONG_MEASURE, LONG_ID),
        cb.AskIndicator(LONG_MEASURE, LONG_ID, 999),
        cb.FinishReport(LONG_MEASURE, LONG_ID),
        cb.ImportDecision(LONGEST_ID, cb.Decision.YES),
        cb.PickMeasure(999_999, 999_999),
        cb.PickAssignee(LONGEST_ID, cb.AssigneeKind.PERSON, 999_999),
        cb.Assign(LONG_MEASURE, cb.AssigneeKind.PERSON, LONG_ID),
        cb.DecideCloseout(LONGEST_ID, cb.Decision.YES),
        cb.Page(cb.PageKind.REPORT_PICK, 999_999, LONG_MEASURE),
        cb.PromptAnswer("tabcdefgh.w20241007", "M3f2a9", ReportStatus.ON_TRACK),
        cb.SettingsSet("reminders", "on"),
        cb.AcknowledgeBatch(LONG_ID, LONG_ID),
    ]
    for data in widest:
        assert len(cb.encode(data).encode()) <= cb.MAX_BYTES


def test_a_sign_all_button_of_the_time_window_form_has_expired() -> None:
    """The first 签收全部 data (team, since, until) decodes to nothing, so such a button left in
    a chat is answered "this button has expired" and signs nothing."""
    assert cb.decode("akb:tq3vw7xk2m:1733450000:1733450012") is None
    batch = cb.AcknowledgeBatch("tq3vw7xk2m", "bq3vw7xk2m")
    assert cb.decode("akb:tq3vw7xk2m:bq3vw7xk2m") == batch


def test_assign_with_two_long_ids_is_refused_not_truncated() -> None:
    """Data that would pass 64 bytes raises instead of producing a broken button."""
    with pytest.raises(ValueError, match="64 bytes"):
        cb.encode(cb.Assign(LONGEST_ID, cb.AssigneeKind.UNIT, LONGEST_ID))


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "zz:1",
        "ack",
        "ack:",
        "ack:a:b",
        "ack:m1;drop",
        "r:m1:finished",
        "rp:m1:r1:-5",
        "rp:m1:r1:007",
        "ax:m1:q:p1",
        "pg:q:1",
        "imp:x:maybe",
        "nop:1",
        "ack:" + "a" * 70,
        b"ack:m1",
        "ack:m\u00e9",
    ],
)
def test_garbage_decodes_to_none(raw: object) -> None:
    """Forged, malformed or unknown data is recognised as nothing (the button has "expired")."""
    assert cb.decode(raw) is None


@given(st.text(max_size=80))
def test_decode_never_raises(raw: str) -> None:
    """Arbitrary strings never crash the decoder, and whatever decodes re-encodes identically."""
    data = cb.decode(raw)
    if data is not None:
        assert cb.encode(data) == raw


@pytest.mark.parametrize(
    "data",
    [cb.Acknowledge("has:colon"), cb.Acknowledge(""), cb.SetProgress("m1", "r1", -1)],
)
def test_malformed_fields_cannot_be_encoded(data: cb.CallbackData) -> None:
    """The encoder refuses ids with separators or out-of-range numbers."""
    with pytest.raises(ValueError, match="cannot be encoded"):
        cb.encode(data)
