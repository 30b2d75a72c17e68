"""Whether the Bot API can be reached: retried with backoff, told once per change, no tracebacks.

An operator reads one line when Telegram (or the local Bot API server) stops answering and one
when it answers again, however long the outage and however many calls failed meanwhile:

- the bot's HTTP layer (``bot.health.TrackedRequest``, every call, long polling included)
  hands each call to :meth:`Reachability.watch`: a transport error or a 5xx answer counts as a
  failure, any other answer as a success, and the change of state is logged, not each failure.
- :func:`wait_until_reachable` is the start: ``duban run`` calls it before serving, so a bot
  started while Telegram is unreachable waits with backoff (1 s doubling to 60 s) instead of
  exiting with a traceback and being restarted in a loop.
- :class:`QuietNetworkErrors` drops PTB's traceback for each failed poll while unreachable
  (and the error handler ignores those polls): the state line says it already, and PTB keeps
  retrying the poll by itself.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable

from telegram import Bot
from telegram.error import BadRequest, NetworkError

log = logging.getLogger("duban.reachability")

FIRST_DELAY = 1.0
MAX_DELAY = 60.0


class Reachability:
    """The Bot API's state as the bot sees it; logs one line per change.

    Unknown until the first answer; unreachable after ``threshold`` failures in a row (one, while
    it was never reached), reachable again at the next success."""

    def __init__(self, threshold: int = 2) -> None:
        self.reachable: bool | None = None
        self._threshold = threshold
        self._failures = 0

    def failed(self, reason: str) -> None:
        """A call failed for want of the Bot API (transport error, 5xx)."""
        self._failures += 1
        needed = 1 if self.reachable is None else self._threshold
        if self.reachable is not False and self._failures >= needed:
            self.reachable = False
            log.warning("Telegram Bot API unreachable (%s); retrying with backoff", reason)

    def succeeded(self) -> None:
        """A call was answered."""
        self._failures = 0
        if self.reachable is False:
            log.warning("Telegram Bot API reachable again")
        self.reachable = True

    async def watch(self, call: Awaitable[tuple[int, bytes]]) -> tuple[int, bytes]:
        """Await one HTTP call of the bot's request (``do_request``): a network error or a 5xx
        status is a failure, anything else a success."""
        try:
            code, payload = await call
        except NetworkError as exc:
            self.failed(f"{type(exc).__name__}: {exc.message}")
            raise
        if code >= 500:
            self.failed(f"HTTP {code}")
        else:
            self.succeeded()
        return code, payload


async def wait_until_reachable(
    bot: Bot,
    *,
    first_delay: float = FIRST_DELAY,
    max_delay: float = MAX_DELAY,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> bool:
    """Initialise ``bot`` (``getMe``), retrying network failures with backoff until it works;
    True then, False if SIGINT or SIGTERM came first. A refused token (``InvalidToken``) and
    other errors are raised: waiting would not help."""
    attempt = asyncio.ensure_future(_initialise(bot, first_delay, max_delay, sleep))
    loop = asyncio.get_running_loop()
    signals = (signal.SIGINT, signal.SIGTERM)
    for sig in signals:
        loop.add_signal_handler(sig, attempt.cancel)
    try:
        await attempt
    except asyncio.CancelledError:
        return False
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
    return True


async def _initialise(
    bot: Bot, delay: float, max_delay: float, sleep: Callable[[float], Awaitable[object]]
) -> None:
    while True:
        try:
            await bot.initialize()
            return
        except BadRequest:
            raise
        except NetworkError:
            pass  # logged once by the Reachability of the bot's request
        await sleep(delay)
        delay = min(delay * 2, max_delay)


def unreachable(error: BaseException | None) -> bool:
    """Whether ``error`` means the Bot API could not be reached (not a refused request)."""
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


class QuietNetworkErrors(logging.Filter):
    """Drops PTB's records of each failed call while the Bot API is unreachable (a traceback
    per failed poll, the HTML of a 502 page): the state line of :class:`Reachability` has told
    it once, and PTB retries by itself. Installed by :func:`quiet_network_errors`."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("Can not load invalid JSON data"):
            return False  # a proxy's error page: the call fails as a NetworkError
        return not unreachable(record.exc_info[1] if record.exc_info else None)


#: PTB's loggers that report each failed call.
NOISY_LOGGERS = ("telegram.ext.Updater", "telegram.request.BaseRequest")


def quiet_network_errors() -> None:
    """Install :class:`QuietNetworkErrors` on PTB's loggers that report each failed call."""
    for name in NOISY_LOGGERS:
        logging.getLogger(name).addFilter(QuietNetworkErrors())
