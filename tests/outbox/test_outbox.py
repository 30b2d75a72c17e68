"""The outbox: long texts split, transient failures and flood waits retried, 403 reported,
confirmed sends recorded and never repeated."""

from __future__ import annotations

import asyncio
import warnings
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup
from telegram import Message as TgMessage
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.warnings import PTBDeprecationWarning

from bot.domain.clock import ManualClock
from bot.domain.delivery import Undelivered
from bot.domain.people import Unreachable
from bot.domain.ports import StoreUnavailable
from bot.outbox import Outbox, Outgoing, RetryPolicy, Sent, handling
from bot.outbox.retry import Failure, classify
from bot.render import Message
from storage.memory import MemoryStore

TZ = ZoneInfo("Asia/Shanghai")
QUICK = RetryPolicy(base=0.001, cap=0.002)


class FakeBot:
    """Records sends; raises the queued errors first."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.sent: list[dict[str, Any]] = []

    async def send_message(self, **kwargs: Any) -> TgMessage:
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append(kwargs)
        chat = Chat(kwargs["chat_id"], Chat.PRIVATE)
        return TgMessage(len(self.sent), datetime(2024, 1, 1), chat, text=kwargs.get("text"))

    async def edit_message_text(self, **kwargs: Any) -> TgMessage:
        return await self.send_message(**kwargs)

    async def send_document(self, **kwargs: Any) -> TgMessage:
        return await self.send_message(**kwargs)


def outbox(bot: FakeBot, policy: RetryPolicy = QUICK) -> Outbox:
    """An outbox over a memory store and a fixed clock."""
    clock = ManualClock(datetime(2024, 3, 7, 9, 0, tzinfo=TZ))
    return Outbox(bot, MemoryStore().sent, clock, policy=policy)  # type: ignore[arg-type]


def flood(seconds: int) -> RetryAfter:
    """A RetryAfter as PTB builds it (its constructor itself warns about the int wait)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        return RetryAfter(seconds)


KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="nop")]])


async def test_long_text_is_split_with_buttons_on_the_last_part() -> None:
    """A 10 000-character text goes out in parts; only the last carries the keyboard."""
    bot = FakeBot()
    text = "\n".join(f"第{n}行" + "字" * 50 for n in range(200))
    sent = await outbox(bot).send(1, Message(text, KEYBOARD))
    assert sent.ok
    assert len(bot.sent) > 1
    assert len(sent.message_ids) == len(bot.sent)
    assert all(part["reply_markup"] is None for part in bot.sent[:-1])
    assert bot.sent[-1]["reply_markup"] is KEYBOARD


@pytest.mark.parametrize(
    "error",
    [NetworkError("Internal Server Error"), NetworkError("Bad Gateway"), TimedOut(), flood(0)],
    ids=["500", "502", "timeout", "429"],
)
async def test_transient_failures_are_tried_again(error: Exception) -> None:
    """A 5xx, a timeout or a short flood wait: the message goes out on a later try."""
    bot = FakeBot(error, error)
    box = outbox(bot)
    sent = await box.send(1, Message("hi"))
    assert sent.ok
    assert len(bot.sent) == 1
    assert box.retries == 2


async def test_every_try_failing_reports_failure_without_raising() -> None:
    """Persistent 5xx: the policy's tries are used up, then the send reports failure."""
    bot = FakeBot(*[NetworkError("Bad Gateway")] * 3)
    sent = await outbox(bot, RetryPolicy(attempts=3, base=0.001, cap=0.001)).send(1, Message("x"))
    assert sent.failed
    assert not sent.ok
    assert bot.errors == []
    assert bot.sent == []


async def test_long_flood_wait_gives_up_without_raising() -> None:
    """A wait longer than the limit is not slept through; the send reports failure."""
    bot = FakeBot(flood(3600))
    sent = await outbox(bot).send(1, Message("hi"))
    assert sent.failed
    assert not sent.ok


async def test_forbidden_is_reported_not_raised() -> None:
    """A blocked bot (403) comes back as `forbidden` for the caller to record, never retried."""
    bot = FakeBot(Forbidden("Forbidden: bot was blocked by the user"), flood(0))
    sent = await outbox(bot).send(1, Message("hi"))
    assert sent.forbidden
    assert not sent.ok
    assert len(bot.errors) == 1  # not tried again


async def test_unchanged_edit_counts_as_done() -> None:
    """Editing a message to what it already says is not an error."""
    bot = FakeBot(BadRequest("Message is not modified: specified new message content ..."))
    assert await outbox(bot).edit(1, 2, Message("same"))


async def test_other_bad_requests_fail_quietly() -> None:
    """Any other 400 is logged and reported as a failed send, without a retry."""
    bot = FakeBot(BadRequest("Chat not found"), BadRequest("Chat not found"))
    assert (await outbox(bot).send(-100, Message("x"))).failed
    assert len(bot.errors) == 1


@pytest.mark.parametrize(
    "error", [BadRequest("Chat not found"), Forbidden("Forbidden: user is deactivated")]
)
async def test_a_person_whose_account_is_gone_is_unreachable(error: Exception) -> None:
    """A person's chat Telegram no longer knows (400 chat not found) or a deleted account (403
    user is deactivated) is reported as forbidden, like a block (the caller marks the person
    unreachable), with why: the chat is gone; tried once."""
    bot = FakeBot(error, error)
    sent = await outbox(bot).send(1, Message("x"))
    assert (sent.forbidden, sent.why) == (True, Undelivered.CHAT_NOT_FOUND)
    assert len(bot.errors) == 1


@pytest.mark.parametrize(
    ("error", "cause"),
    [
        (Forbidden("Forbidden: bot was blocked by the user"), Unreachable.BLOCKED),
        (Forbidden("Forbidden: user is deactivated"), Unreachable.DELETED),
        (BadRequest("Chat not found"), Unreachable.CHAT_NOT_FOUND),
        (
            Forbidden("Forbidden: bot can't initiate conversation with a user"),
            Unreachable.NOT_STARTED,
        ),
    ],
)
async def test_a_person_unreachable_says_why_as_telegram_did(
    error: Exception, cause: Unreachable
) -> None:
    """A person's chat refusing a send says why, as Telegram worded it (blocked, account
    deleted, chat not found, never started), so the mark and the lead's lines can name it."""
    sent = await outbox(FakeBot(error)).send(1, Message("x"))
    assert (sent.forbidden, sent.person_why) == (True, cause)


@pytest.mark.parametrize(
    ("error", "why"),
    [
        (BadRequest("Not enough rights to send text messages to the chat"), Undelivered.NO_RIGHTS),
        (BadRequest("Not enough rights to send photos to the chat"), Undelivered.NO_RIGHTS),
        (RetryAfter(600), Undelivered.SLOW),
        (BadRequest("Can't parse entities"), Undelivered.REFUSED),
    ],
)
async def test_a_group_send_refused_says_why_in_a_leads_terms(
    error: Exception, why: Undelivered
) -> None:
    """A leaders' group refusing a message says why: the bot may not post there (restricted),
    a wait longer than the bot keeps a send (slow mode), or the message itself refused."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        bot = FakeBot(error, error)
        sent = await outbox(bot).send(-100, Message("x"))
    assert (sent.failed, sent.forbidden, sent.why) == (True, False, why)


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (Forbidden("blocked"), Failure.FORBIDDEN),
        (BadRequest("Message is not modified"), Failure.UNCHANGED),
        (BadRequest("Chat not found"), Failure.PERMANENT),
        (TimedOut(), Failure.TRANSIENT),
        (NetworkError("Internal Server Error (500)"), Failure.TRANSIENT),
    ],
)
def test_errors_are_classified(error: Exception, kind: Failure) -> None:
    """Each Telegram error maps to what the outbox does about it."""
    assert classify(error) is kind  # type: ignore[arg-type]


def test_backoff_doubles_up_to_its_cap() -> None:
    """Waits grow exponentially (with jitter in the upper half) and stop growing at the cap."""
    policy = RetryPolicy(base=1.0, cap=4.0)
    waits = [policy.backoff(attempt) for attempt in (1, 2, 3, 4, 5)]
    assert 0.5 <= waits[0] <= 1.0
    assert 1.0 <= waits[1] <= 2.0
    assert all(2.0 <= wait <= 4.0 for wait in waits[3:])


async def test_a_keyed_send_confirmed_once_is_not_repeated() -> None:
    """The same key twice: Telegram gets one message, both calls see its id."""
    bot = FakeBot()
    box = outbox(bot)
    first = await box.send(1, Message("周调度"), key="prompt:c1:p1")
    again = await box.send(1, Message("周调度"), key="prompt:c1:p1")
    assert len(bot.sent) == 1
    assert first.message_ids == again.message_ids
    assert again.ok


async def test_a_failed_keyed_send_is_not_recorded() -> None:
    """Only what Telegram confirmed is recorded: a failed send is tried in full next time."""
    bot = FakeBot(BadRequest("Chat not found"))
    box = outbox(bot)
    assert not (await box.send(1, Message("x"), key="k")).ok
    assert box.records.get("k") is None
    assert (await box.send(1, Message("x"), key="k")).ok


async def test_sends_while_handling_an_update_are_keyed_by_it() -> None:
    """Handling update 42 again sends only what the first handling did not get confirmed."""
    bot = FakeBot()
    box = outbox(bot)
    with handling(42) as scope:
        await box.send(1, Message("已记录"))
    with handling(42) as again:
        await box.send(1, Message("已记录"))  # confirmed before: skipped
        await box.send(1, Message("第二条"))  # never sent before: goes out
    assert [m["text"] for m in bot.sent] == ["已记录", "第二条"]
    assert scope.keys == ["u42:1"]
    assert again.keys == ["u42:1", "u42:2"]


async def test_old_records_are_pruned() -> None:
    """Records older than a week go; newer ones stay."""
    bot = FakeBot()
    box = outbox(bot)
    await box.send(1, Message("old"), key="old")
    assert isinstance(box.clock, ManualClock)
    box.clock.set(box.clock.now() + timedelta(days=9))
    await box.send(1, Message("new"), key="new")
    assert box.prune() == 1
    assert box.records.get("old") is None
    assert box.records.get("new") is not None


async def test_records_of_sends_still_owed_are_kept_however_old() -> None:
    """Past a week, the records of a review named as still owed stay (each part's, not a key
    that only begins alike); once it is no longer named they go like the others."""
    bot = FakeBot()
    box = outbox(bot)
    for key in ("review:tA.m202403:-100:chart", "review:tA.m2024030:-100:chart", "prompt:p1"):
        await box.send(-100, Message(key), key=key)
    await box.post(-100, [Message("正文一"), Message("正文二")], key="review:tA.m202403:-100:text")
    assert isinstance(box.clock, ManualClock)
    box.clock.set(box.clock.now() + timedelta(days=30))
    assert box.prune(keep=["review:tA.m202403"]) == 2
    kept = ["review:tA.m202403:-100:chart", "review:tA.m202403:-100:text:0"]
    assert all(box.confirmed(key) for key in [*kept, "review:tA.m202403:-100:text:1"])
    assert not box.confirmed("review:tA.m2024030:-100:chart")
    assert not box.confirmed("prompt:p1")
    assert box.prune() == 3
    assert not any(box.confirmed(key) for key in kept)


async def test_bulk_sends_inside_an_update_take_no_keys_from_it() -> None:
    """Concurrent bulk sends (a lead's 催办 round) are not numbered by the update: a replay
    could not number them in the same order."""
    bot = FakeBot()
    box = outbox(bot)
    recorded: list[int] = []

    async def done(item: Outgoing[int], sent: Sent) -> None:
        recorded.append(item.tag)

    with handling(7) as scope:
        await box.run([Outgoing(n, Message("催办"), n) for n in (1, 2, 3)], done)
    assert sorted(recorded) == [1, 2, 3]
    assert scope.keys == []
    assert box.records.all() == ()


class DownRecords:
    """A send-record repository whose store is unavailable (the database unreachable)."""

    def get(self, key: str) -> None:
        raise StoreUnavailable("no database connection")

    def save(self, record: object) -> None:
        raise StoreUnavailable("no database connection")


async def test_a_keyed_send_goes_out_when_its_record_cannot_be_read() -> None:
    """With the store down the outbox cannot tell whether a keyed message went out before:
    it sends it (telling a user the store is down matters more than a possible repeat)."""
    bot = FakeBot()
    clock = ManualClock(datetime(2024, 3, 7, 9, 0, tzinfo=TZ))
    box = Outbox(bot, DownRecords(), clock, policy=QUICK)  # type: ignore[arg-type]
    sent = await box.send(7, Message("本次反馈未能记录，请稍后重发。"), key="u1:0")
    assert sent.ok
    assert [part["text"] for part in bot.sent] == ["本次反馈未能记录，请稍后重发。"]


@pytest.mark.parametrize(
    ("errors", "why"),
    [
        ([Forbidden("Forbidden: bot was kicked from the supergroup chat")], Undelivered.FORBIDDEN),
        ([BadRequest("Chat not found")], Undelivered.CHAT_NOT_FOUND),
        ([BadRequest("Message text is empty")], Undelivered.REFUSED),
        ([NetworkError("Bad Gateway")] * 6, Undelivered.NETWORK),
    ],
)
async def test_a_failed_post_says_why_and_sends_nothing_after(
    errors: list[Exception], why: Undelivered
) -> None:
    """A post whose first message fails reports why in a lead's terms (kicked, chat gone,
    refused, network) and does not send the rest."""
    bot = FakeBot(*errors)
    sent = await outbox(bot).post(-100, [Message("一"), Message("二")], key="digest:c:-100")
    assert (sent.ok, sent.why, sent.message_ids) == (False, why, ())
    assert bot.sent == []


async def test_a_post_to_a_deleted_topic_goes_to_general_and_the_topic_is_forgotten() -> None:
    """A send to a forum topic Telegram says is gone is sent again without the topic, in
    General, and the outbox's listeners hear which topic of which chat went."""
    bot = FakeBot(BadRequest("Message thread not found"))
    box = outbox(bot)
    heard: list[tuple[int, int]] = []

    async def gone(chat_id: int, topic: int) -> None:
        heard.append((chat_id, topic))

    box.topic_gone.append(gone)
    sent = await box.post(-100, [Message("周调度通报")], thread=5)
    assert sent.ok
    assert sent.why is None
    assert [m.get("message_thread_id") for m in bot.sent] == [None]
    assert heard == [(-100, 5)]


class HeldBot(FakeBot):
    """Makes the message at once but answers only once released (a slow response)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = asyncio.Event()
        self.release = asyncio.Event()

    async def send_message(self, **kwargs: Any) -> TgMessage:
        made = await super().send_message(**kwargs)
        self.asked.set()
        await self.release.wait()
        return made


async def test_a_send_in_flight_when_the_bot_stops_is_recorded_not_repeated() -> None:
    """Cancelled while Telegram's answer is on its way: the answer is awaited and recorded,
    the task still stops, and the next start does not send the message again."""
    bot = HeldBot()
    box = outbox(bot)
    sending = asyncio.create_task(box.send(1, Message("研判"), key="review:c1:1:text"))
    await bot.asked.wait()
    sending.cancel()
    await asyncio.sleep(0)
    assert not sending.done()  # waiting for the answer, not abandoning it
    bot.release.set()
    with pytest.raises(asyncio.CancelledError):
        await sending
    assert box.records.get("review:c1:1:text") is not None
    again = await box.send(1, Message("研判"), key="review:c1:1:text")  # the next start's
    assert again.ok
    assert len(bot.sent) == 1
