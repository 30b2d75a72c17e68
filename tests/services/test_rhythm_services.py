"""The rhythm services: cycles, prompts, reminders, digests, notices, over a memory store."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.domain.audit import Action
from bot.domain.clock import ManualClock
from bot.domain.people import Team
from bot.domain.work import CycleKind, PromptState, ReminderKind, ReportStatus
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.events import EventKind
from bot.rhythm.schedule import CycleWindow, cycle_for
from bot.services import ReportFields, Services
from bot.services.common.errors import NotAllowed, NotFound
from bot.services.rhythm.reminders import SkipWhy
from storage.memory import MemoryStore
from tests.factories.service_world import TZ, World

THU = datetime(2024, 3, 7, 9, 0, tzinfo=TZ)  # the week's prompt
CUTOFF = datetime(2024, 3, 8, 17, 0, tzinfo=TZ)
CYCLE = "tA.w20240304"


def assigned(world: World) -> World:
    """张三 on measure 1, 李四 on measure 4."""
    lead = world.actor(world.lead)
    world.services.assignments.assign_from_args(lead, "tA", world.measures[0].id, ["张三"])
    world.services.assignments.assign_from_args(lead, "tA", world.measures[3].id, ["李四"])
    return world


def opened(world: World) -> World:
    """The week's cycle opened at Thursday 09:00."""
    assigned(world)
    world.clock.set(THU)
    (event,) = [e for e in world.services.rhythm.due("tA") if e.kind is EventKind.PROMPT]
    assert event.window is not None
    world.services.rhythm.open_cycle(event.window)
    return world


def test_the_prompt_is_due_at_its_time_and_not_before(world: World) -> None:
    """Nothing is due on Monday; on Thursday 09:00 the prompt of the week is."""
    assigned(world)
    assert world.services.rhythm.due("tA") == []
    world.clock.set(THU)
    assert [e.kind for e in world.services.rhythm.due("tA")] == [EventKind.PROMPT]


def test_opening_writes_every_prompt_row_once(world: World) -> None:
    """All rows are PENDING at once; opening again returns them unchanged (resumable)."""
    opened(world)
    rows = world.store.prompts.for_cycle(CYCLE)
    assert {(p.person_id, p.state) for p in rows} == {
        (world.official.id, PromptState.PENDING),
        (world.official2.id, PromptState.PENDING),
    }
    again = world.services.rhythm.open_cycle(_window(world))
    assert not again.created
    assert len(again.prompts) == 2
    assert [e.kind for e in world.services.rhythm.due("tA")] == []


def _window(world: World) -> CycleWindow:
    return cycle_for(world.services.deps.settings("tA"), world.services.rhythm.calendar, THU)


def test_sent_and_unreachable_marks(world: World) -> None:
    """A prompt goes PENDING → SENT with its message; a 403 marks the person unreachable."""
    opened(world)
    first, second = world.services.prompts.pending(CYCLE)
    world.services.prompts.mark_sent(first, 100, 7)
    person = world.services.prompts.mark_unreachable(second)
    assert person.unreachable_since is not None
    states = {p.person_id: p.state for p in world.store.prompts.for_cycle(CYCLE)}
    assert sorted(states.values()) == [PromptState.SENT, PromptState.UNREACHABLE]
    assert world.services.prompts.pending(CYCLE) == []


def test_an_answer_from_the_prompt_is_filed_in_its_cycle_and_late_after_the_cutoff(
    world: World,
) -> None:
    """Before the cutoff on time; after it (cycle closed) still in the cycle, flagged late."""
    opened(world)
    zhang = world.actor(world.official)
    done = world.services.prompts.answer(zhang, CYCLE, world.measures[0].id, ReportStatus.BEHIND)
    assert done.saved.report.cycle_id == CYCLE
    assert not done.saved.report.late
    assert done.view is not None
    assert done.view.open_tasks == ()
    world.clock.set(CUTOFF + timedelta(hours=1))
    world.services.rhythm.close_cycle(CYCLE)
    li = world.actor(world.official2)
    late = world.services.prompts.answer(li, CYCLE, world.measures[3].id, ReportStatus.ON_TRACK)
    assert late.saved.report.cycle_id == CYCLE
    assert late.saved.report.late


def test_the_cutoff_closes_once_and_names_who_said_nothing(world: World) -> None:
    """Non-responders are the SENT prompts with no answer; closing twice does nothing."""
    opened(world)
    for prompt in world.services.prompts.pending(CYCLE):
        world.services.prompts.mark_sent(prompt, 1, 1)
    zhang = world.actor(world.official)
    world.services.prompts.answer(zhang, CYCLE, world.measures[0].id, ReportStatus.ON_TRACK)
    world.clock.set(CUTOFF)
    closed = world.services.rhythm.close_cycle(CYCLE)
    assert closed is not None
    assert [p.name for p in closed.non_responders] == ["李四"]
    assert world.services.rhythm.close_cycle(CYCLE) is None


def test_the_automatic_round_reminds_once(world: World) -> None:
    """Before the cutoff the unanswered get one automatic reminder; a second round is empty."""
    opened(world)
    for prompt in world.services.prompts.pending(CYCLE):
        world.services.prompts.mark_sent(prompt, 1, 1)
    world.clock.set(CUTOFF - timedelta(hours=4))
    outs = world.services.reminders.auto_round(CYCLE)
    assert sorted(o.person.name for o in outs) == ["张三", "李四"]
    for out in outs:
        world.services.reminders.record(out, "tA", delivered=True)
    assert world.services.reminders.auto_round(CYCLE) == []
    assert EventKind.REMINDER not in {e.kind for e in world.services.rhythm.due("tA")}


def test_a_leads_remind_is_throttled_per_person(world: World) -> None:
    """催办 goes to a person once per 5 minutes; the lead learns who was skipped and why."""
    opened(world)
    lead = world.actor(world.lead)
    first = world.services.reminders.manual(lead, "tA", "张三")
    assert [o.person.name for o in first.send] == ["张三"]
    world.services.reminders.record(first.send[0], "tA", delivered=True)
    world.clock.advance(timedelta(minutes=2))
    again = world.services.reminders.manual(lead, "tA", "all")
    assert [o.person.name for o in again.send] == ["李四"]
    (skip,) = again.skipped
    assert (skip.person.name, skip.why) == ("张三", SkipWhy.THROTTLED)
    assert timedelta(minutes=2) < skip.wait <= timedelta(minutes=3)
    history = world.store.audit.for_subject(world.measures[0].id)
    assert any(e.action is Action.REMINDED for e in history)


def test_remind_refuses_officials_and_unknown_targets(world: World) -> None:
    """Only leads and admins 催办; an unknown name is NotFound."""
    opened(world)
    with pytest.raises(NotAllowed):
        world.services.reminders.manual(world.actor(world.official), "tA", "李四")
    with pytest.raises(NotFound):
        world.services.reminders.manual(world.actor(world.lead), "tA", "无名氏")


def test_remind_by_unit_name(world: World) -> None:
    """A unit name reaches that unit's officials."""
    opened(world)
    result = world.services.reminders.manual(world.actor(world.lead), "tA", "县财政局")
    assert [o.person.name for o in result.send] == ["李四"]


def test_deadline_notices_go_once(world: World) -> None:
    """Measure 1 is due 03-06: overdue on Thursday, told once."""
    opened(world)
    outs = world.services.reminders.deadline_round("tA")
    assert [(o.person.name, o.kind) for o in outs] == [("张三", ReminderKind.OVERDUE)]
    world.services.reminders.record(outs[0], "tA", delivered=True)
    assert world.services.reminders.deadline_round("tA") == []


def test_digest_is_final_only_after_the_cutoff_and_recorded_once(world: World) -> None:
    """A digest before the cutoff is an interim one; after, sending it marks the cycle."""
    opened(world)
    assert not world.services.digests.digest("tA").final
    world.clock.set(CUTOFF + timedelta(days=3))
    out = world.services.digests.digest("tA", CYCLE)
    assert out.final
    assert [p.name for p in out.audience.leads] == ["督办甲"]
    world.services.digests.mark_digest_sent(CYCLE)
    cycle = world.store.cycles.get(CYCLE)
    assert cycle is not None
    assert cycle.digest_sent_at is not None


def test_the_latest_digest_is_shown_as_it_was_drawn_up_when_sent(world: World) -> None:
    """The digest recorded sent as drawn up at Monday 08:30 is shown again on Wednesday as it
    went out: dated Monday, an answer made since not counted."""
    opened(world)
    monday = CUTOFF + timedelta(days=2, hours=15, minutes=30)
    world.clock.set(monday)
    assert world.services.digests.digest("tA", CYCLE).digest.responses.answered == 0
    world.clock.set(monday + timedelta(minutes=2))  # the group got it two minutes later
    world.services.digests.mark_digest_sent(CYCLE, monday)
    world.clock.set(monday + timedelta(days=2))
    zhang = world.actor(world.official)
    world.services.reports.submit(zhang, world.measures[0].id, ReportFields(status="on_track"))
    shown = world.services.digests.latest(world.actor(world.leader), "tA").digest
    assert (shown.generated_at, shown.responses.answered, shown.issue) == (monday, 0, 1)
    assert world.services.digests.digest("tA", CYCLE).digest.responses.answered == 1


def test_missed_prompt_is_recorded_as_done_without_prompts(world: World) -> None:
    """Down past the cutoff: the prompt is missed, recorded closed, and not due again."""
    assigned(world)
    world.clock.set(CUTOFF + timedelta(hours=2))
    (event,) = [e for e in world.services.rhythm.due("tA") if e.kind is EventKind.PROMPT]
    assert event.missed
    world.services.rhythm.record_missed(event)
    assert list(world.store.prompts.for_cycle(CYCLE)) == []
    assert [e for e in world.services.rhythm.due("tA") if e.cycle_id == CYCLE] == []


def test_after_a_long_outage_every_missed_cycle_is_due_once(world: World) -> None:
    """After a month down every missed prompt is due once; a pause and resume is no outage."""
    opened(world)
    world.services.rhythm.close_cycle(CYCLE, CUTOFF)
    world.services.digests.mark_digest_sent(CYCLE)
    world.clock.set(datetime(2024, 4, 8, 10, 0, tzinfo=TZ))
    missed = [e for e in world.services.rhythm.due("tA") if e.missed]
    weeks = ["tA.w20240311", "tA.w20240318", "tA.w20240325"]  # (04-01: merged into 04-08)
    assert [e.cycle_id for e in missed if e.kind is EventKind.PROMPT] == weeks
    for event in missed:
        world.services.rhythm.record_missed(event)
    assert [e for e in world.services.rhythm.due("tA") if e.missed] == []

    lead = world.actor(world.lead)
    world.services.rhythm_settings.apply_words(lead, "tA", ["pause", "on"])
    world.clock.set(datetime(2024, 5, 20, 10, 0, tzinfo=TZ))
    world.services.rhythm_settings.apply_words(lead, "tA", ["pause", "off"])
    assert [e for e in world.services.rhythm.due("tA") if e.missed] == []


def test_review_is_recorded_as_a_monthly_cycle(world: World) -> None:
    """The monthly review is done once its monthly cycle has ``digest_sent_at``."""
    assigned(world)
    world.clock.set(datetime(2024, 3, 29, 16, 0, tzinfo=TZ))
    (event,) = [e for e in world.services.rhythm.due("tA") if e.kind is EventKind.REVIEW]
    assert event.review is not None
    world.services.rhythm.record_review(
        event.review.cycle_id, event.review.month_start, world.clock.now()
    )
    cycle = world.store.cycles.get("tA.m202403")
    assert cycle is not None
    assert cycle.kind is CycleKind.MONTHLY
    assert EventKind.REVIEW not in {e.kind for e in world.services.rhythm.due("tA")}


def test_guessed_holidays_are_told_once_per_team_and_year() -> None:
    """Beyond the calendar package (2027), one notice per team, remembered in the audit log
    (another team's notice does not count)."""
    store = MemoryStore()
    clock = ManualClock(datetime(2026, 12, 20, 10, 0, tzinfo=TZ))
    services = Services.build(store, clock)
    services.rhythm.use_calendar(WorkCalendar())
    store.teams.save(Team("t9", "某县", clock.now()))
    (notice,) = services.rhythm.calendar_notices("t9")
    assert notice.year == 2027
    services.rhythm.record_notice("t9", notice, delivered=1)
    assert services.rhythm.calendar_notices("t9") == []
    store.teams.save(Team("t8", "另一县", clock.now()))
    assert [n.year for n in services.rhythm.calendar_notices("t8")] == [2027]
    clock.set(datetime(2027, 3, 4, 9, 0, tzinfo=TZ))  # and the rhythm goes on, by weekends
    assert services.rhythm.next_times("t9")[EventKind.PROMPT] == datetime(
        2027, 3, 11, 9, 0, tzinfo=TZ
    )
