"""Running the real Duban ``Application`` against the sandbox, over HTTP with long polling."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.app import ALLOWED_UPDATES, build_application
from bot.config import Settings
from bot.context import DubanApp
from bot.domain.clock import ManualClock
from bot.domain.ports import Store
from bot.outbox import Pacing
from sandbox import Sandbox, ScriptedUser, UserChat
from sandbox.testing import running_polling
from sandbox.views import MessageView
from storage.memory import MemoryStore
from tests.factories.files import roster_csv
from tests.factories.settings import TZ, settings_for

ROOT = Path(__file__).resolve().parents[2]
#: The bot's pace against a sandbox without flood limits: nothing to keep under, so its queue and
#: its spacing of messages to one chat stay out of the way (pacing has tests of its own, against
#: the sandbox with Telegram's limits on, at the real rate).
FAST = Pacing(global_rate=500, global_burst=50, chat_interval=0.01)


def pacing_for(sb: Sandbox) -> Pacing | None:
    """:data:`FAST` if the sandbox enforces no flood limits, else the bot's own pacing."""
    return None if sb.config.rate_limits.enabled else FAST


async def spawn_cli(command: str, env: dict[str, str]) -> asyncio.subprocess.Process:
    """``bot.cli.run.<command>(None)`` in a child Python with ``env``, its output piped."""
    code = f"import sys; from bot.cli.run import {command}; sys.exit({command}(None))"
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        code,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )


def cli_env(sb: Sandbox, data_dir: Path, **more: str) -> dict[str, str]:
    """The environment of a ``duban`` command against the sandbox, its store in ``data_dir``,
    with ``more`` variables (``DUBAN_LOG_LEVEL="DEBUG"``)."""
    return {
        **os.environ,
        "DUBAN_BOT_TOKEN": sb.token,
        "DUBAN_BOT_API_URL": sb.url,
        "DUBAN_DATA_DIR": str(data_dir),
        **more,
    }


@dataclass
class Exited:
    """How a ``duban run`` ended: its exit code and what it wrote (logs go to stdout)."""

    code: int | None = None
    out: str = ""
    err: str = ""


@asynccontextmanager
async def cli_running(env: dict[str, str]) -> AsyncIterator[Exited]:
    """``duban run`` with ``env`` while the block runs, then stopped with SIGTERM; the
    :class:`Exited` it yields is filled in once the process has exited (within 30 s)."""
    process = await spawn_cli("run", env)
    exited = Exited()
    try:
        yield exited
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(process.communicate(), timeout=30)
        exited.code, exited.out, exited.err = process.returncode, out.decode(), err.decode()


def clock() -> ManualClock:
    """A fixed Thursday morning in the deployment's zone."""
    return ManualClock(datetime(2024, 3, 7, 9, 30, tzinfo=TZ))


@dataclass
class ErrorLog(logging.Handler):
    """Collects records of the error handler (which logs every unhandled exception)."""

    records: list[logging.LogRecord] = field(default_factory=list)

    def __post_init__(self) -> None:
        logging.Handler.__init__(self, logging.ERROR)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def __hash__(self) -> int:
        return id(self)


@asynccontextmanager
async def running_bot(
    sb: Sandbox, settings: Settings, store: Store | None, clock_: ManualClock
) -> AsyncIterator[DubanApp]:
    """The bot polling the sandbox (post_init included) until the block ends, for the updates
    ``duban run`` asks for."""
    app = build_application(settings, store=store, clock=clock_, pacing=pacing_for(sb))
    async with running_polling(app, sb, run_hooks=True, allowed_updates=ALLOWED_UPDATES):
        yield app
        await sb.wait_idle()


def link_token(text: str, name: str) -> str:
    """The invite token printed under ``name`` in a roster or invite reply."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith(name) or f" {name}" in line:
            for follow in lines[index : index + 3]:
                if "?start=" in follow:
                    return follow.split("?start=", 1)[1].split()[0]
    raise AssertionError(f"no link for {name} in:\n{text}")


async def join(user: ScriptedUser, token: str) -> UserChat:
    """The user opens their personal link and is welcomed."""
    chat = await user.start(token)
    await chat.wait_for_message("欢迎")
    return chat


async def send_sticker(sb: Sandbox, chat: UserChat) -> None:
    """The user sends a sticker, content the bot cannot use (injected as a raw update)."""
    world = sb.driver.world
    message = world.post(chat.chat, chat.user.id)
    payload = world.message_json(message)
    payload.pop("text", None)
    payload["sticker"] = {
        "file_id": "STK",
        "file_unique_id": "stk",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    await sb.inject_update({"message": payload})


PLAN = """XX县2024年重点工作计划
一、产业发展
（一）加快园区建设。建成标准化厂房10万平方米。（县发改委牵头，县财政局配合）
（二）强化招商引资。完成招商引资到位资金20亿元。（县商务局负责）
二、民生保障
（一）提升教育质量。新建幼儿园3所。（县教育局牵头）
"""
PLAN_V2 = PLAN.replace("新建幼儿园3所", "新建幼儿园5所") + "（二）办好民生实事。（县民政局负责）\n"
ROSTER = [
    ("张三", "县发改委", "责任人", ""),
    ("李四", "县财政局", "责任人", ""),
    ("王五", "县商务局", "责任人", ""),
    ("赵六", "县教育局", "责任人", ""),
]


@dataclass
class Team:
    """A running bot with a team: its admin, its lead and joined officials, by name."""

    sb: Sandbox
    admin: UserChat
    lead: UserChat
    lead_user: ScriptedUser
    officials: dict[str, UserChat]
    app: DubanApp
    person_ids: dict[str, str]  # "lead" and each official's name → person id


def zh(sb: Sandbox, name: str) -> ScriptedUser:
    """A user with a Chinese client."""
    return sb.create_user(name, language_code="zh-hans")


@asynccontextmanager
async def team(
    sb: Sandbox, roster: list[tuple[str, str, str, str]] = ROSTER, store: Store | None = None
) -> AsyncIterator[Team]:
    """A team whose roster has joined, with the bot running (over ``store``, else in memory)."""
    admin, lead = zh(sb, "Admin"), zh(sb, "Lead")
    store = store if store is not None else MemoryStore()
    async with running_bot(sb, settings_for(sb, [admin.id]), store, clock()) as app:
        admin_chat = await admin.start()
        await admin_chat.send("/newteam 督查室")
        await admin_chat.wait_for_message("已新建")
        await admin_chat.send("/addlead 王督办")
        lead_chat = await join(
            lead, link_token((await admin_chat.wait_for_message("王督办")).text, "王督办")
        )
        await lead_chat.send_document(roster_csv(roster), "名单.csv")
        links = (await lead_chat.wait_for_message("名单已导入")).text
        officials = {}
        for name, *_ in roster:
            officials[name] = await join(zh(sb, name), link_token(links, name))
        people = app.bot_data.services.store.people.all()
        ids = {p.name: p.id for p in people}
        ids["lead"] = ids["王督办"]
        yield Team(sb, admin_chat, lead_chat, lead, officials, app, ids)


async def import_plan(lead: UserChat, text: str) -> None:
    """The lead sends a plan and confirms the preview."""
    await lead.send_document(text.encode(), "plan.txt")
    preview = await lead.wait_for_message("确认导入吗")
    await lead.press("✅ 确认导入", message=preview)
    await lead.wait_for_edit(preview, "计划")


async def accept_suggestions(lead: UserChat) -> None:
    """The lead asks for automatic assignment suggestions and confirms them all."""
    await lead.press("🤖 自动建议")
    await lead.press("✅ 全部确认", message=await lead.wait_for_message("建议交办"))


async def plan_assigned(lead: UserChat) -> None:
    """The lead imports the sample plan and confirms every suggested assignment."""
    await import_plan(lead, PLAN)
    await accept_suggestions(lead)


async def dispatch(lead: UserChat) -> MessageView:
    """The lead sends this week's prompts now: the bot's answer that they went out."""
    await lead.send("/dispatch")
    return await lead.wait_for_message("调度已发出")


async def first_task(lead: UserChat) -> str:
    """The id of the plan's first task (加快园区建设), from the lead's ``/task 1``."""
    await lead.send("/task 1")
    view = await lead.wait_for_message("加快园区建设")
    return view.text.split("#", 1)[1].split()[0]


async def first_task_assigned(
    t: Team, owners: str, told: tuple[str, ...] = ("张三",), plan: str = PLAN
) -> str:
    """``plan`` (the sample plan) imported and its first task (加快园区建设) assigned by the
    lead's ``/assign <id> <owners>``, each official in ``told`` having heard of it: the
    task's id."""
    await import_plan(t.lead, plan)
    task = await first_task(t.lead)
    await t.lead.send(f"/assign {task} {owners}")
    await t.lead.wait_for_message("已交办")
    for name in told:
        await t.officials[name].wait_for_message("您有一项新任务")
    return task
