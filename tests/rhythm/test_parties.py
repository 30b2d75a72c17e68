"""A task's parties at a moment follow its assignment record, however often they are asked
(they are worked out once per span between two assignment changes)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from itertools import permutations

import pytest

from bot.domain.work import AssigneeRole
from bot.rhythm.parties import covering_parties, covering_party, parties, party_of_person
from bot.rhythm.snapshot import TeamSnapshot
from tests.factories.snapshots import (
    assign,
    cycle,
    leave,
    local,
    measure,
    person,
    prompt,
    report,
    snapshot,
    unit,
)

#: (moment, the parties in force then): unit A from 10 January until 20 February, unit B from
#: 1 March; 李四 supports from 1 February.
MOMENTS = (
    (local(2024, 1, 5), []),
    (local(2024, 1, 10), ["A局"]),
    (local(2024, 1, 20), ["A局"]),
    (local(2024, 2, 10), ["A局", "李四"]),
    (datetime(2024, 2, 19, 23, 59, 59, tzinfo=local(2024, 1, 1).tzinfo), ["A局", "李四"]),
    (local(2024, 2, 20), ["李四"]),
    (local(2024, 2, 25), ["李四"]),
    (local(2024, 3, 1), ["B局", "李四"]),
    (local(2024, 6, 1), ["B局", "李四"]),
)


def _reassigned() -> TeamSnapshot:
    return snapshot(
        units=[unit("uA", "A局"), unit("uB", "B局")],
        people=[person("pa", "张三", unit_id="uA"), person("pl", "李四", unit_id="uB")],
        measures=[measure("m1", "任务")],
        assignments=[
            assign("m1", unit_id="uA", ended_at=local(2024, 2, 20)),
            assign("m1", unit_id="uB", assigned_at=local(2024, 3, 1)),
            assign("m1", "pl", role=AssigneeRole.CO, assigned_at=local(2024, 2, 1)),
        ],
    )


@pytest.mark.parametrize("order", list(permutations(range(len(MOMENTS)), 3))[::17])
def test_parties_at_each_moment_whatever_was_asked_before(order: tuple[int, ...]) -> None:
    """Asked in any order, each moment gets the parties in force then (an assignment counts
    from its start, and no longer from its end)."""
    snap = _reassigned()
    for index in (*order, *range(len(MOMENTS))):
        at, expected = MOMENTS[index]
        assert [p.name for p in parties(snap, "m1", at)] == expected, at


def test_a_person_answers_for_the_party_in_force_at_the_moment() -> None:
    """张三 of A局 answers for A局 before the reassignment and for nobody after; 李四 answers
    for himself once he supports, before that for nobody (B局 is not yet a party)."""
    snap = _reassigned()
    asked = [
        ("pa", local(2024, 2, 10), "A局"),
        ("pa", local(2024, 2, 25), None),
        ("pa", local(2024, 3, 5), None),
        ("pl", local(2024, 1, 20), None),
        ("pl", local(2024, 3, 5), "李四"),
        ("pa", local(2024, 1, 20), "A局"),
    ]
    for person_id, at, expected in asked:
        found = party_of_person(snap, "m1", person_id, at)
        assert (found.name if found else None) == expected, (person_id, at)


def test_whom_prompted_people_answer_for_comes_the_same_from_the_shared_table() -> None:
    """A cycle's lookup (one table per span between any two of the team's assignment changes)
    gives what :func:`covering_party` gives at every moment, for each task and person, a
    deputy's included (王五 of B局 stands in for 张三, on leave in February), whatever was asked
    before."""
    base = _reassigned()
    snap = replace(
        base,
        people=(*base.people, person("pw", "王五", unit_id="uB")),
        measures=(*base.measures, measure("m2", "另一任务")),
        assignments=(*base.assignments, assign("m2", "pa", assigned_at=local(2024, 2, 5))),
        leaves=(leave("pa", date(2024, 2, 1), date(2024, 2, 29), deputy_id="pw"),),
    )
    found = []
    for at, _ in (*MOMENTS, *reversed(MOMENTS)):
        covering = covering_parties(snap, at.date(), at)
        for measure_id in ("m1", "m2"):
            for person_id in ("pa", "pl", "pw"):
                expected = covering_party(replace(snap), measure_id, person_id, at.date(), at)
                assert covering(measure_id, person_id) == expected, (measure_id, person_id, at)
                found.append((person_id, expected.name if expected else None))
    assert ("pw", "A局") in found  # the deputy's answers count for the colleague's party
    assert ("pw", "张三") in found


#: (moment, the unit 李四, assigned by name from 1 February, counts under then): B局 as his
#: first prompt recorded (also before it), A局 from the prompt of 4 March that recorded his move
#: there, and C局 (his unit now, after a later move) only in a view of now.
UNITS_THEN = (
    (local(2024, 2, 2), "uB"),
    (local(2024, 2, 10), "uB"),
    (local(2024, 3, 1), "uB"),
    (local(2024, 3, 4), "uA"),
    (local(2024, 6, 1), "uA"),
    (None, "uC"),
)


def _moved_twice() -> TeamSnapshot:
    base = _reassigned()
    week = [
        cycle(date(2024, 2, 5), local(2024, 2, 5), local(2024, 2, 9)),
        cycle(date(2024, 3, 4), local(2024, 3, 4), local(2024, 3, 8)),
    ]
    return replace(
        base,
        units=(*base.units, unit("uC", "C局")),
        people=(base.people[0], replace(base.people[1], unit_id="uC")),
        cycles=tuple(week),
        prompts=(prompt(week[0], "pl", ("m1",), unit_id="uB"),),
        reports=(report("m1", "pl", local(2024, 2, 12), unit_id="uB"),),
    )


@pytest.mark.parametrize("order", list(permutations(range(len(UNITS_THEN)), 3))[::7])
def test_a_person_party_counts_under_the_unit_its_person_was_in_at_the_moment(
    order: tuple[int, ...],
) -> None:
    """A person assigned by name counts, as of a moment, under the unit their latest prompt or
    report by then recorded (before the first, the first one's), and now under their unit now,
    whatever moment was asked before; the cycles' shared table agrees."""
    base = _moved_twice()
    march = prompt(base.cycles[1], "pl", ("m1",), unit_id="uA")
    snap = replace(base, prompts=(*base.prompts, march))
    for index in (*order, *range(len(UNITS_THEN))):
        at, expected = UNITS_THEN[index]
        (party,) = [p for p in parties(snap, "m1", at) if p.key == "person:pl"]
        assert party.unit_id == expected, at
        if at is not None:
            covering = covering_parties(snap, at.date(), at)
            assert covering("m1", "pl") == party, at
    unrecorded = replace(base, prompts=(), reports=())  # records older than units were kept
    assert {
        p.unit_id for p in parties(unrecorded, "m1", local(2024, 3, 4)) if p.name == "李四"
    } == {"uC"}
