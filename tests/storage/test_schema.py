"""The collections table: history documents are filed by the local month of their stamp."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

from storage.schema import AUDIT, REPORTS, TEAMS
from tests.factories import entities as f

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_each_item_is_filed_by_its_own_stamp_asked_in_any_order() -> None:
    """Items asked for in turn, again, and an equal-id copy with another stamp each get the
    month of their own stamp (the last answer kept for a repeated question is never another's)."""
    march = f.report(id="r1", created_at=datetime(2025, 3, 31, 23, tzinfo=SHANGHAI))
    april = dataclasses.replace(march, created_at=datetime(2025, 4, 1, 0, tzinfo=SHANGHAI))
    entry = f.entry(at=datetime(2024, 12, 5, tzinfo=SHANGHAI))
    asked = [march, march, april, march, april, april]
    assert [REPORTS.partition_of(item) for item in asked] == [
        "2025-03", "2025-03", "2025-04", "2025-03", "2025-04", "2025-04"
    ]  # fmt: skip
    assert AUDIT.partition_of(entry) == "2024-12"
    assert REPORTS.partition_of(march) == "2025-03"
    assert TEAMS.partition_of(f.team()) is None


def test_specs_compare_and_hash_by_their_fields_only() -> None:
    """What a spec last computed takes no part in its equality or hash."""
    again = dataclasses.replace(REPORTS)
    REPORTS.partition_of(f.report())
    assert again == REPORTS
    assert hash(again) == hash(REPORTS)
