"""Teams, people, rosters and invites: joining, the people commands and their answers."""

from __future__ import annotations

ZH: dict[str, str] = {
    # -- joining and greeting
    "join.welcome": "欢迎，{name}！您已加入「{team}」，身份：{role}。",
    "join.again": "{name}，您已经加入「{team}」了（{role}）。",
    "join.unit": "单位：{unit}",
    "join.on_behalf": "您将代 {name} 报送进展。",
    "join.tasks": "您目前有 {count} 项任务：",
    "join.ack_hint": "以上任务在您加入前已交办，请点对应的「签收」按钮确认收到。",
    "join.next.official": "有新任务时我会通知您，点「签收」即可。需要反馈时发送 /report。",
    "join.next.liaison": "有新任务时我会通知您，点「签收」即可。需要反馈时发送 /report。",
    "join.next.leader": "每周的调度汇总会发到领导群。查看任务：/task 编号。",
    "join.next.lead": (
        "下一步：发送名单文件（.xlsx/.xls/.ods/.csv）添加人员，再发送工作计划文件导入任务。"
    ),
    "join.next.admin": "发送 /help 查看管理命令。",
    # -- teams, people, invites
    "team.created": "已新建督办组「{name}」。下一步：/addlead 姓名 [单位] 添加督办员。",
    "team.lead_added": "已为「{team}」添加督办员。请把下面的专属链接发给本人：",
    "team.group_set": "本群已设为「{team}」的领导群，每周汇总将发到这里。",
    "team.group_set_unposted": "群「{group}」已设为「{team}」的领导群，但群内未收到确认：{why}。",
    "team.group_set_unposted.grant": "请群管理员允许本机器人在群内发言（或将其设为管理员），"
    "否则周调度通报和月度研判也无法发到该群。",
    "team.group_anonymous": "本机器人无法确认匿名发言人的身份。请督办员关闭群内的“匿名管理员”"
    "设置，或以本人身份发言后，再发送 /setgroup。",
    "team.group_lost": "本机器人已被移出「{team}」的领导群「{group}」，周调度通报和月度研判"
    "暂时无法发到该群。请将本机器人重新加入该群；如改用其他群，请在新群内发送 /setgroup。",
    "team.group_muted": "本机器人在「{team}」的领导群「{group}」内被限制发言，周调度通报和"
    "月度研判暂时无法发到该群。请群管理员解除对本机器人的限制（或将其设为管理员）。",
    "people.added": "已添加：",
    "people.updated": "已更新：",
    "people.moved": "调岗：{move}，按姓名交办的任务自即日起计入新单位",
    "people.reporter_left": "；原为{unit}指定的填报人，{unit}改按默认规则确定填报人，"
    "可发送 /reporter 姓名 重新指定",
    "people.no_unit": "（无单位）",
    "people.joined": "已加入 ✅",
    "people.no_invite": "（没有可用的链接，发送 /invite 姓名 生成）",
    "people.forward_hint": "请把专属链接分别发给本人；每个链接只能用一次。",
    "people.invite_new": "新的专属链接（旧链接已失效）：",
    "people.revoked": "已撤销 {name} 的 {count} 个链接。",
    "people.reporters_title": "<b>各单位填报人</b>（每期由填报人代表本单位报送，其他人员可补充）",
    "people.reporter_named": "• {unit}：{name}（督办员指定）",
    "people.reporter_default": "• {unit}：{name}（默认：本单位联络员或名单中第一位责任人）",
    "people.reporter_nobody": "• {unit}：暂无可报送人员",
    "people.reporters_hint": "指定填报人：/reporter 姓名",
    "people.reporters_none": "尚未登记单位。",
    "people.reporter_set": (
        "已指定 {name} 为{unit}的填报人，今后本单位任务的周调度提醒发给 {name}。"
    ),
    "people.pending_none": "所有人员都已加入。",
    "people.pending_title": "还有 {count} 人未加入：",
    "people.unreachable": "⚠️ 无法给 {name} 发消息（{why}）。请当面提醒。",
    "unreachable.blocked": "已屏蔽本机器人",
    "unreachable.deleted": "Telegram 账号已注销",
    "unreachable.chat_not_found": "Telegram 查无与其的私聊",
    "unreachable.not_started": "尚未启动本机器人",
    "unreachable.unknown": "未启动或已屏蔽本机器人",
    "roster.summary": "名单已导入：新增 {added} 人，更新 {updated} 人，新建单位 {units} 个，"
    "问题 {errors} 行。",
    "roster.problems": "<b>有问题的行：</b>",
    "roster.moved": "<b>调岗人员</b>（按姓名交办的任务自即日起计入新单位）：",
    "roster.move": "{name}：{move}",
    "roster.row": "第 {row} 行：{text}",
    "roster.links": "<b>专属邀请链接：</b>",
    "roster.title": "人员名单（{count} 人）：",
    "roster.upload_hint": "发送 .xlsx、.xls、.ods 或 .csv 名单文件（列：姓名、单位、角色、电话）"
    "即可批量添加。",
    "roster.send_file": (
        "请发送名单文件（.xlsx、.xls、.ods 或 .csv，列：姓名、单位、角色、电话）。"
    ),
}

EN: dict[str, str] = {
    "join.welcome": "Welcome, {name}! You joined “{team}” as {role}.",
    "join.again": "{name}, you already joined “{team}” ({role}).",
    "join.unit": "Unit: {unit}",
    "join.on_behalf": "You report on behalf of {name}.",
    "join.tasks": "You have {count} {count:task|tasks}:",
    "join.ack_hint": "These were assigned before you joined: tap “Acknowledge” for each one.",
    "join.next.official": "I will tell you about new tasks; tap “Acknowledge”. "
    "To report, send /report.",
    "join.next.liaison": "I will tell you about new tasks; tap “Acknowledge”. "
    "To report, send /report.",
    "join.next.leader": "The weekly digest goes to the leaders' group. See a task: /task id.",
    "join.next.lead": "Next: send a roster file (.xlsx/.xls/.ods/.csv) to add people, then "
    "the work plan file to import the tasks.",
    "join.next.admin": "Send /help for the admin commands.",
    "team.created": "Team “{name}” created. Next: /addlead name [unit] to add a lead.",
    "team.lead_added": "Lead added to “{team}”. Send them this personal link:",
    "team.group_set": "This group is now the leaders' group of “{team}”; "
    "the weekly digest comes here.",
    "team.group_set_unposted": "“{group}” is now the leaders' group of “{team}”, but the "
    "confirmation could not be posted there: {why}.",
    "team.group_set_unposted.grant": "Ask a group admin to let the bot post in the group (or "
    "make it an admin); until then the weekly digest and the monthly review cannot reach it.",
    "team.group_anonymous": "The bot cannot tell who an anonymous admin is. A lead should turn "
    "off “Remain anonymous” in the group, or post as themself, and send /setgroup again.",
    "team.group_lost": "The bot was removed from “{group}”, the leaders' group of “{team}”: "
    "the weekly digest and the monthly review cannot reach it. Add the bot back to the group, "
    "or send /setgroup in another group to use that one instead.",
    "team.group_muted": "The bot may no longer post in “{group}”, the leaders' group of "
    "“{team}” (a group admin restricted it): the weekly digest and the monthly review cannot "
    "reach it. Ask a group admin to lift the restriction (or make the bot an admin).",
    "people.added": "Added:",
    "people.updated": "Updated:",
    "people.moved": "Moved (调岗): {move}; tasks assigned to them by name count under the new "
    "unit from now on",
    "people.reporter_left": "; they were the reporter named for {unit}, which now follows the "
    "default rule: send /reporter name to name another",
    "people.no_unit": "(no unit)",
    "people.joined": "joined ✅",
    "people.no_invite": "(no usable link; send /invite name to make one)",
    "people.forward_hint": "Send each person their own link; each link works once.",
    "people.invite_new": "New personal link (older links no longer work):",
    "people.revoked": "Revoked {count} {count:link|links} of {name}.",
    "people.reporters_title": (
        "<b>Unit reporters</b> (each cycle the reporter answers for the unit; others may add)"
    ),
    "people.reporter_named": "• {unit}: {name} (named by the lead)",
    "people.reporter_default": "• {unit}: {name} (default: the unit's liaison or first official)",
    "people.reporter_nobody": "• {unit}: nobody who can report",
    "people.reporters_hint": "To name a reporter: /reporter name",
    "people.reporters_none": "No units yet.",
    "people.reporter_set": (
        "{name} now answers for {unit}: the unit's weekly prompts go to {name}."
    ),
    "people.pending_none": "Everyone has joined.",
    "people.pending_title": "{count} {count:person|people} have not joined yet:",
    "people.unreachable": "⚠️ Could not message {name} ({why}). Please remind them in person.",
    "unreachable.blocked": "they blocked the bot",
    "unreachable.deleted": "their Telegram account was deleted",
    "unreachable.chat_not_found": "Telegram knows no private chat with them",
    "unreachable.not_started": "they have not started the bot",
    "unreachable.unknown": "they never started or blocked the bot",
    "roster.summary": "Roster imported: {added} added, {updated} updated, {units} new "
    "{units:unit|units}, {errors} problem {errors:row|rows}.",
    "roster.problems": "<b>Rows with problems:</b>",
    "roster.moved": "<b>Moved to another unit (调岗)</b> (tasks assigned to them by name count "
    "under the new unit from now on):",
    "roster.move": "{name}: {move}",
    "roster.row": "Row {row}: {text}",
    "roster.links": "<b>Personal invite links:</b>",
    "roster.title": "People ({count}):",
    "roster.upload_hint": "Send an .xlsx, .xls, .ods or .csv roster (columns: name, unit, role, "
    "phone) to add many at once.",
    "roster.send_file": "Please send the roster file (.xlsx, .xls, .ods or .csv; columns: name, "
    "unit, role, phone).",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
