"""Keys for the sends made while handling one update: ``u<update id>:<n>``, in order.

The intake opens a scope around each update (:func:`handling`); the outbox numbers every send
made in it without a key of its own, so handling the update again after a crash produces the
same keys and the sends Telegram confirmed the first time are skipped. A context variable
carries the scope, so concurrent updates never share one (the rhythm's background tasks
run in a fresh context, outside any update's scope).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class Scope:
    """The sends made while handling one update: they are keyed ``u<update>:<n>``."""

    update_id: int
    count: int = 0
    keys: list[str] = field(default_factory=list)
    writes: int = 0  # store writes made so far (numbered by bot.effects)
    after: list[Callable[[], None]] = field(default_factory=list)  # see after_handled

    def next_key(self) -> str:
        """The key of the next send in this update."""
        self.count += 1
        return f"u{self.update_id}:{self.count}"


_SCOPE: ContextVar[Scope | None] = ContextVar("outbox_scope", default=None)


@contextmanager
def handling(update_id: int) -> Iterator[Scope]:
    """Key every send made inside the block (in this task) by ``update_id``."""
    scope = Scope(update_id)
    token = _SCOPE.set(scope)
    try:
        yield scope
    finally:
        _SCOPE.reset(token)


def current() -> Scope | None:
    """The scope of the update being handled in this task, or None outside one."""
    return _SCOPE.get()


def after_handled(work: Callable[[], None]) -> bool:
    """Inside an update's scope, keep ``work`` for the intake to run once the update is handled
    (after its last reply and the commit that marks it), and return True; outside one, False.
    What a handler's writes start in the background (an escalation check) then never competes
    with the update's own replies."""
    scope = _SCOPE.get()
    if scope is None:
        return False
    scope.after.append(work)
    return True


def next_key() -> str | None:
    """The key of the next send in the current update's scope, or None outside one."""
    scope = _SCOPE.get()
    return scope.next_key() if scope is not None else None


def note(key: str) -> None:
    """Remember that the current update's scope used ``key`` (its record goes with it)."""
    scope = _SCOPE.get()
    if scope is not None and key.startswith(f"u{scope.update_id}:"):
        scope.keys.append(key)
