"""Inline button presses waiting for the bot's ``answerCallbackQuery``."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from sandbox.errors import QUERY_TOO_OLD, bad_request


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot answered to a button press (the toast or alert the user sees)."""

    text: str | None = None
    show_alert: bool = False
    url: str | None = None
    cache_time: int = 0


class CallbackBoard:
    """Open callback queries by id; each can be answered once."""

    def __init__(self) -> None:
        self._answers: dict[str, CallbackAnswer | None] = {}
        self._numbers = itertools.count(1)

    def open(self, user_id: int) -> str:
        """A fresh callback query id for a press by ``user_id``."""
        query_id = f"{user_id}{next(self._numbers):08d}"
        self._answers[query_id] = None
        return query_id

    def answer(self, query_id: str, answer: CallbackAnswer) -> None:
        """Record the bot's answer; an unknown or already answered id is a 400 like Telegram's."""
        if query_id not in self._answers or self._answers[query_id] is not None:
            raise bad_request(QUERY_TOO_OLD)
        self._answers[query_id] = answer

    def expire(self, query_id: str) -> None:
        """Let a press grow too old to answer (Telegram allows about 15 s; a bot handling it
        after a restart is late): its answer is refused with 400 "query is too old"."""
        self._answers.pop(query_id, None)

    def answer_of(self, query_id: str) -> CallbackAnswer | None:
        """The answer so far, or ``None``."""
        return self._answers.get(query_id)

    @property
    def unanswered(self) -> int:
        """Presses the bot has not answered yet."""
        return sum(1 for answer in self._answers.values() if answer is None)
