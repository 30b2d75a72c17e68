"""What the bot missed while it was down is recorded as handled and not sent, and every view
(the digest, the leaders' latest digest, /digest, the monthly review) reads it so."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from telegram import Bot

from bot.domain.audit import Action
from bot.domain.delivery import SentRecord, Undelivered
from bot.domain.work import Cycle, CycleKind, ReportStatus
from bot.jobs.runner import RhythmRunner
from bot.outbox import Outbox
from bot.rhythm.digest import NotOpened
from bot.rhythm.events import Event, EventKind
from bot.rhythm.review import build_monthly_review
from bot.services import ReportFields
from tests.factories.service_world import TZ, World

THU = datetime(2024, 3, 7, 9, 0, tzinfo=TZ)  # the week's prompt
CUTOFF = datetime(2024, 3, 8, 17, 0, tzinfo=TZ)
DIGEST = datetime(2024, 3, 11, 8, 30, tzinfo=TZ)  # the week's digest (Monday)
CYCLE = "tA.w20240304"
NEXT = "tA.w20240311"


def opened(world: World) -> World:
    """张三 on measure 1, 李四 on measure 4; the week's cycle opened at Thursday 09:00."""
    lead = world.actor(world.lead)
    world.services.assignments.assign_from_args(lead, "tA", world.measures[0].id, ["张三"])
    world.services.assignments.assign_from_args(lead, "tA", world.measures[3].id, ["李四"])
    open_week(world, THU)
    return world


def open_week(world: World, prompt_at: datetime) -> None:
    """At a week's prompt time, its cycle opened as the rhythm opens it."""
    world.clock.set(prompt_at)
    (event,) = [e for e in world.services.rhythm.due("tA") if e.kind is EventKind.PROMPT]
    assert event.window is not None
    world.services.rhythm.open_cycle(event.window)


def missed(world: World, kind: EventKind) -> list[Event]:
    """The missed events of ``kind`` due now, recorded as the start-up catch-up does."""
    events = [e for e in world.services.rhythm.due("tA") if e.missed and e.kind is kind]
    for event in events:
        world.services.rhythm.record_missed(event)
    return events


def stored(world: World, cycle_id: str) -> Cycle:
    """The cycle as stored."""
    cycle = world.store.cycles.get(cycle_id)
    assert cycle is not None
    return cycle


def audited(world: World, action: Action) -> list[tuple[str, object]]:
    """The subjects and reasons (``why``) of the audit entries of ``action``."""
    entries = world.store.audit.all()
    return [(e.subject, e.detail.get("why")) for e in entries if e.action is action]


def test_a_digest_missed_while_down_is_recorded_as_not_sent(world: World) -> None:
    """Down over the digest and its day of grace: the cycle's digest is handled and not sent
    (digest_failed_at, audited ``missed``, nothing ``digest.sent``), and is not due again."""
    opened(world)
    world.services.rhythm.close_cycle(CYCLE, CUTOFF)
    world.clock.set(DIGEST + timedelta(days=1, hours=2))
    assert [e.cycle_id for e in missed(world, EventKind.DIGEST)] == [CYCLE]
    cycle = stored(world, CYCLE)
    assert cycle.digest_sent_at is None
    assert cycle.digest_failed_at == world.clock.now()
    assert not cycle.missed  # its prompts went out: only the digest was missed
    assert audited(world, Action.DIGEST_UNDELIVERED) == [(CYCLE, "missed")]
    assert audited(world, Action.DIGEST_SENT) == []
    assert [e for e in world.services.rhythm.due("tA") if e.kind is EventKind.DIGEST] == []


def test_a_week_missed_while_down_reads_missed_and_not_digested(world: World) -> None:
    """Down over a whole week: its cycle is marked missed, closed, its digest not sent
    (audited ``missed``); its digest says the prompts did not go out, not that nothing came."""
    opened(world)
    world.services.rhythm.close_cycle(CYCLE, CUTOFF)
    world.services.digests.mark_digest_sent(CYCLE)
    world.clock.set(datetime(2024, 3, 15, 18, 0, tzinfo=TZ))  # past the next week's cutoff
    assert [e.cycle_id for e in missed(world, EventKind.PROMPT)] == [NEXT]
    week = stored(world, NEXT)
    assert (week.missed, week.closed_at, week.digest_sent_at) == (True, world.clock.now(), None)
    assert week.digest_failed_at == world.clock.now()
    assert (NEXT, "missed") in audited(world, Action.DIGEST_UNDELIVERED)
    digest = world.services.digests.digest("tA", NEXT).digest
    assert digest.not_opened is NotOpened.MISSED
    assert digest.responses.expected == 0


def test_the_review_counts_a_missed_week_as_missed_not_held(world: World) -> None:
    """The monthly review counts the weeks whose prompts went out as held and a week missed
    while the bot was down apart (owing nothing)."""
    opened(world)
    world.services.rhythm.close_cycle(CYCLE, CUTOFF)
    world.clock.set(datetime(2024, 3, 15, 18, 0, tzinfo=TZ))
    missed(world, EventKind.PROMPT)
    review = build_monthly_review(world.store, "tA", world.clock.now())
    assert (review.cycles, review.missed) == (1, 1)
    assert review.responses.expected == 2  # the held week's two answers owed, nothing more


def test_a_review_missed_while_down_is_recorded_as_not_sent(world: World) -> None:
    """Down over the month's review and its grace: its monthly cycle is handled and not sent
    (digest_failed_at, ``review.undelivered`` with ``missed``), and ``review.sent`` is not
    audited."""
    opened(world)
    world.clock.set(datetime(2024, 4, 8, 10, 0, tzinfo=TZ))  # March's review was on the 29th
    (event,) = missed(world, EventKind.REVIEW)
    assert event.review is not None
    month = stored(world, event.review.cycle_id)
    assert month.kind is CycleKind.MONTHLY
    assert (month.digest_sent_at, month.digest_failed_at) == (None, world.clock.now())
    assert audited(world, Action.REVIEW_UNDELIVERED) == [(month.id, "missed")]
    assert audited(world, Action.REVIEW_SENT) == []
    assert [e for e in world.services.rhythm.due("tA") if e.kind is EventKind.REVIEW] == []


def test_late_replies_before_a_missed_digest_show_in_the_next_digest(world: World) -> None:
    """A late reply filed after the cutoff, before the bot went down over the digest, is listed
    in the next week's digest (no digest went out to count from), and only there."""
    opened(world)
    world.services.rhythm.close_cycle(CYCLE, CUTOFF)
    world.clock.set(CUTOFF + timedelta(hours=1))
    official = world.actor(world.official)
    late = world.services.reports.submit(
        official, world.measures[0].id, ReportFields(status=ReportStatus.ON_TRACK)
    )
    assert late.late
    world.clock.set(DIGEST + timedelta(days=1, hours=2))
    missed(world, EventKind.DIGEST)
    open_week(world, datetime(2024, 3, 14, 9, 0, tzinfo=TZ))
    shown = world.services.digests.digest("tA", NEXT).digest.late_replies
    assert [(r.author, r.created_at) for r in shown] == [("张三", CUTOFF + timedelta(hours=1))]
    world.services.digests.mark_digest_sent(NEXT)
    world.clock.set(datetime(2024, 3, 21, 9, 0, tzinfo=TZ))
    assert world.services.digests.digest("tA").digest.late_replies == ()


def test_digest_on_request_sends_the_missed_digest_and_leaders_see_the_last_sent(
    world: World,
) -> None:
    """After a missed digest, a lead's /digest is about that week (owed) until it goes out;
    the leaders' own /digest shows the last digest that went out, never the missed one."""
    opened(world)
    world.services.rhythm.close_cycle(CYCLE, CUTOFF)
    world.services.digests.mark_digest_sent(CYCLE)
    open_week(world, datetime(2024, 3, 14, 9, 0, tzinfo=TZ))
    world.services.rhythm.close_cycle(NEXT, datetime(2024, 3, 15, 17, 0, tzinfo=TZ))
    assert world.services.digests.owed("tA") is None
    world.clock.set(datetime(2024, 3, 19, 10, 0, tzinfo=TZ))  # down over Monday's digest
    missed(world, EventKind.DIGEST)
    assert world.services.digests.owed("tA") == NEXT
    lead = world.actor(world.lead)
    assert world.services.digests.latest(lead, "tA").digest.cycle_id == CYCLE
    world.services.digests.mark_digest_sent(NEXT)  # what /digest records once it went out
    assert world.services.digests.owed("tA") is None
    assert world.services.digests.latest(lead, "tA").digest.cycle_id == NEXT


def test_review_on_request_is_the_owed_month_as_of_its_end_until_it_goes_out(
    world: World,
) -> None:
    """After a missed review, the lead's /review is that month's, as of its last moment once
    the month is over, until it is recorded
    sent (``review.sent`` once); a month whose review went out owes nothing."""
    opened(world)
    digests = world.services.digests
    assert digests.owed_review("tA") is None
    world.clock.set(datetime(2024, 4, 8, 10, 0, tzinfo=TZ))  # March's review (the 29th) missed
    (event,) = missed(world, EventKind.REVIEW)
    assert event.review is not None
    owed = digests.owed_review("tA")
    assert owed is not None
    assert (owed.cycle_id, owed.month_start) == (event.review.cycle_id, event.review.month_start)
    assert owed.at == datetime(2024, 4, 1, tzinfo=TZ) - timedelta(microseconds=1)
    digests.mark_review_sent(owed.cycle_id)
    digests.mark_review_sent(owed.cycle_id)  # a second time records nothing new
    assert stored(world, owed.cycle_id).digest_sent_at == world.clock.now()
    assert audited(world, Action.REVIEW_SENT) == [(owed.cycle_id, None)]
    assert digests.owed_review("tA") is None


def test_a_review_the_group_refused_is_owed_as_of_now_within_its_month(world: World) -> None:
    """The leaders' group refused the month's review: /review later that month reads as of
    now; refused again, it stays not sent and the audit says why each time."""
    opened(world)
    review_at = datetime(2024, 3, 29, 16, 0, tzinfo=TZ)
    world.services.rhythm.record_review(
        "tA.m202403", review_at.date().replace(day=1), review_at, undelivered=Undelivered.REFUSED
    )
    world.clock.set(datetime(2024, 3, 30, 10, 0, tzinfo=TZ))
    owed = world.services.digests.owed_review("tA")
    assert owed is not None
    assert (owed.cycle_id, owed.at) == ("tA.m202403", world.clock.now())
    world.services.digests.mark_review_undelivered("tA.m202403", Undelivered.FORBIDDEN)
    assert stored(world, "tA.m202403").digest_sent_at is None
    assert audited(world, Action.REVIEW_UNDELIVERED) == [
        ("tA.m202403", "refused"),
        ("tA.m202403", "forbidden"),
    ]
    assert world.services.digests.owed_review("tA") == owed


def test_weeks_missed_at_a_months_end_stand_in_their_own_months_review(world: World) -> None:
    """Down from March's second week until April: each missed week opened at its scheduled
    prompt time, not on the day the bot came back (the record says when it was recorded and
    when it was due), so March's owed review (as of March's end) counts March's three missed
    weeks (before: none, in no month), and April's none."""
    opened(world)
    world.services.rhythm.close_cycle(CYCLE, CUTOFF)
    world.clock.set(datetime(2024, 4, 8, 10, 0, tzinfo=TZ))
    weeks = missed(world, EventKind.PROMPT)
    missed(world, EventKind.REVIEW)
    last = stored(world, "tA.w20240325")
    assert last.opened_at == datetime(2024, 3, 28, 9, 0, tzinfo=TZ)  # its Thursday's prompt
    (entry,) = [
        e for e in world.store.audit.for_subject(last.id) if e.action is Action.CYCLE_OPENED
    ]
    assert (entry.at, entry.detail["due"]) == (world.clock.now(), last.opened_at.isoformat())
    assert all(stored(world, e.cycle_id).opened_at == e.at for e in weeks)
    owed = world.services.digests.owed_review("tA")
    assert owed is not None
    march = build_monthly_review(world.store, "tA", owed.at)
    assert (march.cycles, march.missed) == (1, 3)
    assert [e.cycle_id for e in weeks][-1] == last.id  # April's first week still to come
    april = build_monthly_review(world.store, "tA", world.clock.now())
    assert (april.cycles, april.missed) == (0, 0)


def test_an_owed_digest_sent_after_the_next_weeks_takes_the_next_issue(world: World) -> None:
    """The week's digest missed while down and sent by /digest after the next week's went out
    is the next issue (第2期), and the audit's digest.sent names each issue as it went out; the
    missed digest's view carries the number it takes, the next week's keeps 第1期."""
    opened(world)
    world.services.rhythm.close_cycle(CYCLE, CUTOFF)
    world.clock.set(DIGEST + timedelta(days=1, hours=2))
    missed(world, EventKind.DIGEST)
    open_week(world, datetime(2024, 3, 14, 9, 0, tzinfo=TZ))
    world.services.rhythm.close_cycle(NEXT, datetime(2024, 3, 15, 17, 0, tzinfo=TZ))
    world.clock.set(datetime(2024, 3, 18, 8, 30, tzinfo=TZ))
    assert world.services.digests.digest("tA", NEXT).digest.issue == 1
    world.services.digests.mark_digest_sent(NEXT)
    world.clock.set(datetime(2024, 3, 18, 10, 0, tzinfo=TZ))
    assert world.services.digests.digest("tA", CYCLE).digest.issue == 2
    world.services.digests.mark_digest_sent(CYCLE)
    entries = [e for e in world.store.audit.all() if e.action is Action.DIGEST_SENT]
    assert [(e.subject, e.detail.get("issue")) for e in entries] == [(NEXT, 1), (CYCLE, 2)]
    world.clock.set(datetime(2024, 3, 25, 10, 0, tzinfo=TZ))  # re-rendered a week later
    assert world.services.digests.digest("tA", CYCLE).digest.issue == 2
    assert world.services.digests.digest("tA", NEXT).digest.issue == 1


def test_a_missed_week_across_two_months_counts_in_the_month_its_prompt_was_due(
    world: World,
) -> None:
    """The week from Monday 29 July, whose prompt was due Thursday 1 August, missed while the bot
    was down: August's review counts it, July's does not, as for a week held (one rule: the
    month the cycle opened in); before, neither month counted it."""
    opened(world)
    world.clock.set(datetime(2024, 8, 7, 10, 0, tzinfo=TZ))
    weeks = {e.cycle_id for e in missed(world, EventKind.PROMPT)}
    assert "tA.w20240729" in weeks
    assert stored(world, "tA.w20240729").opened_at == datetime(2024, 8, 1, 9, 0, tzinfo=TZ)
    july = build_monthly_review(world.store, "tA", datetime(2024, 7, 31, 23, 59, tzinfo=TZ))
    august = build_monthly_review(world.store, "tA", world.clock.now())
    in_july = {w for w in weeks if w.startswith("tA.w202407") and w != "tA.w20240729"}
    assert (july.missed, august.missed) == (len(in_july), 1)


def test_a_months_review_sent_later_counts_no_answer_made_after_the_month(world: World) -> None:
    """March's review read as of March's end (as /review sends an owed month's) counts 张三's
    answer for March's last week, made late on 1 April, as not given; the week's digest now
    counts it late."""
    lead = world.actor(world.lead)
    world.services.assignments.assign_from_args(lead, "tA", world.measures[0].id, ["张三"])
    world.clock.set(datetime(2024, 3, 28, 9, 0, tzinfo=TZ))
    (event,) = [
        e for e in world.services.rhythm.due("tA") if e.kind is EventKind.PROMPT and not e.missed
    ]
    assert event.window is not None
    world.services.rhythm.open_cycle(event.window)
    world.clock.set(datetime(2024, 4, 1, 10, 0, tzinfo=TZ))
    late = world.services.reports.submit(
        world.actor(world.official), world.measures[0].id, ReportFields(status=ReportStatus.DONE)
    )
    assert late.late
    march_end = datetime(2024, 4, 1, tzinfo=TZ) - timedelta(microseconds=1)
    review = build_monthly_review(world.store, "tA", march_end)
    assert (review.responses.late, review.responses.missing) == (0, 1)
    digest = world.services.digests.digest("tA", "tA.w20240325").digest
    assert (digest.responses.late, digest.responses.missing) == (1, 0)


def test_weeks_an_earlier_version_opened_at_the_restart_are_placed_in_their_weeks(
    world: World,
) -> None:
    """A missed week recorded by an earlier version (opened when the bot came back, after its
    cutoff) is placed at its Thursday's prompt by the start-up catch-up, so March's review counts
    it and April's does not; weeks recorded as now, and a second pass, change nothing."""
    opened(world)
    world.services.rhythm.close_cycle(CYCLE, CUTOFF)
    world.clock.set(datetime(2024, 4, 8, 10, 0, tzinfo=TZ))
    missed(world, EventKind.PROMPT)
    rhythm, restart = world.services.rhythm, world.clock.now()
    last = stored(world, "tA.w20240325")
    with world.store.atomic():  # as an earlier version recorded it
        world.store.cycles.save(replace(last, opened_at=restart))
    later = restart + timedelta(hours=1)
    assert build_monthly_review(world.store, "tA", later).missed == 1  # before: in April
    assert rhythm.place_missed_weeks("tA") == 1
    assert stored(world, last.id).opened_at == datetime(2024, 3, 28, 9, 0, tzinfo=TZ)
    assert build_monthly_review(world.store, "tA", later).missed == 0
    march_end = datetime(2024, 4, 1, tzinfo=TZ) - timedelta(microseconds=1)
    assert build_monthly_review(world.store, "tA", march_end).missed == 3
    assert rhythm.place_missed_weeks("tA") == 0
    assert stored(world, CYCLE).opened_at == THU  # a week held keeps its opening


def test_the_parts_of_an_owed_review_and_digest_stay_recorded_until_they_went_out(
    world: World,
) -> None:
    """A month's review and a week's digest that reached the leaders' group in part stay owed;
    weeks past the 8 days records are kept, their parts' records stay (a /review or /digest
    then skips them) while other old records go; once each went out, its records go too."""
    opened(world)
    world.services.rhythm.close_cycle(CYCLE, CUTOFF)
    world.clock.set(DIGEST + timedelta(minutes=1))
    world.services.digests.mark_digest_undelivered(CYCLE, Undelivered.NO_RIGHTS)
    world.clock.set(datetime(2024, 4, 8, 10, 0, tzinfo=TZ))  # March's review (the 29th) missed
    (event,) = missed(world, EventKind.REVIEW)
    assert event.review is not None
    month = event.review.cycle_id
    outbox = Outbox(Bot("1:x"), world.store.sent, world.clock)
    runner = RhythmRunner(outbox, world.services)
    assert runner.owed_keys() == [f"digest:{CYCLE}", f"review:{month}"]
    parts = [f"review:{month}:-100:chart", f"review:{month}:-100:text:0", f"digest:{CYCLE}:-100:0"]
    for number, key in enumerate([*parts, "prompt:p1"]):
        world.store.sent.save(SentRecord(key, -100, number + 1, DIGEST))
    world.clock.set(datetime(2024, 4, 20, 10, 0, tzinfo=TZ))  # 40 days after the digest's
    assert outbox.prune(keep=runner.owed_keys()) == 1
    assert [key for key in parts if outbox.confirmed(key)] == parts
    assert not outbox.confirmed("prompt:p1")
    world.services.digests.mark_review_sent(month)
    world.services.digests.mark_digest_sent(CYCLE)
    assert runner.owed_keys() == []
    assert outbox.prune(keep=runner.owed_keys()) == 3
    assert not any(outbox.confirmed(key) for key in parts)
