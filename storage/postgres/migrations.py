"""Versioned schema steps for the PostgreSQL adapter, applied when a store opens.

``duban_schema`` records each applied step. Opening takes a transaction-scoped advisory lock, so
several bot processes starting at once apply a step exactly once; a database written by a newer
Duban is refused. Add a step by appending to ``STEPS`` (never edit an applied one). Steps
change tables and indexes (entity fields live in the JSON ``data`` column and need none), or
correct what an earlier Duban recorded, as :mod:`storage.migrations` does for the embedded
store.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

MIGRATION_LOCK = 0x0D0BA2_0001  # pg_advisory_xact_lock key of schema changes


class SchemaError(RuntimeError):
    """The database's schema cannot be used by this Duban."""


@dataclass(frozen=True, slots=True)
class Step:
    """One schema version: what it does and its SQL (several statements, no parameters)."""

    version: int
    description: str
    sql: str


def _table(name: str, keys: str = "") -> str:
    columns = f",\n  {keys}" if keys else ""
    return (
        f"CREATE TABLE {name} (\n  id text PRIMARY KEY,\n"
        f"  seq bigint NOT NULL DEFAULT nextval('duban_seq'),\n  data json NOT NULL{columns}\n);\n"
        f"CREATE INDEX {name}_seq ON {name} (seq);\n"
    )


_V1 = "\n".join(
    [
        "CREATE SEQUENCE duban_seq;",
        _table("teams"),
        _table("settings"),
        _table("units", "team_id text NOT NULL"),
        "CREATE INDEX units_team ON units (team_id, seq);",
        _table("people", "team_id text NOT NULL, telegram_id bigint"),
        "CREATE INDEX people_team ON people (team_id, seq);",
        "CREATE INDEX people_telegram ON people (telegram_id, seq);",
        _table("invites", "person_id text NOT NULL"),
        "CREATE INDEX invites_person ON invites (person_id, seq);",
        _table("leaves", "person_id text NOT NULL"),
        "CREATE INDEX leaves_person ON leaves (person_id, seq);",
        _table("plans", "team_id text NOT NULL, imported_at timestamptz NOT NULL"),
        "CREATE INDEX plans_team ON plans (team_id, imported_at, seq);",
        _table("measures", "plan_id text NOT NULL"),
        "CREATE INDEX measures_plan ON measures (plan_id, seq);",
        _table("pending_imports"),
        _table("assignments", "measure_id text NOT NULL, person_id text, unit_id text"),
        "CREATE INDEX assignments_measure ON assignments (measure_id, seq);",
        "CREATE INDEX assignments_person ON assignments (person_id, seq);",
        "CREATE INDEX assignments_unit ON assignments (unit_id, seq);",
        _table("cycles", "team_id text NOT NULL, period_start date NOT NULL"),
        "CREATE INDEX cycles_team ON cycles (team_id, period_start, seq);",
        _table(
            "closeouts",
            "team_id text NOT NULL, measure_id text NOT NULL, requested_at timestamptz NOT NULL",
        ),
        "CREATE INDEX closeouts_measure ON closeouts (measure_id, requested_at, seq);",
        "CREATE INDEX closeouts_team ON closeouts (team_id, requested_at, seq);",
        _table("prompts", "cycle_id text NOT NULL"),
        "CREATE INDEX prompts_cycle ON prompts (cycle_id, seq);",
        _table(
            "reports",
            "team_id text NOT NULL, measure_id text NOT NULL, cycle_id text,"
            " author_id text NOT NULL, on_behalf_of text, created_at timestamptz NOT NULL,"
            " source_chat_id bigint, source_message_id bigint",
        ),
        "CREATE INDEX reports_measure ON reports (measure_id, created_at, seq);",
        "CREATE INDEX reports_cycle ON reports (cycle_id, seq);",
        "CREATE INDEX reports_author ON reports (author_id, created_at, seq);",
        "CREATE INDEX reports_behalf ON reports (on_behalf_of, created_at, seq);",
        "CREATE INDEX reports_team ON reports (team_id, created_at, seq);",
        "CREATE INDEX reports_source ON reports (source_chat_id, source_message_id, seq);",
        _table(
            "reminders", "person_id text NOT NULL, cycle_id text, sent_at timestamptz NOT NULL"
        ),
        "CREATE INDEX reminders_person ON reminders (person_id, sent_at, seq);",
        "CREATE INDEX reminders_cycle ON reminders (cycle_id, seq);",
        _table("audit", 'team_id text, subject text NOT NULL, "at" timestamptz NOT NULL'),
        'CREATE INDEX audit_at ON audit ("at", seq);',
        'CREATE INDEX audit_subject ON audit (subject, "at", seq);',
        'CREATE INDEX audit_team ON audit (team_id, "at", seq);',
    ]
)

_V2 = "\n".join(
    [
        _table("inbound", "update_id bigint NOT NULL, handled_at timestamptz"),
        "CREATE INDEX inbound_state ON inbound ((handled_at IS NULL), update_id, seq);",
        _table("sent", "sent_at timestamptz NOT NULL"),
        "CREATE INDEX sent_at ON sent (sent_at, seq);",
    ]
)

_V3 = "\n".join(
    [
        _table(
            "extensions",
            "team_id text NOT NULL, measure_id text NOT NULL, requested_at timestamptz NOT NULL",
        ),
        "CREATE INDEX extensions_measure ON extensions (measure_id, requested_at, seq);",
        "CREATE INDEX extensions_team ON extensions (team_id, requested_at, seq);",
    ]
)

_V4 = "\n".join(
    [
        _table("leader_links", "team_id text NOT NULL"),
        "CREATE INDEX leader_links_team ON leader_links (team_id, seq);",
        _table("escalations", "team_id text NOT NULL"),
        "CREATE INDEX escalations_team ON escalations (team_id, seq);",
    ]
)

# several processes on one database: who sent each update (handled in order per person) and
# the claim of the process handling it (taken atomically, expiring if its holder dies)
_V5 = "\n".join(
    [
        "ALTER TABLE inbound ADD COLUMN user_id bigint, ADD COLUMN claimed_by text,"
        " ADD COLUMN claimed_until timestamptz;",
        "CREATE INDEX inbound_user ON inbound (user_id, update_id) WHERE handled_at IS NULL;",
    ]
)

_V6 = "\n".join(
    [
        _table("effects", "update_id bigint NOT NULL"),
        "CREATE INDEX effects_update ON effects (update_id, id);",
        _table("user_state", "updated_at timestamptz NOT NULL"),
        "CREATE INDEX user_state_updated ON user_state (updated_at, seq);",
    ]
)

# what an earlier Duban recorded as sent though the bot was down at the time (as
# storage.migrations._v1_to_v2): a missed week (its cycle.opened audited missed) is marked
# missed; a weekly cycle with digest_sent_at and no digest.sent audited, and a monthly one whose
# review.sent was audited missed, get digest_failed_at instead
_V7 = """
UPDATE cycles AS c SET data = (c.data::jsonb || '{"missed": true}'::jsonb)::json,
  seq = nextval('duban_seq')
WHERE c.data->>'kind' = 'weekly' AND EXISTS (
  SELECT 1 FROM audit AS a WHERE a.subject = c.id AND a.data->>'action' = 'cycle.opened'
  AND a.data->'detail'->>'missed' = 'true');
UPDATE cycles AS c SET data = (c.data::jsonb || jsonb_build_object(
    'digest_sent_at', NULL,
    'digest_failed_at', CASE WHEN c.data->>'digest_failed_at' IS NULL
      THEN c.data::jsonb->'digest_sent_at' ELSE c.data::jsonb->'digest_failed_at' END))::json,
  seq = nextval('duban_seq')
WHERE c.data->>'digest_sent_at' IS NOT NULL AND (
  (c.data->>'kind' = 'weekly' AND NOT EXISTS (
    SELECT 1 FROM audit AS a WHERE a.subject = c.id AND a.data->>'action' = 'digest.sent'))
  OR (c.data->>'kind' = 'monthly' AND EXISTS (
    SELECT 1 FROM audit AS a WHERE a.subject = c.id AND a.data->>'action' = 'review.sent'
    AND a.data->'detail'->>'missed' = 'true')));
"""

STEPS: tuple[Step, ...] = (
    Step(1, "one table per collection: id, seq, JSON data, indexed key columns", _V1),
    Step(2, "the intake journal (inbound) and the outbox's sent records (sent)", _V2),
    Step(3, "deadline extension requests (extensions)", _V3),
    Step(4, "包联领导 links (leader_links) and escalation states (escalations)", _V4),
    Step(5, "inbound: the sender and the handling process's claim (several processes)", _V5),
    Step(6, "the writes of updates in flight (effects) and conversation state (user_state)", _V6),
    Step(7, "digests and reviews missed while the bot was down: recorded as not sent", _V7),
)
CURRENT_VERSION = STEPS[-1].version

_META = """CREATE TABLE IF NOT EXISTS duban_schema (
  version integer PRIMARY KEY,
  description text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)"""


def schema_version(conn: psycopg.Connection) -> int:
    """The database's schema version (0 for a database Duban never used)."""
    exists = conn.execute("SELECT to_regclass('duban_schema') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT coalesce(max(version), 0) FROM duban_schema").fetchone()
    return int(row[0]) if row else 0


def upgrade(conn: psycopg.Connection) -> list[int]:
    """Apply the missing steps in one transaction; return the versions applied."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute(_META)
        version = schema_version(conn)
        if version > CURRENT_VERSION:
            raise SchemaError(
                f"the database was written by a newer Duban (schema {version}, "
                f"this one reads up to {CURRENT_VERSION}); upgrade Duban"
            )
        applied = []
        for step in (step for step in STEPS if step.version > version):
            conn.execute(step.sql)
            conn.execute(
                "INSERT INTO duban_schema (version, description) VALUES (%s, %s)",
                (step.version, step.description),
            )
            applied.append(step.version)
        return applied
