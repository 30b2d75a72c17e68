"""Time, passed in: a ``Clock`` gives timezone-aware "now", so tests and the demo can steer it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Shanghai"


class Clock(Protocol):
    """Source of the current time (always timezone-aware)."""

    @property
    def tz(self) -> tzinfo:
        """The deployment's local time zone."""
        ...

    def now(self) -> datetime:
        """The current time in the local time zone."""
        ...


class SystemClock:
    """The real wall clock in a given time zone."""

    def __init__(self, tz: tzinfo | str = DEFAULT_TIMEZONE) -> None:
        self._tz = ZoneInfo(tz) if isinstance(tz, str) else tz

    @property
    def tz(self) -> tzinfo:
        """The deployment's local time zone."""
        return self._tz

    def now(self) -> datetime:
        """The current time in the local time zone."""
        return datetime.now(self._tz)


class ManualClock:
    """A clock that only moves when told to: for tests and the simulated demo."""

    def __init__(self, start: datetime, tz: tzinfo | str | None = None) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start time")
        self._tz = (ZoneInfo(tz) if isinstance(tz, str) else tz) or start.tzinfo
        self._now = start.astimezone(self._tz)

    @property
    def tz(self) -> tzinfo:
        """The deployment's local time zone."""
        return self._tz

    def now(self) -> datetime:
        """The current simulated time."""
        return self._now

    def advance(self, delta: timedelta) -> datetime:
        """Move forward by ``delta`` and return the new time."""
        if delta < timedelta(0):
            raise ValueError("time does not run backwards")
        self._now += delta
        return self._now

    def set(self, when: datetime) -> datetime:
        """Jump to ``when`` (not earlier than now) and return it."""
        if when.tzinfo is None:
            raise ValueError("a timezone-aware time is needed")
        return self.advance(when.astimezone(self._tz) - self._now)


def zone_of(moment: datetime) -> tzinfo:
    """The time zone ``moment`` is written in; a naive time is refused."""
    if moment.tzinfo is None:
        raise ValueError("a timezone-aware time is needed (use Clock.now())")
    return moment.tzinfo


def utc_now() -> datetime:
    """The current UTC time (for places with no clock of their own, e.g. ids)."""
    return datetime.now(UTC)
