"""Several processes on one PostgreSQL database: claims on journaled updates and the advisory
locks behind the rhythm's lease and each team's lock (two stores here stand for two processes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from bot.domain.delivery import Claim, inbound_id
from storage.postgres import PostgresStore
from tests.postgres_server import cut_lock_holders, fresh_schema
from tests.storage.test_contract_delivery import inbound


@pytest.fixture
def url(database_url: str) -> Iterator[str]:
    """A new, empty schema of the test database."""
    with fresh_schema(database_url) as fresh:
        yield fresh


@pytest.fixture
def two(url: str) -> Iterator[tuple[PostgresStore, PostgresStore]]:
    """Two stores on one database, as two bot processes would open it."""
    first, second = PostgresStore(url), PostgresStore(url)
    yield first, second
    first.close()
    second.close()


def expire_claims(url: str) -> None:
    """Every claim ran out a minute ago (its holder died and renewed nothing since)."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE inbound SET claimed_until = now() - interval '1 minute'")


def test_one_process_claims_an_update_the_other_is_told_it_is_busy(
    two: tuple[PostgresStore, PostgresStore],
) -> None:
    """A claim excludes the other process until the update is handled, then it is handled."""
    a, b = two
    a.inbound.add(inbound(1))
    assert a.inbound.claim(inbound_id(1), "A", 30) is Claim.TAKEN
    assert b.inbound.claim(inbound_id(1), "B", 30) is Claim.BUSY
    a.inbound.save(inbound(1, handled=True))
    assert b.inbound.claim(inbound_id(1), "B", 30) is Claim.HANDLED


def test_the_claim_of_a_dead_process_expires_and_a_survivor_takes_it(
    two: tuple[PostgresStore, PostgresStore], url: str
) -> None:
    """Once its claim has run out, another process takes the update over."""
    a, b = two
    a.inbound.add(inbound(1))
    assert a.inbound.claim(inbound_id(1), "A", 30) is Claim.TAKEN
    expire_claims(url)
    assert b.inbound.claim(inbound_id(1), "B", 30) is Claim.TAKEN
    assert a.inbound.claim(inbound_id(1), "A", 30) is Claim.BUSY


def test_renewing_keeps_a_live_processs_claims(
    two: tuple[PostgresStore, PostgresStore], url: str
) -> None:
    """A process that renews its claims keeps them past their first lease."""
    a, b = two
    a.inbound.add(inbound(1))
    a.inbound.add(inbound(2))
    a.inbound.claim(inbound_id(1), "A", 30)
    expire_claims(url)
    assert a.inbound.renew("A", 30) == 1  # only what it claimed
    assert b.inbound.claim(inbound_id(1), "B", 30) is Claim.BUSY
    assert b.inbound.claim(inbound_id(2), "B", 30) is Claim.TAKEN


def test_a_persons_later_update_waits_for_the_earlier_one(
    two: tuple[PostgresStore, PostgresStore],
) -> None:
    """No update is claimed while an earlier one of its sender is pending; others' go on."""
    a, b = two
    for number, user in ((1, 7), (2, 7), (3, 8), (4, None)):
        a.inbound.add(inbound(number, user=user))
    assert b.inbound.claim(inbound_id(2), "B", 30) is Claim.BUSY
    assert b.inbound.claim(inbound_id(3), "B", 30) is Claim.TAKEN
    assert b.inbound.claim(inbound_id(4), "B", 30) is Claim.TAKEN
    assert a.inbound.claim(inbound_id(1), "A", 30) is Claim.TAKEN
    a.inbound.save(inbound(1, handled=True, user=7))
    assert b.inbound.claim(inbound_id(2), "B", 30) is Claim.TAKEN


def test_claims_racing_from_many_connections_grant_each_update_once(
    two: tuple[PostgresStore, PostgresStore],
) -> None:
    """Eight claimers from two processes racing for 40 updates: each goes to exactly one."""
    a, b = two
    for number in range(40):
        a.inbound.add(inbound(number))

    def claim(job: int) -> list[int]:
        store, owner = (a, "A") if job % 2 else (b, "B")
        return [
            n for n in range(40)
            if store.inbound.claim(inbound_id(n), f"{owner}{job}", 30) is Claim.TAKEN
        ]  # fmt: skip

    with ThreadPoolExecutor(8) as pool:
        won = [n for taken in pool.map(claim, range(8)) for n in taken]
    assert Counter(won) == Counter(range(40))


def test_a_lock_is_held_by_one_process_and_passes_on_release(
    two: tuple[PostgresStore, PostgresStore],
) -> None:
    """The rhythm lease: one holder; released, the other process takes it."""
    a, b = two
    held = a.leases.try_hold("rhythm")
    assert held is not None
    assert held.alive()
    assert b.leases.try_hold("rhythm") is None
    assert b.leases.try_hold("team:t1") is not None  # other names are free
    held.release()
    assert not held.alive()
    assert b.leases.try_hold("rhythm") is not None


def test_a_dead_holders_lock_passes_to_a_survivor(url: str) -> None:
    """The server releases the lock when the holder's connection ends; the holder learns that it
    lost the lock."""
    a, b = PostgresStore(url), PostgresStore(url)
    try:
        held = a.leases.try_hold("rhythm")
        assert held is not None
        cut_lock_holders(url)  # the holder's connection is cut
        assert not held.alive()
        assert b.leases.try_hold("rhythm") is not None
        assert a.leases.try_hold("rhythm") is None  # a reconnects, the survivor holds it
        b.close()  # closing a store releases its locks
        assert a.leases.try_hold("rhythm") is not None
    finally:
        a.close()
        b.close()


def test_deployments_in_two_schemas_of_one_database_hold_their_own_locks(
    url: str, database_url: str
) -> None:
    """Advisory locks are per database; a lock's key includes the schema, so a second
    deployment in another schema of the same database runs its own rhythm."""
    with fresh_schema(database_url) as other_url:
        here, there = PostgresStore(url), PostgresStore(other_url)
        try:
            assert here.leases.try_hold("rhythm") is not None
            assert there.leases.try_hold("rhythm") is not None
        finally:
            here.close()
            there.close()
