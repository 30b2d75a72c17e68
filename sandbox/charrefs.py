"""HTML character references as Telegram's HTML parse mode decodes them."""

from __future__ import annotations

#: The only named references Telegram supports.
NAMED_CHARS = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def decode_char_reference(text: str, index: int) -> tuple[str | None, int]:
    """Decode ``&lt;``/``&#60;``/``&#x3c;`` at ``text[index]``; ``(None, index)`` if it isn't one.

    As in TDLib the closing ``;`` is optional and only lt, gt, amp and quot are named.
    """
    end = index + 1
    if text[end : end + 1] == "#":
        end += 1
        hexadecimal = text[end : end + 1] in ("x", "X")
        end += hexadecimal
        digits = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
        start = end
        while end < len(text) and text[end] in digits:
            end += 1
        if end == start:
            return None, index
        code = int(text[start:end], 16 if hexadecimal else 10)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None, index
        decoded = chr(code)
    else:
        start = end
        while end < len(text) and text[end].isascii() and text[end].isalpha():
            end += 1
        if text[start:end] not in NAMED_CHARS:
            return None, index
        decoded = NAMED_CHARS[text[start:end]]
    if text[end : end + 1] == ";":
        end += 1
    return decoded, end
