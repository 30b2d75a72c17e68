"""How typed names are matched."""

from __future__ import annotations

from bot.domain.names import name_key


def test_names_match_whatever_their_spacing_and_case() -> None:
    """Spaces (full-width ones too) and letter case do not tell two names apart."""
    assert name_key(" 牵头\u3000单位 ") == name_key("牵头单位")
    assert name_key("GDP 增速") == name_key("gdp增速")


def test_different_names_stay_different() -> None:
    """Folding spaces and case does not merge names that differ in their characters."""
    assert name_key("牵头单位") != name_key("责任单位")
