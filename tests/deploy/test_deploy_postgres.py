"""The PostgreSQL deployment: compose file, proxy and guide agree with each other and the code.

Read as text like the other deployment files (Docker is not run here).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
COMPOSE = (DEPLOY / "docker-compose.postgres.yml").read_text(encoding="utf-8")
CADDYFILE = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
GUIDE = (DEPLOY / "README.md").read_text(encoding="utf-8")


def _service(name: str) -> str:
    match = re.search(rf"^  {name}:(.*\n(?:    .*\n|\s*\n|\s*#.*\n)*)", COMPOSE, re.MULTILINE)
    assert match, f"no service {name!r}"
    return match[1]


def test_bots_reach_the_database_service_by_url() -> None:
    """Every bot process gets DUBAN_DATABASE_URL naming the postgres service and its database."""
    url = re.search(r"DUBAN_DATABASE_URL: (.+)", COMPOSE)
    assert url
    assert re.fullmatch(
        r"postgresql://duban:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432/duban", url[1]
    )
    assert "POSTGRES_USER: duban" in _service("postgres")
    assert "POSTGRES_DB: duban" in _service("postgres")
    assert _service("duban-1").startswith(" *bot\n")
    assert "<<: *bot" in _service("duban-2")


def test_up_starts_two_bot_processes_and_the_backup_is_opt_in() -> None:
    """`up` starts both bot processes (they share the database safely) and the proxy waits for
    both; the backup sits behind a profile."""
    assert "profiles:" not in _service("duban-1") + _service("duban-2")
    assert re.search(r"depends_on:\n\s+- duban-1\n\s+- duban-2", _service("proxy"))
    assert re.search(r"profiles:\n\s+- backup", _service("backup"))
    assert "pg_dump" in _service("backup")


def test_the_proxy_forwards_to_both_bot_processes_on_the_webhook_port() -> None:
    """Caddy serves the domain and balances over duban-1 and duban-2 on DUBAN_WEBHOOK_PORT."""
    port = re.search(r'DUBAN_WEBHOOK_PORT: "(\d+)"', COMPOSE)
    assert port
    assert "{$DUBAN_DOMAIN}" in CADDYFILE
    assert f"reverse_proxy duban-1:{port[1]} duban-2:{port[1]}" in CADDYFILE
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in _service("proxy")


def test_the_passwords_file_is_kept_out_of_git() -> None:
    """deploy/.env (the database password) is git-ignored like duban.env."""
    assert ".env" in (DEPLOY / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_guide_explains_when_and_how_to_move() -> None:
    """Section 11 says when to move, shows the migrate command and how to back up and restore."""
    section = GUIDE.split("## 13. Moving to PostgreSQL", 1)[1]
    for needed in ("**When.**", "duban store migrate --from", "pg_restore", "duban store check"):
        assert needed in section
