"""The one permission table (action × role) and the check every service method makes.

Admins (from settings) may do every action marked for ``Role.ADMIN`` in any team. Everyone else
acts only in the team of their bound person: cross-team access is always refused. ``OWN`` scope
means "only on tasks assigned to me (as a person or through my unit), or — for a liaison — to the
person I act for"; the service works that out and passes ``owns``.

签收 (``ACKNOWLEDGE``) is for whoever holds the task: an official or liaison for their unit (one
member signs for the unit), a liaison for the leader they act for, and a leader assigned by name
for himself (so a leader without a liaison is never stuck in ``/unacked``). The 签收 button is
shown exactly to those this check accepts (:mod:`bot.services.tasks.signing`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum

from bot.domain.people import Person, Role
from bot.services.common.actor import Actor
from bot.services.common.errors import NotAllowed


class Perm(StrEnum):
    """Every guarded action."""

    TEAM_CREATE = "team.create"
    TEAM_ADD_LEAD = "team.add_lead"
    TEAM_VIEW = "team.view"
    TEAM_SET_GROUP = "team.set_group"
    TEAM_SETTINGS = "team.settings"
    PEOPLE_MANAGE = "people.manage"  # add, roster, invites, reachability
    PEOPLE_VIEW = "people.view"  # roster, pending joins, units
    PLAN_IMPORT = "plan.import"
    PLAN_VIEW = "plan.view"
    ASSIGN = "task.assign"
    TASK_VIEW = "task.view"
    REPORT = "task.report"
    ACKNOWLEDGE = "task.acknowledge"
    ACKNOWLEDGE_BATCH = "task.acknowledge_batch"  # 签收全部 on the list of many new tasks
    CLOSEOUT_REQUEST = "closeout.request"
    CLOSEOUT_DECIDE = "closeout.decide"
    REMIND = "task.remind"
    DIGEST_VIEW = "digest.view"
    HISTORY_VIEW = "history.view"  # /history
    SEARCH = "records.search"  # /search
    EVIDENCE_VIEW = "evidence.view"  # /evidence, /task's 佐证材料
    EXTENSION_REQUEST = "extension.request"  # 延期申请
    EXTENSION_DECIDE = "extension.decide"  # 批准 / 不批准延期
    INSTRUCTION_CREATE = "instruction.create"  # 批示、会议决定事项立项
    LEADER_LINK = "task.leader_link"  # set or clear a task's or section's 包联领导


class Scope(StrEnum):
    """How far a granted action reaches within the team."""

    TEAM = "team"  # anything in the team
    OWN = "own"  # only the actor's (or their principal's) tasks


A, L, LR, OF, LI = Role.ADMIN, Role.LEAD, Role.LEADER, Role.OFFICIAL, Role.LIAISON
T, OWN = Scope.TEAM, Scope.OWN

#: action -> role -> scope. A role missing from an action's row is refused.
TABLE: Mapping[Perm, Mapping[Role, Scope]] = {
    Perm.TEAM_CREATE: {A: T},
    Perm.TEAM_ADD_LEAD: {A: T},
    Perm.TEAM_VIEW: {A: T, L: T, LR: T, OF: T, LI: T},
    Perm.TEAM_SET_GROUP: {A: T, L: T},
    Perm.TEAM_SETTINGS: {A: T, L: T},
    Perm.PEOPLE_MANAGE: {A: T, L: T},
    Perm.PEOPLE_VIEW: {A: T, L: T},
    Perm.PLAN_IMPORT: {A: T, L: T},
    Perm.PLAN_VIEW: {A: T, L: T, LR: T, OF: T, LI: T},
    Perm.ASSIGN: {A: T, L: T},
    Perm.TASK_VIEW: {A: T, L: T, LR: T, OF: OWN, LI: OWN},
    Perm.REPORT: {L: T, OF: OWN, LI: OWN},
    Perm.ACKNOWLEDGE: {L: OWN, LR: OWN, OF: OWN, LI: OWN},
    Perm.ACKNOWLEDGE_BATCH: {L: OWN, LR: OWN, OF: OWN, LI: OWN},
    Perm.CLOSEOUT_REQUEST: {L: OWN, OF: OWN, LI: OWN},
    Perm.CLOSEOUT_DECIDE: {A: T, L: T},
    Perm.REMIND: {A: T, L: T},
    Perm.DIGEST_VIEW: {A: T, L: T, LR: T},
    Perm.HISTORY_VIEW: {A: T, L: T, LR: T, OF: OWN, LI: OWN},
    Perm.SEARCH: {A: T, L: T, LR: T, OF: OWN, LI: OWN},
    Perm.EVIDENCE_VIEW: {A: T, L: T, LR: T, OF: OWN, LI: OWN},
    Perm.EXTENSION_REQUEST: {L: OWN, OF: OWN, LI: OWN},
    Perm.EXTENSION_DECIDE: {A: T, L: T},
    Perm.INSTRUCTION_CREATE: {A: T, L: T},
    Perm.LEADER_LINK: {A: T, L: T},
}


def scope_of(actor: Actor, perm: Perm, team_id: str) -> Scope | None:
    """How far ``actor`` may do ``perm`` in ``team_id`` (None: not at all). Pure, for menus."""
    row = TABLE[perm]
    if (actor.is_admin or actor.system) and A in row:
        return Scope.TEAM
    role = actor.role_in(team_id)
    return row.get(role) if role is not None else None


def check(
    actor: Actor,
    perm: Perm,
    team_id: str,
    owns: Callable[[Person], bool] | None = None,
    *,
    ref: str = "",
) -> Person | None:
    """Refuse with :class:`NotAllowed` unless ``actor`` may do ``perm`` in ``team_id``.

    ``owns(person)`` tells whether the subject (a task) belongs to the person (or their
    principal); it is consulted for ``OWN`` scope. Returns the actor's person in the team
    (None for an admin or the bot acting without one).
    """
    if not actor.known:
        raise NotAllowed("err.not_registered")
    person = actor.person_in(team_id)
    scope = scope_of(actor, perm, team_id)
    if scope is None:
        raise _refusal(actor, perm, person)
    if scope is Scope.OWN and (owns is None or person is None or not owns(person)):
        raise NotAllowed("err.not_assignee", ref=ref)
    return person


def check_team_wide(actor: Actor, perm: Perm, team_id: str) -> Person | None:
    """Like :func:`check`, refusing ``OWN`` scope too (team-wide listings)."""
    if scope_of(actor, perm, team_id) is Scope.OWN:
        raise NotAllowed("err.not_allowed", action=perm.value)
    return check(actor, perm, team_id)


def require_known(actor: Actor) -> None:
    """Refuse strangers."""
    if not actor.known:
        raise NotAllowed("err.not_registered")


def _refusal(actor: Actor, perm: Perm, person: Person | None) -> NotAllowed:
    if person is not None:
        return NotAllowed("err.not_allowed", action=perm.value)
    if actor.is_admin:
        return NotAllowed("err.no_person_in_team")
    if actor.persons:
        return NotAllowed("err.other_team")
    return NotAllowed("err.not_registered")
