"""The simulated county: its supervision office, its people, and who answers how.

Twenty-two people in the roster (eighteen officials in six units, two county leaders and a
leader's liaison), the office's lead, and the admin who sets the bot up. The ``part`` each
featured person plays is what the transcript follows; everyone else answers off-stage.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from enum import StrEnum

from openpyxl import Workbook

TEAM_NAME = "县委督查室"
GROUP_TITLE = "XX县重点工作调度群"


class Kind(StrEnum):
    """What a person is in the bot."""

    ADMIN = "admin"
    LEAD = "lead"
    LEADER = "leader"
    LIAISON = "liaison"
    OFFICIAL = "official"


class Part(StrEnum):
    """The part a featured person plays in the week (``EXTRA``: answers off-stage)."""

    EXTRA = "extra"
    ON_TRACK = "on_track"  # /report with a typed progress figure
    BEHIND = "behind"  # 🟡 with a problem text
    BLOCKED = "blocked"  # 🔴 with a problem text
    DONE_PHOTO = "done_photo"  # ✅ with a photo; later 销号 approved
    DONE_RETURNED = "done_returned"  # ✅; later 销号 returned with a reason
    ON_LEAVE = "on_leave"  # /leave before the prompt
    SILENT_AUTO = "silent_auto"  # answers after the automatic reminder
    SILENT_MANUAL = "silent_manual"  # answers only after the lead's 催办, late
    NEVER_JOINS = "never_joins"
    FOR_LEADER = "for_leader"  # a liaison reporting on a leader's behalf


@dataclass(frozen=True, slots=True)
class DemoPerson:
    """One simulated person. ``for_whom`` names the leader a liaison reports for."""

    name: str
    unit: str | None
    kind: Kind
    part: Part = Part.EXTRA
    for_whom: str | None = None
    phone: str | None = None

    @property
    def featured(self) -> bool:
        """Whether the transcript shows this person's chat message by message."""
        return self.part is not Part.EXTRA or self.kind in (Kind.ADMIN, Kind.LEAD)

    @property
    def label(self) -> str:
        """``张伟（县发改委）`` as the transcript names them."""
        return f"{self.name}（{self.unit}）" if self.unit else self.name


def _official(name: str, unit: str, part: Part = Part.EXTRA, phone: int = 0) -> DemoPerson:
    return DemoPerson(name, unit, Kind.OFFICIAL, part, phone=f"1390551{phone:04d}")


ADMIN = DemoPerson("何建国", "县委办信息科", Kind.ADMIN)
LEAD = DemoPerson("王丽", TEAM_NAME, Kind.LEAD)
LEADERS = (
    DemoPerson("陈国强", "县政府", Kind.LEADER, phone="13905510101"),
    DemoPerson("赵建华", "县政府", Kind.LEADER, phone="13905510102"),
)
LIAISON = DemoPerson(
    "孙磊", "县政府办", Kind.LIAISON, Part.FOR_LEADER, for_whom="陈国强", phone="13905510103"
)
OFFICIALS = (
    _official("张伟", "县发改委", Part.ON_TRACK, 1),
    _official("刘芳", "县发改委", phone=2),
    _official("杨帆", "县发改委", phone=3),
    _official("李娜", "县工信局", Part.BEHIND, 4),
    _official("徐明", "县工信局", phone=5),
    _official("高洁", "县工信局", Part.NEVER_JOINS, 6),
    _official("刘洋", "县农业农村局", Part.BLOCKED, 7),
    _official("何静", "县农业农村局", phone=8),
    _official("罗军", "县农业农村局", phone=9),
    _official("马超", "县住建局", Part.DONE_RETURNED, 10),
    _official("陈静", "县住建局", Part.ON_LEAVE, 11),
    _official("朱琳", "县住建局", phone=12),
    _official("谢婷", "县住建局", phone=13),
    _official("周敏", "县信访局", Part.SILENT_AUTO, 14),
    _official("郭涛", "县信访局", phone=15),
    _official("吴芳", "县委组织部", Part.DONE_PHOTO, 16),
    _official("赵磊", "县委组织部", Part.SILENT_MANUAL, 17),
    _official("郑华", "县委组织部", phone=18),
)
#: Everyone in the roster file, in its order.
ROSTER = (*OFFICIALS, *LEADERS, LIAISON)
EVERYONE = (ADMIN, LEAD, *ROSTER)

_HEADERS = {
    "zh": ("姓名", "单位", "角色", "代理", "电话"),
    "en": ("Name", "Unit", "Role", "For", "Phone"),
}
_ROLE_WORDS = {
    "zh": {Kind.OFFICIAL: "责任人", Kind.LEADER: "领导", Kind.LIAISON: "联络员"},
    "en": {Kind.OFFICIAL: "official", Kind.LEADER: "leader", Kind.LIAISON: "liaison"},
}


def cast(lang: str) -> dict[str, object]:
    """Who is who, for the transcript's opening note."""
    sep = "、" if lang == "zh" else ", "
    units = list(dict.fromkeys(p.unit for p in OFFICIALS if p.unit))
    return {
        "lead": LEAD.label,
        "leaders": sep.join(p.name for p in LEADERS),
        "liaison": LIAISON.name,
        "principal": LIAISON.for_whom,
        "count": len(OFFICIALS),
        "units": sep.join(units),
    }


def roster_xlsx(lang: str, people: tuple[DemoPerson, ...] = ROSTER) -> bytes:
    """The roster as the office would keep it: one sheet, a title row, then a header row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "名单" if lang == "zh" else "Roster"
    sheet.append(["XX县重点工作督办人员名单" if lang == "zh" else "XX County supervision roster"])
    sheet.append(list(_HEADERS[lang]))
    for person in people:
        role = _ROLE_WORDS[lang][person.kind]
        sheet.append([person.name, person.unit, role, person.for_whom or "", person.phone or ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
