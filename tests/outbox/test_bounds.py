"""Property: whatever Telegram and the process do — 5xx, 429s, connections dropped before or
after the message was sent, the process dying with a request in flight — every keyed message
is delivered, and the repeats are never more than the responses lost in transit."""

from __future__ import annotations

import enum
import warnings
from collections import Counter
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import Chat
from telegram import Message as TgMessage
from telegram.error import NetworkError, RetryAfter
from telegram.warnings import PTBDeprecationWarning

from bot.domain.clock import ManualClock
from bot.outbox import Outbox, RetryPolicy
from bot.render import Message
from storage.memory import MemoryStore

TZ = ZoneInfo("Asia/Shanghai")
POLICY = RetryPolicy(attempts=3, base=0.0001, cap=0.0001)


class Draw(enum.Enum):
    """What happens to one request."""

    OK = "ok"
    SERVER_ERROR = "5xx"  # not sent
    DROP_BEFORE = "drop_before"  # not sent, the connection failed
    FLOOD = "429"  # not sent, try again after the wait
    DROP_AFTER = "drop_after"  # sent, the response lost: the client sees a network error
    DIE_BEFORE = "die_before"  # the process dies before the request left
    DIE_AFTER = "die_after"  # the process dies after Telegram sent it, before the response


class Died(BaseException):
    """The process was killed (nothing after this point of it runs)."""


class FlakyTelegram:
    """A Bot whose requests fail as drawn; counts what each chat really received."""

    def __init__(self, draws: list[Draw]) -> None:
        self.draws = draws
        self.received: Counter[str] = Counter()  # by text
        self.lost_responses = 0
        self._next_id = 0

    async def send_message(self, **kwargs: Any) -> TgMessage:
        draw = self.draws.pop(0) if self.draws else Draw.OK
        if draw is Draw.DIE_BEFORE:
            raise Died
        if draw in (Draw.SERVER_ERROR, Draw.DROP_BEFORE):
            raise NetworkError("Internal Server Error" if draw is Draw.SERVER_ERROR else "drop")
        if draw is Draw.FLOOD:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", PTBDeprecationWarning)
                raise RetryAfter(0)
        self.received[kwargs["text"]] += 1
        self._next_id += 1
        if draw is Draw.DROP_AFTER:
            self.lost_responses += 1
            raise NetworkError("connection dropped")
        if draw is Draw.DIE_AFTER:
            self.lost_responses += 1
            raise Died
        chat = Chat(kwargs["chat_id"], Chat.PRIVATE)
        return TgMessage(self._next_id, datetime(2025, 1, 1), chat, text=kwargs["text"])


@settings(max_examples=150, deadline=None)
@given(
    messages=st.integers(min_value=1, max_value=8),
    draws=st.lists(st.sampled_from(list(Draw)), max_size=40),
)
async def test_nothing_is_lost_and_repeats_are_bounded_by_lost_responses(
    messages: int, draws: list[Draw]
) -> None:
    """Keyed sends done again in full after each death (as a replayed update does), until one
    life confirms them all: every message arrives, and repeats ≤ responses lost in transit."""
    telegram = FlakyTelegram(list(draws))
    records = MemoryStore().sent  # the store survives the process
    clock = ManualClock(datetime(2025, 3, 6, 9, 0, tzinfo=TZ))
    texts = [f"提醒{number}" for number in range(messages)]
    finished = False
    for _life in range(len(draws) + messages + 2):
        outbox = Outbox(telegram, records, clock, policy=POLICY)  # type: ignore[arg-type]
        try:
            outcomes = [
                await outbox.send(number + 1, Message(text), key=f"u1:{number}")
                for number, text in enumerate(texts)
            ]
        except Died:
            continue  # the next start handles the update again
        if all(sent.ok for sent in outcomes):
            finished = True
            break
    assert finished
    assert all(telegram.received[text] >= 1 for text in texts)
    repeats = sum(telegram.received[text] - 1 for text in texts)
    assert repeats <= telegram.lost_responses


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([Draw.OK, Draw.SERVER_ERROR, Draw.DROP_BEFORE]), max_size=20))
async def test_without_lost_responses_nothing_is_repeated(draws: list[Draw]) -> None:
    """Failures before the message was sent only delay it: each arrives exactly once."""
    telegram = FlakyTelegram(list(draws))
    clock = ManualClock(datetime(2025, 3, 6, 9, 0, tzinfo=TZ))
    policy = RetryPolicy(attempts=30, base=0)
    outbox = Outbox(telegram, MemoryStore().sent, clock, policy=policy)  # type: ignore[arg-type]
    for number in range(5):
        assert (await outbox.send(number + 1, Message(f"提醒{number}"), key=f"p:{number}")).ok
    assert telegram.received == Counter({f"提醒{n}": 1 for n in range(5)})
