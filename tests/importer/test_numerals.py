"""Chinese numerals used in numbering and dates."""

from __future__ import annotations

import pytest

from bot.importer.numerals import cn_to_int, enclosed_number, int_to_cn


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("一百零五", 105),
        ("二〇二四", 2024),
        ("12", 12),
        ("两", 2),
        ("甲", None),
        ("", None),
    ],
)
def test_cn_to_int(text: str, value: int | None) -> None:
    """Written and digit-by-digit Chinese numerals convert to integers."""
    assert cn_to_int(text) == value


@pytest.mark.parametrize("value", [1, 9, 10, 11, 20, 21, 99])
def test_int_to_cn_round_trips(value: int) -> None:
    """int_to_cn is the inverse of cn_to_int for 1 … 99."""
    assert cn_to_int(int_to_cn(value)) == value


def test_enclosed_numbers() -> None:
    """Circled, parenthesised and full-stop digits map to their kind and value."""
    assert enclosed_number("③") == ("circled", 3)
    assert enclosed_number("⑵") == ("paren", 2)
    assert enclosed_number("⒋") == ("dot", 4)
    assert enclosed_number("a") is None
