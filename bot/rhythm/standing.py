"""A task's standing when several assignees report on it: the worst answer counts.

Per task, the *round* is the reports of the latest report's cycle (reports made outside any cycle
form one round of their own). In the round each reporter's latest report counts — the reporter is
the person reported for (``on_behalf_of``, a liaison's principal) or else the author — and:

- the status is the worst of them: 受阻 (blocked) > 滞后 (behind) > 正常推进 (on track);
  已完成 (done) only when everyone who reported says done;
- the problems are every problem stated in them, each once, oldest reporter first.

So a colleague's later 🟢 does not hide an earlier 受阻 in the same week. Pure: reports in, a
:class:`Standing` out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.work import Report, ReportStatus

#: Statuses from worst to best; DONE is special (only when all agree).
WORST_FIRST = (ReportStatus.BLOCKED, ReportStatus.BEHIND, ReportStatus.ON_TRACK)


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a task stands: the combined status, every stated problem and the reports used."""

    status: ReportStatus | None
    problems: tuple[str, ...]
    reports: tuple[Report, ...]  # each reporter's latest in the round, oldest first

    @property
    def problems_text(self) -> str | None:
        """The problems as one text (one per line), None when nobody stated one."""
        return "\n".join(self.problems) if self.problems else None


def reporter_of(report: Report) -> str:
    """Whose answer a report is: the principal a liaison reports for, else its author."""
    return report.on_behalf_of or report.author_id


def current_round(reports: Sequence[Report]) -> list[Report]:
    """The reports (oldest first) that share the latest report's cycle."""
    if not reports:
        return []
    cycle_id = reports[-1].cycle_id
    return [r for r in reports if r.cycle_id == cycle_id]


def combined_status(statuses: Sequence[ReportStatus]) -> ReportStatus | None:
    """The worst status; DONE only when every status is DONE (None for no status)."""
    if not statuses:
        return None
    for status in WORST_FIRST:
        if status in statuses:
            return status
    return ReportStatus.DONE


def standing(reports: Sequence[Report]) -> Standing:
    """The standing of a task from its reports, oldest first (see the module docstring)."""
    latest: dict[str, Report] = {}
    for report in current_round(reports):
        latest.pop(reporter_of(report), None)
        latest[reporter_of(report)] = report
    chosen = tuple(latest.values())
    problems = tuple(
        dict.fromkeys(r.problems.strip() for r in chosen if r.problems and r.problems.strip())
    )
    stated = [r.status for r in chosen if r.status is not None]
    return Standing(combined_status(stated), problems, chosen)
