"""Per-team settings: the weekly and monthly rhythm and how the team wants to be told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
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
    claim_hours: int = 24  # 签收时限 in hours from 交办 (0: off); then the leads are told
    public_naming: bool = False  # 通报: name non-responders in the leaders' group
    language: str = "zh"
    paused: bool = False
    #: when the rhythm was last paused and last resumed (recorded, never set by hand): a week
    #: with no cycle whose prompt time fell between them was paused, not missed while down
    paused_from: datetime | None = None
    resumed_at: datetime | None = None

    def paused_at(self, moment: datetime) -> bool:
        """Whether the rhythm was paused at ``moment`` (paused now and since then, or within
        the last pause recorded)."""
        if self.paused:
            return self.paused_from is None or self.paused_from <= moment
        start, end = self.paused_from, self.resumed_at
        return start is not None and end is not None and start <= moment < end

    @property
    def id(self) -> str:
        """Settings are keyed by their team."""
        return self.team_id


#: The days a weekly prompt may be set for: a prompt on Saturday or Sunday would always be moved
#: onto the next week's Monday, past its own cutoff, so such a cycle could never run.
PROMPT_DAYS = frozenset({Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI})

#: The allowed values of the numeric settings.
SETTING_RANGES: dict[str, range] = {
    "every_n_weeks": range(1, 9),
    "reminders_per_cycle": range(6),
    "reminder_lead_hours": range(73),
    "deadline_warning_days": range(61),
    "claim_hours": range(721),
}


def settings_problem(settings: TeamSettings) -> str | None:
    """Why these settings cannot run (a message key, e.g. ``err.settings_prompt_day``), or
    None. Checked where settings are entered, and again before a team's jobs are scheduled."""
    if settings.prompt_day not in PROMPT_DAYS:
        return "err.settings_prompt_day"
    for name, allowed in SETTING_RANGES.items():
        if getattr(settings, name) not in allowed:
            return "err.settings_invalid"
    return None
