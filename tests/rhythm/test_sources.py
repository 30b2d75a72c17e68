"""Extended deadlines and task sources agree everywhere: the digest, the review and the ledger
read one task line, so a task's deadline, first deadline and source are the same in all three;
pending extension requests reach only the leads' digest; the review lists the month's meeting
decisions made tasks."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

from openpyxl import load_workbook

from bot.domain.plan import SourceKind, TaskSource
from bot.domain.work import Extension, ReportStatus
from bot.render.rhythm.digest import render_digest
from bot.render.rhythm.ledger import ledger_bytes
from bot.render.rhythm.review import render_monthly_review
from bot.rhythm.digest import weekly_digest
from bot.rhythm.review import monthly_review
from bot.rhythm.snapshot import TeamSnapshot
from tests.factories.office import window
from tests.factories.snapshots import assign, local, measure, person, report, snapshot

NOW = local(2024, 10, 14, 8, 30)
EXTENDED = measure(
    "m1", "建成智慧园区一期", deadline=date(2024, 9, 30), original_deadline=date(2024, 6, 30),
    extensions=1,
)  # fmt: skip
INSTRUCTED = measure(
    "m2", "园区污水管网改造", deadline=date(2024, 11, 30),
    source=TaskSource(SourceKind.INSTRUCTION, "请抓紧改造", "李书记", date(2024, 9, 20)),
)  # fmt: skip
DECIDED = measure(
    "m3", "校舍安全排查", deadline_raw="年底前",
    source=TaskSource(
        SourceKind.MEETING, "排查校舍", meeting="常务会议", given_at=date(2024, 10, 9)
    ),
)  # fmt: skip
OLD_DECISION = measure(
    "m4", "去年的决定", source=TaskSource(SourceKind.MEETING, "旧事", given_at=date(2024, 9, 2))
)
PENDING = Extension(
    "x1", "t1", "m2", "p1", local(2024, 10, 12, 10), date(2024, 12, 31), "材料未到货",
    old_deadline=date(2024, 11, 30),
)  # fmt: skip


def _snapshot() -> TeamSnapshot:
    tasks = (EXTENDED, INSTRUCTED, DECIDED, OLD_DECISION)
    return snapshot(
        people=[person("p1", "张三")],
        measures=tasks,
        assignments=[assign(m.id, "p1") for m in tasks],
        reports=[report(m.id, "p1", local(2024, 10, 11, 9), ReportStatus.BLOCKED) for m in tasks],
        extensions=[PENDING],
    )


def _ledger() -> dict[str, dict[str, object]]:
    sheet = load_workbook(BytesIO(ledger_bytes(_snapshot(), NOW))).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return {str(r[2]): dict(zip([str(h) for h in rows[0]], r, strict=True)) for r in rows[1:]}


def _day(value: object) -> date | None:
    return value.date() if isinstance(value, datetime) else None


def test_digest_review_and_ledger_agree_on_deadlines_and_sources() -> None:
    """For every task, the digest's line, the review's line and the ledger's row give the same
    deadline, first deadline, extension count and source."""
    digest = weekly_digest(_snapshot(), window(), NOW)
    review = monthly_review(_snapshot(), NOW)
    ledger = _ledger()
    names = {
        None: "工作计划",
        SourceKind.INSTRUCTION: "领导批示",
        SourceKind.MEETING: "会议决定事项",
    }
    assert {line.measure_id for line in digest.troubled} == {"m1", "m2", "m3", "m4"}
    for line in digest.troubled:
        (in_review,) = [r for r in review.red if r.measure_id == line.measure_id]
        row = ledger[line.title]
        assert (in_review.deadline, in_review.source) == (line.deadline, line.source)
        assert (in_review.original_deadline, in_review.extensions) == (
            line.original_deadline, line.extensions,
        )  # fmt: skip
        assert _day(row["完成时限"]) == line.deadline or row["完成时限"] == line.deadline_raw
        assert _day(row["原定时限"]) == line.original_deadline
        assert row["延期次数"] == line.extensions
        assert row["来源"] == names[line.source]
    extended = ledger["建成智慧园区一期"]
    assert (_day(extended["原定时限"]), extended["延期次数"]) == (date(2024, 6, 30), 1)


def test_marks_and_pending_requests_in_the_digest() -> None:
    """The digest marks 【批示】 and 【会议】 tasks; the leads' version lists the request
    awaiting a decision, the leaders' group's does not."""
    digest = weekly_digest(_snapshot(), window(), NOW)
    leads = "".join(render_digest(digest, "zh", "leads"))
    group = "".join(render_digest(digest, "zh", "group"))
    assert "【批示】园区污水管网改造" in leads
    assert "【会议】校舍安全排查" in group
    assert "延期申请待审批" in leads
    assert "/extensions" in leads  # where the leads decide them
    assert "现时限 2024年11月30日，申请延至 2024年12月31日" in leads
    assert "延期申请待审批" not in group
    assert "[Instruction] 园区污水管网改造" in "".join(render_digest(digest, "en", "leads"))


def test_review_lists_this_months_meeting_decisions() -> None:
    """会议决定事项落实情况 lists the decisions of meetings held this month, with their state;
    an earlier month's decision and an instruction are not listed."""
    review = monthly_review(_snapshot(), NOW)
    assert [line.measure_id for line in review.decisions] == ["m3"]
    text = "".join(render_monthly_review(review, "zh"))
    section = text.split("会议决定事项落实情况", 1)[1]
    assert "【会议】校舍安全排查" in section
    assert "受阻" in section
    assert "去年的决定" not in section
