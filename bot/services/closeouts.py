"""Close-out (办结申请 → 销号 / 退回)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.people import Person
from bot.domain.plan import Measure
from bot.domain.work import Closeout
from bot.services.actor import Actor
from bot.services.base import Deps
from bot.services.tasks import TaskService

MAX_EVIDENCE = 4000


@dataclass(frozen=True, slots=True)
class CloseoutResult:
    """A close-out request or decision, and whom to tell (leads on request; requester and
    assignees on decision)."""

    closeout: Closeout
    measure: Measure
    notify: tuple[Person, ...]


class CloseoutService:
    """Request, approve and return close-outs."""

    def __init__(self, deps: Deps, tasks: TaskService) -> None:
        self._deps = deps
        self._tasks = tasks

    def request(
        self,
        actor: Actor,
        measure_id: str,
        evidence_text: str | None = None,
        attachments: Sequence[str] = (),
    ) -> CloseoutResult:
        """Ask to close a finished task, with evidence (办结申请)."""
        raise NotImplementedError

    def approve(self, actor: Actor, closeout_id: str) -> CloseoutResult:
        """Approve a pending request: the task is closed (销号)."""
        raise NotImplementedError

    def return_(self, actor: Actor, closeout_id: str, reason: str) -> CloseoutResult:
        """Return a pending request with a reason (退回)."""
        raise NotImplementedError

    def pending(self, actor: Actor, team_id: str) -> tuple[CloseoutResult, ...]:
        """The team's requests awaiting a decision, oldest first (``notify`` empty)."""
        raise NotImplementedError

    def get(self, actor: Actor, closeout_id: str) -> CloseoutResult:
        """One request (for the decision buttons)."""
        raise NotImplementedError
