"""A lead's file: roster or plan, by its content first, then by the lead's words."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.importer.model import ParsedPlan
from bot.services import InvalidInput, NotAllowed, UploadKind
from bot.services.plans.apply import DefaultImporter
from bot.services.plans.uploads import classify
from tests.factories.files import workbook
from tests.factories.service_world import World
from tests.services.fixtures.make_roster_xls import ROSTER_XLS

ROSTER_CSV = "姓名,单位,角色\n周八,县发改委,责任人\n".encode()
PLAN_TXT = """XX县2024年重点工作
一、产业发展
（一）加快园区建设。建成标准化厂房10万平方米。（县发改委牵头）
""".encode()
NO_HEADER_CSV = "周八,县发改委\n".encode()


PLAN_XLSX = workbook(
    [("序号", "工作任务", "责任单位", "完成时限"), ("1", "加快园区建设", "县发改委", "6月底")]
)
ROSTER_XLSX = workbook(
    [("人员名单",), ("姓名", "所在单位", "电话"), ("周八", "县发改委", "13800000000")]
)


@pytest.mark.parametrize(
    ("data", "filename", "caption", "asked", "kind"),
    [
        (ROSTER_CSV, "upload.csv", None, False, UploadKind.ROSTER),  # header says so
        (ROSTER_XLSX, "2024.xlsx", None, False, UploadKind.ROSTER),  # header on row 2
        (PLAN_XLSX, "名单.xlsx", None, False, UploadKind.ROSTER),  # no roster header: the name
        (PLAN_XLSX, "分解表.xlsx", None, False, UploadKind.PLAN),  # 责任单位 is not a roster
        (PLAN_XLSX, "分解表.xlsx", "花名册", False, UploadKind.ROSTER),  # the caption says so
        (PLAN_TXT, "plan.txt", None, False, UploadKind.PLAN),
        (PLAN_TXT, "人员培训计划.docx", None, False, UploadKind.PLAN),  # not a table: a plan
        (PLAN_TXT, "计划.docx", None, True, UploadKind.ROSTER),  # right after /roster
        (NO_HEADER_CSV, "x.csv", None, True, UploadKind.ROSTER),
        (NO_HEADER_CSV, "x.csv", None, False, UploadKind.PLAN),
    ],
)
def test_classify(
    data: bytes, filename: str, caption: str | None, asked: bool, kind: UploadKind
) -> None:
    """Content first (a 姓名 + 单位 header row), then /roster, the caption and the name."""
    assert classify(data, filename, caption, asked) is kind


def test_a_roster_table_is_imported_whatever_its_name(world: World) -> None:
    """One call takes a roster sent without /roster or a telling name."""
    upload = world.services.uploads.receive(
        world.actor(world.lead), world.team.id, ROSTER_CSV, "upload.csv"
    )
    assert upload.kind is UploadKind.ROSTER
    assert upload.roster is not None
    assert [a.person.name for a in upload.roster.added] == ["周八"]


def test_a_plan_is_previewed(world: World) -> None:
    """Anything else is a plan, kept pending confirmation."""
    upload = world.services.uploads.receive(
        world.actor(world.lead), world.team.id, PLAN_TXT, "plan.txt", caption="新计划"
    )
    assert upload.kind is UploadKind.PLAN
    assert upload.preview is not None
    assert upload.preview.measure_count == 1


def test_an_old_excel_roster_is_taken_as_a_roster(world: World) -> None:
    """An .xls roster (Excel 97–2003), sent without /roster, adds its people as an .xlsx does,
    and names the rows it could not take (a liaison for nobody, a row without a name)."""
    upload = world.services.uploads.receive(
        world.actor(world.lead), world.team.id, ROSTER_XLS.read_bytes(), "督办人员名单.xls"
    )
    assert upload.kind is UploadKind.ROSTER
    assert upload.roster is not None
    assert sorted(a.person.name for a in upload.roster.added) == ["周九", "钱七"]
    assert [(e.row, e.code) for e in upload.roster.errors] == [
        (5, "err.principal_required"),
        (7, "err.name_required"),
    ]


def test_after_roster_a_document_is_refused_as_a_roster(world: World) -> None:
    """Right after /roster a .docx is not silently taken as a plan: rosters are tables."""
    with pytest.raises(InvalidInput) as caught:
        world.services.uploads.receive(
            world.actor(world.lead), world.team.id, PLAN_TXT, "计划.docx", roster_asked=True
        )
    assert caught.value.code == "err.file_type"


@pytest.mark.parametrize(
    ("who", "code"), [("official", "err.upload_not_allowed"), ("stranger", "err.not_registered")]
)
def test_only_leads_and_admins_upload(world: World, who: str, code: str) -> None:
    """An official's stray file is refused with a hint; a stranger is not registered."""
    actor = world.actor(world.official if who == "official" else None)
    with pytest.raises(NotAllowed) as caught:
        world.services.uploads.receive(actor, world.team.id, ROSTER_CSV, "r.csv")
    assert caught.value.code == code
    assert world.store.pending_imports.all() == ()


async def test_off_the_loop_takes_a_file_as_receive_does(world: World) -> None:
    """The upload parsed in a worker thread gives what the direct call gives: a roster's people,
    a plan's preview under the same ids."""
    lead = world.actor(world.lead)
    roster = await world.services.uploads.receive_off_loop(lead, "tA", ROSTER_CSV, "名单.csv")
    assert roster.kind is UploadKind.ROSTER
    assert roster.roster is not None
    assert [p.person.name for p in roster.roster.added] == ["周八"]
    threaded = await world.services.uploads.receive_off_loop(lead, "tA", PLAN_TXT, "plan.txt")
    direct = world.services.uploads.receive(lead, "tA", PLAN_TXT, "plan.txt")
    assert threaded.preview is not None
    assert direct.preview is not None
    assert threaded.preview.token != direct.preview.token
    assert threaded.preview.measures == direct.preview.measures
    assert threaded.preview.measure_count == 1
    assert world.store.pending_imports.get(threaded.preview.token) is not None


async def test_the_event_loop_runs_while_a_plan_is_parsed(world: World) -> None:
    """While the parser works, other coroutines run: the parser waits for one of them and
    would never see it if it ran on the event loop."""
    loop_ran = threading.Event()

    class WaitingImporter(DefaultImporter):
        def parse(self, data: bytes, filename: str, *, all_parts: bool) -> ParsedPlan:
            if not loop_ran.wait(timeout=10):
                raise AssertionError("the event loop was blocked while parsing")
            return super().parse(data, filename, all_parts=all_parts)

    world.services.plans._importer = WaitingImporter()
    asyncio.get_running_loop().call_soon(loop_ran.set)  # another user's update, say
    upload = await world.services.uploads.receive_off_loop(
        world.actor(world.lead), "tA", PLAN_TXT, "plan.txt"
    )
    assert upload.preview is not None
