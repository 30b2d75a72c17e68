"""The corpus scorer follows the corpus conventions."""

from __future__ import annotations

import pytest

from tests.importer.scoring import deadline_match, owner_tokens, title_match


@pytest.mark.parametrize(
    ("expected", "got", "matched"),
    [
        ("拓展两个市场", "拓展两个市场", True),
        (
            "地区生产总值增长5%左右,争取实现更好的发展",
            "地区生产总值增长5％左右，争取实现更好的发展",
            True,
        ),
        (
            "以规模养殖场为重点，以建立种养循环发展机制为核心，逐步实现畜禽粪污就近就地综合利用",
            "以规模养殖场为重点，以建立种养循环发展机制为核心…",
            True,
        ),
        ("以规模养殖场为重点，以建立种养循环发展机制为核心", "以规模养殖场为重点…", False),
        ("拓展两个市场", "促进内销便利", False),
    ],
)
def test_title_match(expected: str, got: str, matched: bool) -> None:
    """Titles match without punctuation; a "…" title only when it keeps 15+ leading chars."""
    assert title_match(expected, got) is matched


def test_owner_and_deadline_matching() -> None:
    """One shared unit is enough for an owner; deadlines match when one contains the other."""
    assert owner_tokens("税务总局、财政部、海关总署负责") & owner_tokens("海关总署")
    assert not owner_tokens("县水务局") & owner_tokens("县住建局")
    assert deadline_match("5月底前", {"deadline": {"raw": "5月底前动工"}})
    assert not deadline_match("5月底前", {"deadline": {"raw": None}})
