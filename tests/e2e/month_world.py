"""A county office for a simulated month: the bot over a TinyDB store, restartable, on a clock.

Time is driven by a :class:`ManualClock`; the scheduled work is run by calling the same entry
point the jobs call (``RhythmRunner.run_due``), so nothing waits on real time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.app import build_application
from bot.config import Settings
from bot.context import DubanApp
from bot.domain.audit import Action
from bot.domain.clock import ManualClock
from bot.domain.people import Role
from bot.domain.work import Cycle
from bot.jobs.runner import RhythmRunner
from bot.outbox import Pacing, RetryPolicy
from bot.services import Actor, RosterRow, Services
from sandbox import Group, Sandbox, ScriptedUser, UserChat
from sandbox.testing import running_polling
from sandbox.views import MessageView
from tests.e2e.harness import FAST
from tests.factories.files import SAMPLE_PLAN
from tests.factories.settings import TZ, settings_for

OFFICIALS = {
    "张三": "县发改委",
    "李四": "县发改委",
    "王五": "县财政局",
    "赵六": "县财政局",
    "孙七": "县财政局",
}


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A moment of 2024 in the deployment's zone."""
    return datetime(2024, month, day, hour, minute, tzinfo=TZ)


@dataclass
class World:
    """Everything the month test drives."""

    sb: Sandbox
    settings: Settings
    clock: ManualClock
    app: DubanApp | None = None
    team_id: str = ""
    lead: UserChat | None = None
    group: Group | None = None
    users: dict[str, ScriptedUser] = field(default_factory=dict)
    chats: dict[str, UserChat] = field(default_factory=dict)
    tasks: dict[str, list[str]] = field(default_factory=dict)  # official -> measure ids

    @property
    def services(self) -> Services:
        """The running bot's services."""
        assert self.app is not None
        return self.app.bot_data.services

    def runner(self) -> RhythmRunner:
        """The runner the jobs use."""
        assert self.app is not None
        return self.app.bot_data.rhythm.runner()

    async def at(self, when: datetime) -> None:
        """Move the clock and do what is due, as the jobs would."""
        self.clock.set(when)
        await self.runner().run_due()
        await self.sb.wait_idle()

    def actor(self, name: str) -> Actor:
        """The services' view of a joined user."""
        return self.services.auth.resolve(self.users[name].id)

    def prompts(self, name: str) -> list[MessageView]:
        """The weekly prompts this official received, oldest first."""
        return [m for m in self.chats[name].bot_messages() if "本周调度" in m.text]

    def lead_says(self, text: str) -> list[MessageView]:
        """The lead's bot messages containing ``text``."""
        assert self.lead is not None
        return [m for m in self.lead.bot_messages() if text in m.text]

    def group_messages(self) -> list[MessageView]:
        """What the bot said in the leaders' group."""
        assert self.group is not None
        return self.group.as_user(self.users["lead"]).bot_messages()


def stored(world: World, suffix: str) -> Cycle:
    """The team's cycle ``suffix`` as stored."""
    cycle = world.services.store.cycles.get(world.team_id + suffix)
    assert cycle is not None
    return cycle


def audited(world: World, action: Action) -> list[tuple[str, object]]:
    """The subjects and reasons of the audit entries of ``action``."""
    entries = world.services.store.audit.all()
    return [(e.subject, e.detail.get("why")) for e in entries if e.action is action]


def admin_world(sb: Sandbox, data_dir: Path, now: datetime) -> World:
    """A world whose clock stands at ``now``, with its admin (a Chinese client) registered in
    the settings and among its users; ``set_up`` then makes the team."""
    admin = sb.create_user("Admin", language_code="zh-hans")
    world = World(sb, settings_for(sb, [admin.id], data_dir), ManualClock(now, TZ))
    world.users["admin"] = admin
    return world


@asynccontextmanager
async def bot_up(
    world: World,
    pacing: Pacing = FAST,
    *,
    settled: bool = True,
    retry: RetryPolicy | None = None,
) -> AsyncIterator[DubanApp]:
    """The bot running over the world's store, started and stopped as ``run_polling`` does it
    (``post_init`` with the jobs and the catch-up; ``post_stop``, ``post_shutdown``). With
    ``settled=False`` the body starts while the catch-up may still be sending, and leaving it
    stops the bot whatever is under way."""
    app = build_application(world.settings, clock=world.clock, pacing=pacing, retry=retry)
    world.app = app
    rhythm = app.bot_data.rhythm
    async with running_polling(app, world.sb, run_hooks=True):
        if settled:
            await rhythm.settle()
            await world.sb.wait_idle()
        yield app
        if settled:
            await rhythm.settle()
            await world.sb.wait_idle()
    world.app = None


@asynccontextmanager
async def county(sb: Sandbox, data_dir: Path, now: datetime | None = None) -> AsyncIterator[World]:
    """The world set up at ``now`` (by default Monday 10-14, the first prompt on Thu 10-17),
    with the bot running over it."""
    world = admin_world(sb, data_dir, now or at(10, 14, 10))
    async with bot_up(world):
        await set_up(world)
        yield world


async def set_up(world: World, *, group: bool = True) -> None:
    """Team, lead, officials (孙七 blocks the bot), the sample plan, assignments, the group
    (unless not ``group``)."""
    sb = world.sb
    admin = world.users["admin"]
    services = world.services
    admin_actor = services.auth.resolve(admin.id)
    team = services.teams.create(admin_actor, "县委督查室").team
    world.team_id = team.id
    lead = services.teams.add_lead(admin_actor, team.id, "王督办")
    world.users["lead"] = sb.create_user("Lead", language_code="zh-hans")
    assert lead.invite is not None
    world.lead = await _join(world.users["lead"], lead.invite.token)
    lead_actor = world.actor("lead")
    for name, unit in OFFICIALS.items():
        added = services.people.add(
            lead_actor, team.id, RosterRow.typed(name, unit, Role.OFFICIAL)
        )
        world.users[name] = sb.create_user(name, language_code="zh-hans")
        assert added.invite is not None
        world.chats[name] = await _join(world.users[name], added.invite.token)
    await world.users["孙七"].block()
    preview = services.plans.preview(
        lead_actor, team.id, SAMPLE_PLAN.read_bytes(), "sample-plan.txt"
    )
    services.plans.confirm(lead_actor, preview.token)
    measures = [m.id for m in services.deps.active_measures(team.id)]
    world.tasks = {
        "张三": measures[0:2],
        "李四": measures[2:3],
        "王五": measures[3:4],
        "赵六": measures[4:6],
        "孙七": measures[6:7],
    }
    for name, ids in world.tasks.items():
        for measure_id in ids:
            services.assignments.assign_from_args(lead_actor, team.id, measure_id, [name])
    if not group:
        return
    world.group = sb.create_group("领导群", members=[world.users["lead"]])
    await world.group.as_user(world.users["lead"]).send("/setgroup")
    await sb.wait_idle()


async def _join(user: ScriptedUser, token: str) -> UserChat:
    chat = await user.start(token)
    await chat.wait_for_message("欢迎")
    return chat
