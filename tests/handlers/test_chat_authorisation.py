"""Every chat action × every role: allowed ones work, the rest get the right polite refusal.

The services have their own permission matrix; this checks what the chat surface says.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandbox import Sandbox, UserChat
from tests.e2e.harness import PLAN, import_plan, team, zh

ROSTER = [
    ("张三", "县发改委", "责任人", ""),
    ("孙七", "县民政局", "责任人", ""),
    ("赵县长", "县政府", "领导", ""),
    ("小刘", "县政府办", "联络员", "赵县长"),
]
STRANGER = "您还没有登记"
NOT_ALLOWED = "您的角色不能"
NOT_ASSIGNEE = "只有该任务的责任人"
ADMIN_ONLY = "只有管理员"
EXPIRED = "这个按钮已失效"
#: Any polite refusal by role or ownership (the services choose the precise one).
REFUSED = "REFUSED"
REFUSALS = (NOT_ALLOWED, NOT_ASSIGNEE, ADMIN_ONLY, "需要您在该督办组中有人员登记")
ROLES = ("admin", "lead", "leader", "official", "other", "liaison", "stranger")


@dataclass(frozen=True)
class Case:
    """A command and what each role should see (role → expected substring)."""

    command: str
    expect: dict[str, str]

    def for_role(self, role: str) -> str:
        """The expected text for a role (``*`` means: anyone not listed)."""
        return self.expect.get(role, self.expect.get("*", ""))


# "{task}" is the assigned task (张三's); the leader's task goes through the liaison.
CASES = [
    Case("/help", {"stranger": STRANGER, "admin": "管理员", "lead": "督办员", "*": "/lang"}),
    Case(
        "/task {task}",
        {
            "admin": "加快园区建设",
            "lead": "加快园区建设",
            "leader": "加快园区建设",
            "official": "加快园区建设",
            "stranger": STRANGER,
            "*": REFUSED,
        },
    ),
    Case(
        "/mytasks",
        {
            "official": "加快园区建设",
            "liaison": "强化招商引资",
            "leader": "强化招商引资",
            "other": "没有待办",
            "lead": "没有待办",
            "admin": "管理员本人没有任务",
            "stranger": STRANGER,
        },
    ),
    Case(
        "/closeout {task} 完成",
        {"official": "已收到办结佐证 1 项", "stranger": STRANGER, "*": REFUSED},
    ),
    Case(
        "/closeouts",
        {
            "admin": "待审核的办结申请",
            "lead": "待审核的办结申请",
            "stranger": STRANGER,
            "*": REFUSED,
        },
    ),
    Case(
        "/extensions",
        {
            "admin": "待审批的延期申请",
            "lead": "待审批的延期申请",
            "stranger": STRANGER,
            "*": REFUSED,
        },
    ),
    Case("/setgroup", {"*": "请在领导群里"}),
    Case(
        "/add 新人{n} 县发改委 责任人",
        {"admin": "已添加", "lead": "已添加", "stranger": STRANGER, "*": REFUSED},
    ),
    Case("/pending", {"admin": "加入", "lead": "加入", "stranger": STRANGER, "*": REFUSED}),
    Case(
        "/unassigned",
        {"admin": "交办", "lead": "交办", "stranger": STRANGER, "*": REFUSED},
    ),
    Case("/unacked", {"admin": "签收", "lead": "签收", "stranger": STRANGER, "*": REFUSED}),
    Case(
        "/assign {other_task} 县民政局",
        {"admin": "已交办", "lead": "已交办", "stranger": STRANGER, "*": REFUSED},
    ),
    Case(
        "/instruction 请抓紧推进园区建设",
        {"admin": "待立项", "lead": "待立项", "stranger": STRANGER, "*": REFUSED},
    ),
    Case(
        "/leader {task} 赵县长",
        {"admin": "包联领导", "lead": "包联领导", "stranger": STRANGER, "*": REFUSED},
    ),
    Case(
        "/addlead 新督办{n}",
        {"admin": "添加督办员", "lead": ADMIN_ONLY, "stranger": STRANGER, "*": REFUSED},
    ),
    Case("/newteam 新组{n}", {"admin": "已新建", "stranger": STRANGER, "*": REFUSED}),
    Case(
        "/extend {task} 2024-12-31 设备到货推迟",
        {"official": "申请延至", "stranger": STRANGER, "*": REFUSED},
    ),
]

#: Forged button presses: data → role → expected alert or reply.
BUTTONS = [
    ("ack:{task}", {"official": "已签收", "stranger": STRANGER, "*": REFUSED}),
    ("akl:{task}", {"official": "签收过", "stranger": STRANGER, "*": REFUSED}),
    # a leader assigned by name signs himself; his liaison is then told it is signed
    (
        "ack:{leader_task}",
        {"leader": "已签收", "liaison": "赵县长已于", "stranger": STRANGER, "*": REFUSED},
    ),
    (
        "r:{task}:done",
        {"official": "已记录", "lead": "已记录", "stranger": STRANGER, "*": REFUSED},
    ),
    (
        "{return_closeout}",
        {"stranger": STRANGER, "admin": "请输入退回理由", "lead": "请输入退回理由", "*": REFUSED},
    ),
    # forged ids: a stranger learns nothing about what exists (authorisation before lookup)
    ("imp:vfake:y", {"stranger": STRANGER, "lead": "导入预览已过期"}),
    ("imp:vfake:n", {"stranger": STRANGER, "admin": "导入预览已过期"}),
    ("cd:cfake0000:y", {"stranger": STRANGER, "lead": "没有找到该销号申请"}),
    ("cd:cfake0000:n", {"stranger": STRANGER, "admin": "没有找到该销号申请"}),
    (
        "{refuse_extension}",
        {"stranger": STRANGER, "admin": "请输入不批准", "lead": "请输入不批准", "*": REFUSED},
    ),
    ("xd:xfake0000:y", {"stranger": STRANGER, "lead": "没有找到该延期申请"}),
    ("xd:xfake0000:n", {"stranger": STRANGER, "admin": "没有找到该延期申请"}),
    ("ic:instruction:y", {"stranger": STRANGER, "official": REFUSED, "leader": REFUSED}),
    ("zz:garbage", {"*": EXPIRED}),
    ("ack:../../etc", {"*": EXPIRED}),
    ("r:{task}:finished", {"*": EXPIRED}),
]


def _fits(expected: str, text: str) -> bool:
    if expected == REFUSED:
        return any(refusal in text for refusal in REFUSALS)
    return expected in text


async def _ask(sb: Sandbox, chat: UserChat, text: str) -> str:
    """Send a command; every bot message that arrived or changed after it, as one text."""
    before = {m.message_id: m.revision for m in chat.bot_messages()}
    await chat.send(text)
    await sb.wait_idle(quiet=0.01)
    return " ".join(m.text for m in chat.bot_messages() if before.get(m.message_id) != m.revision)


async def _press(sb: Sandbox, chat: UserChat, data: str) -> str:
    """Press a forged button on the chat's last bot message; the alert, or the bot's reply."""
    last = chat.last_bot_message()
    assert last is not None
    before = {m.message_id: m.revision for m in chat.bot_messages()}
    query_id = sb.driver.press_from_user(chat, last.message_id, data)
    answer = await sb.driver.wait_callback_answer(query_id, data, 5.0)
    await sb.wait_idle(quiet=0.01)
    changed = [m.text for m in chat.bot_messages() if before.get(m.message_id) != m.revision]
    return " ".join([answer.text or "", *changed])


async def test_every_role_gets_the_designed_answer(sandbox: Sandbox) -> None:
    """Each command and forged button, by each role, is done or refused as designed."""
    async with team(sandbox, ROSTER) as t:
        await import_plan(t.lead, PLAN)
        await t.lead.send("/unassigned")
        ids = [p.split()[0] for p in (await t.lead.wait_for_message("未交办")).text.split("#")[1:]]
        task, leader_task, other_task = ids[0], ids[1], ids[2]
        await t.lead.send(f"/assign {task} 张三")
        await t.lead.wait_for_message("已交办")
        await t.lead.send(f"/assign {leader_task} 赵县长")
        await t.lead.wait_for_message("已交办")
        await sandbox.wait_idle()
        stranger = await zh(sandbox, "路人").start()
        await stranger.wait_for_message(STRANGER)
        chats = {
            "admin": t.admin,
            "lead": t.lead,
            "official": t.officials["张三"],
            "other": t.officials["孙七"],
            "leader": t.officials["赵县长"],
            "liaison": t.officials["小刘"],
            "stranger": stranger,
        }
        await sandbox.wait_idle()
        wrong: list[str] = []
        values = {"task": task, "other_task": other_task, "leader_task": leader_task}
        for n, case in enumerate(CASES):
            for role in ROLES:
                command = case.command.format(n=f"{n}{role}", **values)
                text = await _ask(sandbox, chats[role], command)
                if not _fits(case.for_role(role), text):
                    wrong.append(
                        f"{role} {case.command}: expected {case.for_role(role)!r}, "
                        f"got {text[:120]!r}"
                    )
        official = t.officials["张三"]
        draft = next(m for m in official.bot_messages() if "已收到办结佐证" in m.text)
        await official.press("📤 提交办结申请", message=draft)
        review = await t.lead.wait_for_message("申请办结销号")
        values["return_closeout"] = review.button("↩️ 退回").callback_data or ""
        written = next(m for m in official.bot_messages() if "申请延至" in m.text)
        await official.press("📤 提交延期申请", message=written)
        asked = await t.lead.wait_for_message("申请延期")
        values["refuse_extension"] = asked.button("↩️ 不批准").callback_data or ""
        for data, expect in BUTTONS:
            for role in ROLES:
                text = await _press(sandbox, chats[role], data.format(**values))
                wanted = expect.get(role, expect.get("*", ""))
                if not _fits(wanted, text):
                    wrong.append(f"{role} [{data}]: expected {wanted!r}, got {text[:120]!r}")
        assert not wrong, "\n".join(wrong)
