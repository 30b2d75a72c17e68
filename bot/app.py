"""The composition root: settings, store, clock and services in; a ready ``Application`` out.

Nothing else wires things together. Extension points for later features:

- :data:`STARTUP_HOOKS`: coroutines run in ``post_init`` after the menus are set, e.g. the
  rhythm's job scheduling (``async def hook(app: DubanApp) -> None``), rebuilt from the store.
- :func:`bot.handlers.build_handlers`: the one ordered handler list.

Built here once: the :class:`~bot.outbox.Outbox` every message leaves through, the
:class:`~bot.jobs.rhythm.Rhythm` runtime (jobs and their background work) and the
:class:`~bot.intake.Intake` journal, whose queue journals every update before it is
acknowledged; ``post_init`` puts back the updates a crash left unhandled.

Settling the heap (``duban run``, after building): :func:`settle_heap`.

Stopping (``run_polling`` on SIGTERM, or a test): ``post_stop`` cancels the rhythm's background
work and waits for it to drain while the bot can still send; ``post_shutdown`` makes sure of it
again, then closes the store, so no write ever meets a closed store.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Awaitable, Callable
from functools import partial

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ApplicationBuilder, Defaults, TypeHandler

from bot.config import Settings
from bot.context import CONTEXT_TYPES, DubanApp
from bot.domain.clock import Clock, SystemClock
from bot.domain.ports import Store
from bot.effects import recording
from bot.handlers import build_handlers
from bot.handlers.admin import heard_from
from bot.handlers.errors import on_error
from bot.handlers.menus import (
    apply_default_menus,
    apply_role_menus,
    follow_group,
    forget_topic,
)
from bot.health import Health, build_requests
from bot.intake import DubanApplication, Intake, JournalingQueue
from bot.jobs.rhythm import Rhythm
from bot.offload import ProcessOffload
from bot.outbox import Outbox, Pacing, RetryPolicy
from bot.ratelimit import PerChatRateLimiter
from bot.services import Services
from bot.services.common.base import StoreReader
from bot.services.common.offload import Offload

log = logging.getLogger(__name__)

StartupHook = Callable[[DubanApp], Awaitable[None]]


async def start_rhythm(app: DubanApp) -> None:
    """Start-up hook: the rhythm schedules every team's jobs from the store and catches up."""
    await app.bot_data.rhythm.startup(app.job_queue)


async def replay_updates(app: DubanApp) -> None:
    """Start-up hook: updates a crash left unhandled go back into the queue, oldest first."""
    await app.bot_data.intake.replay(app.update_queue, app.bot)
    app.bot_data.intake.start_watch(app.update_queue, app.bot)  # several processes only


#: Run in order at start-up, after the command menus are set (or pass ``startup_hooks=`` to
#: :func:`build_application`).
STARTUP_HOOKS: list[StartupHook] = [start_rhythm, replay_updates]

#: Updates the bot asks Telegram for (nothing else is handled): ``my_chat_member`` tells it when
#: it is removed from the leaders' group. Not asked for: channel posts, inline queries, polls,
#: reactions, business messages, join requests, other members' changes (the bot offers none).
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.MY_CHAT_MEMBER,
]


def open_default_store(settings: Settings) -> Store:
    """The PostgreSQL store if ``DUBAN_DATABASE_URL`` is set, else the TinyDB store in the
    settings' data directory (locked while the bot runs); either reports its write latency."""
    from bot import metrics
    from storage import open_store

    url = settings.database_url
    store = open_store(
        settings.data_dir,
        database_url=url.get_secret_value() if url else None,
        pool_max=settings.database_pool_max,
    )
    store.commit_observer = metrics.store_write  # type: ignore[attr-defined]
    return store


def reader_for(settings: Settings) -> StoreReader | None:
    """How the worker process opens the embedded store read-only (lazily, without its lock) to
    read the review's and the ledger's data itself, so the bot never holds a year's prompts
    (see :mod:`bot.offload`); None over PostgreSQL, whose reads the bot's threads make."""
    from storage.readonly import open_read_only

    if settings.database_url is not None:
        return None
    return partial(open_read_only, settings.data_dir.absolute(), lazy=True)


def offload_for(store: Store) -> Offload:
    """Heavy reads in worker threads over a database store (one fewer than its connections,
    so the event loop always finds one); on the event loop over an embedded one."""
    if not getattr(store, "threaded_reads", False):
        return Offload()
    return Offload(workers=max(1, int(getattr(store, "pool_max", 2)) - 1))


def chat_limiter(pacing: Pacing) -> PerChatRateLimiter:
    """PTB's limiter at Telegram's overall and group limits, each private chat at the pace the
    outbox keeps between two messages to one chat."""
    return PerChatRateLimiter(
        private_chat_rate=1 / pacing.chat_interval,
        overall_max_rate=30,
        group_max_rate=18,
        max_retries=0,
    )


def build_application(
    settings: Settings,
    *,
    store: Store | None = None,
    clock: Clock | None = None,
    startup_hooks: list[StartupHook] | None = None,
    pacing: Pacing | None = None,
    retry: RetryPolicy | None = None,
) -> DubanApp:
    """The bot, ready to ``run_polling`` (or to be initialised and started by a test).

    ``pacing`` and ``retry`` tune the outbox (tests and benchmarks; the defaults suit Telegram);
    ``pacing.chat_interval`` also spaces every send to one private chat (see bot.ratelimit).
    """
    pacing = pacing if pacing is not None else Pacing()
    reader = reader_for(settings) if store is None else None
    store = store if store is not None else open_default_store(settings)
    clock = clock if clock is not None else SystemClock(settings.timezone)
    offload = ProcessOffload()  # workbooks and charts: a worker process (see bot.offload)
    reads = offload_for(store)  # a team's year over a database: worker threads
    services = Services.build(  # writes recorded while an update is handled: see bot.effects
        recording(store), clock, settings.admin_ids, off_loop=offload, offload=reads, reader=reader
    )
    intake = Intake(store, clock, lease_seconds=settings.lease_seconds)
    hooks = [*STARTUP_HOOKS, *(startup_hooks or [])]
    health = Health(settings.data_dir, webhook=settings.webhook is not None)
    request, updates_request = build_requests(settings, on_poll=health.polled)

    async def post_init(app: DubanApp) -> None:
        await apply_default_menus(app.bot, settings.language)
        await apply_role_menus(app.bot, services, settings.admin_ids)
        for hook in hooks:
            await hook(app)
        await health.start(app, settings.health)
        log.info("Duban is running as @%s", app.bot.username)

    async def post_stop(app: DubanApp) -> None:
        await app.bot_data.intake.stop_watch()
        await app.bot_data.rhythm.stop()  # the catch-up and any dispatch drain while it can send

    async def post_shutdown(app: DubanApp) -> None:
        await app.bot_data.intake.stop_watch()
        await app.bot_data.rhythm.stop()  # nothing may write once the store is closed
        await health.stop()
        await asyncio.to_thread(offload.close)  # lets a workbook in progress finish
        reads.close()
        store.close()
        log.info("store closed")

    update_queue = JournalingQueue(intake)
    builder = (
        ApplicationBuilder()
        .application_class(DubanApplication)
        .update_queue(update_queue)
        .token(settings.require_token())
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.timezone))
        .context_types(CONTEXT_TYPES)
        .request(request)  # through DUBAN_PROXY; polls and 429s noted for /readyz and /metrics
        .get_updates_request(update_queue.settling(updates_request))  # a batch: durable first
        # the overall guard at Telegram's 30/s; bulk sends are paced below it by bot.outbox.pacing
        .rate_limiter(chat_limiter(pacing))
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
    )
    if settings.base_url and settings.base_file_url:
        builder = builder.base_url(settings.base_url).base_file_url(settings.base_file_url)
    app: DubanApp = builder.build()  # type: ignore[assignment]
    app.bot_data.services = services
    app.bot_data.settings = settings
    app.bot_data.clock = clock
    app.bot_data.intake = intake
    app.bot_data.outbox = Outbox(app.bot, store.sent, clock, pacing=pacing, policy=retry)
    app.bot_data.outbox.moved.append(partial(follow_group, app.bot, services))  # supergroups
    app.bot_data.outbox.topic_gone.append(partial(forget_topic, services))  # deleted topics
    app.bot_data.rhythm = Rhythm(
        services,
        app.bot_data.outbox,
        language=settings.language,
        holiday_file=settings.holiday_file,
        leases=store.leases,
        lease_seconds=settings.lease_seconds,
    )
    services.reports.listeners.append(app.bot_data.rhythm.light_may_change)  # escalation
    app.add_handler(TypeHandler(Update, health.on_update), group=-1)  # counts, then on
    app.add_handler(TypeHandler(Update, heard_from), group=-2)  # reachable again, then on
    app.add_handlers(build_handlers())
    app.add_error_handler(on_error)
    return app


#: The youngest generation's collection threshold once started (Python's default: 700).
GC_YOUNG_THRESHOLD = 10_000


def settle_heap() -> None:
    """After start-up (the store opened, the application built; ``duban run`` calls it):
    collect once, then freeze what is alive (``gc.freeze``: the store's indexes and working
    state, the application) so no later collection walks those long-lived objects again, and
    collect the young generation less often. A press allocates a few thousand objects: with
    Python's default threshold (700) it met a collection one time in two, each walking what
    survived, and a full collection walked the whole store (about 95 ms with a county-year).
    Freed objects are still freed at once (reference counting); frozen ones are never
    collected, so this runs once, after start-up, never per update."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)
