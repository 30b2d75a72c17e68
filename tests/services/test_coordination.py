"""需协调事项: what a party asks the leaders to settle, from a typed report to every view."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from bot.render.reports import render_report_saved
from bot.render.rhythm.digest import render_digest
from bot.render.rhythm.ledger import ledger_file
from bot.services import ReportFields, Target
from tests.factories.service_world import World

ASK = "请县自然资源局加快用地预审"


def _asked(world: World) -> None:
    lead = world.actor(world.lead)
    world.services.assignments.assign(lead, "m1", [Target.unit(world.fgw.id)])
    world.services.reports.submit(
        world.actor(world.official),
        "m1",
        ReportFields(status="behind", text=f"进展：完成可研批复。需协调：{ASK}"),
    )


def test_a_typed_label_is_kept_as_the_coordination_asked(world: World) -> None:
    """``需协调：…`` lands in its own field; the rest stays progress."""
    _asked(world)
    report = world.store.reports.latest_for_measure("m1")
    assert report is not None
    assert (report.progress_text, report.coordination) == ("完成可研批复。", ASK)


def test_the_confirmation_names_it(world: World) -> None:
    """The person sees the coordination line in what was recorded."""
    lead = world.actor(world.lead)
    world.services.assignments.assign(lead, "m1", [Target.unit(world.fgw.id)])
    saved = world.services.reports.submit(
        world.actor(world.official), "m1", ReportFields(text=f"需协调事项：{ASK}")
    )
    shown = render_report_saved(saved, "zh").text
    assert f"需协调事项：{ASK}" in shown


def test_the_digest_lists_it_for_leaders_in_both_versions(world: World) -> None:
    """Leaders read the ask under 需协调解决事项, in the group's digest and the leads'."""
    _asked(world)
    digest = world.services.digests.digest("tA").digest
    for audience in ("group", "leads"):
        text = "\n".join(render_digest(digest, "zh", audience))
        block = text.split("需协调解决事项", 1)[1]
        assert ASK in block.split("\n\n", 1)[0]


def test_an_answer_without_it_takes_it_off_the_digest(world: World) -> None:
    """The ask holds until the party answers again without one."""
    _asked(world)
    world.services.reports.submit(
        world.actor(world.official), "m1", ReportFields(status="on_track", text="进展：已开工")
    )
    digest = world.services.digests.digest("tA").digest
    assert digest.raised == ()
    assert "需协调解决事项" not in "\n".join(render_digest(digest, "zh", "leads"))


def test_the_ledger_has_the_column_with_the_words(world: World) -> None:
    """The 反馈记录 sheet carries 需协调事项 in its own column, next to 下步打算."""
    _asked(world)
    export = world.services.digests.export(world.actor(world.lead), "tA", ledger_file)
    sheet = load_workbook(io.BytesIO(export.data))["反馈记录"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    column = rows[0].index("需协调事项")
    assert rows[0][column - 1] == "下步打算"
    assert [row[column] for row in rows[1:]] == [ASK]
