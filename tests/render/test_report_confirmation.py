"""The confirmation of a report says exactly what was kept: no status claimed for a reply that
stated none, and one line for what was not understood."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.plan import Indicator, Measure
from bot.domain.work import Report, ReportStatus
from bot.render.common import answer_label
from bot.render.reports import render_report_saved
from bot.services.reporting.parsing import Unread
from bot.services.reporting.reports import ReportSaved

NOW = datetime(2024, 10, 17, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
MEASURE = Measure(
    "M1abc",
    "plan1",
    "提升教育质量",
    "新建幼儿园3所。",
    position=1,
    indicators=(Indicator("新建幼儿园", "个"),),
)
TEXT_ONLY = Report("r1", "t1", "M1abc", "p1", None, NOW, progress_text="本周新建幼儿园1所已开工")
UNIT_NOTE = Unread.of("indicator_unit", name="新建幼儿园", unit="个", example="新建幼儿园 1个")


def _text(saved: ReportSaved, lang: str = "zh") -> str:
    return render_report_saved(saved, lang, follow_up=False).text


def test_a_reply_without_a_status_shows_the_status_that_still_holds() -> None:
    """No status stated: the confirmation says the status is unchanged and which it is."""
    saved = ReportSaved(TEXT_ONLY, MEASURE, ("progress_text",), True, (), ReportStatus.BEHIND)
    text = _text(saved)
    assert "状态：未变（沿用上次：🟡 滞后）" in text
    assert "正常推进" not in text


def test_a_first_reply_without_a_status_claims_none() -> None:
    """No status stated and none before: 未报状态, never 正常推进."""
    text = _text(ReportSaved(TEXT_ONLY, MEASURE, ("progress_text",), True))
    assert "状态：▫️ 未报状态" in text
    assert "正常推进" not in text


def test_what_was_not_understood_is_one_line_saying_how_to_correct_it() -> None:
    """The first unread part in full, with how to correct it; others only counted."""
    saved = ReportSaved(TEXT_ONLY, MEASURE, ("progress_text",), True, (UNIT_NOTE,))
    line = (
        "⚠️ 指标「新建幼儿园」的数值未能识别（单位应为 个），已按文字保存；"
        "如需更正，请回复「新建幼儿园 1个」。"
    )
    lines = _text(saved).splitlines()
    assert line in lines
    assert "进展：本周新建幼儿园1所已开工" in lines
    two = ReportSaved(TEXT_ONLY, MEASURE, (), True, (UNIT_NOTE, Unread.of("text_cut", max=4000)))
    warned = [x for x in _text(two).splitlines() if x.startswith("⚠️")]
    assert warned == [line + "（另有 1 处未能识别，已按文字保存。）"]
    english = _text(saved, "en")
    assert "The value for “新建幼儿园” was not understood (it is counted in 个)" in english


def test_a_text_only_answer_is_labelled_as_such_in_lists() -> None:
    """In the prompt and the history, an answer with no status reads as text, not a status."""
    assert answer_label(TEXT_ONLY, "zh") == "📝 文字说明（未报状态）"
    assert answer_label(TEXT_ONLY, "en") == "📝 text only (no status stated)"


def test_a_long_unreadable_value_keeps_the_note_short() -> None:
    """A page typed where a percentage was asked is kept as text; the note quotes only a bit."""
    note = Unread.of("progress", value="主体工程已完成大半" * 200)
    saved = ReportSaved(TEXT_ONLY, MEASURE, ("progress_text",), False, (note,))
    (line,) = [x for x in _text(saved).splitlines() if x.startswith("⚠️")]
    assert len(line) < 100
    assert "…" in line
