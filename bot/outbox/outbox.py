"""The one way a message leaves the bot: :class:`Outbox`.

Every message to a person or a group — a handler's answer, an edit, a file, a prompt, a
reminder, a digest, the monthly review — goes through one :class:`Outbox`, built once in the
composition root. For each Bot API request it

- splits a long text at Telegram's limit (the buttons go on the last part, files follow as
  replies to the first part, each with the method of its kind);
- retries transient failures (5xx, timeouts, dropped connections) with exponential backoff and
  429s after Telegram's wait (:mod:`bot.outbox.retry`);
- reports a 403 to the caller, who records the person as unreachable (never raised); so is a
  person's chat Telegram no longer knows (400 chat not found: an account long gone);
- follows a group that became a supergroup: a send refused with ``migrate_to_chat_id`` goes to
  the new chat at once, and :attr:`Outbox.moved` listeners hear of the move (the team's
  leaders' group follows it);
- paces bulk sends (:meth:`Outbox.run`) under Telegram's limits (:mod:`bot.outbox.pacing`);
- keeps an idempotent record of what Telegram confirmed (:class:`~bot.domain.delivery.SentRecord`)
  for every send with a key, so a send repeated after a crash is skipped.

**Keys.** A handler's sends are keyed by the update being handled and their order in it
(``u<update id>:<n>``; :func:`handling` sets the scope, the intake opens it around every update),
so when an update is handled again after a crash its messages already confirmed are not sent
again; the records go when the update is marked handled. Jobs pass keys naming what a message is
(``prompt:<prompt id>``, ``digest:<cycle>:<chat>:<n>``, ...); those records are pruned after a
week (:meth:`Outbox.prune`), but those of a digest or monthly review still owed, kept until it
went out or is no longer owed: a lead's ``/digest`` or ``/review`` however late sends only the
parts not yet delivered.

**The duplicates bound.** Telegram has no idempotent send: when a request reached Telegram but
its response never came back, the bot cannot tell whether the message exists. So a person can
get a message twice only when a response was lost: a connection dropped or a timeout after
Telegram had sent the message (the retry sends it again), or the process dying while the request
was in flight (the next start sends it again). A response that arrived is recorded at once,
before anything else runs, so a confirmed send is never repeated; a bot stopping (its work
cancelled) waits for the answers to requests in flight and records them. Hence: *duplicates
≤ responses lost in transit*, and a kill adds at most :attr:`Pacing.in_flight` (bulk) or one (a
handler) of them. Nothing is lost: a message is either confirmed, or reported failed to its
caller (403, a permanent 400, or every try failing), and unconfirmed prompts stay PENDING for the
next run.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Collection,
    Iterable,
    Sequence,
)
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from telegram import Bot, InputMediaPhoto, ReplyParameters
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError

from bot.domain.attachments import Attachment, AttachmentKind
from bot.domain.clock import Clock
from bot.domain.delivery import SentRecord, Undelivered
from bot.domain.people import Person, Unreachable
from bot.domain.ports import SentRepo, StoreUnavailable
from bot.outbox.pacing import Pacer, Pacing
from bot.outbox.retry import Failure, RetryPolicy, classify
from bot.outbox.scope import next_key, note
from bot.outbox.sent import Outgoing, Sent
from bot.render import Message
from bot.text.split import split_html

log = logging.getLogger(__name__)

T = TypeVar("T")
Render = Callable[[str], Sequence[Message]]
#: Told ``(old chat id, new chat id)`` when a group turns out to have become a supergroup.
Moved = Callable[[int, int], Awaitable[None]]
#: Told ``(chat id, topic id)`` when a forum topic turns out to be gone (deleted).
TopicGone = Callable[[int, int], Awaitable[None]]
#: How long the records of keyed job sends are kept (a cycle is a week); those of a digest or
#: review still owed stay longer (:meth:`Outbox.prune`).
KEEP_RECORDS = timedelta(days=8)


@dataclass(frozen=True, slots=True)
class _Outcome:
    value: object = None
    failure: Failure | None = None
    why: Undelivered | None = None
    person_why: Unreachable | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None or self.failure is Failure.UNCHANGED

    def sent(self) -> Sent:
        """The outcome of a one-message send (a file) as a :class:`Sent`."""
        if self.ok:
            return Sent((self.value,) if isinstance(self.value, int) else ())
        forbidden = self.failure is Failure.FORBIDDEN
        return Sent(
            forbidden=forbidden, failed=not forbidden, why=self.why, person_why=self.person_why
        )


class Outbox:
    """Sends messages with retries, pacing, the 403 rules and an idempotent record."""

    def __init__(
        self,
        bot: Bot,
        records: SentRepo,
        clock: Clock,
        *,
        pacing: Pacing | None = None,
        policy: RetryPolicy | None = None,
    ) -> None:
        self.bot = bot
        self.records = records
        self.clock = clock
        self.policy = policy or RetryPolicy()
        self.pacer = Pacer(pacing)
        self.retries = 0  # requests tried again (a measure of the faults met)
        self.moved: list[Moved] = []  # the composition root adds the leaders' group's follower
        self.topic_gone: list[TopicGone] = []  # ... and the forgetter of its deleted topic

    @property
    def pacing(self) -> Pacing:
        """The bulk sends' limits."""
        return self.pacer.pacing

    def use_pacing(self, pacing: Pacing) -> None:
        """Change the bulk sends' limits (tests and benchmarks)."""
        self.pacer = Pacer(pacing)

    # -- one message ---------------------------------------------------------------------------

    async def send(
        self,
        chat_id: int,
        message: Message,
        *,
        key: str | None = None,
        reply_to: int | None = None,
        paced: bool = False,
        thread: int | None = None,
    ) -> Sent:
        """Send ``message`` (split if long, buttons on the last part, files as replies), in
        forum topic ``thread`` if given.

        Without a ``key``, a send made while handling an update is keyed by the update."""
        key = key or self._scope_key()
        return await self._send(chat_id, message, key, reply_to, paced, thread)

    async def _send(
        self,
        chat_id: int,
        message: Message,
        key: str | None,
        reply_to: int | None,
        paced: bool,
        thread: int | None = None,
    ) -> Sent:
        chunks = split_html(message.text) or ["…"]
        ids: list[int] = []
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            extra: dict[str, object] = {}
            if thread is not None:
                extra["message_thread_id"] = thread
            if reply_to is not None and index == 0:
                extra["reply_parameters"] = _reply(reply_to)
            part_key = _part(key, index)
            outcome = await self._once(
                part_key,
                self.bot.send_message,
                paced,
                chat_id=chat_id,
                text=chunk,
                reply_markup=message.keyboard if last else None,
                **extra,
            )
            if not outcome.ok:
                forbidden = outcome.failure is Failure.FORBIDDEN
                return Sent(
                    tuple(ids),
                    forbidden=forbidden,
                    failed=not forbidden,
                    why=outcome.why,
                    person_why=outcome.person_why,
                )
            if isinstance(outcome.value, int):
                ids.append(outcome.value)
        first = ids[0] if ids else reply_to
        for number, attachment in enumerate(message.files):
            file_key = None if key is None else f"{key}.f{number}"
            await self._send_file(chat_id, attachment, first, file_key, paced)
        return Sent(tuple(ids))

    async def edit(self, chat_id: int, message_id: int, message: Message) -> bool:
        """Replace a bot message's text and buttons (the rest of a long text follows as new
        messages); False if that was impossible. Editing is idempotent: no record is kept."""
        chunks = split_html(message.text) or ["…"]
        outcome = await self._request(
            self.bot.edit_message_text,
            False,
            chat_id=chat_id,
            message_id=message_id,
            text=chunks[0],
            reply_markup=message.keyboard if len(chunks) == 1 else None,
        )
        if not outcome.ok:
            return False
        if len(chunks) > 1:
            rest = Message("\n".join(chunks[1:]), message.keyboard)
            return (await self.send(chat_id, rest)).ok
        return True

    async def send_file(
        self,
        chat_id: int,
        attachment: Attachment,
        *,
        reply_to: int | None = None,
        key: str | None = None,
        paced: bool = False,
        caption: str | None = None,
    ) -> bool:
        """Send one stored file back by its kind (sendPhoto, sendDocument or sendVideo), with
        an optional plain-text ``caption``."""
        key = key or self._scope_key()
        return await self._send_file(chat_id, attachment, reply_to, key, paced, caption)

    async def _send_file(
        self,
        chat_id: int,
        attachment: Attachment,
        reply_to: int | None,
        key: str | None,
        paced: bool,
        caption: str | None = None,
    ) -> bool:
        senders: dict[AttachmentKind, tuple[Callable[..., Awaitable[object]], str]] = {
            AttachmentKind.PHOTO: (self.bot.send_photo, "photo"),
            AttachmentKind.DOCUMENT: (self.bot.send_document, "document"),
            AttachmentKind.VIDEO: (self.bot.send_video, "video"),
        }
        method, name = senders[attachment.kind]
        extra: dict[str, object] = {name: attachment.file_id}
        if reply_to is not None:
            extra["reply_parameters"] = _reply(reply_to)
        if caption:
            extra["caption"] = caption
            extra["parse_mode"] = None  # plain text: names and times, never markup
        outcome = await self._once(key, method, paced, chat_id=chat_id, **extra)
        return outcome.ok

    async def send_album(
        self,
        chat_id: int,
        photos: Sequence[tuple[Attachment, str]],
        *,
        reply_to: int | None = None,
        key: str | None = None,
    ) -> bool:
        """Stored photos as one album (sendMediaGroup, 2–10), each with a plain caption."""
        key = key or self._scope_key()
        media = [InputMediaPhoto(a.file_id, caption=c, parse_mode=None) for a, c in photos]
        extra: dict[str, object] = {}
        if reply_to is not None:
            extra["reply_parameters"] = _reply(reply_to)
        outcome = await self._once(
            key, self.bot.send_media_group, False, chat_id=chat_id, media=media, **extra
        )
        return outcome.ok

    async def upload_photo(
        self,
        chat_id: int,
        photo: bytes,
        *,
        caption: str | None = None,
        key: str | None = None,
        thread: int | None = None,
    ) -> Sent:
        """A PNG (the review chart), in forum topic ``thread`` if given."""
        key = key or self._scope_key()
        extra = _in_topic(thread)
        outcome = await self._once(
            key, self.bot.send_photo, False, chat_id=chat_id, photo=photo, caption=caption, **extra
        )
        return outcome.sent()

    async def upload_document(
        self,
        chat_id: int,
        data: bytes,
        filename: str,
        *,
        caption: str | None = None,
        key: str | None = None,
        thread: int | None = None,
    ) -> Sent:
        """A file made by the bot (the ledger workbook), in forum topic ``thread`` if given."""
        key = key or self._scope_key()
        outcome = await self._once(
            key,
            self.bot.send_document,
            False,
            chat_id=chat_id,
            document=data,
            filename=filename,
            caption=caption,
            **_in_topic(thread),
        )
        return outcome.sent()

    async def answer_query(self, query_id: str, text: str | None, *, alert: bool = False) -> bool:
        """Answer a pressed button (a toast or an alert), so it stops spinning; never raises.

        Telegram accepts one answer per press: a repeat after a lost response is refused with a
        400 (reported as failed), never shown twice."""
        try:
            outcome = await self._request(
                self.bot.answer_callback_query,
                False,
                callback_query_id=query_id,
                text=text,
                show_alert=alert,
            )
        except Exception:
            log.debug("callback query %s could not be answered", query_id, exc_info=True)
            return False
        return outcome.ok

    # -- several messages ----------------------------------------------------------------------

    async def tell_chat(
        self,
        chat_id: int | None,
        messages: Sequence[Message],
        *,
        key: str | None = None,
        thread: int | None = None,
    ) -> bool:
        """Send messages to one chat in order; False if any did not arrive (the rest are not
        sent)."""
        if chat_id is None:
            return False
        return (await self.post(chat_id, messages, key=key, thread=thread)).why is None

    async def post(
        self,
        chat_id: int,
        messages: Sequence[Message],
        *,
        key: str | None = None,
        thread: int | None = None,
    ) -> Sent:
        """Send messages to one chat (in forum topic ``thread`` if given) in order; the outcome
        of the first that did not arrive (the rest are not sent), else every message id."""
        ids: list[int] = []
        for number, message in enumerate(messages):
            part_key = None if key is None else f"{key}:{number}"
            sent = await self.send(chat_id, message, key=part_key, thread=thread)
            if not sent.ok:
                why = sent.why or Undelivered.NETWORK
                return Sent(tuple(ids), sent.forbidden, True, why, sent.person_why)
            ids += sent.message_ids
        return Sent(tuple(ids))

    async def tell_people(
        self,
        people: Sequence[Person],
        render: Render,
        default_language: str,
        *,
        key: str | None = None,
    ) -> int:
        """Send ``render(language)`` to each joined person; returns how many got all of it."""
        delivered = 0
        for person in people:
            if person.telegram_id is None:
                continue
            messages = render(person.language or default_language)
            person_key = None if key is None else f"{key}:{person.telegram_id}"
            delivered += int(await self.tell_chat(person.telegram_id, messages, key=person_key))
        return delivered

    async def run(
        self,
        items: Iterable[Outgoing[T]] | AsyncIterator[Outgoing[T]],
        on_done: Callable[[Outgoing[T], Sent], Awaitable[None]],
    ) -> int:
        """Send many messages paced, a few in flight, awaiting ``on_done`` right after each
        (the caller records it there, durably); returns how many were handled.

        Cancelling stops taking new items and lets those in flight finish and be recorded."""
        slots = asyncio.Semaphore(self.pacing.in_flight)
        running: set[asyncio.Task[None]] = set()
        handled = 0

        async def one(item: Outgoing[T]) -> None:
            nonlocal handled
            try:
                # only the item's own key: concurrent sends would number an update's keys in
                # an order a replay cannot repeat
                sent = await self._send(item.chat_id, item.message, item.key, None, True)
                await on_done(item, sent)
                handled += 1
            finally:
                slots.release()

        try:
            async for item in _aiter(items):
                await slots.acquire()
                task = asyncio.create_task(one(item))
                running.add(task)
                task.add_done_callback(running.discard)
        finally:
            if running:  # drain: what is in flight is finished and recorded, even on cancel
                await asyncio.shield(asyncio.gather(*running, return_exceptions=True))
        return handled

    # -- records -------------------------------------------------------------------------------

    def forget(self, keys: Iterable[str]) -> None:
        """Drop the records of these sends (their work is done)."""
        for key in keys:
            self.records.delete(key)

    def confirmed(self, key: str) -> bool:
        """Whether Telegram confirmed the keyed send ``key`` before (its record is kept)."""
        return self._recorded(key) is not None

    def prune(self, keep: Collection[str] = ()) -> int:
        """Drop the records older than :data:`KEEP_RECORDS`, but those of the sends named by
        ``keep`` (a key, or the first segments of the keys of a send's parts: ``review:<cycle>``
        keeps ``review:<cycle>:<chat>:chart``, ...) however old; returns how many went."""
        old = [
            record
            for record in self.records.sent_before(self.clock.now() - KEEP_RECORDS)
            if not _kept(record.id, keep)
        ]
        for record in old:
            self.records.delete(record.id)
        return len(old)

    def _scope_key(self) -> str | None:
        return next_key()

    # -- requests ------------------------------------------------------------------------------

    async def _once(
        self,
        key: str | None,
        method: Callable[..., Awaitable[object]],
        paced: bool,
        /,
        **kwargs: Any,
    ) -> _Outcome:
        """One message-creating request, skipped if its key is recorded, recorded if confirmed.

        The result's ``value`` is the message id."""
        chat_id: int = kwargs["chat_id"]
        if key is not None:
            note(key)
            done = self._recorded(key)
            if done is not None:
                log.info("not sending %s again: Telegram confirmed it before", key)
                return _Outcome(done.message_id)
        try:
            outcome = await self._request(method, paced, **kwargs)
        except _Stopped as stopped:  # stopping: what Telegram made is recorded all the same
            self._made(key, chat_id, stopped.answer)
            raise
        if not outcome.ok:
            return outcome
        return _Outcome(self._made(key, chat_id, outcome.value))

    def _made(self, key: str | None, chat_id: int, answer: object) -> int | None:
        """The id of the message a request's ``answer`` names (an album's first), recorded
        under ``key`` at once: a response that arrived is never repeated."""
        first = answer[0] if isinstance(answer, tuple) and answer else answer
        message_id = getattr(first, "message_id", None)
        if not isinstance(message_id, int):
            return None
        chat_id = getattr(first, "chat_id", chat_id)  # a moved group's new id
        if key is not None:
            self._record(SentRecord(key, chat_id, message_id, self.clock.now()))
        return message_id

    def _recorded(self, key: str) -> SentRecord | None:
        try:
            return self.records.get(key)
        except StoreUnavailable:  # e.g. telling a user the store is down: send all the same
            log.warning("cannot read the send record %s; sending without it", key)
            return None

    def _record(self, record: SentRecord) -> None:
        try:
            self.records.save(record)
        except Exception:  # the message went out; without the record a crash may repeat it
            log.warning("could not record the send %s", record.id, exc_info=True)

    async def _request(
        self, method: Callable[..., Awaitable[object]], paced: bool, /, **kwargs: Any
    ) -> _Outcome:
        """Call a Bot API method, trying again while the policy allows."""
        chat_id = int(kwargs.get("chat_id", 0))  # for pacing and logs
        attempt = 0
        while True:
            attempt += 1
            if paced:
                await self.pacer.turn(chat_id)
            try:
                return _Outcome(await _answer(method(**kwargs)))
            except ChatMigrated as exc:  # the group became a supergroup: send it there
                moved_to = int(exc.new_chat_id)
                if moved_to == chat_id or attempt >= self.policy.attempts:
                    _log_failure(Failure.PERMANENT, chat_id, exc, attempt)
                    return _Outcome(None, Failure.PERMANENT, Undelivered.REFUSED)
                log.info("chat %s became %s; sending there", chat_id, moved_to)
                await self._follow(chat_id, moved_to)
                kwargs["chat_id"] = chat_id = moved_to
            except TelegramError as exc:  # anything else is a bug: the caller's error handler
                kind = classify(exc)
                if kind is Failure.UNCHANGED:
                    return _Outcome(None, kind)
                topic = kwargs.get("message_thread_id")
                if topic is not None and _topic_gone(exc):  # deleted: General it is
                    log.info("topic %s of chat %s is gone; sending to General", topic, chat_id)
                    del kwargs["message_thread_id"]
                    await self._forget_topic(chat_id, int(topic))
                    continue
                wait = self.policy.wait_for(exc, attempt)
                if wait is None:
                    why = _why(exc)
                    if chat_id > 0 and why is Undelivered.CHAT_NOT_FOUND:
                        kind = Failure.FORBIDDEN  # a person's chat gone: unreachable, as a block
                    _log_failure(kind, chat_id, exc, attempt)
                    failure = kind if kind is Failure.FORBIDDEN else Failure.PERMANENT
                    cause = _person_why(exc) if failure is Failure.FORBIDDEN else None
                    return _Outcome(None, failure, why, cause)
                if kind is Failure.FLOOD and paced:
                    self.pacer.flood(wait)
                self.retries += 1
                log.info("send to %s failed (%s); trying again in %.1fs", chat_id, exc, wait)
                await asyncio.sleep(wait)

    async def _forget_topic(self, chat_id: int, topic: int) -> None:
        for listener in self.topic_gone:
            try:
                await listener(chat_id, topic)
            except Exception:  # the send goes on in General; the next one finds out again
                log.exception("could not forget topic %s of chat %s", topic, chat_id)

    async def _follow(self, old: int, new: int) -> None:
        for listener in self.moved:
            try:
                await listener(old, new)
            except Exception:  # the send goes on; the next send to the old id follows again
                log.exception("could not follow chat %s to %s", old, new)


class _Stopped(asyncio.CancelledError):
    """The task was cancelled (the bot stopping) while a request was in flight: the request
    was awaited to its end, since Telegram may have acted on it, and ``answer`` is what it
    answered (None: it failed), for the caller to record before the task stops."""

    def __init__(self, answer: object | None) -> None:
        super().__init__()
        self.answer = answer


async def _answer(request: Awaitable[object]) -> object:
    """The answer to a request. Cancelling the task while the request is in flight does not
    abandon it (a message made but never recorded would be sent again at the next start): the
    answer is awaited (within the request's own timeouts), then :class:`_Stopped` carries it;
    a second cancel gives up waiting."""
    sent = asyncio.ensure_future(request)
    try:
        return await asyncio.shield(sent)
    except asyncio.CancelledError:
        if sent.cancelled():
            raise
    try:
        answer: object | None = await sent
    except Exception:  # failed: no message to record
        answer = None
    raise _Stopped(answer)


def _in_topic(thread: int | None) -> dict[str, object]:
    """The request's forum topic, if any."""
    return {} if thread is None else {"message_thread_id": thread}


def _topic_gone(exc: TelegramError) -> bool:
    """Whether Telegram refused a send because its forum topic no longer exists."""
    return isinstance(exc, BadRequest) and "thread not found" in exc.message.lower()


#: How Telegram words a send refused because the bot may not post in the chat (restricted, or
#: only admins may send): "not enough rights to send text messages to the chat", ...
_NO_RIGHTS = ("not enough rights", "have no rights to send", "chat_write_forbidden")


def _why(exc: TelegramError) -> Undelivered:
    """Why a send failed for good, in a lead's terms."""
    if isinstance(exc, Forbidden):  # a deleted account's chat is gone, not blocked
        deleted = "deactivated" in exc.message.lower()
        return Undelivered.CHAT_NOT_FOUND if deleted else Undelivered.FORBIDDEN
    if isinstance(exc, BadRequest):  # a NetworkError in PTB: checked first
        text = exc.message.lower()
        if "chat not found" in text:
            return Undelivered.CHAT_NOT_FOUND
        if any(words in text for words in _NO_RIGHTS):
            return Undelivered.NO_RIGHTS
        return Undelivered.REFUSED
    if isinstance(exc, RetryAfter):  # a wait longer than the bot keeps a send waiting
        return Undelivered.SLOW
    return Undelivered.NETWORK


def _person_why(exc: TelegramError) -> Unreachable:
    """Why a person's chat refused a send, as Telegram words it (a 403 or a 400 chat not
    found): blocked, account deleted, chat not found, or never started."""
    text = exc.message.lower()
    if "deactivated" in text:
        return Unreachable.DELETED
    if "chat not found" in text:
        return Unreachable.CHAT_NOT_FOUND
    if "initiate" in text:
        return Unreachable.NOT_STARTED
    return Unreachable.BLOCKED


def _reply(message_id: int) -> ReplyParameters:
    return ReplyParameters(message_id, allow_sending_without_reply=True)


def _part(key: str | None, index: int) -> str | None:
    """The key of part ``index`` of a split text (the first part keeps the send's key)."""
    if key is None or index == 0:
        return key
    return f"{key}.{index}"


def _kept(key: str, keep: Collection[str]) -> bool:
    """Whether ``key`` is one of ``keep`` or the key of a part of one."""
    return any(key == named or key.startswith(f"{named}:") for named in keep)


def _log_failure(kind: Failure, chat_id: int, exc: TelegramError, attempt: int) -> None:
    if kind is Failure.FORBIDDEN:
        log.info("not delivered to %s: %s", chat_id, exc.message)
    else:
        log.warning("not delivered to %s after %d tries: %s", chat_id, attempt, exc.message)


async def _aiter(items: Iterable[T] | AsyncIterator[T]) -> AsyncIterator[T]:
    if isinstance(items, AsyncIterator):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item
