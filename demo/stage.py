"""The stage the scenario plays on: the sandbox, the running bot, the simulated clock, the
journal, and every simulated person (:class:`~demo.player.Player`).

After each action the stage settles — waits with the driver until the bot is idle, never by a
fixed sleep — and collects what the bot sent everywhere. It decides who is on stage (shown in
full) and who is off (folded), and runs the rhythm's due work through the entry point its jobs
call, :meth:`bot.jobs.runner.RhythmRunner.run_due`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from random import Random

from bot.context import DubanApp
from bot.domain.clock import ManualClock
from bot.i18n import t
from demo.events import Bubble, Note
from demo.journal import Journal
from demo.player import Player
from demo.roster import EVERYONE, GROUP_TITLE, DemoPerson, Kind, Part
from sandbox import Group, MessageView, Sandbox, ScriptedUser

SETTLE = 30.0  # seconds for the bot to finish everything an action started


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
        #: Statuses the featured people gave; colleagues answering later on the same task agree.
        self.agreed: dict[str, str] = {}
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
        await self.app.bot_data.rhythm.runner().run_due()
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
