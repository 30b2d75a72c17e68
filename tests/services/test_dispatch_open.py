"""/dispatch while a cycle is open: the open cycle is topped up, never the next one opened."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.work import PromptState
from tests.factories.service_world import TZ, World

THU = datetime(2024, 3, 7, 9, 0, tzinfo=TZ)
CYCLE = "tA.w20240304"


def test_dispatch_during_an_open_cycle_sends_only_to_those_without_a_prompt(world: World) -> None:
    """A person assigned after the prompt went out gets one; the others get nothing again."""
    lead = world.actor(world.lead)
    assignments, rhythm, prompts = (
        world.services.assignments,
        world.services.rhythm,
        world.services.prompts,
    )
    assignments.assign_from_args(lead, "tA", "m1", ["张三"])
    world.clock.set(THU)
    opened = rhythm.open_cycle(rhythm.window_to_open(lead, "tA"))
    assert opened.created
    assert opened.cycle.id == CYCLE
    (first,) = opened.pending
    prompts.mark_sent(first, 1, 1)

    assignments.assign_from_args(lead, "tA", "m4", ["李四"])
    world.clock.set(datetime(2024, 3, 7, 15, 0, tzinfo=TZ))
    window = rhythm.window_to_open(lead, "tA")
    assert window.cycle_id == CYCLE  # this week's open cycle, not next week's
    again = rhythm.open_cycle(window)
    assert not again.created
    assert [p.person_id for p in again.pending] == [world.official2.id]
    states = {p.person_id: p.state for p in world.store.prompts.for_cycle(CYCLE)}
    assert states == {world.official.id: PromptState.SENT, world.official2.id: PromptState.PENDING}
    prompts.mark_sent(again.pending[0], 2, 2)
    assert rhythm.open_cycle(rhythm.window_to_open(lead, "tA")).pending == ()


def test_dispatch_after_the_cutoff_opens_the_next_cycle(world: World) -> None:
    """Once this week's cycle is past its cutoff, /dispatch opens the next week's early."""
    lead = world.actor(world.lead)
    world.services.assignments.assign_from_args(lead, "tA", "m1", ["张三"])
    world.clock.set(THU)
    world.services.rhythm.open_cycle(world.services.rhythm.window_to_open(lead, "tA"))
    world.clock.set(datetime(2024, 3, 8, 18, 0, tzinfo=TZ))
    assert world.services.rhythm.window_to_open(lead, "tA").cycle_id == "tA.w20240311"


def test_an_unreachable_person_who_came_back_is_sent_the_open_cycle(world: World) -> None:
    """A prompt that bounced (403) goes out again once the person is reachable."""
    lead = world.actor(world.lead)
    world.services.assignments.assign_from_args(lead, "tA", "m1", ["张三"])
    world.clock.set(THU)
    rhythm = world.services.rhythm
    (row,) = rhythm.open_cycle(rhythm.window_to_open(lead, "tA")).pending
    world.services.prompts.mark_unreachable(row)
    assert rhythm.open_cycle(rhythm.window_to_open(lead, "tA")).pending == ()
    world.store.people.save(replace(world.refresh(world.official), unreachable_since=None))
    assert [p.person_id for p in rhythm.open_cycle(rhythm.window_to_open(lead, "tA")).pending] == [
        world.official.id
    ]


def test_two_reminder_rounds_fire_and_manual_ones_do_not_count(world: World) -> None:
    """With reminders_per_cycle 2, the 13:00 and 15:00 rounds both remind; 催办 is extra."""
    lead = world.actor(world.lead)
    services = world.services
    services.assignments.assign_from_args(lead, "tA", "m1", ["张三"])
    world.clock.set(THU)
    (row,) = services.rhythm.open_cycle(services.rhythm.window_to_open(lead, "tA")).pending
    services.prompts.mark_sent(row, 1, 1)
    world.clock.set(datetime(2024, 3, 7, 16, 0, tzinfo=TZ))
    (manual,) = services.reminders.manual(lead, "tA", "张三").send
    services.reminders.record(manual, "tA", delivered=True)
    for hour in (13, 15):
        world.clock.set(datetime(2024, 3, 8, hour, 0, tzinfo=TZ))
        (event,) = [e for e in services.rhythm.due("tA") if e.kind.value == "reminder"]
        assert event.at == world.clock.now()
        (out,) = services.reminders.auto_round(CYCLE, round_at=event.at)
        services.reminders.record(out, "tA", delivered=True)
        assert services.reminders.auto_round(CYCLE, round_at=event.at) == []
    world.clock.set(datetime(2024, 3, 8, 16, 0, tzinfo=TZ))
    assert [e for e in services.rhythm.due("tA") if e.kind.value == "reminder"] == []
