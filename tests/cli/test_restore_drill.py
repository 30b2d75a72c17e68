"""The restore drill of deploy/README.md, section 6, end to end: back up a running bot's store
with `duban store backup`, lose the data directory, put the backup in its place, check it and
start the bot on it. Nothing acknowledged before the backup is lost; nothing after it comes
back; the restored bot takes writes again."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.cli.main import main
from sandbox import Sandbox
from sandbox.actors import ScriptedUser
from storage import open_store
from tests.e2e.harness import cli_env, cli_running, zh


@asynccontextmanager
async def running(sandbox: Sandbox, data: Path, admin: ScriptedUser) -> AsyncIterator[None]:
    """`duban run` on ``data`` until the block ends (SIGTERM, clean exit asserted)."""
    async with cli_running(cli_env(sandbox, data, DUBAN_ADMIN_IDS=str(admin.id))) as exited:
        yield
    assert exited.code == 0, (exited.out + exited.err)[-2000:]


def team_names(data: Path) -> set[str]:
    """The teams in a store, read without its lock."""
    store = open_store(data, read_only=True)
    try:
        return {team.name for team in store.teams.all()}
    finally:
        store.close()


async def test_backup_restore_and_run_again(sandbox: Sandbox, tmp_path: Path) -> None:
    """Backup while running, lose the directory, restore as documented, `duban store check`
    passes, and the bot runs on the restored store with exactly the state of the backup."""
    data, backup = tmp_path / "data", tmp_path / "backups" / "duban-20240725-030000"
    admin = zh(sandbox, "管理员")
    chat = await admin.start()
    async with running(sandbox, data, admin):
        await chat.send("/newteam 县委督查室")
        await chat.wait_for_message("已新建", timeout=30)
        assert (
            await asyncio.to_thread(
                main, ["store", "backup", str(backup), "--data-dir", str(data)]
            )
            == 0
        )
        await chat.send("/newteam 备份之后")
        await chat.wait_for_message("备份之后", timeout=30)

    shutil.rmtree(data)  # the disk is lost
    shutil.copytree(backup, data, symlinks=True)  # cp -a BACKUP DATA_DIR
    assert main(["store", "check", "--data-dir", str(data)]) == 0
    assert team_names(data) == {"县委督查室"}

    async with running(sandbox, data, admin):
        await chat.send("/newteam 恢复之后")
        await chat.wait_for_message("恢复之后", timeout=30)
    assert team_names(data) == {"县委督查室", "恢复之后"}
