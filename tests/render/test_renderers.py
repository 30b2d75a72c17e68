"""Every renderer, in both languages, with hostile text: escaped, balanced, buttons decodable."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.callbacks import AssigneeKind, decode
from bot.domain.audit import Action
from bot.domain.people import Invite, Person, Role, Team, Unit
from bot.domain.plan import Indicator, Measure, Plan
from bot.domain.settings import TeamSettings
from bot.domain.work import (
    AssigneeRole,
    Assignment,
    Closeout,
    CloseoutState,
    Evidence,
    Extension,
    Report,
    ReportStatus,
)
from bot.i18n import t
from bot.render import Message
from bot.render import assign as ra
from bot.render import closeouts as rc
from bot.render import extensions as rx
from bot.render import onboarding as ro
from bot.render import people as rp
from bot.render import plans as rpl
from bot.render import reports as rr
from bot.render import tasks as rt
from bot.render.html import esc
from bot.services import (
    AckResult,
    Actor,
    AssignResult,
    AutoApplied,
    CloseoutResult,
    HistoryItem,
    Holder,
    ImportDiff,
    ImportPreview,
    ImportResult,
    InviteIssued,
    InvitesRevoked,
    JoinResult,
    LeadAdded,
    MeasureChange,
    PendingJoin,
    PersonAdded,
    Proposal,
    ReportSaved,
    RosterResult,
    RowError,
    SectionInfo,
    Suggestions,
    TaskSummary,
    TaskView,
    TeamCreated,
)
from bot.services.assignment.assign import Duty, Notice, Unsigned
from bot.services.closeout.closeouts import CloseoutDraft
from bot.services.closeout.extensions import ExtensionResult
from bot.services.common.base import paginate
from bot.services.reporting.parsing import Unread
from bot.services.tasks.signing import Signature

EVIL = "<i>&amp;</i> <script>"
NOW = datetime(2024, 3, 7, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
TEAM = Team("t1", f"督查室{EVIL}", NOW)
UNIT = Unit("u1", "t1", f"县发改委{EVIL}")
PERSON = Person("p1", "t1", f"张三{EVIL}", Role.OFFICIAL, "u1", telegram_id=5)
LEAD = Person("p2", "t1", "王督办", Role.LEAD, telegram_id=6)
PENDING = Person("p3", "t1", f"李四{EVIL}", Role.LIAISON, on_behalf_of="p1")
INVITE = Invite("tok_EN-123", "t1", "p3", NOW, NOW + timedelta(days=14))
MEASURE = Measure(
    "M7cfa",
    "plan1",
    f"加快园区建设{EVIL}",
    f"正文{EVIL}",
    section=f"产业{EVIL}",
    position=1,
    lead_units=(f"县发改委{EVIL}",),
    co_units=("县财政局",),
    deadline_raw="6月底前",
    deadline=date(2024, 6, 30),
)
PLAN = Plan("plan1", "t1", f"计划{EVIL}", NOW, version=2)
REPORT = Report(
    "r1",
    "t1",
    "M7cfa",
    "p1",
    ReportStatus.BEHIND,
    NOW,
    progress=50,
    indicator_values=((f"产值{EVIL}", 12.5),),
    progress_text=f"进展{EVIL}",
    problems=f"问题{EVIL}",
    next_steps="下步",
    attachments=("f1",),
    late=True,
)
ASSIGNMENT = Assignment("a1", "t1", "M7cfa", AssigneeRole.LEAD, NOW, person_id="p1")
CLOSEOUT = Closeout(
    "c1",
    "t1",
    "M7cfa",
    "p1",
    NOW,
    CloseoutState.RETURNED,
    f"证据{EVIL}",
    ("f1",),
    reason=f"理由{EVIL}",
)
SUMMARY = TaskSummary(MEASURE, (ASSIGNMENT,), REPORT, None, CLOSEOUT, True, False, to_sign=True)
ITEMS = (
    Evidence(NOW, "p1", f"验收{EVIL}", None, 7),
    Evidence(NOW, "p1", None, "photo:f2", 8),
    Evidence(NOW, "p3", None, "document:f3", 9),
)
ITEMISED = CloseoutResult(
    replace(CLOSEOUT, state=CloseoutState.PENDING, items=ITEMS, attachments=("photo:f2",)),
    MEASURE,
    (LEAD,),
    PENDING,
    PERSON,
    {"p1": PERSON, "p3": PENDING},
)
DRAFT = CloseoutDraft(MEASURE, "t1", ITEMS)
SIGNED_BY_OTHER = Signature(UNIT.name, True, NOW, PERSON, False, "u1")
SIGNED_FOR = Signature(PERSON.name, False, NOW, PENDING, False, "p1")
SIGNED_MINE = Signature(PERSON.name, False, NOW, PERSON, True, "p1")
SIGNED_UNKNOWN = Signature(UNIT.name, True, NOW, None, False, "u1")
SIGNATURES = (SIGNED_BY_OTHER, SIGNED_FOR, SIGNED_MINE, SIGNED_UNKNOWN)
NOTICE = Notice(
    PENDING,
    (
        Duty(AssigneeRole.LEAD, UNIT.name),
        Duty(AssigneeRole.CO, None, PERSON.name),
        Duty(AssigneeRole.CO),
    ),
    True,
)
DIFF = ImportDiff(
    added=(MeasureChange("M1", None, MEASURE),),
    changed=(MeasureChange("M2", MEASURE, MEASURE),),
    removed=(MeasureChange("M3", MEASURE, None),),
    unchanged=4,
)
PREVIEW = ImportPreview(
    "v1ab",
    "t1",
    f"计划{EVIL}",
    (f"一、{EVIL}",),
    1,
    (Indicator(f"GDP{EVIL}", "%", None, True),),
    (f"warn{EVIL}",),
    1,
    0,
    DIFF,
    NOW,
    (MEASURE,),
)
PROPOSAL = Proposal("M7cfa.u1", MEASURE, UNIT, AssigneeRole.LEAD, f"发改委{EVIL}", 0.8)
HOLDERS = (Holder(UNIT.name, AssigneeRole.LEAD, True), Holder(PERSON.name, AssigneeRole.CO, False))
ASSIGNED = AssignResult(MEASURE, (ASSIGNMENT,), (), (ASSIGNMENT,), (PERSON,), (PENDING,), HOLDERS)
CLOSE_RESULT = CloseoutResult(CLOSEOUT, MEASURE, (LEAD,), PENDING, PERSON)
HISTORY = tuple(HistoryItem(NOW, action, PERSON, {"reason": EVIL}, REPORT) for action in Action)
VIEW = TaskView(
    SUMMARY, PLAN, (UNIT,), (UNIT,), ((PERSON, AssigneeRole.CO),), (REPORT,), HISTORY, (CLOSEOUT,)
)
ACTOR = Actor(5, is_admin=True, persons=(PERSON, LEAD), language="zh")
ADDED = PersonAdded(PENDING, UNIT, INVITE, created=True, unit_created=True)
MOVED = PersonAdded(PERSON, Unit("u2", "t1", f"县财政局{EVIL}"), None, False, False, True, UNIT)

RENDERERS: dict[str, Callable[[str], Message]] = {
    "welcome": lambda lang: ro.render_welcome(
        JoinResult(PENDING, TEAM, UNIT, (SUMMARY,) * 12, PERSON), lang
    ),
    "greeting": lambda lang: ro.render_greeting(ACTOR, lang),
    "help": lambda lang: ro.render_help(ACTOR, lang),
    "lang": ro.render_language_picker,
    "lang_set": ro.render_language_set,
    "team": lambda lang: rp.render_team_created(TeamCreated(TEAM, TeamSettings("t1")), lang),
    "lead": lambda lang: rp.render_lead_added(LeadAdded(TEAM, LEAD, INVITE), "bot", lang),
    "added": lambda lang: rp.render_person_added(ADDED, "bot", lang),
    "roster_result": lambda lang: rp.render_roster_result(
        RosterResult(
            (ADDED,), (ADDED,), (RowError(3, "err.phone_invalid", {"phone": EVIL}),), (UNIT,)
        ),
        "bot",
        lang,
    ),
    "moved": lambda lang: rp.render_person_added(MOVED, "bot", lang),
    "roster_moved": lambda lang: rp.render_roster_result(
        RosterResult((), (MOVED, replace(MOVED, moved_from=None)), (), ()), "bot", lang
    ),
    "invite": lambda lang: rp.render_invite(InviteIssued(PENDING, UNIT, INVITE), "bot", lang),
    "revoked": lambda lang: rp.render_revoked(InvitesRevoked(PENDING, UNIT, 2), lang),
    "pending": lambda lang: rp.render_pending(
        [PendingJoin(PENDING, UNIT, INVITE)] * 25, 1, "bot", lang
    ),
    "roster": lambda lang: rp.render_roster(paginate([PERSON, PENDING] * 10, 1, 10), lang),
    "unreachable": lambda lang: rp.render_unreachable(PERSON, lang),
    "group": lambda lang: rp.render_group_set(TEAM, lang),
    "preview": lambda lang: rpl.render_preview(PREVIEW, lang),
    "imported": lambda lang: rpl.render_import_done(ImportResult(PLAN, False, DIFF, 2), lang),
    "cancelled": rpl.render_import_cancelled,
    "sections": lambda lang: ra.render_sections(
        [SectionInfo(i, EVIL, 3) for i in range(20)], 1, lang
    ),
    "measures": lambda lang: ra.render_measures(2, paginate([MEASURE] * 20, 1, 8), lang),
    "assignees": lambda lang: ra.render_assignees(
        "M7cfa", AssigneeKind.PERSON, paginate([PERSON, PENDING] * 9, 1, 8), lang
    ),
    "assigned": lambda lang: ra.render_assigned(ASSIGNED, ASSIGNED.notify, lang),
    "notice": lambda lang: ra.render_assignment_notice(MEASURE, NOTICE, lang),
    "notice_no_sign": lambda lang: ra.render_assignment_notice(
        MEASURE, replace(NOTICE, to_sign=False), lang
    ),
    "acked": lambda lang: ra.render_acknowledged(AckResult(MEASURE, NOW, True, SIGNATURES), lang),
    "acked_now": lambda lang: ra.render_acknowledged(
        AckResult(MEASURE, NOW, False, SIGNATURES, SIGNATURES, (PERSON,)), lang
    ),
    "colleague_signed": lambda lang: ra.render_colleague_signed(
        AckResult(MEASURE, NOW, False, (), SIGNATURES, (PERSON,)), lang
    ),
    "suggestions": lambda lang: ra.render_suggestions(
        Suggestions((PROPOSAL,) * 12, (EVIL,)), lang
    ),
    "no_suggestions": lambda lang: ra.render_suggestions(Suggestions((), (EVIL,)), lang),
    "applied": lambda lang: ra.render_auto_applied(AutoApplied((ASSIGNED,), ("x",)), 1, lang),
    "unassigned": lambda lang: ra.render_unassigned([MEASURE] * 15, 1, lang),
    "unacked": lambda lang: ra.render_unacked([Unsigned(SUMMARY, HOLDERS)] * 15, 1, lang),
    "unassign": lambda lang: ra.render_unassigned_done(ASSIGNED, lang),
    "mytasks": lambda lang: rt.render_my_tasks([SUMMARY] * 15, 1, lang),
    "pick": lambda lang: rt.render_report_pick([SUMMARY] * 3, 0, lang),
    "task": lambda lang: rt.render_task(VIEW, 1, lang, actions=True),
    "status": lambda lang: rr.render_status_prompt(MEASURE, lang),
    "saved": lambda lang: rr.render_report_saved(
        ReportSaved(REPORT, MEASURE, ("status",), True), lang
    ),
    "saved_unread": lambda lang: rr.render_report_saved(
        ReportSaved(
            replace(REPORT, status=None),
            MEASURE,
            ("progress_text",),
            True,
            (
                Unread.of("indicator_unit", name=EVIL, unit=EVIL, example=EVIL),
                Unread.of("text_cut", max=4000),
            ),
            ReportStatus.BEHIND,
        ),
        lang,
    ),
    "saved_no_progress": lambda lang: rr.render_report_saved(
        ReportSaved(Report("r2", "t1", "M7cfa", "p1", ReportStatus.DONE, NOW), MEASURE, (), False),
        lang,
    ),
    "progress_q": lambda lang: rr.render_progress_question(MEASURE, lang),
    "finished": rr.render_report_finished,
    "evidence_q": lambda lang: rc.render_draft(replace(DRAFT, items=()), lang),
    "draft": lambda lang: rc.render_draft(DRAFT, lang),
    "dropped": lambda lang: rc.render_draft_dropped(MEASURE, lang),
    "review_items": lambda lang: rc.render_review(ITEMISED, lang, amended=True),
    "amend_done": lambda lang: rc.render_requested(ITEMISED, lang, amended=True),
    "requested": lambda lang: rc.render_requested(CLOSE_RESULT, lang),
    "review": lambda lang: rc.render_review(CLOSE_RESULT, lang),
    "reason_q": rc.render_reason_question,
    "decided": lambda lang: rc.render_decided(CLOSE_RESULT, lang),
    "outcome": lambda lang: rc.render_outcome_notice(CLOSE_RESULT, lang),
    "unheard": rc.VIEWS.unheard,
    "pending_closeouts": lambda lang: rc.VIEWS.waiting([CLOSE_RESULT, ITEMISED], lang)[1],
    "no_pending_closeouts": lambda lang: rc.VIEWS.waiting([], lang)[0],
}
_TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")


def _balanced(text: str) -> bool:
    stack: list[str] = []
    for match in _TAG.finditer(text):
        if match.group(1):
            if not stack or stack.pop() != match.group(2):
                return False
        else:
            stack.append(match.group(2))
    return not stack


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_renderer_output_is_safe(name: str, lang: str) -> None:
    """Escaped user text, balanced tags, and buttons whose data decodes within 64 bytes."""
    message = RENDERERS[name](lang)
    assert message.text.strip()
    assert "<script>" not in message.text
    assert "<i>&amp;</i>" not in message.text
    assert _balanced(message.text)
    if message.keyboard is not None:
        for row in message.keyboard.inline_keyboard:
            for button in row:
                assert isinstance(button.callback_data, str)
                assert len(button.callback_data.encode()) <= 64
                assert decode(button.callback_data) is not None, button.callback_data


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_roster_move_is_told_with_both_units(lang: str) -> None:
    """A roster's answer lists who moved to another unit (调岗), from which unit to which (or
    from none); /add's answer says it under the person; a plain update says nothing of it."""
    text = RENDERERS["roster_moved"](lang).text
    before, after = esc(UNIT.name), esc(f"县财政局{EVIL}")
    assert t("roster.moved", lang) in text
    assert f"{before} → {after}" in text
    assert f"{t('people.no_unit', lang)} → {after}" in text
    assert f"{before} → {after}" in RENDERERS["moved"](lang).text
    plain = rp.render_roster_result(
        RosterResult((), (replace(MOVED, moved=False),), (), ()), "bot", lang
    )
    assert "→" not in plain.text
    assert t("roster.moved", lang) not in plain.text


def test_english_texts_are_english() -> None:
    """The English rendering carries no Chinese interface words."""
    text = RENDERERS["saved"]("en").text
    assert "Status" in text
    assert "状态" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_closeouts_lists_each_waiting_request_as_the_leads_get_it(lang: str) -> None:
    """/closeouts: a count, then each request exactly as its notice to the leads (evidence and
    the decision buttons); with none waiting, one line saying so; the official told no lead got
    a request hears where the leads will see it."""
    messages = rc.VIEWS.waiting([CLOSE_RESULT, ITEMISED], lang)
    assert "2" in messages[0].text
    assert messages[1:] == [rc.render_review(CLOSE_RESULT, lang), rc.render_review(ITEMISED, lang)]
    (none,) = rc.VIEWS.waiting([], lang)
    assert none.keyboard is None
    assert none.text != messages[0].text
    unheard = rc.VIEWS.unheard(lang).text
    assert "/closeouts" in unheard
    assert "待销号" in unheard


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_extensions_lists_each_waiting_request_as_the_leads_get_it(lang: str) -> None:
    """/extensions: a count, then each request exactly as its notice to the leads (with the
    decision buttons); with none waiting, one line saying so; the official told no lead got a
    request hears that /extensions shows it."""
    asked = Extension("x1", "t1", MEASURE.id, PERSON.id, NOW, date(2024, 9, 30), "设备推迟")
    result = ExtensionResult(asked, MEASURE, (LEAD,), PERSON)
    messages = rx.VIEWS.waiting([result, result], lang)
    assert "2" in messages[0].text
    assert messages[0].keyboard is None
    assert messages[1:] == [rx.render_review(result, lang)] * 2
    assert messages[1].keyboard is not None
    (none,) = rx.VIEWS.waiting([], lang)
    assert none.keyboard is None
    assert none.text != messages[0].text
    assert "/extensions" in rx.VIEWS.unheard(lang).text
