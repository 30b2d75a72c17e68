"""Files the simulated people send: the sample plan, its 责任分工表 and a site photo.

The sample plan names no responsible units, as many county plans do; offices then issue a
responsibility table (重点工作责任分工表) that the lead imports as the plan's next version.
It is built here from the sample plan itself, so its tasks match the plan's exactly. Two tasks
are left without a unit, for the lead to assign by ``/assign``.
"""

from __future__ import annotations

import io
import struct
import zlib

from openpyxl import Workbook

from bot.importer.api import SAMPLE_PLAN_NAME, load_sample_plan, parse_plan

TABLE_NAME = "2024年重点工作责任分工表.xlsx"
TABLE_TITLE = "XX县2024年重点工作责任分工表"
TABLE_HEADER = ("序号", "板块", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限")
DEADLINE = "2024年12月底"

#: Lead and supporting units by a word of the task's title; first match wins.
UNITS_BY_TITLE: tuple[tuple[str, str, str], ...] = (
    ("一产", "县农业农村局", ""),
    ("二产", "县工信局", ""),
    ("三产", "县发改委", ""),
    ("招商引资", "县发改委", "县工信局"),
    ("攻坚项目", "县发改委", ""),
    ("创新推动", "县工信局", ""),
    ("规划", "县住建局", ""),
    ("建设提升", "县住建局", ""),
    ("精细管理", "县住建局", ""),
    ("生态治理", "县农业农村局", ""),
    ("民生事业", "县发改委", ""),
    ("政治建设", "县委组织部", ""),
    ("干部管理", "县委组织部", ""),
    ("廉政", "县委组织部", ""),
)
#: Tasks assigned by command (title word, whom to ``/assign``): two the table leaves open, two
#: the table gives a unit that the lead entrusts to one of its officials by name.
BY_COMMAND: tuple[tuple[str, str], ...] = (
    ("信访", "县信访局"),
    ("安全", "陈国强"),
    ("廉政", "赵磊"),  # a unit's task given to one of its officials by name
    ("建设提升", "陈静"),
)


def sample_plan() -> tuple[bytes, str]:
    """The bundled sample plan and its file name."""
    return load_sample_plan(), SAMPLE_PLAN_NAME


def units_for(title: str) -> tuple[str, str]:
    """The lead and supporting unit the table gives a task (empty: none)."""
    for word, lead, co in UNITS_BY_TITLE:
        if word in title:
            return lead, co
    return "", ""


def responsibility_table() -> bytes:
    """The 责任分工表 of the sample plan as an .xlsx workbook."""
    plan = parse_plan(*sample_plan())
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "责任分工"
    sheet.append([TABLE_TITLE])
    sheet.append(list(TABLE_HEADER))
    for number, measure in enumerate(plan.measures, start=1):
        lead, co = units_for(measure.title)
        sheet.append([number, measure.section, measure.title, measure.body, lead, co, DEADLINE])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def site_photo(width: int = 240, height: int = 160) -> bytes:
    """A small PNG "photo": sky, a finished building and the ground before it."""
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter type: none
        for x in range(width):
            row += bytes(_pixel(x, y, width, height))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", raw)
        + _chunk(b"IEND", b"")
    )


def _pixel(x: int, y: int, width: int, height: int) -> tuple[int, int, int]:
    ground = height * 3 // 4
    if y >= ground:
        return (96, 128 + (x * 7 + y * 3) % 24, 72)
    left, right, top = width // 4, width * 3 // 4, height // 4
    if left <= x < right and top <= y:
        window = (x - left) % 20 in range(6, 14) and (y - top) % 18 in range(5, 12)
        return (150, 190, 220) if window else (205, 196, 182)
    shade = 255 - y * 80 // ground
    return (shade // 2 + 60, shade // 2 + 110, 235)


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)
