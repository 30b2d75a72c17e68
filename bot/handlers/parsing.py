"""Small helpers that take command arguments apart (words in, plain values out)."""

from __future__ import annotations

from collections.abc import Sequence


def split_args(args: Sequence[str] | None, count: int) -> list[str | None]:
    """The first ``count - 1`` words, then the rest joined by spaces; missing ones are None.

    ``split_args(["张三", "县", "发改委"], 2) == ["张三", "县 发改委"]``.
    """
    words = list(args or [])
    head: list[str | None] = list(words[: count - 1])
    rest = " ".join(words[count - 1 :]) or None
    head += [None] * (count - 1 - len(head))
    return [*head, rest]


def command_args(text: str) -> list[str]:
    """The words after a command (``/closeout 3 已完成`` → ``["3", "已完成"]``)."""
    return text.split()[1:]


def command_rest(text: str) -> str | None:
    """Everything after a command, line breaks kept (None when nothing follows)."""
    parts = text.split(maxsplit=1)
    return parts[1].strip() or None if len(parts) > 1 else None


def command_name(text: str) -> str | None:
    """The command a text starts with, without ``/`` or ``@bot`` (None if not a command)."""
    words = text.split(maxsplit=1)
    if not words or not words[0].startswith("/"):
        return None
    return words[0][1:].split("@", 1)[0].lower() or None


def first_arg(args: Sequence[str] | None) -> str | None:
    """The first argument, if any."""
    return args[0] if args else None


def page_number(text: str | None) -> int:
    """A page number from free text (0 when absent or not a number)."""
    return int(text) if text and text.isdigit() and len(text) < 6 else 0
