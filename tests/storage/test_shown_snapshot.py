"""Over every adapter, the digest, the review and the ledger read from the cycles they show
equal those read from the whole team (the store's range reads agree with its full reads)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.domain.ports import Store
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.digest import digest_for
from bot.rhythm.review import monthly_review
from bot.rhythm.scoped import digest_snapshot, ledger_snapshot, review_snapshot
from bot.rhythm.snapshot import load_snapshot
from tests.rhythm.test_shown_reads import NOW, _county, _every_week, _some_silent


@pytest.mark.parametrize("answered", [_every_week, _some_silent], ids=["weekly", "silent"])
def test_shown_snapshots_give_the_views_of_the_whole_team(
    store: Store, answered: Callable[[int, int], bool]
) -> None:
    """Digest, review and the ledger's task lines agree; the shown snapshots read fewer
    prompts when every task answered lately."""
    calendar = WorkCalendar()
    _county(store, 30, answered)  # type: ignore[arg-type]  # any adapter
    whole = load_snapshot(store, "t1")
    digest = digest_snapshot(store, "t1", calendar, NOW, None)
    assert digest_for(digest, calendar, NOW) == digest_for(whole, calendar, NOW)
    review = review_snapshot(store, "t1", NOW, False)
    assert monthly_review(review, NOW) == monthly_review(whole, NOW)
    ledger = ledger_snapshot(store, "t1", NOW)
    assert set(ledger.reports) == set(whole.reports)
    if answered is _every_week:
        assert len(digest.prompts) < len(whole.prompts) / 10
