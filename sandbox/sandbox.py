"""The sandbox as one object: ``async with Sandbox() as sb:`` serves a fake Telegram locally."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any

from sandbox.actors import Group, ScriptedUser
from sandbox.config import Clock, SandboxConfig
from sandbox.control import control_routes
from sandbox.counters import Counters
from sandbox.dispatch import Dispatcher
from sandbox.driver import Driver, IdleProbe
from sandbox.faults import FaultConfig, FaultInjector
from sandbox.notify import Notifier
from sandbox.ratelimit import RateLimiter, RateLimits
from sandbox.server import HttpServer, make_application
from sandbox.spec import BotApiSpec, Violation
from sandbox.state import World
from sandbox.webhook import WebhookPusher

#: Called with every sandbox that starts (the pytest spec watch uses this).
start_listeners: list[Callable[[Sandbox], None]] = []


class Sandbox:
    """A local Telegram Bot API server with a driver for scripted users.

    >>> async with Sandbox(rate_limits=False) as sb:           # doctest: +SKIP
    ...     alice = sb.create_user("Alice")
    ...     bot = Bot(sb.token, base_url=sb.base_url, base_file_url=sb.base_file_url)
    """

    def __init__(
        self,
        config: SandboxConfig | None = None,
        *,
        rate_limits: RateLimits | bool | None = None,
        faults: FaultConfig | None = None,
        strict_spec: bool | None = None,
        clock: Clock | None = None,
        port: int | None = None,
        **overrides: Any,
    ) -> None:
        if isinstance(rate_limits, bool):
            rate_limits = RateLimits() if rate_limits else RateLimits.off()
        given = {
            "rate_limits": rate_limits,
            "faults": faults,
            "strict_spec": strict_spec,
            "clock": clock,
            "port": port,
        }
        overrides.update({key: value for key, value in given.items() if value is not None})
        self.config = dataclasses.replace(config or SandboxConfig(), **overrides)
        self._assemble()

    def _assemble(self) -> None:
        """Build the parts: state, spec, limits, faults, dispatcher, driver, server."""
        self.counters = Counters()
        self.notifier = Notifier()
        self.world = World(self.config, self.notifier, self.counters)
        path = self.config.spec_path
        self.spec = BotApiSpec.load(path) if path else BotApiSpec.find()
        self.limiter = RateLimiter(self.config.rate_limits)
        self.faults = FaultInjector(self.config.faults)
        self.dispatcher = Dispatcher(self.world, self.spec, self.limiter, self.faults)
        self.driver = Driver(self.world, lambda: self.dispatcher.in_flight, self.spec)
        self._pusher = WebhookPusher(
            self.world,
            initial_backoff=self.config.webhook_retry_initial,
            max_backoff=self.config.webhook_retry_max,
        )
        app = make_application(self.dispatcher, control_routes(self))
        self._server = HttpServer(app)
        self._running = False

    # -- lifecycle ---------------------------------------------------------------------
    async def start(self) -> Sandbox:
        """Bind the port and start serving (inside the running event loop)."""
        self._server.listen(self.config.host, self.config.port)
        self._pusher.start()
        self._running = True
        for listener in list(start_listeners):
            listener(self)
        return self

    async def stop(self) -> None:
        """Release long polls, stop webhook delivery, close the server and its connections."""
        if not self._running:
            return
        self._running = False
        self.world.updates.terminate_poll("close")
        await self._pusher.stop()
        await self._server.close()

    async def __aenter__(self) -> Sandbox:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    # -- addresses ---------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The server's root, e.g. ``http://127.0.0.1:PORT``."""
        host = self.config.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self._server.port}"

    @property
    def token(self) -> str:
        """The bot token to use with this sandbox."""
        return self.config.bot_token

    @property
    def base_url(self) -> str:
        """PTB's ``base_url`` (the token is appended by PTB)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's ``base_file_url``."""
        return f"{self.url}/file/bot"

    @property
    def control_url(self) -> str:
        """Root of the HTTP control endpoints (see README)."""
        return f"{self.url}/_sandbox"

    # -- shortcuts to the driver and the records ---------------------------------------
    def create_user(self, first_name: str = "Alice", **details: Any) -> ScriptedUser:
        """See :meth:`Driver.create_user`."""
        return self.driver.create_user(first_name, **details)

    def create_group(
        self, title: str = "Team", *, members: Iterable[ScriptedUser] = (), **details: Any
    ) -> Group:
        """See :meth:`Driver.create_group`."""
        return self.driver.create_group(title, members=members, **details)

    async def inject_update(self, update: dict[str, Any], *, check: bool = True) -> dict[str, Any]:
        """See :meth:`Driver.inject_update`."""
        return await self.driver.inject_update(update, check=check)

    async def wait_idle(self, *, timeout: float = 5.0, quiet: float = 0.05) -> None:  # noqa: ASYNC109 - the driver's waits take a timeout like asyncio.wait_for
        """See :meth:`Driver.wait_idle`."""
        await self.driver.wait_idle(timeout=timeout, quiet=quiet)

    async def wait_for(
        self,
        predicate: Callable[[], bool],
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - the driver's waits take a timeout like asyncio.wait_for
        what: str = "condition",
    ) -> None:
        """See :meth:`Driver.wait_for`."""
        await self.driver.wait_for(predicate, timeout=timeout, what=what)

    def add_idle_probe(self, probe: IdleProbe) -> Callable[[], None]:
        """See :meth:`Driver.add_idle_probe`."""
        return self.driver.add_idle_probe(probe)

    @property
    def violations(self) -> list[Violation]:
        """Calls that broke the Bot API description so far."""
        return list(self.dispatcher.violations)

    def take_violations(self) -> list[Violation]:
        """Return the recorded violations and forget them (for tests that provoke some)."""
        taken = list(self.dispatcher.violations)
        self.dispatcher.violations.clear()
        return taken

    def set_faults(self, faults: FaultConfig | None) -> None:
        """Change fault injection at runtime (``None`` switches it off)."""
        self.faults.configure(faults)

    def set_rate_limits(self, limits: RateLimits | bool) -> None:
        """Change flood limits at runtime (``False`` switches them off)."""
        if isinstance(limits, bool):
            limits = RateLimits() if limits else RateLimits.off()
        self.limiter.configure(limits)
