"""The answer to 签收全部: how many listed tasks were signed and, briefly, why any were not."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.domain.plan import Measure
from bot.render.assign import render_batch_acknowledged
from bot.services import AckResult, BatchAck
from tests.factories import entities as e
from tests.factories.settings import TZ

AT = datetime(2024, 3, 7, 9, 30, tzinfo=TZ)


def _acks(count: int, *, already: bool = False) -> tuple[AckResult, ...]:
    """``count`` tasks signed now (or found signed before)."""
    return tuple(AckResult(_measures(1)[0], AT, already) for _ in range(count))


def _measures(count: int) -> tuple[Measure, ...]:
    """``count`` measures."""
    return tuple(e.measure() for _ in range(count))


CASES = [
    # (result, zh lines, en lines)
    (BatchAck(_acks(12), AT), ["已签收以上 12 项任务"], ["Acknowledged the 12 tasks above"]),
    (
        BatchAck((), AT, already=_acks(3, already=True)),
        ["以上任务均已签收"],
        ["all acknowledged already"],
    ),
    (
        BatchAck(_acks(9), AT, already=_acks(3, already=True)),
        ["已签收以上清单中的 9 项任务", "另有 3 项此前已签收"],
        ["Acknowledged 9 of the tasks above", "3 had been acknowledged already"],
    ),
    (
        BatchAck(_acks(9), AT, reassigned=_measures(2), removed=_measures(1)),
        ["已签收以上清单中的 9 项任务", "2 项已调整交办", "1 项已从计划中删除"],
        ["Acknowledged 9 of the tasks above", "2 were reassigned", "1 were removed"],
    ),
    (
        BatchAck((), AT, already=_acks(1, already=True), reassigned=_measures(1)),
        ["没有需要签收的任务", "另有 1 项此前已签收", "1 项已调整交办"],
        ["Nothing on the list above", "1 had been acknowledged already", "1 were reassigned"],
    ),
]


@pytest.mark.parametrize(("result", "zh", "en"), CASES)
def test_the_answer_counts_what_was_signed_and_what_was_skipped(
    result: BatchAck, zh: list[str], en: list[str]
) -> None:
    """Each figure of the answer (signed now, signed before, reassigned, removed) is stated,
    one line each, in both languages; a clean press keeps the one-line answer."""
    for lang, expected in (("zh", zh), ("en", en)):
        lines = render_batch_acknowledged(result, lang).text.split("\n")
        assert len(lines) == len(expected)
        for line, part in zip(lines, expected, strict=True):
            assert part in line
