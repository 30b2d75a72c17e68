"""The ledger export written off the event loop is the ledger the direct call writes."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from bot.render.rhythm.ledger import ledger_file
from bot.services import NotAllowed, ReportFields, ServiceError, Target
from bot.services.rhythm.digests import Export
from tests.factories.service_world import World


def _cells(export: Export) -> list[list[list[object]]]:
    book = load_workbook(io.BytesIO(export.data))
    return [[[c.value for c in row] for row in sheet.iter_rows()] for sheet in book.worksheets]


async def test_the_export_off_the_loop_matches_the_direct_one(world: World) -> None:
    """Same sheets cell for cell, same file name and task count."""
    lead = world.actor(world.lead)
    world.services.assignments.assign(lead, "m1", [Target.unit(world.fgw.id)])
    world.services.reports.submit(
        world.actor(world.official), "m1", ReportFields(status="on_track")
    )
    threaded = await world.services.digests.export_off_loop(lead, "tA", ledger_file)
    direct = world.services.digests.export(lead, "tA", ledger_file)
    assert (threaded.filename, threaded.tasks) == (direct.filename, direct.tasks)
    assert _cells(threaded) == _cells(direct)


async def test_the_export_off_the_loop_is_refused_like_the_direct_one(world: World) -> None:
    """An official may not export, whichever road."""
    official = world.actor(world.official)
    with pytest.raises(NotAllowed):
        await world.services.digests.export_off_loop(official, "tA", ledger_file)


@pytest.mark.parametrize("typed", ["2023", "２０２３", "2023年", " 2023 "])
async def test_an_earlier_year_is_exported_dated_at_its_end(world: World, typed: str) -> None:
    """``/export 2023`` (as typed, full-width digits and 年 too) writes the 2023 ledger, dated
    31 December, off the loop as directly."""
    lead = world.actor(world.lead)
    direct = world.services.digests.export(lead, "tA", ledger_file, typed)
    threaded = await world.services.digests.export_off_loop(lead, "tA", ledger_file, typed)
    assert direct.filename.endswith("-20231231.xlsx")
    assert _cells(threaded) == _cells(direct)
    this_year = world.services.digests.export(lead, "tA", ledger_file)
    assert this_year.filename.endswith("-20240304.xlsx")


@pytest.mark.parametrize("typed", ["2022", "2025", "abc", "24", "20233"])
async def test_a_year_outside_the_history_is_refused(world: World, typed: str) -> None:
    """A year before the history (the plan is 2024's: from 2023), after this year, or not a
    year is refused with the years that can be chosen, whichever road."""
    lead = world.actor(world.lead)
    digests = world.services.digests
    with pytest.raises(ServiceError) as direct:
        digests.export(lead, "tA", ledger_file, typed)
    with pytest.raises(ServiceError) as threaded:
        await digests.export_off_loop(lead, "tA", ledger_file, typed)
    for refused in (direct, threaded):
        assert refused.value.code == "err.ledger_year"
        assert refused.value.params == {"year": typed, "first": 2023, "last": 2024}
