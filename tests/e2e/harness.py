"""Running the real Duban ``Application`` against the sandbox, over HTTP with long polling."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import build_application
from bot.config import SecretStr, Settings
from bot.context import DubanApp
from bot.domain.clock import ManualClock
from bot.domain.ports import Store
from bot.sandbox import Sandbox, ScriptedUser, UserChat
from bot.sandbox.testing import running_polling

TZ = ZoneInfo("Asia/Shanghai")
SAMPLE_PLAN = Path(__file__).resolve().parents[2] / "bot" / "data" / "sample-plan.txt"


def settings_for(sb: Sandbox, admins: Iterable[int], data_dir: Path | None = None) -> Settings:
    """Settings pointing the bot at the sandbox."""
    return Settings(
        token=SecretStr(sb.token),
        data_dir=data_dir or Path("unused"),
        timezone=TZ,
        admin_ids=frozenset(admins),
        bot_api_url=sb.url,
    )


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
    """The bot polling the sandbox (post_init included) until the block ends."""
    app = build_application(settings, store=store, clock=clock_)
    async with running_polling(app, sb):
        assert app.post_init is not None
        await app.post_init(app)
        yield app
        await sb.wait_idle()
    assert app.post_shutdown is not None
    await app.post_shutdown(app)  # closes the store, as run_polling would


def roster_csv(rows: Iterable[tuple[str, str, str, str]]) -> bytes:
    """A roster file: name, unit, role, for-whom."""
    out = io.StringIO()
    out.write("姓名,单位,角色,代理\n")
    for name, unit, role, principal in rows:
        out.write(f"{name},{unit},{role},{principal}\n")
    return out.getvalue().encode("utf-8")


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
