"""Deadlines: raw phrase and the date it means."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.importer.deadlines import find_deadline, parse_deadline
from bot.importer.model import Deadline

ISSUED = dt.date(2024, 1, 15)


@pytest.mark.parametrize(
    ("text", "raw", "date"),
    [
        ("2024年6月底前完成", "2024年6月底前", dt.date(2024, 6, 30)),
        ("年底前完成", "年底前", dt.date(2024, 12, 31)),
        ("6月30日前完成", "6月30日前", dt.date(2024, 6, 30)),
        ("2019年2月底前出台", "2019年2月底前", dt.date(2019, 2, 28)),
        ("2024年第三季度完成", "2024年第三季度", dt.date(2024, 9, 30)),
        ("（一季度）", "一季度", dt.date(2024, 3, 31)),
        ("上半年完成", "上半年", dt.date(2024, 6, 30)),
        ("2019年上半年完成", "2019年上半年", dt.date(2019, 6, 30)),
        ("下半年完成", "下半年", dt.date(2024, 12, 31)),
        ("年内完成", "年内", dt.date(2024, 12, 31)),
        ("2018年底前完成", "2018年底前", dt.date(2018, 12, 31)),
        ("十二月底前完成", "十二月底前", dt.date(2024, 12, 31)),
        ("6月前完成", "6月前", dt.date(2024, 5, 31)),
        ("9月中旬完成", "9月中旬", dt.date(2024, 9, 20)),
        ("到2025年，基本建成", "到2025年", dt.date(2025, 12, 31)),
        ("印发之日起30日内完成", "印发之日起30日内", dt.date(2024, 2, 14)),
        ("自印发之日起3个月内", "印发之日起3个月内", dt.date(2024, 4, 15)),
        ("（长期坚持）", "长期坚持", None),
        ("（每季度）", "每季度", None),
        ("2024年9月30日前完成", "2024年9月30日前", dt.date(2024, 9, 30)),
    ],
)
def test_find_deadline(text: str, raw: str, date: dt.date | None) -> None:
    """Each common deadline phrase keeps its raw text and resolves to the right date."""
    assert find_deadline(text, year=2024, issued=ISSUED) == Deadline(raw, date)


def test_first_stated_deadline_wins() -> None:
    """When several deadlines are named, the first stated is the item's deadline."""
    text = "2019年底前完成试点；2020年6月底前全面推开，年内总结。"
    assert find_deadline(text, year=2019) == Deadline("2019年底前", dt.date(2019, 12, 31))


@pytest.mark.parametrize(
    "text",
    [
        "本政策有效期为2019年1月1日至12月31日。",
        "执行期限2019年1月1日至2021年12月31日",
        "自2019年1月1日起施行。",
        "补贴标准自2024年3月起执行",
        "2023年7月—2024年6月开展试点",
        "有效期至2025年12月31日",
    ],
)
def test_periods_are_not_deadlines(text: str) -> None:
    """Validity periods and effective-from dates say when a policy applies, not a deadline."""
    assert find_deadline(text, year=2024) == Deadline()


def test_a_deadline_after_a_period_is_found() -> None:
    """A real deadline in the same text as a validity period is still read."""
    text = "政策执行期为2024年1月1日至12月31日，2024年3月底前出台细则。"
    assert find_deadline(text, year=2024) == Deadline("2024年3月底前", dt.date(2024, 3, 31))


@pytest.mark.parametrize(
    "text",
    [
        "把主基调长期坚持下去",
        "每季度通报一次进展",
        "五年内建成",
        "6月份召开会议",
        "2024年以来成效明显",
        "3个月内",
    ],
)
def test_phrases_that_are_not_deadlines(text: str) -> None:
    """Cadence and durations inside a sentence, and bare months, are not deadlines."""
    assert find_deadline(text, year=2024, issued=None) == Deadline()


def test_relative_deadlines_without_a_year_keep_only_text() -> None:
    """年底前 with no known plan year keeps its text and has no date."""
    assert find_deadline("年底前完成", year=None) == Deadline("年底前", None)
    relative = find_deadline("印发之日起30日内", year=2024, issued=None)
    assert relative == Deadline("印发之日起30日内")


def test_labelled_deadline_wins_over_the_text() -> None:
    """A 完成时限： label gives the deadline even when other dates appear."""
    text = "2023年已完成一期。完成时限：2024年12月底前"
    assert find_deadline(text, year=2024) == Deadline("2024年12月底前", dt.date(2024, 12, 31))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("6月", Deadline("6月", dt.date(2024, 6, 30))),
        ("2025年", Deadline("2025年", dt.date(2025, 12, 31))),
        ("每季度", Deadline("每季度", None)),
        ("长期坚持", Deadline("长期坚持", None)),
        ("2024-06-30", Deadline("2024-06-30", dt.date(2024, 6, 30))),
        ("2024.6", Deadline("2024.6", dt.date(2024, 6, 30))),
        (
            "6月底前开工，12月底前完工",
            Deadline("6月底前开工，12月底前完工", dt.date(2024, 12, 31)),
        ),
        ("  ", Deadline()),
    ],
)
def test_parse_deadline_cells(cell: str, expected: Deadline) -> None:
    """A deadline cell keeps its whole text; bare months and years are accepted there."""
    assert parse_deadline(cell, year=2024) == expected


@pytest.mark.parametrize(
    ("cell", "date"),
    [
        ("2025年3月—4月", dt.date(2025, 4, 30)),
        ("2025年3月至6月", dt.date(2025, 6, 30)),
        ("3月-9月", dt.date(2024, 9, 30)),
        ("2024年11月至2025年2月", dt.date(2025, 2, 28)),
        ("2024年3月1日至3月15日", dt.date(2024, 3, 15)),
    ],
)
def test_a_cell_holding_a_stretch_of_time_is_due_at_its_end(cell: str, date: dt.date) -> None:
    """A 时间安排 cell of a range (``2025年3月—4月``) keeps its text and is due when it ends."""
    assert parse_deadline(cell, year=2024) == Deadline(cell, date)


def test_invalid_dates_are_ignored() -> None:
    """An impossible date such as 2月30日 keeps no date instead of failing."""
    assert find_deadline("2月30日前完成", year=2024).date is None


def test_a_date_before_the_plan_year_is_a_reference() -> None:
    """A past date named first refers to earlier work; the plan year's date is the deadline."""
    text = "对照2023年12月底前排查的问题清单，2024年6月底前完成整改。"
    assert find_deadline(text, year=2024) == Deadline("2024年6月底前", dt.date(2024, 6, 30))


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("完成一季度地区生产总值核算数据评估，4月20日前报市统计局。", "4月20日前"),
        ("完成上半年住户收支调查记账户轮换工作，6月25日前完成新户选取。", "6月25日前"),
        ("筹备上半年经济形势分析会，形成分析报告。", None),
        ("紧盯重大项目，力促三季度开工率100%。", None),
    ],
)
def test_a_period_that_qualifies_a_noun_is_no_deadline(text: str, raw: str | None) -> None:
    """一季度地区生产总值 and 上半年经济形势 name what the work is about, not when it is due."""
    assert find_deadline(text, year=2025).raw == raw


@pytest.mark.parametrize(
    "text", ["上半年完成", "力争一季度开工", "第三季度，全面推开", "2025年上半年建成投用"]
)
def test_a_period_that_says_when_work_is_due_stays_a_deadline(text: str) -> None:
    """A bare 上半年/一季度 followed by a completion verb or a pause is still the deadline."""
    assert find_deadline(text, year=2025).date is not None


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("新建公办幼儿园3所，秋季开学前投入使用。", "秋季开学前"),
        ("完成大坝除险加固，主汛期前具备蓄水条件。", "主汛期前"),
        ("春节前发放到位。", "春节前"),
        ("县林业局要在清明节前完成隔离带清理。", "清明节前"),
    ],
)
def test_a_limit_set_by_an_event_is_kept_as_stated(text: str, raw: str) -> None:
    """秋季开学前, 汛期前, 春节前 are time limits with no calendar date: kept as text."""
    assert find_deadline(text, year=2025) == Deadline(raw, None)


def test_a_date_that_recurs_every_year_has_no_date() -> None:
    """``每年1月31日前公开`` is a standing rule: kept as text, with no one date."""
    deadline = find_deadline("各机关应当于每年1月31日前公开上年度数据。", year=2018)
    assert (deadline.raw, deadline.date) == ("1月31日前", None)


@pytest.mark.parametrize(
    ("text", "raw", "date"),
    [
        ("于2025年6月完成改造。", "2025年6月", dt.date(2025, 6, 30)),
        ("6月份完成选址。", "6月份", dt.date(2025, 6, 30)),
        ("力争2025年10月投入使用。", "2025年10月", dt.date(2025, 10, 31)),
        ("2024年6月完成了改造，效果良好。", None, None),
        ("5月开展宣传月活动。", None, None),
    ],
)
def test_a_month_with_the_work_done_in_it_is_a_deadline(
    text: str, raw: str | None, date: dt.date | None
) -> None:
    """``2025年6月完成`` and ``9月投入使用`` set a deadline; ``完成了`` and ``5月开展`` do not."""
    assert find_deadline(text, year=2025) == Deadline(raw, date)


def test_a_month_of_the_next_year_falls_in_the_next_year() -> None:
    """``次年3月底前`` in a 2025 plan is 31 March 2026, kept with its 次年."""
    assert find_deadline("次年3月底前完成验收。", year=2025) == Deadline(
        "次年3月底前", dt.date(2026, 3, 31)
    )


def test_a_year_frame_yields_to_the_limit_stated_after_it() -> None:
    """``年内新建200座，10月底前完成验收``: the deadline is 10月底前; 年内 alone stays 年内."""
    both = find_deadline("推进农村改厕，年内新建户用卫生厕所200座，10月底前完成验收。", year=2025)
    assert both == Deadline("10月底前", dt.date(2025, 10, 31))
    alone = find_deadline("年内培训二级社会体育指导员150名。", year=2025)
    assert alone == Deadline("年内", dt.date(2025, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "推进交易平台整合共享。（县公共资源交易中心牵头，体改股配合；2025年10月）",
            Deadline("2025年10月", dt.date(2025, 10, 31)),
        ),
        ("编制产业规划。（产业股负责，9月）", Deadline("9月", dt.date(2025, 9, 30))),
        ("完成验收。（县水利局负责；2025.11.20）", Deadline("2025.11.20", dt.date(2025, 11, 20))),
        ("召开动员会（2025年10月）", Deadline()),
        ("2025年10月，县里召开了动员会。（县委办负责）", Deadline()),
    ],
)
def test_a_bare_date_closing_an_owner_note_is_the_time_limit(
    text: str, expected: Deadline
) -> None:
    """A month or date standing as the last clause of a note is the limit; alone in a bracket
    or in running text a bare month is no deadline."""
    assert find_deadline(text, year=2025) == expected


@pytest.mark.parametrize(
    ("text", "raw", "date"),
    [
        (
            "办理时限：收到通知后15个工作日内\n反馈时间：2025年4月18日前",
            "2025年4月18日前",
            dt.date(2025, 4, 18),
        ),
        (
            "办理时限：2025年4月30日前办结\n反馈时间：2025年5月6日前",
            "2025年4月30日前办结",
            dt.date(2025, 4, 30),
        ),
        ("办理时限：持续整治\n反馈时间：每月25日前报送进展情况", "持续整治", None),
    ],
)
def test_a_processing_limit_yields_to_the_feedback_date(
    text: str, raw: str, date: dt.date | None
) -> None:
    """The first labelled limit with a date is the deadline: 15个工作日内 yields to 反馈时间."""
    assert find_deadline(text, year=2025) == Deadline(raw, date)
