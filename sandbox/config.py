"""How a sandbox is set up: address, bot identity, limits, faults, strictness, clock."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sandbox.faults import FaultConfig
from sandbox.ratelimit import RateLimits

#: Returns the current time in epoch seconds; stamps every ``date`` the sandbox sends.
Clock = Callable[[], float]


@dataclass(frozen=True)
class BotProfile:
    """The bot account the sandbox plays (what ``getMe`` returns)."""

    id: int = 7_000_000_001
    username: str = "duban_test_bot"
    first_name: str = "Duban Test Bot"


@dataclass(frozen=True)
class SandboxConfig:
    """Everything configurable about one sandbox; the defaults suit tests.

    ``strict_spec`` answers calls that break the Bot API description with 400 (they are
    recorded as violations either way). ``strict_html`` (on by default) also rejects a bare
    ``&`` in HTML, as Telegram's documentation requires; real Telegram often tolerates it, so
    turn it off to model that leniency. ``privacy_mode`` filters group messages as Telegram does
    for bots with privacy mode on (the default for new bots) unless the bot is an admin.
    ``clock`` stamps message dates; rate limits and timeouts always use real time.
    """

    host: str = "127.0.0.1"
    port: int = 0
    token: str | None = None
    bot: BotProfile = field(default_factory=BotProfile)
    rate_limits: RateLimits = field(default_factory=RateLimits)
    faults: FaultConfig | None = None
    strict_spec: bool = True
    spec_path: Path | None = None
    strict_html: bool = True
    privacy_mode: bool = True
    clock: Clock = time.time
    webhook_retry_initial: float = 0.05
    webhook_retry_max: float = 1.0

    def __post_init__(self) -> None:
        if not is_loopback(self.host):
            raise ValueError(f"the sandbox only listens on loopback addresses, not {self.host!r}")

    @property
    def bot_token(self) -> str:
        """The token the bot must use; any other answers 401."""
        return self.token or f"{self.bot.id}:SANDBOX-{self.bot.username}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback name or address (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
