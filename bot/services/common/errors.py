"""Service errors and the one list of their codes.

Every refusal is a :class:`ServiceError` whose ``code`` is an i18n message key the Telegram layer
renders with ``params`` (``t(err.code, lang, **err.params)``). All codes are listed in
:data:`CODES` with the parameters they carry, so texts can be written for each one.
"""

from __future__ import annotations

from collections.abc import Mapping


class ServiceError(Exception):
    """A refusal the user should be told about: ``code`` is a message key, ``params`` its args."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params: dict[str, object] = dict(params)

    def __str__(self) -> str:
        extra = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.code}({extra})" if extra else self.code


class NotAllowed(ServiceError):
    """The actor may not do this (role, team or task ownership)."""


class NotFound(ServiceError):
    """The thing named does not exist (or not in the actor's team)."""


class InvalidInput(ServiceError):
    """The input is malformed or out of range."""


class Conflict(ServiceError):
    """The request clashes with the current state (already used, already decided, ...)."""


#: Every error code, with the parameters it carries and when it is raised.
CODES: Mapping[str, str] = {
    # -- who is asking -------------------------------------------------------------------------
    "err.not_registered": "NotAllowed. A stranger: no person bound to this account, not admin.",
    "err.not_allowed": "NotAllowed {action}. The actor's role may not do this action.",
    "err.other_team": "NotAllowed. The thing belongs to another team.",
    "err.not_assignee": "NotAllowed {ref}. Only assignees (or their liaisons) act on this task.",
    "err.no_person_in_team": "NotAllowed. The action needs a person record in the team "
    "(e.g. an admin without one reporting).",
    "err.admin_no_tasks": "NotAllowed. An admin without a person record has no tasks of "
    "their own (/mytasks, /report).",
    "err.upload_not_allowed": "NotAllowed. Only leads and admins upload plans and rosters; "
    "others send evidence as a reply to a task.",
    # -- lookups -------------------------------------------------------------------------------
    "err.team_not_found": "NotFound {team}. No such team.",
    "err.person_not_found": "NotFound {name}. No such person in the team.",
    "err.unit_not_found": "NotFound {name}. No such unit in the team.",
    "err.measure_not_found": "NotFound {ref}. No such measure in the team's plan.",
    "err.measure_removed": "Conflict {ref}. The measure was removed from the plan.",
    "err.no_plan": "NotFound. The team has not imported a plan yet.",
    "err.section_not_found": "NotFound {index}. No such section in the plan.",
    "err.report_not_found": "NotFound. No such report (or no report from that message).",
    "err.closeout_not_found": "NotFound. No such close-out request.",
    "err.proposal_not_found": "NotFound {id}. The suggestion no longer applies.",
    "err.no_previous_report": "NotFound {ref}. Nothing to carry forward: no earlier report.",
    "err.cycle_not_found": "NotFound {cycle}. No such cycle in the team.",
    "err.ledger_year": "NotFound {year} {first} {last}. No ledger for that year (not a year, "
    "or outside the team's history: /export [year]); the years that have one.",
    # -- teams ---------------------------------------------------------------------------------
    "err.team_name_required": "InvalidInput. A team needs a name.",
    "err.team_exists": "Conflict {name}. A team with this name exists.",
    "err.chat_invalid": "InvalidInput {chat}. Not a group chat id (groups are negative).",
    "err.settings_invalid": "InvalidInput {field}. A setting is out of range or unknown.",
    # -- people and rosters --------------------------------------------------------------------
    "err.name_required": "InvalidInput. A person needs a name.",
    "err.reporter_not_eligible": "InvalidInput {name}. Reporters are officials or liaisons.",
    "err.name_too_long": "InvalidInput {max}. A name or unit name is too long.",
    "err.role_unknown": "InvalidInput {role}. Not a role (official/leader/liaison/lead, "
    "责任人/领导/联络员/督办员).",
    "err.role_forbidden": "NotAllowed {role}. Only admins make leads.",
    "err.phone_invalid": "InvalidInput {phone}. Not a phone number.",
    "err.principal_required": "InvalidInput. A liaison needs `for <name>` (代理).",
    "err.principal_not_found": "NotFound {name}. The liaison's principal is not in the team.",
    "err.person_ambiguous": "InvalidInput {name} {count} {candidates}. Several people match; "
    "add the unit.",
    "err.line_unparsed": "InvalidInput {line}. Expected `name unit role [phone] [for name]`.",
    "err.file_too_large": "InvalidInput {max_kb}. The file is too large.",
    "err.file_type": "InvalidInput {filename}. Not a supported file type.",
    "err.file_not_fetched": "ServiceError. Telegram's getFile, or the download after it, failed "
    "(a network failure or Telegram's refusal): the sender is asked to send the file again.",
    "err.roster_unreadable": "InvalidInput {reason}. The roster file could not be read.",
    "err.roster_no_header": "InvalidInput. No header row (姓名/name, 单位/unit, 角色/role) found.",
    "err.language_unknown": "InvalidInput {language}. Supported: zh, en.",
    # -- invites and joining -------------------------------------------------------------------
    "err.invite_unknown": "NotFound. The link's token is unknown.",
    "err.invite_used": "Conflict. The link was already used.",
    "err.invite_expired": "Conflict. The link expired; ask the lead for a new one.",
    "err.invite_revoked": "Conflict. The link was revoked; ask the lead for a new one.",
    "err.person_bound_elsewhere": "Conflict. The person is bound to another Telegram account.",
    "err.account_bound_in_team": "Conflict {name}. This account is already someone else "
    "in the team.",
    "err.person_inactive": "Conflict. The person was deactivated.",
    "err.already_joined": "Conflict {name}. The person already joined; no invite needed.",
    # -- plans ---------------------------------------------------------------------------------
    "err.plan_invalid": "InvalidInput {message}. The importer refused the file.",
    "err.preview_expired": "NotFound. The import preview expired or was cancelled.",
    # -- assignments ---------------------------------------------------------------------------
    "err.assignee_not_found": "NotFound {name}. No person or unit matches.",
    "err.assignee_ambiguous": "InvalidInput {name} {candidates}. Several match; be precise.",
    "err.no_assignees": "InvalidInput. Name at least one person or unit.",
    "err.not_assigned": "NotFound {ref}. The task has no such (active) assignee.",
    # -- reports -------------------------------------------------------------------------------
    "err.status_unknown": "InvalidInput {status}. Not a report status.",
    "err.text_too_long": "InvalidInput {field} {max}. The text is too long.",
    "err.text_required": "InvalidInput. Empty text.",
    "err.indicator_unknown": "InvalidInput {name}. The measure has no such indicator.",
    "err.too_many_attachments": "InvalidInput {max}. Too many attachments.",
    "err.evidence_required": "InvalidInput. A close-out request needs some evidence.",
    "err.closeout_draft_gone": "NotFound. The close-out evidence being gathered is gone.",
    "err.not_author": "NotAllowed. Only the report's author may change it.",
    # -- close-out -----------------------------------------------------------------------------
    "err.closeout_pending": "Conflict {ref}. A close-out request is already pending.",
    "err.closeout_decided": "Conflict {state}. The request was already decided.",
    "err.measure_closed": "Conflict {ref}. The task is already closed (销号).",
    "err.no_longer_assigned": "Conflict {ref}. The task was assigned to the person (or their "
    "unit) and no longer is: an old button or command of theirs.",
    "err.reason_required": "InvalidInput. Returning a request needs a reason.",
    "err.extension_date": "InvalidInput {text}. The new deadline must come first (2027-03-31).",
    "err.extension_reason": "InvalidInput. An extension request needs a reason.",
    "err.extension_not_later": "InvalidInput. The new deadline must be later than the current.",
    "err.extension_pending": "Conflict {ref}. An extension request is already waiting.",
    "err.extension_decided": "Conflict. The extension request was already decided.",
    "err.extension_not_found": "NotFound. No such extension request.",
    "err.extension_draft_gone": "NotFound. The extension request being written is gone.",
    "err.instruction_text": "InvalidInput. An instruction or decision needs its text.",
    "err.instruction_draft_gone": "NotFound. The instruction being written is gone.",
    # -- rhythm and leave ----------------------------------------------------------------------
    "err.date_invalid": "InvalidInput {text}. Not a date (2024-03-04 or 3月4日) or /leave form.",
    "err.leave_range": "InvalidInput. Leave ends before it starts, is too long, or names "
    "the person as their own deputy.",
    "err.no_leave": "NotFound. The person has no current or coming leave to cancel.",
    # -- records (history, search) -------------------------------------------------------------
    "err.history_filter": "InvalidInput {word} {days}. No person, unit, section, task or dates.",
    "err.search_words": "InvalidInput. /search needs at least one word.",
    # -- 包联领导 --------------------------------------------------------------------------------
    "err.leader_usage": "InvalidInput. /leader needs a task or section and a name (- clears).",
    "err.leader_target": "NotFound {ref}. No task or section of the plan is named so.",
}
