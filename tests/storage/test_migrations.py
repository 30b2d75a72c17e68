"""Schema versions: a v0 single-file store is migrated on open, a v1 store's missed digests and
reviews are recorded as not sent; a newer schema is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.domain.work import ReportStatus
from storage.durable import TinyDBStore
from storage.layout import LEGACY_FILE, STATE_FILE, CorruptStoreError, read_meta
from storage.migrations import CURRENT_VERSION, MIGRATIONS
from tests.storage.missed_v1 import corrected, missed_as_v1

V0_FIXTURE = {
    "teams": {"1": {"id": "t1", "name": "县督查室", "created_at": "2024-01-02T09:00:00+08:00"}},
    "reports": {
        "1": {
            "id": "r1",
            "team_id": "t1",
            "measure_id": "m1",
            "author_id": "p1",
            "status": "behind",
            "created_at": "2024-03-05T10:00:00+08:00",
            "indicator_values": {"投资": 1.5, "就业": 20},
        },
        "2": {
            "id": "r2",
            "team_id": "t1",
            "measure_id": "m1",
            "author_id": "p1",
            "status": "done",
            "created_at": "2024-04-05T10:00:00+08:00",
        },
    },
}


def test_every_version_below_current_has_a_migration() -> None:
    """The registry has one step per version up to the current one."""
    assert sorted(MIGRATIONS) == list(range(CURRENT_VERSION))


def test_v0_store_is_migrated_on_open(tmp_path: Path) -> None:
    """A v0 flat duban.json opens with its data converted and is rewritten in the v1 layout."""
    (tmp_path / LEGACY_FILE).write_text(json.dumps(V0_FIXTURE, ensure_ascii=False))
    store = TinyDBStore(tmp_path)
    first = store.reports.get("r1")
    assert first is not None
    assert first.indicator_values == (("投资", 1.5), ("就业", 20.0))
    assert first.status is ReportStatus.BEHIND
    assert [r.id for r in store.reports.for_measure("m1")] == ["r1", "r2"]
    store.close()
    meta = read_meta(tmp_path)
    assert meta is not None
    assert meta.version == CURRENT_VERSION
    assert not (tmp_path / LEGACY_FILE).exists()
    reopened = TinyDBStore(tmp_path)
    assert reopened.teams.get("t1") is not None
    reopened.close()


def test_store_from_a_newer_duban_is_refused(tmp_path: Path) -> None:
    """A schema newer than this code understands is an error, not a guess."""
    TinyDBStore(tmp_path).close()
    state = json.loads((tmp_path / STATE_FILE).read_text())
    state["_meta"]["1"]["version"] = CURRENT_VERSION + 1
    (tmp_path / STATE_FILE).write_text(json.dumps(state))
    with pytest.raises(CorruptStoreError, match="newer Duban"):
        TinyDBStore(tmp_path)


def test_v1_missed_digests_and_reviews_read_as_not_sent(tmp_path: Path) -> None:
    """A v1 store's digests and reviews missed while the bot was down (told apart by the audit)
    are rewritten on open as not sent (digest_failed_at, the week marked missed); those that
    went out, or were refused, stay as they were."""
    store = TinyDBStore(tmp_path)
    before = missed_as_v1(store)
    store.close()
    state = json.loads((tmp_path / STATE_FILE).read_text())
    state["_meta"]["1"]["version"] = 1
    (tmp_path / STATE_FILE).write_text(json.dumps(state))
    reopened = TinyDBStore(tmp_path)
    after = {name: reopened.cycles.get(cycle.id) for name, cycle in before.items()}
    reopened.close()
    assert after == corrected(before)
    meta = read_meta(tmp_path)
    assert meta is not None
    assert meta.version == CURRENT_VERSION
