"""The record views' renderers: the nudge's example, listings read back, evidence albums."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.attachments import Attachment
from bot.domain.people import Person, Role
from bot.domain.plan import Indicator, Measure
from bot.render.records import listing_words, nudge_example, render_evidence
from bot.services.common.base import paginate
from bot.services.tasks.records import EvidenceFile, EvidenceResult

TZ = ZoneInfo("Asia/Shanghai")
AT = datetime(2026, 11, 5, 14, 30, tzinfo=TZ)
TASK = Measure("M1", "pl", "新建幼儿园", "新建幼儿园", position=1)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "新建幼儿园已完成 X所，占目标 5所 的 Y%；下步：……"),
        ("en", "新建幼儿园: X 所 done, Y% of the target of 5 所; next: …"),
    ],
)
def test_the_example_is_built_from_the_tasks_target(lang: str, expected: str) -> None:
    """A task with an indicator target gets an example in its own terms."""
    task = Measure("M1", "pl", "t", "t", indicators=(Indicator("新建幼儿园", "所", 5),))
    assert nudge_example(task, lang) == expected


def test_without_a_target_the_example_is_generic() -> None:
    """No target: a general example with a number, a share and a next step."""
    assert "60%" in nudge_example(TASK, "zh")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("🗂 /history 张三 2026-11\n共 3 条记录", ("history", ["张三", "2026-11"])),
        ("🔎 /search 幼儿园\n找到", ("search", ["幼儿园"])),
        ("🗂 /history\n共 3 条", ("history", [])),
        ("📋 周调度通报", None),
        (None, None),
    ],
)
def test_a_listing_names_its_command_in_its_first_line(
    text: str | None, found: tuple[str, list[str]] | None
) -> None:
    """Page buttons read the command back from the listing, nothing else."""
    assert listing_words(text) == found


def _files(*stored: str) -> EvidenceResult:
    who = Person("p1", "t", "李四", Role.OFFICIAL)
    items = [EvidenceFile(Attachment.parse(s), who, AT, "report") for s in stored]
    return EvidenceResult(TASK, paginate(items, 0, 10))


def test_two_photos_or_more_go_as_one_album_and_files_one_by_one() -> None:
    """Photos together (captioned each), documents apart; one photo goes alone."""
    out = render_evidence(_files("photo:a", "document:d", "photo:b"), "zh")
    assert [(a.file_id, c) for a, c in out.album] == [
        ("a", "1. 李四 · 11-05 14:30 · 反馈"),
        ("b", "3. 李四 · 11-05 14:30 · 反馈"),
    ]
    assert [a.file_id for a, _ in out.files] == ["d"]
    alone = render_evidence(_files("photo:a", "document:d"), "en")
    assert alone.album == ()
    assert [c for _, c in alone.files] == [
        "1. 李四 · 11-05 14:30 · update",
        "2. 李四 · 11-05 14:30 · update",
    ]
