"""Reading what an owner types to ask for more time, and what a lead types for an instruction."""

from __future__ import annotations

from datetime import date

import pytest

from bot.services.closeout.extension_input import parse_ask
from bot.services.common.errors import InvalidInput
from bot.services.plans.instruction_input import parse_source, title_of

TODAY = date(2024, 10, 8)


@pytest.mark.parametrize(
    ("text", "deadline", "reason"),
    [
        ("2027-03-31 设备到货推迟", date(2027, 3, 31), "设备到货推迟"),
        ("3月31日，设备到货推迟", date(2025, 3, 31), "设备到货推迟"),
        ("12月31日 资金未到位", date(2024, 12, 31), "资金未到位"),
        ("3/31 equipment late", date(2025, 3, 31), "equipment late"),
        ("2025年1月15日：需省级审批", date(2025, 1, 15), "需省级审批"),
        ("11-30 土地报批", date(2024, 11, 30), "土地报批"),
    ],
)
def test_deadline_then_reason(text: str, deadline: date, reason: str) -> None:
    """The date comes first in any of the forms; a day without a year that has passed this
    year is next year's; the rest is the reason."""
    ask = parse_ask(text, TODAY)
    assert (ask.deadline, ask.reason) == (deadline, reason)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("设备到货推迟", "err.extension_date"),
        ("2024-12-31", "err.extension_reason"),
        ("13月40日 理由", "err.date_invalid"),
    ],
)
def test_missing_date_or_reason_is_refused(text: str, code: str) -> None:
    """No date first, no reason, or an impossible date: refused with the matching message."""
    with pytest.raises(InvalidInput) as caught:
        parse_ask(text, TODAY)
    assert caught.value.code == code


def test_labelled_lines_set_fields_and_the_rest_is_the_text() -> None:
    """批示人, 日期, 时限 and 会议 lines are fields; other lines are the text, in order."""
    found = parse_source(
        "批示人：李书记\n请县发改委牵头。\n日期：10月5日\n时限：12月31日\n会议：常务会议\n确保年底前完成。",
        TODAY,
    )
    assert found.given_by == "李书记"
    assert found.given_at == date(2024, 10, 5)
    assert (found.deadline, found.deadline_raw) == (date(2024, 12, 31), "12月31日")
    assert found.meeting == "常务会议"
    assert found.text == "请县发改委牵头。\n确保年底前完成。"


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("请于11月底前完成排查整改。", date(2024, 11, 30)),
        ("Deadline: 12/15\nFix it.", date(2024, 12, 15)),
        ("时限：年底前\n抓好落实。", date(2024, 12, 31)),
        ("长期坚持，常抓不懈。", None),
    ],
)
def test_deadline_labelled_or_in_the_text(text: str, deadline: date | None) -> None:
    """A labelled deadline in any form, else a deadline phrase in the text, else none."""
    assert parse_source(text, TODAY).deadline == deadline


def test_an_instruction_date_is_never_in_the_future() -> None:
    """A day without a year later than today is last year's (an instruction already given)."""
    assert parse_source("日期：12月20日\n抓紧办理", TODAY).given_at == date(2023, 12, 20)


def test_title_is_the_first_clause_shortened() -> None:
    """The title is the text's first sentence, at most 40 characters."""
    assert title_of("加快园区污水管网改造。要倒排工期。") == "加快园区污水管网改造"
    long = title_of("一" * 50)
    assert len(long) == 40
    assert long.endswith("…")
