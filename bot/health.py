"""The running bot's health: a small local HTTP endpoint with liveness, readiness and metrics.

Served only when ``DUBAN_HEALTH_ADDRESS`` is set (e.g. ``127.0.0.1:9464``), on the bot's own
event loop, so an answer at all means the loop is alive:

- ``GET /livez``: 200 while the job queue runs and its heartbeat is recent (a stuck loop or a
  dead scheduler fails it); restart the process when it fails.
- ``GET /readyz``: 200 when the bot also does its work: updates arrive (the last successful
  ``getUpdates`` is recent, or in webhook mode the webhook server runs) and the data directory
  takes a durable write. 503 with the failing check otherwise; the body is JSON either way.
- ``GET /metrics``: Prometheus' text format (:mod:`bot.metrics`).

:class:`Health` is built by the composition root, which hands its request classes to PTB (they
note each successful poll and count 429s at the HTTP edge) and calls :meth:`Health.start` and
:meth:`Health.stop` from ``post_init`` and ``post_shutdown``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.request import HTTPXRequest
from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler

from bot import metrics
from bot.config import HealthAddress, Settings
from bot.reachability import Reachability

log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL = 15.0  # seconds between two heartbeat jobs
HEARTBEAT_STALE = 4 * HEARTBEAT_INTERVAL  # liveness fails past this
POLL_STALE = 90.0  # readiness fails when no getUpdates succeeded for this long (polls: 10 s)
PROBE_FILE = ".health-probe"


class TrackedRequest(HTTPXRequest):
    """PTB's HTTP request that counts 429s and tells ``on_success`` about each good answer."""

    def __init__(
        self,
        on_success: Callable[[], None] | None = None,
        reachability: Reachability | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._on_success = on_success
        self._reachability = reachability or Reachability()

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Make the HTTP call; note a success, count a flood wait (HTTP 429); the Bot API's
        going and coming back is logged once each (:mod:`bot.reachability`)."""
        call = super().do_request(*args, **kwargs)
        code, payload = await self._reachability.watch(call)
        if code == HTTPStatus.TOO_MANY_REQUESTS:
            metrics.flood_wait()
        elif code == HTTPStatus.OK and self._on_success is not None:
            self._on_success()
        return code, payload


def build_requests(
    settings: Settings, on_poll: Callable[[], None] | None = None
) -> tuple[HTTPXRequest, HTTPXRequest]:
    """The two requests PTB needs (everything, and getUpdates), through the configured proxy,
    sized as PTB sizes its own, sharing one view of whether the Bot API can be reached."""
    proxy = settings.proxy.get_secret_value() if settings.proxy else None
    reachability = Reachability()
    return (
        TrackedRequest(None, reachability, connection_pool_size=256, proxy=proxy),
        TrackedRequest(on_poll, reachability, connection_pool_size=1, proxy=proxy),
    )


class ListenError(OSError):
    """A server of the bot cannot listen where the settings say (``duban run`` says so in a
    sentence naming the setting's address)."""

    def __init__(self, address: str, cause: OSError) -> None:
        why = cause.strerror or str(cause)
        super().__init__(cause.errno, f"the health endpoint {address} cannot listen ({why})")
        self.address, self.why = address, why


@dataclass(frozen=True, slots=True)
class Check:
    """One check's verdict and what it saw."""

    ok: bool
    detail: str


@dataclass
class Health:
    """What the process has seen lately, and the endpoint that reports it."""

    data_dir: Path
    webhook: bool = False
    clock: Callable[[], float] = time.monotonic
    started: float = field(default=0.0)
    last_poll: float | None = None
    last_update: float | None = None
    last_beat: float | None = None
    store: Check = field(default_factory=lambda: Check(False, "not probed yet"))
    _ready: bool | None = None
    _app: Any = None
    _server: HTTPServer | None = None

    def __post_init__(self) -> None:
        self.started = self.clock()

    # --- what the process reports -------------------------------------------------------------

    def polled(self) -> None:
        """A getUpdates call succeeded."""
        self.last_poll = self.clock()

    async def on_update(self, update: Update, context: Any) -> None:
        """Every update (handler group -1): counted, and in webhook mode the delivery noted."""
        self.last_update = self.clock()
        kind = next((name for name in _KINDS if getattr(update, name, None)), "other")
        metrics.update_handled(kind)

    async def beat(self, context: Any) -> None:
        """The heartbeat job: the job queue runs; probe the data directory."""
        self.last_beat = self.clock()
        self.store = await asyncio.to_thread(probe_directory, self.data_dir)
        self._log_transition()

    def _log_transition(self) -> None:
        """One log line when readiness changes, naming what failed."""
        checks = self.readiness()
        failing = [f"{name}: {check.detail}" for name, check in checks.items() if not check.ok]
        ready = not failing
        if ready != self._ready:
            if ready:
                log.info("ready: updates arrive, jobs run, the store takes writes")
            elif self._ready is not None or self.clock() - self.started > HEARTBEAT_STALE:
                log.warning("not ready: %s", "; ".join(failing))
            else:
                return  # still starting up: no warning for the first polls
            self._ready = ready

    # --- verdicts ----------------------------------------------------------------------------

    def jobs(self) -> Check:
        """The job queue runs and its heartbeat is recent."""
        scheduler = getattr(getattr(self._app, "job_queue", None), "scheduler", None)
        if scheduler is None or not scheduler.running:
            return Check(False, "the job queue is not running")
        if self.last_beat is None:
            return Check(False, "no heartbeat yet")
        age = self.clock() - self.last_beat
        if age > HEARTBEAT_STALE:
            return Check(False, f"last heartbeat {age:.0f} s ago")
        return Check(True, f"last heartbeat {age:.0f} s ago")

    def telegram(self) -> Check:
        """Updates reach the bot: recent getUpdates, or the webhook server up."""
        updater = getattr(self._app, "updater", None)
        if self.webhook:
            running = bool(updater is not None and updater.running)
            seen = _ago(self.clock, self.last_update, "last delivery")
            return Check(running, f"webhook server {'up' if running else 'down'}, {seen}")
        if self.last_poll is None:
            return Check(False, "no successful getUpdates yet")
        age = self.clock() - self.last_poll
        return Check(age <= POLL_STALE, f"last successful getUpdates {age:.0f} s ago")

    def liveness(self) -> dict[str, Check]:
        """The checks /livez reports."""
        return {"jobs": self.jobs()}

    def readiness(self) -> dict[str, Check]:
        """The checks /readyz reports."""
        return {"telegram": self.telegram(), "jobs": self.jobs(), "store": self.store}

    # --- the endpoint ------------------------------------------------------------------------

    async def start(self, app: Any, address: HealthAddress | None) -> None:
        """Measure job lags; with an address, run the heartbeat and serve the endpoint."""
        self._app = app
        app.job_queue.scheduler.add_listener(self._job_submitted, _EVENT_JOB_SUBMITTED)
        if address is None:
            return
        app.job_queue.run_repeating(
            self.beat, interval=HEARTBEAT_INTERVAL, first=0, name="health:heartbeat"
        )
        host, port = address.host, address.port
        routes = [(r"/(livez|readyz|metrics)", _Handler, {"health": self})]
        self._server = HTTPServer(Application(routes, log_function=_log_failures))
        try:
            self._server.listen(port, address=host)
        except OSError as exc:  # a port in use, an address not on this machine
            raise ListenError(str(address), exc) from exc
        log.info("health endpoint on http://%s:%s/ (livez, readyz, metrics)", host, port)

    async def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None

    def _job_submitted(self, event: Any) -> None:
        job = self._app.job_queue.scheduler.get_job(event.job_id)
        name = getattr(job, "name", None) or event.job_id
        now = datetime.now(tz=event.scheduled_run_times[0].tzinfo)
        for planned in event.scheduled_run_times:
            metrics.job_lag(str(name).split(":")[0], (now - planned).total_seconds())


_KINDS = ("message", "edited_message", "callback_query")
_EVENT_JOB_SUBMITTED = 2**15  # apscheduler.events.EVENT_JOB_SUBMITTED


def _log_failures(handler: RequestHandler) -> None:
    """Tornado's access log, kept to the answers that are not 200 (probes come every 30 s)."""
    if handler.get_status() != 200:
        log.info("health: %s %s", handler.request.uri, handler.get_status())


def _ago(clock: Callable[[], float], moment: float | None, what: str) -> str:
    return f"no {what} yet" if moment is None else f"{what} {clock() - moment:.0f} s ago"


def probe_directory(directory: Path) -> Check:
    """Write, fsync and remove a small file in ``directory``: can the store write there?"""
    started = time.perf_counter()
    path = directory / PROBE_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, b"ok\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        path.unlink()
    except OSError as exc:
        return Check(False, f"{directory}: {exc.strerror or exc}")
    return Check(True, f"durable write in {1000 * (time.perf_counter() - started):.1f} ms")


class _Handler(RequestHandler):
    """GET /livez, /readyz and /metrics."""

    def initialize(self, health: Health) -> None:
        self.health = health

    def get(self, what: str) -> None:
        if what == "metrics":
            self.set_header("Content-Type", metrics.CONTENT_TYPE)
            self.write(metrics.exposition())
            return
        checks = self.health.liveness() if what == "livez" else self.health.readiness()
        ok = all(check.ok for check in checks.values())
        self.set_status(200 if ok else 503)
        self.set_header("Content-Type", "application/json")
        body = {
            "status": "ok" if ok else "fail",
            "checks": {name: {"ok": c.ok, "detail": c.detail} for name, c in checks.items()},
        }
        self.write(json.dumps(body, ensure_ascii=False))
