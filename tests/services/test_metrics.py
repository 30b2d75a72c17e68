"""The services count what an operator watches: prompts sent or failed, answers recorded."""

from __future__ import annotations

from bot import metrics
from bot.domain.work import ReportStatus
from tests.factories.service_world import World
from tests.services.test_rhythm_services import CYCLE, opened


def test_prompt_marks_and_answers_are_counted(world: World) -> None:
    """Marking a prompt sent, a person unreachable and filing an answer each move their
    counter by exactly one."""
    opened(world)
    sent, unreachable = metrics.PROMPTS_SENT, metrics.PROMPTS_FAILED.labels(reason="unreachable")
    before = (sent._value.get(), unreachable._value.get(), metrics.REPLIES._value.get())
    first, second = world.services.prompts.pending(CYCLE)
    world.services.prompts.mark_sent(first, 100, 7)
    world.services.prompts.mark_unreachable(second)
    zhang = world.actor(world.official)
    world.services.prompts.answer(zhang, CYCLE, world.measures[0].id, ReportStatus.ON_TRACK)
    after = (sent._value.get(), unreachable._value.get(), metrics.REPLIES._value.get())
    assert [b - a for a, b in zip(before, after, strict=True)] == [1, 1, 1]
