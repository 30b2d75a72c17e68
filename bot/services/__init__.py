"""Business logic and authorisation, with no Telegram code.

The composition root builds one :class:`Services` and hands it to handlers and jobs. Every
method takes the :class:`Actor` first and refuses with a :class:`ServiceError` (see
:mod:`bot.services.common.errors` for every code); results are frozen dataclasses for renderers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from bot.domain.clock import Clock
from bot.domain.ports import Store
from bot.services.assignment.assign import (
    AssignmentService,
    AssignResult,
    AutoApplied,
    Holder,
    Notice,
    Suggestions,
    Target,
)
from bot.services.assignment.leaders import LeaderService
from bot.services.assignment.signing import AckResult, BatchAck, SigningService
from bot.services.assignment.suggest import Proposal
from bot.services.closeout.closeouts import CloseoutResult, CloseoutService
from bot.services.closeout.extensions import ExtensionResult, ExtensionService
from bot.services.common.actor import SYSTEM, Actor
from bot.services.common.base import (
    DEFAULT_INVITE_TTL,
    Deps,
    OffLoop,
    Page,
    StoreReader,
    in_thread,
)
from bot.services.common.errors import (
    CODES,
    Conflict,
    InvalidInput,
    NotAllowed,
    NotFound,
    ServiceError,
)
from bot.services.common.offload import Offload
from bot.services.common.permissions import Perm, Scope
from bot.services.people.auth import AuthService
from bot.services.people.invites import InviteIssued, InvitesRevoked, JoinResult, PendingJoin
from bot.services.people.leave import LeaveService
from bot.services.people.members import PeopleService, PersonAdded, RosterResult, RowError
from bot.services.people.roster import RosterRow
from bot.services.people.teams import LeadAdded, TeamCreated, TeamService
from bot.services.plans.imports import (
    ImportDiff,
    ImportPreview,
    ImportResult,
    MeasureChange,
    PlanService,
    SectionInfo,
)
from bot.services.plans.instructions import InstructionService
from bot.services.plans.uploads import Upload, UploadKind, UploadService
from bot.services.reporting.fields import ReportFields
from bot.services.reporting.reports import ReportSaved, ReportService
from bot.services.rhythm.cycles import RhythmService
from bot.services.rhythm.digests import DigestService
from bot.services.rhythm.prompts import PromptService
from bot.services.rhythm.reminders import ReminderService
from bot.services.rhythm.settings import RhythmSettingsService
from bot.services.rhythm.watch import WatchService
from bot.services.tasks.records import Records
from bot.services.tasks.views import HistoryItem, TaskFilter, TaskService, TaskSummary, TaskView


@dataclass
class Services:
    """Every service, sharing one store and clock. Build with :meth:`build`."""

    deps: Deps
    auth: AuthService = field(init=False)
    tasks: TaskService = field(init=False)
    people: PeopleService = field(init=False)
    teams: TeamService = field(init=False)
    plans: PlanService = field(init=False)
    assignments: AssignmentService = field(init=False)
    signing: SigningService = field(init=False)
    reports: ReportService = field(init=False)
    closeouts: CloseoutService = field(init=False)
    extensions: ExtensionService = field(init=False)
    instructions: InstructionService = field(init=False)
    rhythm: RhythmService = field(init=False)
    prompts: PromptService = field(init=False)
    reminders: ReminderService = field(init=False)
    digests: DigestService = field(init=False)
    rhythm_settings: RhythmSettingsService = field(init=False)
    leave: LeaveService = field(init=False)
    uploads: UploadService = field(init=False)
    records: Records = field(init=False)
    leaders: LeaderService = field(init=False)
    watch: WatchService = field(init=False)

    def __post_init__(self) -> None:
        deps = self.deps
        self.auth = AuthService(deps)
        self.tasks = TaskService(deps)
        self.people = PeopleService(deps, self.tasks)
        self.rhythm = RhythmService(deps)
        self.teams = TeamService(deps, self.people, self.rhythm.settings_problem)
        self.plans = PlanService(deps)
        self.assignments = AssignmentService(deps, self.tasks)
        self.signing = SigningService(deps)
        self.reports = ReportService(deps, self.tasks)
        self.closeouts = CloseoutService(deps, self.tasks)
        self.extensions = ExtensionService(deps)
        self.instructions = InstructionService(deps)
        self.prompts = PromptService(deps, self.people, self.reports)
        self.reminders = ReminderService(deps)
        self.digests = DigestService(deps, self.rhythm)
        self.rhythm_settings = RhythmSettingsService(self.teams)
        self.leave = LeaveService(deps)
        self.uploads = UploadService(self.people, self.plans)
        self.records = Records(deps)
        self.leaders = LeaderService(deps)
        self.watch = WatchService(deps, self.rhythm)

    @classmethod
    def build(
        cls,
        store: Store,
        clock: Clock,
        admin_ids: frozenset[int] = frozenset(),
        invite_ttl: timedelta = DEFAULT_INVITE_TTL,
        off_loop: OffLoop = in_thread,
        offload: Offload | None = None,
        reader: StoreReader | None = None,
    ) -> Services:
        """All services over one store and clock (``off_loop``: where heavy pure work runs;
        ``offload``: where heavy reads run, inline by default; ``reader``: how a worker opens
        the store read-only for the review and the ledger, see :class:`Deps`)."""
        return cls(
            Deps(
                store,
                clock,
                frozenset(admin_ids),
                invite_ttl,
                off_loop,
                offload or Offload(),
                reader,
            )
        )

    @property
    def store(self) -> Store:
        """The store (for jobs that need it directly)."""
        return self.deps.store

    @property
    def clock(self) -> Clock:
        """The clock."""
        return self.deps.clock

    @property
    def offload(self) -> Offload:
        """Where heavy reads run (jobs hand their snapshot-building calls to it)."""
        return self.deps.offload


__all__ = [
    "CODES",
    "SYSTEM",
    "AckResult",
    "Actor",
    "AssignResult",
    "AssignmentService",
    "AuthService",
    "AutoApplied",
    "BatchAck",
    "CloseoutResult",
    "CloseoutService",
    "Conflict",
    "ExtensionResult",
    "ExtensionService",
    "HistoryItem",
    "Holder",
    "ImportDiff",
    "ImportPreview",
    "ImportResult",
    "InstructionService",
    "InvalidInput",
    "InviteIssued",
    "InvitesRevoked",
    "JoinResult",
    "LeadAdded",
    "MeasureChange",
    "NotAllowed",
    "NotFound",
    "Notice",
    "Page",
    "PendingJoin",
    "PeopleService",
    "Perm",
    "PersonAdded",
    "PlanService",
    "Proposal",
    "ReportFields",
    "ReportSaved",
    "ReportService",
    "RosterResult",
    "RosterRow",
    "RowError",
    "Scope",
    "SectionInfo",
    "ServiceError",
    "Services",
    "SigningService",
    "Suggestions",
    "Target",
    "TaskFilter",
    "TaskService",
    "TaskSummary",
    "TaskView",
    "TeamCreated",
    "TeamService",
    "Upload",
    "UploadKind",
    "UploadService",
]
