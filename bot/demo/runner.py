"""Running the demo: the sandbox on loopback, the real bot against it, the script, the outputs.

The bot is built by :func:`bot.app.build_application` exactly as ``duban run`` builds it, with
settings pointing at the sandbox (``DUBAN_BOT_API_URL``), the sandbox's throwaway token, a TinyDB
store in a temporary directory (or ``--data-dir``) and a :class:`ManualClock` that the script
moves. The sandbox keeps Telegram's flood limits; the bot's own limiter and paced queue keep
under them. A step whose expected message does not come fails the run with a clear message.
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
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from bot.app import build_application
from bot.config import SecretStr, Settings
from bot.context import DubanApp
from bot.demo import outputs
from bot.demo.events import Bubble, Event, Header, Note, Tap
from bot.demo.journal import Journal
from bot.demo.roster import ADMIN, ROSTER, TEAM_NAME
from bot.demo.scenario import SCRIPT, TZ, Step
from bot.demo.stage import DemoFailed, Stage, fragment
from bot.demo.transcript import Style, render_events
from bot.domain.clock import ManualClock
from bot.i18n import t
from bot.importer.api import load_sample_plan, parse_plan
from bot.sandbox import ButtonNotFound, RateLimits, Sandbox, SandboxTimeout
from bot.sandbox.testing import running_polling

DEFAULT_OUTPUT = Path("duban-demo-output")
STEP_ERRORS = (SandboxTimeout, ButtonNotFound, LookupError, ValueError, AssertionError)
#: Key moments the summary checks the transcript for: (label key, message key).
MOMENTS = (
    ("demo.moment.prompt", "prompt.title"),
    ("demo.moment.reminder", "remind.auto"),
    ("demo.moment.cutoff", "cutoff.silent"),
    ("demo.moment.digest", "rhythm.digest.title"),
    ("demo.moment.approved", "closeout.approved"),
    ("demo.moment.returned", "closeout.returned"),
    ("demo.moment.review", "rhythm.review.title"),
)


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
    script: tuple[Step, ...] = SCRIPT


def run(
    options: DemoOptions, out: TextIO | None = None, *, script: Sequence[Step] = SCRIPT
) -> DemoResult:
    """Run the demo to the end (blocking) and print as it goes."""
    return asyncio.run(run_demo(options, out or sys.stdout, script=script))


async def run_demo(
    options: DemoOptions, out: TextIO, *, script: Sequence[Step] = SCRIPT
) -> DemoResult:
    """Run the demo (or another ``script``) in the running event loop; the transcript streams
    to ``out``."""
    started = time.perf_counter()
    style = Style(width=options.width, color=options.color, lang=options.lang)
    folder = output_folder(options.output)
    printer = _printer(out, style, quiet=options.quiet)
    printer(Note(t("demo.title", options.lang)))
    result = DemoResult(False, 0.0, folder, script=tuple(script))
    with captured_log() as log, _data_dir(options.data_dir) as data_dir:
        stage, result.failure = await _play(options, script, data_dir, printer)
        result.bot_errors = list(log.errors)
        result.flood_waits = log.flood_waits
    result.seconds = time.perf_counter() - started
    result.events = stage.journal.events
    result.files = write_outputs(folder, stage)
    result.moments = moments(stage)
    result.ok = (
        result.failure is None and not result.bot_errors and all(result.moments.values())
    )
    out.write("\n".join(render_summary(result, options)) + "\n")
    out.flush()
    return result


async def _play(
    options: DemoOptions,
    script: Sequence[Step],
    data_dir: Path,
    printer: Callable[[Event], None],
) -> tuple[Stage, DemoFailed | None]:
    """Play ``script``; the stage as it ended, and the failure that ended it early, if any."""
    failure = None
    clock = ManualClock(script[0].when() - timedelta(minutes=5))
    async with Sandbox(
        rate_limits=RateLimits(), strict_spec=True, clock=lambda: clock.now().timestamp()
    ) as sandbox:
        journal = Journal(sandbox, options.lang, printer)
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
    return stage, failure


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


# -- outputs and summary --------------------------------------------------------------------


def output_folder(requested: Path | None) -> Path:
    """The folder to write to (created): ``--output``, else a new timestamped one."""
    if requested is None:
        stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
        requested = DEFAULT_OUTPUT / stamp
    requested.mkdir(parents=True, exist_ok=True)
    return requested.resolve()


def write_outputs(folder: Path, stage: Stage) -> dict[str, Path]:
    """The digest, chart, ledger and transcript files that could be made."""
    files: dict[str, Path] = {}
    lang = stage.lang
    keep = stage.keep
    if keep.digest_group:
        digest = outputs.Digest(
            t("demo.step.digest", lang) + f" · {TEAM_NAME}", keep.digest_group, keep.digest_leads
        )
        headings = (t("demo.heading.group", lang), t("demo.heading.leads", lang))
        files["digest_html"] = outputs.write(
            folder, outputs.DIGEST_HTML, outputs.digest_html(digest, headings)
        )
        files["digest_md"] = outputs.write(
            folder, outputs.DIGEST_MD, outputs.digest_markdown(digest, headings)
        )
    chart = outputs.photo_bytes(stage.sandbox, keep.review_group)
    if chart is not None:
        files["chart"] = outputs.write(folder, outputs.CHART, chart)
    ledger = outputs.document_bytes(stage.sandbox, keep.review_group, ".xlsx")
    if ledger is not None:
        files["ledger"] = outputs.write(folder, outputs.LEDGER, ledger)
    full = Style(width=100, lang=lang, max_lines=None, full=True)
    text = "\n".join(render_events(stage.journal.events, full)) + "\n"
    files["transcript"] = outputs.write(folder, outputs.TRANSCRIPT, text)
    return files


def moments(stage: Stage) -> dict[str, bool]:
    """Which key moments the bot's messages show (checked in the transcript itself)."""
    texts = [e.text for e in stage.journal.events if isinstance(e, Bubble) and e.from_bot]
    return {
        label: any(fragment(key, stage.lang) in text for text in texts) for label, key in MOMENTS
    }


def render_summary(result: DemoResult, options: DemoOptions) -> list[str]:
    """The closing lines: success or failure, counts, key moments and the files."""
    lang = options.lang
    lines = [""]
    if result.failure is not None:
        failure = result.failure
        lines.append(t("demo.failed", lang, step=failure.step, reason=failure.reason))
        lines.append(t("demo.failed.hint", lang))
    if result.bot_errors:
        lines.append(t("demo.bot_errors", lang, count=len(result.bot_errors)))
        lines += [f"  - {error}" for error in result.bot_errors]
    return lines + _done_lines(result, lang)


def _done_lines(result: DemoResult, lang: str) -> list[str]:
    lines = []
    if result.ok:
        start, end = result.script[0].when(), result.script[-1].when()
        seconds = f"{result.seconds:.1f}"
        lines.append(
            t("demo.done", lang, seconds=seconds, start=_when(start, lang), end=_when(end, lang))
        )
    lines.append(_counts(result.events, lang))
    if result.flood_waits:
        lines.append(t("demo.summary.flood", lang, count=result.flood_waits))
    marks = [("✔ " if ok else "✘ ") + t(label, lang) for label, ok in result.moments.items()]
    lines.append(t("demo.summary.moments", lang, moments=" · ".join(marks)))
    lines.append(t("demo.summary.output", lang, path=result.folder))
    for kind, path in result.files.items():
        lines.append(f"  {path.name:<16} {t(f'demo.summary.file.{kind}', lang)}")
    return lines


def _counts(events: Sequence[Event], lang: str) -> str:
    """People, joins, tasks, the bot's messages and people's actions, from the transcript."""
    bubbles = [e for e in events if isinstance(e, Bubble)]
    sent = sum(1 for b in bubbles if b.from_bot and not b.edited)
    actions = sum(1 for b in bubbles if b.sender) + sum(isinstance(e, Tap) for e in events)
    started = {b.sender for b in bubbles if b.sender and b.text == "/start"}
    joined = len(started - {ADMIN.label})
    tasks = len(parse_plan(load_sample_plan(), "sample-plan.txt").measures)
    people = len(ROSTER) + 1  # and the lead
    return t(
        "demo.summary.people", lang, people=people, joined=joined, tasks=tasks, sent=sent,
        actions=actions,
    )


def _when(moment: datetime, lang: str) -> str:
    return t(
        "rhythm.datetime", lang, year=moment.year, month=moment.month, day=moment.day,
        time=f"{moment:%H:%M}",
    )


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


@contextmanager
def _data_dir(requested: Path | None) -> Iterator[Path]:
    if requested is not None:
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
