"""The offline rules for vague and repeated update texts (bot.rhythm.substance)."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.rhythm.substance import (
    SIMILAR,
    Flag,
    concrete,
    judge,
    normalise,
    repeated,
    similar,
    vague,
)

VAGUE = [
    "正在推进",
    "有序推进中",
    "按计划进行",
    "稳步推进，持续跟进",
    "积极对接中",
    "工作正在有序推进，各项工作稳步开展",
    "持续推进，确保按期完成",
    "正在推进，争取早日完成",
    "千方百计推进",
    "in progress",
    "Ongoing.",
    "work is ongoing as planned",
    "On track, continuing to push forward",
]
NOT_VAGUE = [
    "完成3个村的摸底",
    "已完成三个村的摸底",
    "完成进度60%",
    "十一月二十日召开推进会",
    "已签订合同",
    "主体已封顶",
    "到位资金1.2亿元",
    "本周走访企业五家",
    "与县交通局对接了施工图纸的审查意见，需补充地勘报告",
    "Surveyed 3 villages",
    "Contract signed with the builder",
    "Site meeting on Nov 20",
    "Meeting with the contractor about site access",
]


@pytest.mark.parametrize("text", VAGUE)
def test_stock_phrases_without_numbers_dates_or_outcomes_are_vague(text: str) -> None:
    """Stock phrases that only say work goes on are vague, in Chinese and English."""
    assert vague(text)
    assert judge(text) is Flag.VAGUE


@pytest.mark.parametrize("text", NOT_VAGUE)
def test_updates_with_a_number_a_date_an_outcome_or_enough_detail_are_not_vague(
    text: str,
) -> None:
    """A number, a date, a quantity, an outcome word or a specific sentence is not vague."""
    assert not vague(text)
    assert judge(text) is None


@pytest.mark.parametrize("text", ["完成3个村的摸底", "三个村", "11月20日", "60%", "signed"])
def test_concrete_signals_are_recognised(text: str) -> None:
    """Digits, Chinese quantities, dates, percentages and outcome words make a text concrete."""
    assert concrete(text)


def test_a_promise_to_finish_is_not_an_outcome() -> None:
    """确保按期完成 promises; it does not report anything done."""
    assert not concrete("确保按期完成")
    assert concrete("已按期完成")


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("本周完成3个村的摸底", "本周完成3个村的摸底。"),
        ("Surveyed 3 villages", "surveyed 3 villages!"),
        ("正在推进项目前期工作，协调用地指标", "正在推进项目前期工作,协调用地指标。"),
    ],
)
def test_nearly_the_same_words_as_last_time_are_repeated(text: str, previous: str) -> None:
    """Punctuation, case and spacing do not make an update new."""
    assert repeated(text, previous)
    assert judge(text, previous) is Flag.REPEATED


def test_new_words_are_not_a_repeat() -> None:
    """A concrete update that says something new is neither repeated nor vague."""
    assert judge("本周完成5个村的摸底，下周完成其余3个村", "本周完成2个村的摸底") is None


def test_no_words_are_never_flagged() -> None:
    """A status tap (no text) or punctuation only is not judged."""
    assert judge(None) is None
    assert judge("  。！") is None
    assert judge("", "正在推进") is None


def test_normalise_folds_width_case_and_punctuation() -> None:
    """Full-width digits and letters fold; spaces and punctuation go."""
    assert normalise("完成３个村， ＯＫ！") == "完成3个村ok"


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="推进完成摸底村个3a", max_size=30),
    st.text(alphabet="推进完成摸底村个3a", max_size=30),
)
def test_similar_is_the_matchers_ratio_with_its_bounds(now: str, before: str) -> None:
    """The bounds worked out without a matcher decide as SequenceMatcher's own three do."""
    matcher = SequenceMatcher(None, now, before, autojunk=False)
    expected = bool(now and before) and (
        now == before
        or (
            matcher.real_quick_ratio() >= SIMILAR
            and matcher.quick_ratio() >= SIMILAR
            and matcher.ratio() >= SIMILAR
        )
    )
    assert similar(now, before) is expected
