"""Per-team settings: the weekly and monthly rhythm and how the team wants to be told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import StrEnum


class Weekday(StrEnum):
    """Days by name, never by number (PTB counts from Sunday, APScheduler's cron from Monday)."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def iso(self) -> int:
        """ISO weekday number: Monday is 1, Sunday is 7 (``date.isoweekday()``)."""
        return list(Weekday).index(self) + 1

    @classmethod
    def of_iso(cls, number: int) -> Weekday:
        """The weekday for an ISO number (1 = Monday)."""
        return list(cls)[number - 1]


@dataclass(frozen=True, slots=True)
class TeamSettings:
    """How a team runs its rhythm (周调度、月研判). Times are in the deployment's time zone."""

    team_id: str
    prompt_day: Weekday = Weekday.THU
    prompt_time: time = time(9, 0)
    cutoff_day: Weekday = Weekday.FRI
    cutoff_time: time = time(17, 0)
    digest_day: Weekday = Weekday.MON
    digest_time: time = time(8, 30)
    review_time: time = time(16, 0)  # on the month's last workday
    every_n_weeks: int = 1
    reminders_per_cycle: int = 2
    reminder_lead_hours: int = 4  # automatic reminder this long before the cutoff
    deadline_warning_days: int = 3
    deadline_check_time: time = time(9, 0)  # deadline warnings go out on workdays from then
    public_naming: bool = False  # 通报: name non-responders in the leaders' group
    language: str = "zh"
    paused: bool = False

    @property
    def id(self) -> str:
        """Settings are keyed by their team."""
        return self.team_id
