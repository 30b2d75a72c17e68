"""A simulated person on the stage: acts in their chat through the sandbox's driver and waits
for the bot, never by sleeping.

Every action (say, send a file, tap) goes into the journal as it happens; every wait is a driver
wait with a timeout, after which the stage settles and collects what the bot sent. Messages are
recognised by their message keys (:func:`fragment`), so one scenario runs in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.i18n import t
from demo.events import Bubble, Tap, Toast
from demo.roster import DemoPerson
from sandbox import MessageView, ScriptedUser, UserChat

if TYPE_CHECKING:
    from demo.stage import Stage

WAIT = 15.0  # seconds for one expected message (flood waits included)
_TAG = re.compile(r"#(M[0-9A-Za-z]+)")
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
_HTML_TAG = re.compile(r"<[^>]+>")
_PROMPT_LINE = re.compile(r"^(\d+)\. ")
_TASK_NUMBER = re.compile(r"(\d+)\. ")  # a task line, after any traffic-light icon


def fragment(key: str, lang: str) -> str:
    """The longest literal piece of a message template, to recognise the message by."""
    template = _HTML_TAG.sub("", t(key, lang))
    pieces = [p.strip() for p in _PLACEHOLDER.split(template)]
    return max(pieces, key=len)


class Player:
    """One simulated person: acts in their private chat (or the group) and waits for the bot."""

    def __init__(self, stage: Stage, person: DemoPerson, user: ScriptedUser) -> None:
        self.stage = stage
        self.person = person
        self.user = user
        self.prompt: MessageView | None = None  # this week's 周调度 message, once it came

    @property
    def id(self) -> int:
        """Telegram user id (and private chat id)."""
        return self.user.id

    @property
    def name(self) -> str:
        """The person's name."""
        return self.person.name

    @property
    def chat(self) -> UserChat:
        """The private chat with the bot."""
        return self.user.private

    # -- acting -------------------------------------------------------------------------------

    async def say(
        self, text: str, *, reply_to: MessageView | None = None, in_group: bool = False
    ) -> MessageView:
        """Send a text (a command or words) in the private chat or the group."""
        chat = self._group_chat() if in_group else self.chat
        if in_group:
            view = await chat.send_command(text.removeprefix("/"))
        else:
            view = await chat.send(text, reply_to=reply_to)
        self._record(view)
        return view

    async def send_file(self, data: bytes, filename: str) -> MessageView:
        """Send a document."""
        view = await self.chat.send_document(data, filename)
        self._record(view)
        return view

    async def send_photo(
        self, data: bytes, caption: str | None = None, *, reply_to: MessageView | None = None
    ) -> MessageView:
        """Send a photo, optionally in reply to a bot message."""
        view = await self.chat.send_photo(data, caption=caption, reply_to=reply_to)
        self._record(view)
        return view

    async def join(self, token: str) -> MessageView:
        """Open one's personal link: Telegram sends ``/start <token>``; the bot welcomes."""
        view = await self.chat.send(f"/start {token}")
        self.stage.journal.seen(view)
        self._add(Bubble(self.person.label, self.person.label, "/start", shown=self._shown()))
        return await self.expect("join.welcome")

    async def tap(self, label: str, *, on: MessageView | None = None) -> None:
        """Tap an inline button (on ``on``, else the newest message having it)."""
        message = on if on is not None else self._with_button(label)
        current = self.chat.message(message.message_id) or message
        row = next((r for r in current.buttons if label in [b.text for b in r]), ())
        labels = tuple(b.text for b in row)
        self._add(Tap(self.person.label, self.person.label, label, labels, self._shown()))
        answer = await self.chat.press(label, message=current, timeout=WAIT)
        if answer.text:
            self._add(Toast(self.person.label, answer.text, answer.show_alert, self._shown()))
        await self.stage.settle(self.id)

    async def tap_containing(self, word: str, *, on: MessageView | None = None) -> None:
        """Tap the button whose text contains ``word``."""
        message = on if on is not None else self._with_button(word, exact=False)
        current = self.chat.message(message.message_id) or message
        label = next((b for b in current.button_texts if word in b), None)
        if label is None:
            raise LookupError(f"no button with {word!r} for {self.name}: {current.button_texts}")
        await self.tap(label, on=current)

    async def answer(self, task_id: str, status: str) -> None:
        """Tap a status (``on_track``, ``done``, ``behind``, ``blocked``) for a task in this
        week's prompt; a featured person's answer becomes the unit's agreed one."""
        if self.person.featured:
            self.stage.agreed.setdefault(task_id, status)
        number = self.prompt_number(task_id)
        await self.tap(self.stage.text(f"prompt.btn.{status}", n=number), on=self.prompt)

    async def answer_first(self, status: str) -> None:
        """Tap ``status`` for the first task of this week's prompt not answered yet."""
        number = self.open_numbers()[0]
        await self.tap(self.stage.text(f"prompt.btn.{status}", n=number), on=self.prompt)

    async def answer_rest(self, status: str = "on_track", skip: Sequence[str] = ()) -> int:
        """Tap ``status`` for every task of this week's prompt still open (but ``skip``)."""
        count = 0
        for _ in range(len(self.open_tasks())):
            todo = [task for task in self.open_tasks() if task not in skip]
            if not todo:
                break
            await self.answer(todo[0], self.stage.agreed.get(todo[0], status))
            count += 1
        return count

    async def report(self, task_id: str, status: str, percent: int) -> None:
        """A full report with ``/report``: the task, a status and a progress button."""
        await self.say("/report")
        first = await self.expect_any("report.pick", "report.status_question")
        if fragment("report.pick", self.stage.lang) in first.text:
            number = next(
                found.group(1)
                for line in first.text.splitlines()
                if f"#{task_id}" in line and (found := _TASK_NUMBER.search(line))
            )
            await self.tap_containing(f"{number}. ", on=first)
            first = await self.expect("report.status_question")
        await self.tap_containing(self.stage.text(f"status.{status}"), on=first)
        if self.has_button(f"{percent}%"):
            await self.tap(f"{percent}%")
        else:
            await self.tap(self.stage.text("report.progress_custom"))
            await self.expect("report.progress_type")
            await self.say(str(percent))
            await self.expect("report.details_hint")
        await self.tap(self.stage.text("report.finish"))
        await self.expect("report.finished")

    # -- waiting ------------------------------------------------------------------------------

    async def expect(self, key: str, *, timeout: float = WAIT) -> MessageView:  # noqa: ASYNC109 - a driver wait
        """The next bot message here that is the message ``key``; then settle."""
        view = await self.chat.wait_for_message(fragment(key, self.stage.lang), timeout=timeout)
        await self.stage.settle(self.id)
        return view

    async def expect_any(self, *keys: str, timeout: float = WAIT) -> MessageView:  # noqa: ASYNC109 - a driver wait
        """The next bot message here that is any of the messages ``keys``; then settle."""
        wanted = [fragment(key, self.stage.lang) for key in keys]

        def fits(view: MessageView) -> bool:
            return any(piece in view.text for piece in wanted)

        view = await self.chat.wait_for_message(fits, timeout=timeout)
        await self.stage.settle(self.id)
        return view

    async def expect_in_group(self, key: str, *, timeout: float = WAIT) -> MessageView:  # noqa: ASYNC109 - a driver wait
        """The next bot message in the group that is the message ``key``; then settle."""
        chat = self._group_chat()
        view = await chat.wait_for_message(fragment(key, self.stage.lang), timeout=timeout)
        await self.stage.settle(self.id)
        return view

    async def expect_edit(self, message: MessageView, key: str) -> MessageView:
        """``message`` once the bot has edited it into the message ``key``; then settle."""
        view = await self.chat.wait_for_edit(message, fragment(key, self.stage.lang), timeout=WAIT)
        await self.stage.settle(self.id)
        return view

    # -- reading ------------------------------------------------------------------------------

    def task_id(self, word: str) -> str:
        """The id of the task whose title contains ``word``, from a line of a bot message."""
        for view in reversed(self.chat.bot_messages()):
            for line in view.text.splitlines():
                found = _TAG.search(line)
                if found and word in line:
                    return found.group(1)
        raise LookupError(f"{self.name} has seen no task with {word!r} in its title")

    def prompt_number(self, task_id: str) -> int:
        """The number of a task in this week's prompt as it reads now."""
        current = self._current_prompt()
        for line in current.text.splitlines():
            number = _PROMPT_LINE.match(line)
            if number and f"#{task_id}" in line:
                return int(number.group(1))
        raise LookupError(f"task {task_id} is not in {self.name}'s prompt")

    def task_line(self, task_id: str) -> str:
        """The line of this week's prompt about a task."""
        current = self._current_prompt()
        return next((line for line in current.text.splitlines() if f"#{task_id}" in line), "")

    def open_tasks(self) -> list[str]:
        """Ids of the tasks of this week's prompt that still have buttons, in its order."""
        current = self._current_prompt()
        numbers = set(self.open_numbers())
        found = []
        for line in current.text.splitlines():
            number, tag = _PROMPT_LINE.match(line), _TAG.search(line)
            if number and tag and int(number.group(1)) in numbers:
                found.append(tag.group(1))
        return found

    def prompt_tasks(self) -> list[str]:
        """Ids of every task in this week's prompt, in its order."""
        current = self._current_prompt()
        return [
            tag.group(1)
            for line in current.text.splitlines()
            if _PROMPT_LINE.match(line) and (tag := _TAG.search(line))
        ]

    def open_numbers(self) -> list[int]:
        """Numbers of the tasks in this week's prompt that still have buttons."""
        current = self._current_prompt()
        numbers = {int(b.split()[0]) for b in current.button_texts if b.split()[0].isdigit()}
        return sorted(numbers)

    def find_prompt(self) -> MessageView | None:
        """This week's 周调度 message, if it came (kept for :meth:`answer`)."""
        wanted = fragment("prompt.title", self.stage.lang)
        found = [v for v in self.chat.bot_messages() if wanted in v.text]
        self.prompt = found[-1] if found else None
        return self.prompt

    def has_button(self, label: str) -> bool:
        """Whether any bot message here still has this button."""
        return any(label in view.button_texts for view in self.chat.bot_messages())

    def _current_prompt(self) -> MessageView:
        if self.prompt is None:
            raise LookupError(f"{self.name} has no prompt this week")
        return self.chat.message(self.prompt.message_id) or self.prompt

    # -- internals ----------------------------------------------------------------------------

    def _group_chat(self) -> UserChat:
        if self.stage.group is None:
            raise LookupError("there is no leaders' group yet")
        return self.user.in_group(self.stage.group)

    def _with_button(self, label: str, *, exact: bool = True) -> MessageView:
        for view in reversed(self.chat.bot_messages()):
            texts = view.button_texts
            if label in texts if exact else any(label in b for b in texts):
                return view
        raise LookupError(f"{self.name} sees no button {label!r}")

    def _record(self, view: MessageView) -> None:
        self.stage.journal.seen(view)
        self._add(self.stage.journal.bubble(view, shown=self.stage.shown(view.chat_id)))

    def _add(self, event: Bubble | Tap | Toast) -> None:
        self.stage.journal.add(event)

    def _shown(self) -> bool:
        return self.stage.shown(self.id)
