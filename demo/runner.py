"""Running the demo: the sandbox on loopback, the real bot against it, the script, the outputs.

The bot is built by :func:`bot.app.build_application` exactly as ``duban run`` builds it, with
settings pointing at the sandbox (``DUBAN_BOT_API_URL``), the sandbox's throwaway token, a TinyDB
store in a temporary directory (or ``--data-dir``) and a :class:`ManualClock` that the script
moves. The sandbox keeps Telegram's flood limits on; the bot's limiter and paced queue deal
with them (each 429 the bot waits out is counted in the summary). A step whose expected message
does not come fails the run, naming the step and what was awaited.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TextIO

from bot.app import build_application
from bot.config import SecretStr, Settings
from bot.context import DubanApp
from bot.domain.clock import ManualClock
from bot.i18n import t
from demo.events import Event, Header, Note
from demo.journal import Journal
from demo.report import moments, output_folder, render_summary, write_outputs
from demo.roster import cast
from demo.scenario import SCRIPT, TZ, Step
from demo.stage import Stage
from demo.transcript import Style, render_events
from sandbox import ButtonNotFound, RateLimits, Sandbox, SandboxTimeout
from sandbox.testing import running_polling

STEP_ERRORS = (SandboxTimeout, ButtonNotFound, LookupError, ValueError, AssertionError)


class DemoFailed(Exception):
    """A step did not go as scripted: which step, what was awaited, and the chat so far."""

    def __init__(self, step: str, reason: str) -> None:
        super().__init__(f"{step}: {reason}")
        self.step = step
        self.reason = reason


@dataclass(frozen=True, slots=True)
class DemoOptions:
    """What ``duban demo`` was asked for."""

    lang: str = "zh"
    seed: int = 7
    output: Path | None = None  # default: ./duban-demo-output/<timestamp>/
    data_dir: Path | None = None  # default: a temporary directory
    quiet: bool = False
    color: bool = False
    width: int = 100


@dataclass
class DemoResult:
    """How the run went."""

    ok: bool
    seconds: float
    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    moments: dict[str, bool] = field(default_factory=dict)
    failure: DemoFailed | None = None
    bot_errors: list[str] = field(default_factory=list)
    flood_waits: int = 0
    tasks: int = 0  # the team's tasks when the script ended, as the bot's views count them
    script: tuple[Step, ...] = SCRIPT


def run(
    options: DemoOptions, out: TextIO | None = None, *, script: Sequence[Step] = SCRIPT
) -> DemoResult:
    """Run the demo to the end (blocking) and print as it goes."""
    return asyncio.run(run_demo(options, out or sys.stdout, script=script))


def main(options: DemoOptions, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the demo for the command line: 0 when every step and key moment happened, 1 when
    not, 2 (said on ``err``) when ``--data-dir`` already holds a store."""
    try:
        return 0 if run(options, out).ok else 1
    except DataDirInUse as exc:
        print(t("demo.data_dir_in_use", options.lang, path=exc), file=err or sys.stderr)
        return 2


async def run_demo(
    options: DemoOptions, out: TextIO, *, script: Sequence[Step] = SCRIPT
) -> DemoResult:
    """Run the demo (or another ``script``) in the running event loop; the transcript streams
    to ``out``."""
    started = time.perf_counter()
    style = Style(width=options.width, color=options.color, lang=options.lang)
    folder = output_folder(options.output)
    printer = _printer(out, style, quiet=options.quiet)
    result = DemoResult(False, 0.0, folder, script=tuple(script))
    with captured_log() as log, _data_dir(options.data_dir) as data_dir:
        stage, result.failure, result.tasks = await _play(options, script, data_dir, printer)
        result.bot_errors = list(log.errors)
        result.flood_waits = log.flood_waits
    result.seconds = time.perf_counter() - started
    result.events = stage.journal.events
    result.files = write_outputs(folder, stage)
    result.moments = moments(stage)
    result.ok = result.failure is None and not result.bot_errors and all(result.moments.values())
    out.write("\n".join(render_summary(result, options.lang)) + "\n")
    out.flush()
    return result


async def _play(
    options: DemoOptions,
    script: Sequence[Step],
    data_dir: Path,
    printer: Callable[[Event], None],
) -> tuple[Stage, DemoFailed | None, int]:
    """Play ``script``; the stage as it ended, the failure that ended it early, if any, and
    how many tasks the team's plans hold then (the plan's and those filed from 批示)."""
    failure, tasks = None, 0
    clock = ManualClock(script[0].when() - timedelta(minutes=5))
    async with Sandbox(
        rate_limits=RateLimits(), strict_spec=True, clock=lambda: clock.now().timestamp()
    ) as sandbox:
        journal = Journal(sandbox, options.lang, printer)
        journal.add(Note(t("demo.title", options.lang)))
        journal.add(Note(t("demo.cast", options.lang, **cast(options.lang))))
        journal.add(Note(t("demo.legend", options.lang)))
        stage = Stage(sandbox, clock, journal, lang=options.lang, seed=options.seed)
        settings = Settings(
            token=SecretStr(sandbox.token),
            data_dir=data_dir,
            timezone=TZ,
            admin_ids=frozenset({stage.admin.id}),
            language=options.lang,
            bot_api_url=sandbox.url,
        )
        async with _running(build_application(settings, clock=clock), sandbox) as app:
            stage.app = app
            try:
                for step in script:
                    await _step(stage, step)
                await stage.settle()
            except DemoFailed as failed:
                failure = failed
            store = app.bot_data.services.store
            plans = [plan for team in store.teams.all() for plan in store.plans.for_team(team.id)]
            tasks = sum(m.active for plan in plans for m in store.measures.for_plan(plan.id))
    return stage, failure, tasks


async def _step(stage: Stage, step: Step) -> None:
    title = stage.text(step.title)
    stage.clock.set(step.when())
    stage.begin_step()
    stage.journal.add(Header(step.when(), title))
    try:
        await step.run(stage)
    except DemoFailed:
        raise
    except STEP_ERRORS as exc:
        raise DemoFailed(title, f"{type(exc).__name__}: {exc}") from exc


@asynccontextmanager
async def _running(app: DubanApp, sandbox: Sandbox) -> AsyncIterator[DubanApp]:
    """The bot polling the sandbox, started and stopped as ``run_polling`` would."""
    async with running_polling(app, sandbox):
        if app.post_init is not None:
            await app.post_init(app)
        try:
            yield app
        finally:
            if app.post_shutdown is not None:
                await app.post_shutdown(app)


# -- plumbing -------------------------------------------------------------------------------


def _printer(out: TextIO, style: Style, *, quiet: bool) -> Callable[[Event], None]:
    """Prints each event as it happens (off-stage ones folded, see the transcript module)."""
    hidden: list[Event] = []

    def show(event: Event) -> None:
        if quiet:
            return
        if not isinstance(event, Header) and not getattr(event, "shown", True):
            hidden.append(event)
            return
        lines = render_events([*hidden, event], style)
        hidden.clear()
        out.write("\n".join(lines) + "\n")
        out.flush()

    return show


class DataDirInUse(Exception):
    """``--data-dir`` already holds a store; the demo starts from an empty one."""


@contextmanager
def _data_dir(requested: Path | None) -> Iterator[Path]:
    if requested is not None:
        if requested.exists() and any(requested.iterdir()):
            raise DataDirInUse(str(requested))
        requested.mkdir(parents=True, exist_ok=True)
        yield requested
        return
    with tempfile.TemporaryDirectory(prefix="duban-demo-") as temporary:
        yield Path(temporary)


#: PTB's limiter logs each 429 it passes on; the bot then waits as asked and sends again.
FLOOD_LOGGER = "telegram.ext.AIORateLimiter"


class BotLog(logging.Handler):
    """The bot's errors, and how often Telegram's flood control answered 429."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.flood_waits = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == FLOOD_LOGGER:
            self.flood_waits += 1
        elif record.levelno >= logging.ERROR:
            detail = f" ({record.exc_info[1]!r})" if record.exc_info else ""
            self.errors.append(f"{record.name}: {record.getMessage()}{detail}")


@contextmanager
def captured_log() -> Iterator[BotLog]:
    """Keep the bot's log off the transcript; collect its errors for the summary."""
    root = logging.getLogger()
    handler = BotLog()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
