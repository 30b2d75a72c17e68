"""Secrets never reach the logs, at any level: the bot token, every invite token and the
webhook secret, captured from `duban run` at DEBUG through a flow that creates and uses invites."""

from __future__ import annotations

import re
from pathlib import Path

from sandbox import Sandbox
from sandbox.testing import free_port
from tests.e2e.harness import cli_env, cli_running, join, link_token
from tests.factories.files import roster_csv

SECRET = "wh-s3cret-Q7xL9"


async def test_debug_logs_of_an_invite_flow_hold_no_secret(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """A lead's invite and a roster's invites are made and used over a webhook at DEBUG: the
    log shows the traffic but no bot token, invite token or webhook secret (regression: every
    personal invite token, the lead's included, was in the DEBUG log)."""
    admin = sandbox.create_user("Admin", language_code="zh-hans")
    port = free_port()
    env = cli_env(
        sandbox,
        tmp_path,
        DUBAN_ADMIN_IDS=str(admin.id),
        DUBAN_LOG_LEVEL="DEBUG",
        DUBAN_WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
        DUBAN_WEBHOOK_LISTEN="127.0.0.1",
        DUBAN_WEBHOOK_PORT=str(port),
        DUBAN_WEBHOOK_SECRET=SECRET,
    )
    async with cli_running(env) as exited:
        admin_chat = await admin.start()
        await admin_chat.wait_for_message("管理员", timeout=20)
        await admin_chat.send("/newteam 县委督查室")
        await admin_chat.wait_for_message("已新建")
        await admin_chat.send("/addlead 王督办")
        tokens = [link_token((await admin_chat.wait_for_message("王督办")).text, "王督办")]
        lead = await join(sandbox.create_user("Lead", language_code="zh-hans"), tokens[0])
        await lead.send_document(roster_csv([("张三", "县发改委", "责任人", "")]), "名单.csv")
        tokens.append(link_token((await lead.wait_for_message("名单已导入")).text, "张三"))
        await join(sandbox.create_user("张三", language_code="zh-hans"), tokens[1])
    log = exited.out + exited.err
    assert exited.code == 0, log[-2000:]
    assert re.search(r"DEBUG .*(sendMessage|send_message)", log)  # DEBUG was really on
    token_secret = sandbox.token.partition(":")[2]
    leaked = [s for s in (token_secret, SECRET, *tokens) if s in log]
    shown = [line for line in log.splitlines() if any(s in line for s in leaked)]
    assert leaked == [], "\n".join(shown)[:6000]
    assert "store closed" in log
