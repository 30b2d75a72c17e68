"""Chat texts: common replies, joining, help per role, command menus, people and invites."""

from __future__ import annotations

ZH: dict[str, str] = {
    # -- common
    "common.expired": "这个按钮已失效，请重新打开菜单。",
    "common.failed": "操作没有成功，请稍后再试。",
    "common.hint": "我只能处理文字、命令、照片和文件。发送 /help 查看可以做什么。",
    "common.oops": "抱歉，出了点问题，已通知管理员。请稍后再试。",
    "common.not_recorded": "本次反馈未能记录，请稍后重发。",
    "common.more": "……还有 {count} 项",
    "common.group_only": "请在领导群里发送这个命令。",
    "common.private_only": "请在与我的私聊中使用这个命令。",
    "common.usage": "用法：{usage}",
    "common.stranger": "您好！您还没有登记。请向督查工作人员索取您的专属邀请链接。",
    # -- roles and statuses
    "role.admin": "管理员",
    "role.lead": "督办员",
    "role.leader": "领导",
    "role.official": "责任人",
    "role.liaison": "联络员",
    "status.on_track": "正常推进",
    "status.done": "已完成",
    "status.behind": "滞后",
    "status.blocked": "受阻",
    "status.none": "未报状态",
    "status.text_only": "📝 文字说明（未报状态）",
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
    "join.next.lead": "下一步：发送名单文件（.xlsx/.csv）添加人员，再发送工作计划文件导入任务。",
    "join.next.admin": "发送 /help 查看管理命令。",
    "start.greeting": "您好，{name}！",
    # -- help per role
    "help.official": "<b>责任人</b>\n/mytasks 我的任务\n/report 反馈进展（点按钮即可）\n"
    "/task 编号 查看任务详情\n/closeout 编号 申请办结销号\n"
    "/extend 编号 新时限 理由 申请延期\n"
    "也可以直接回复我关于某项任务的消息来补充进展、照片或文件。",
    "help.liaison": "<b>联络员</b>\n您代领导报送：/mytasks 查看任务，/report 反馈进展，"
    "/closeout 编号 申请办结。",
    "help.leader": "<b>领导</b>\n每周汇总发到领导群。/task 编号 查看任务详情与历史。",
    "help.lead": "<b>督办员</b>\n人员：/add 姓名 单位 角色 [电话]，"
    "/roster 名单（或直接发送名单文件），"
    "/pending 未加入，/invite 姓名 重发链接，/revoke 姓名 撤销链接，"
    "/reporter [姓名] 各单位填报人\n"
    "计划：直接发送计划文件（.txt/.md/.docx/.xlsx/.csv）\n"
    "交办：/assign 编号 人员或单位…（或不带参数用按钮选择），/unassign 编号 [人员或单位]，"
    "/unassigned 未交办，/unacked 未签收\n"
    "批示：/instruction 领导批示立项，/decision 会议决定事项立项；延期申请在通知里批准或不批准\n"
    "领导群：在群里发送 /setgroup",
    "help.admin": "<b>管理员</b>\n/newteam 名称 新建督办组\n/addlead 姓名 [单位] 添加督办员",
    "help.common": "/lang 切换语言 · /help 帮助",
    # -- command menus
    "cmd.start": "开始",
    "cmd.help": "帮助",
    "cmd.lang": "切换语言 / Language",
    "cmd.mytasks": "我的任务",
    "cmd.report": "反馈进展",
    "cmd.task": "查看任务：/task 序号（计划中的第几项）或编号",
    "cmd.closeout": "申请办结：/closeout 编号",
    "cmd.newteam": "新建督办组",
    "cmd.addlead": "添加督办员",
    "cmd.add": "添加人员：姓名 单位 角色 [电话]",
    "cmd.roster": "人员名单",
    "cmd.invite": "重发邀请链接",
    "cmd.revoke": "撤销邀请链接",
    "cmd.reporter": "各单位填报人",
    "cmd.pending": "未加入的人员",
    "cmd.assign": "交办任务",
    "cmd.unassign": "取消交办",
    "cmd.unassigned": "未交办的任务",
    "cmd.unacked": "未签收的任务",
    "cmd.setgroup": "设为领导群",
    # -- language
    "lang.choose": "请选择语言：",
    "lang.set": "已切换为{name}。",
    "lang.name.zh": "中文",
    "lang.name.en": "English",
    # -- teams, people, invites
    "team.created": "已新建督办组「{name}」。下一步：/addlead 姓名 [单位] 添加督办员。",
    "team.lead_added": "已为「{team}」添加督办员。请把下面的专属链接发给本人：",
    "team.group_set": "本群已设为「{team}」的领导群，每周汇总将发到这里。",
    "people.added": "已添加：",
    "people.updated": "已更新：",
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
    "people.unreachable": "⚠️ 无法给 {name} 发消息（可能屏蔽了机器人或从未打开）。请当面提醒。",
    "roster.summary": "名单已导入：新增 {added} 人，更新 {updated} 人，新建单位 {units} 个，"
    "问题 {errors} 行。",
    "roster.problems": "<b>有问题的行：</b>",
    "roster.row": "第 {row} 行：{text}",
    "roster.links": "<b>专属邀请链接：</b>",
    "roster.title": "人员名单（{count} 人）：",
    "roster.upload_hint": "发送 .xlsx 或 .csv 名单文件（列：姓名、单位、角色、电话）"
    "即可批量添加。",
    "roster.send_file": "请发送名单文件（.xlsx 或 .csv，列：姓名、单位、角色、电话）。",
}

EN: dict[str, str] = {
    "common.expired": "This button has expired; please open the menu again.",
    "common.failed": "That did not work; please try again later.",
    "common.hint": "I can read text, commands, photos and files. Send /help to see what I can do.",
    "common.oops": "Sorry, something went wrong. The admins were told. Please try again later.",
    "common.not_recorded": "This was not recorded. Please send it again later.",
    "common.more": "… and {count} more",
    "common.group_only": "Please send this command in the leaders' group.",
    "common.private_only": "Please use this command in a private chat with me.",
    "common.usage": "Usage: {usage}",
    "common.stranger": "Hello! You are not registered yet. Please ask your supervision office "
    "for your personal invite link.",
    "role.admin": "admin",
    "role.lead": "lead",
    "role.leader": "leader",
    "role.official": "official",
    "role.liaison": "liaison",
    "status.on_track": "On track",
    "status.done": "Done",
    "status.behind": "Behind",
    "status.blocked": "Blocked",
    "status.none": "No status stated",
    "status.text_only": "📝 text only (no status stated)",
    "join.welcome": "Welcome, {name}! You joined “{team}” as {role}.",
    "join.again": "{name}, you already joined “{team}” ({role}).",
    "join.unit": "Unit: {unit}",
    "join.on_behalf": "You report on behalf of {name}.",
    "join.tasks": "You have {count} task(s):",
    "join.ack_hint": "These were assigned before you joined: tap “Acknowledge” for each one.",
    "join.next.official": "I will tell you about new tasks; tap “Acknowledge”. "
    "To report, send /report.",
    "join.next.liaison": "I will tell you about new tasks; tap “Acknowledge”. "
    "To report, send /report.",
    "join.next.leader": "The weekly digest goes to the leaders' group. See a task: /task id.",
    "join.next.lead": "Next: send a roster file (.xlsx/.csv) to add people, then the work plan "
    "file to import the tasks.",
    "join.next.admin": "Send /help for the admin commands.",
    "start.greeting": "Hello, {name}!",
    "help.official": "<b>Official</b>\n/mytasks my tasks\n/report report progress (just tap)\n"
    "/task id task details\n/closeout id ask to close a finished task\n"
    "/extend id new-deadline reason ask for more time\n"
    "You can also reply to my message about a task to add progress, photos or files.",
    "help.liaison": "<b>Liaison</b>\nYou report for your leader: /mytasks, /report, /closeout id.",
    "help.leader": "<b>Leader</b>\nThe weekly digest goes to the leaders' group. "
    "/task id shows a task and its history.",
    "help.lead": "<b>Lead</b>\nPeople: /add name unit role [phone], /roster (or send a roster "
    "file), /pending, /invite name, /revoke name, /reporter [name] unit reporters\n"
    "Plan: send the plan file (.txt/.md/.docx/.xlsx/.csv)\n"
    "Assign: /assign id person-or-unit… (or no arguments to pick with buttons), "
    "/unassign id [person or unit], /unassigned, /unacked\n"
    "Instructions: /instruction (a leader's), /decision (a meeting's) make tasks; extension "
    "requests are approved or refused on their notice\n"
    "Leaders' group: send /setgroup in the group",
    "help.admin": "<b>Admin</b>\n/newteam name: create a team\n/addlead name [unit]: add a lead",
    "help.common": "/lang language · /help help",
    "cmd.start": "Start",
    "cmd.help": "Help",
    "cmd.lang": "Language / 语言",
    "cmd.mytasks": "My tasks",
    "cmd.report": "Report progress",
    "cmd.task": "Show a task: /task number (in the plan) or id",
    "cmd.closeout": "Ask to close: /closeout id",
    "cmd.newteam": "Create a team",
    "cmd.addlead": "Add a lead",
    "cmd.add": "Add a person: name unit role [phone]",
    "cmd.roster": "People",
    "cmd.invite": "New invite link",
    "cmd.revoke": "Revoke invite links",
    "cmd.reporter": "Unit reporters",
    "cmd.pending": "People who have not joined",
    "cmd.assign": "Assign a task",
    "cmd.unassign": "Unassign",
    "cmd.unassigned": "Unassigned tasks",
    "cmd.unacked": "Tasks not acknowledged",
    "cmd.setgroup": "Make this the leaders' group",
    "lang.choose": "Choose a language:",
    "lang.set": "Language set to {name}.",
    "lang.name.zh": "中文",
    "lang.name.en": "English",
    "team.created": "Team “{name}” created. Next: /addlead name [unit] to add a lead.",
    "team.lead_added": "Lead added to “{team}”. Send them this personal link:",
    "team.group_set": "This group is now the leaders' group of “{team}”; "
    "the weekly digest comes here.",
    "people.added": "Added:",
    "people.updated": "Updated:",
    "people.joined": "joined ✅",
    "people.no_invite": "(no usable link; send /invite name to make one)",
    "people.forward_hint": "Send each person their own link; each link works once.",
    "people.invite_new": "New personal link (older links no longer work):",
    "people.revoked": "Revoked {count} link(s) of {name}.",
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
    "people.pending_title": "{count} people have not joined yet:",
    "people.unreachable": "⚠️ Could not message {name} (they may have blocked the bot or never "
    "opened it). Please remind them in person.",
    "roster.summary": "Roster imported: {added} added, {updated} updated, {units} new unit(s), "
    "{errors} problem row(s).",
    "roster.problems": "<b>Rows with problems:</b>",
    "roster.row": "Row {row}: {text}",
    "roster.links": "<b>Personal invite links:</b>",
    "roster.title": "People ({count}):",
    "roster.upload_hint": "Send an .xlsx or .csv roster (columns: name, unit, role, phone) "
    "to add many at once.",
    "roster.send_file": "Please send the roster file (.xlsx or .csv; columns: name, unit, role, "
    "phone).",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
