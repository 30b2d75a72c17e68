"""The stage the scenario plays on: simulated people acting through the sandbox's driver.

Each action (say, send a file, tap) is written to the journal as it happens; every wait for the
bot is a driver wait with a timeout (never a fixed sleep), after which the stage settles — waits
until the bot is idle — and collects what the bot sent everywhere. Texts are matched by their
message keys, so the same scenario runs in Chinese and in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from random import Random

from bot.context import DubanApp
from bot.demo.events import Bubble, Note, Tap, Toast
from bot.demo.journal import Journal
from bot.demo.roster import EVERYONE, GROUP_TITLE, DemoPerson, Kind, Part
from bot.domain.clock import ManualClock
from bot.i18n import t
from bot.jobs.runner import RhythmRunner
from bot.sandbox import Group, MessageView, Sandbox, ScriptedUser, UserChat

WAIT = 15.0  # seconds for one expected message (flood waits included)
SETTLE = 30.0  # seconds for the bot to finish everything an action started
_TAG = re.compile(r"#(M[0-9A-Za-z]+)")
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
_HTML_TAG = re.compile(r"<[^>]+>")
_PROMPT_LINE = re.compile(r"^(\d+)\. ")


class DemoFailed(Exception):
    """A step did not go as scripted: which step, what was awaited, and the chat so far."""

    def __init__(self, step: str, reason: str) -> None:
        super().__init__(f"{step}: {reason}")
        self.step = step
        self.reason = reason


def fragment(key: str, lang: str) -> str:
    """The longest literal piece of a message template, to recognise the message by."""
    template = _HTML_TAG.sub("", t(key, lang))
    pieces = [p.strip() for p in _PLACEHOLDER.split(template)]
    return max(pieces, key=len)


@dataclass
class Keep:
    """Messages the runner writes out at the end (the digest, the review)."""

    digest_group: list[MessageView] = field(default_factory=list)
    digest_leads: list[MessageView] = field(default_factory=list)
    review_group: list[MessageView] = field(default_factory=list)


class Stage:
    """Sandbox, bot, clock and journal, and every simulated person as a :class:`Player`."""

    def __init__(
        self, sandbox: Sandbox, clock: ManualClock, journal: Journal, *, lang: str, seed: int
    ) -> None:
        self.sandbox = sandbox
        self._app: DubanApp | None = None
        self.clock = clock
        self.journal = journal
        self.lang = lang
        self.random = Random(seed)
        self.keep = Keep()
        #: Statuses the featured people gave; colleagues of the same unit answer alike.
        self.agreed: dict[str, str] = {}
        #: What each off-stage official tapped, by (task, name).
        self.tapped: dict[tuple[str, str], str] = {}
        self.group: Group | None = None
        self.players = {p.name: Player(self, p, self._user(p)) for p in EVERYONE}
        self._spotlight: set[int] | None = None
        self._per_chat: int | None = None
        self._full: set[int] = set()
        self._marks: dict[int, int] = {}

    def _user(self, person: DemoPerson) -> ScriptedUser:
        language = "zh-hans" if self.lang == "zh" else "en"
        user = self.sandbox.create_user(person.name, language_code=language)
        self.journal.name_chat(user.id, person.label)
        return user

    @property
    def app(self) -> DubanApp:
        """The running bot."""
        if self._app is None:
            raise LookupError("the bot is not running yet")
        return self._app

    @app.setter
    def app(self, app: DubanApp) -> None:
        self._app = app

    # -- who ----------------------------------------------------------------------------------

    @property
    def admin(self) -> Player:
        """The admin who sets the bot up."""
        return next(p for p in self.players.values() if p.person.kind is Kind.ADMIN)

    @property
    def lead(self) -> Player:
        """The supervision office's lead (督办员)."""
        return next(p for p in self.players.values() if p.person.kind is Kind.LEAD)

    def playing(self, part: Part) -> Player:
        """The person playing ``part``."""
        return next(p for p in self.players.values() if p.person.part is part)

    def of_kind(self, kind: Kind) -> list[Player]:
        """Everyone of one kind, in roster order."""
        return [p for p in self.players.values() if p.person.kind is kind]

    @property
    def extras(self) -> list[Player]:
        """Officials who answer off-stage."""
        return [p for p in self.of_kind(Kind.OFFICIAL) if p.person.part is Part.EXTRA]

    # -- texts --------------------------------------------------------------------------------

    def text(self, key: str, **kwargs: object) -> str:
        """A text in the demo's language."""
        return t(key, self.lang, **kwargs)

    def note(self, key: str, **kwargs: object) -> None:
        """Narration in the transcript."""
        self.journal.add(Note(self.text(key, **kwargs)))

    # -- what is shown ------------------------------------------------------------------------

    def shown(self, chat_id: int) -> bool:
        """Whether a chat is on stage now (featured people and the group, unless narrowed)."""
        if self._spotlight is not None:
            return chat_id in self._spotlight
        if self.group is not None and chat_id == self.group.id:
            return True
        return any(p.id == chat_id and p.person.featured for p in self.players.values())

    @contextmanager
    def spotlight(
        self, *players: Player, group: bool = False, per_chat: int | None = None
    ) -> Iterator[None]:
        """Show only these people's chats (and the group, in full) inside the block; with
        ``per_chat``, at most that many messages at a time to anyone but the actor."""
        before = self._spotlight, self._per_chat, self._full
        self._spotlight = {p.id for p in players}
        self._per_chat = per_chat
        if group and self.group is not None:
            self._spotlight.add(self.group.id)
            self._full = {self.group.id}
        try:
            yield
        finally:
            self._spotlight, self._per_chat, self._full = before

    # -- the bot ------------------------------------------------------------------------------

    async def settle(self, first: int | None = None) -> list[Bubble]:
        """Wait until the bot is idle, then collect what it sent (``first``'s chat first)."""
        await self.sandbox.wait_idle(timeout=SETTLE, quiet=0.02)
        return self.journal.collect(
            first=first, shown=self.shown, per_chat=self._per_chat, full=self._full
        )

    async def rhythm(self) -> list[Bubble]:
        """Do the rhythm's due work now, through the entry point its scheduled jobs call."""
        await self.settle()
        services, settings = self.app.bot_data.services, self.app.bot_data.settings
        await RhythmRunner(self.app.bot, services, settings.language).run_due()
        return await self.settle(self.lead.id)

    def begin_step(self) -> None:
        """Mark where every chat stands, for :meth:`sent_this_step`."""
        world = self.sandbox.world
        self._marks = {chat_id: chat.next_message_id for chat_id, chat in world.chats.items()}

    def sent_this_step(self, chat_id: int) -> list[MessageView]:
        """The bot's messages in a chat since the current step began."""
        mark = self._marks.get(chat_id, 0)
        return [v for v in self.journal.views(chat_id) if v.from_bot and v.message_id >= mark]

    @property
    def group_id(self) -> int:
        """The leaders' group's chat id."""
        if self.group is None:
            raise LookupError("there is no leaders' group yet")
        return self.group.id

    def set_team_language(self) -> None:
        """The team's language setting (digest, review, ledger); no chat command sets it yet."""
        services = self.app.bot_data.services
        actor = services.auth.resolve(self.admin.id, self.lang)
        team = services.teams.list(actor)[-1]
        services.teams.update_settings(actor, team.id, language=self.lang)
        self.note("demo.note.team_language")

    def make_group(self, members: Sequence[Player]) -> Group:
        """The leaders' group chat with the bot in it."""
        group = self.sandbox.create_group(GROUP_TITLE, members=[p.user for p in members])
        self.journal.name_chat(group.id, f"👥 {GROUP_TITLE}")
        self.group = group
        return group


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
                line.split(".")[0]
                for line in first.text.splitlines()
                if f"#{task_id}" in line and line.split(".")[0].isdigit()
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
