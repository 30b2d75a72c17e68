"""Chinese numerals as used in plan numbering and dates (一 … 九十九, 〇 for dates)."""

from __future__ import annotations

_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CIRCLED_START = 0x2460  # ①
_PAREN_DIGIT_START = 0x2474  # ⑴
_DOT_DIGIT_START = 0x2488  # ⒈


def cn_to_int(text: str) -> int | None:
    """Value of a small Chinese or Arabic numeral, or None if it is not one.

    Handles 一 … 九十九 and 一百 … 九百九十九 in the usual written forms, and digit-by-digit
    forms such as 二〇二四.
    """
    if not text:
        return None
    if text.isdecimal():
        return int(text)
    if text.isascii():
        return None
    if all(ch in _DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def enclosed_number(ch: str) -> tuple[str, int] | None:
    """Kind and value of an enclosed numeral.

    ① → ("circled", 1), ⑴ → ("paren", 1), ⒈ → ("dot", 1); None for any other character.
    """
    code = ord(ch)
    for kind, start in (
        ("circled", _CIRCLED_START),
        ("paren", _PAREN_DIGIT_START),
        ("dot", _DOT_DIGIT_START),
    ):
        if start <= code < start + 20:
            return kind, code - start + 1
    return None


def int_to_cn(value: int) -> str:
    """Chinese numeral for 1 … 99, as used in 一、 and （一） markers."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    tens, ones = divmod(value, 10)
    head = "" if tens == 1 else digits[tens]
    return head + "十" + (digits[ones] if ones else "")
