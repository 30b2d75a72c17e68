"""The ledger export written off the event loop is the ledger the direct call writes."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from bot.render.rhythm.ledger import ledger_file
from bot.services import NotAllowed, ReportFields, Target
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
