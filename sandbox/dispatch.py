"""One Bot API request from token check to Telegram-shaped answer.

Order: token (401) → spec check (violations; 400 in strict mode) → method lookup (404) →
injected fault (500/502/delay/drop) → flood limits (429) → the method itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sandbox.errors import (
    ApiError,
    bad_request,
    internal_error,
    not_found,
    too_many_requests,
    unauthorized,
)
from sandbox.faults import Fault, FaultInjector
from sandbox.methods import ApiCall, Described, find_method
from sandbox.params import Params
from sandbox.ratelimit import LIMITED_METHODS, RateLimiter
from sandbox.spec import BotApiSpec, Violation
from sandbox.state import World

BAD_GATEWAY_PAGE = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n"
    "</body>\r\n</html>\r\n"
)
_NOT_ACTIVITY = frozenset({"getUpdates"})


@dataclass(frozen=True)
class Outcome:
    """What to send back: a JSON body, a raw text body, or nothing (drop the connection)."""

    status: int = 200
    body: dict[str, Any] | None = None
    text: str | None = None
    drop: bool = False


class Dispatcher:
    """Runs Bot API requests against the world, counting and recording as it goes."""

    def __init__(
        self,
        world: World,
        spec: BotApiSpec | None,
        limiter: RateLimiter,
        faults: FaultInjector,
    ) -> None:
        self.world = world
        self.spec = spec
        self.limiter = limiter
        self.faults = faults
        self.violations: list[Violation] = []
        self.violation_listeners: list[Callable[[Violation], None]] = []
        self.in_flight = 0

    async def handle(
        self, token: str, method: str, params: Params, client_gone: Callable[[], bool]
    ) -> Outcome:
        """Answer one request to ``/bot<token>/<method>``."""
        counters = self.world.counters
        if token != self.world.config.bot_token:
            counters.errors["401 Unauthorized"] += 1
            return _error(unauthorized())
        implemented = find_method(method)
        name = implemented[0] if implemented else self._spec_name(method)
        counters.calls[name] += 1
        activity = name not in _NOT_ACTIVITY
        self._track(activity, +1)
        try:
            self._check_spec(name, params, strict=implemented is not None)
            if implemented is None:
                counters.unknown_methods[name] += 1
                raise not_found()
            call = ApiCall(name, params, self.world, client_gone)
            return await self._run_with_faults(call, implemented[1])
        except ApiError as error:
            counters.errors[error.kind] += 1
            return _error(error)
        finally:
            self._track(activity, -1)

    def _spec_name(self, method: str) -> str:
        return (self.spec.method_name(method) if self.spec else None) or method

    def _track(self, activity: bool, step: int) -> None:
        """Count running requests (long polls excluded) and signal every start and end."""
        if activity:
            self.in_flight += step
        self.world.notifier.notify()

    def _check_spec(self, name: str, params: Params, *, strict: bool) -> None:
        if self.spec is None:
            return
        problems = self.spec.check_call(name, params)
        if not problems:
            return
        violation = Violation(name, tuple(problems))
        self.violations.append(violation)
        for listener in self.violation_listeners:
            listener(violation)
        if strict and self.world.config.strict_spec:
            raise bad_request("; ".join(problems))

    async def _run_with_faults(self, call: ApiCall, handler: Any) -> Outcome:
        fault = self.faults.draw(call.method)
        if fault is not None:
            self.world.counters.faults[f"{call.method} {fault.value}"] += 1
        if fault is Fault.INTERNAL_ERROR:
            raise internal_error()
        if fault is Fault.BAD_GATEWAY:
            return Outcome(502, text=BAD_GATEWAY_PAGE)
        if fault is Fault.DROP_BEFORE:
            return Outcome(drop=True)
        if fault is Fault.DELAY:
            await asyncio.sleep(self.faults.delay_seconds())
        self._rate_limit(call)
        result = await handler(call)
        if fault is Fault.DROP_AFTER:
            return Outcome(drop=True)
        if isinstance(result, Described):
            return Outcome(
                body={"ok": True, "result": result.result, "description": result.description}
            )
        return Outcome(body={"ok": True, "result": result})

    def _rate_limit(self, call: ApiCall) -> None:
        if call.method not in LIMITED_METHODS:
            return
        try:
            chat = self.world.chats.get(int(call.params.values.get("chat_id", "")))
        except (TypeError, ValueError):
            chat = None
        if chat is None:
            return
        retry_after = self.limiter.acquire(chat.id, chat.type)
        if retry_after is not None:
            self.world.counters.rate_limited += 1
            raise too_many_requests(retry_after)


def _error(error: ApiError) -> Outcome:
    return Outcome(status=error.code, body=error.body())
