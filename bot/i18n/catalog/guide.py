"""How to use the bot: the command menus (``cmd.*``), help per role and the greetings."""

from __future__ import annotations

ZH: dict[str, str] = {
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
    "计划：直接发送计划文件（.txt/.md/.docx/.doc/.wps/.odt/.rtf/.pdf/.xlsx/.xls/.ods/.csv）\n"
    "交办：/assign 编号 人员或单位…（或不带参数用按钮选择），/unassign 编号 [人员或单位]，"
    "/unassigned 未交办，/unacked 未签收\n"
    "批示：/instruction 领导批示立项，/decision 会议决定事项立项；延期申请在通知里批准或不批准\n"
    "销号：办结申请在通知里审核，/closeouts 列出全部待审核的办结申请\n"
    "延期：延期申请在通知里审批，/extensions 列出全部待审批的延期申请\n"
    "领导群：在群里发送 /setgroup",
    "help.admin": "<b>管理员</b>\n/newteam 名称 新建督办组\n/addlead 姓名 [单位] 添加督办员",
    "help.group.leaders": "本群是「{team}」的领导群。本机器人每周在此发送周调度通报，每月发送"
    "月度研判。已登记的领导可私聊本机器人，发送 /task 任务编号 查看任务详情与历史。",
    "help.group.other": "本机器人在群内只办理一项事务：督办员在领导群内发送 /setgroup，将该群"
    "设为领导群，用于接收周调度通报和月度研判。其他事项请私聊本机器人。",
    "help.group.link": "专属链接只能在与本机器人的私聊中使用：请点击链接，在打开的私聊中点"
    "「开始」。在群内发送的链接不会生效，仍可继续使用。",
    "help.common": "/lang 切换语言 · /help 帮助",
    # -- command menus
    "cmd.start": "开始",
    "cmd.help": "帮助",
    "cmd.lang": "切换语言 / Language",
    "cmd.mytasks": "我的任务",
    "cmd.report": "反馈进展",
    "cmd.task": "查看任务：/task 序号（计划中的第几项）或编号",
    "cmd.closeout": "申请办结：/closeout 编号",
    "cmd.closeouts": "待审核的办结申请",
    "cmd.extensions": "待审批的延期申请",
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
    # -- command menus
    "cmd.settings": "督办节奏设置",
    "cmd.dispatch": "立即发出本周调度",
    "cmd.digest": "立即发出周通报",
    "cmd.review": "立即发出月度研判",
    "cmd.remind": "催办：/remind 姓名｜单位｜全部",
    "cmd.leave": "请假：/leave 开始 结束",
    "cmd.export": "导出年度台账：/export [年度]",
    "start.hello": "您好！",
    "start.admin": "您是本机器人的管理员。/newteam 名称 新建督办组，"
    "/addlead 姓名 [单位] 添加督办员；督办员加入后由其导入名单和计划。下面是您可用的命令：",
    "help.rhythm.lead": "<b>督办节奏</b>\n"
    "/settings 节奏设置（调度日、截止、催办次数、语言、暂停）\n"
    "/dispatch 立即调度（本期进行中时只补发给未收到的人）\n"
    "/remind 姓名｜单位｜all 催办\n/digest 立即发出周通报\n/review 立即发出月度研判\n"
    "/export [年度] 导出年度台账（默认本年度）\n"
    "/leave 姓名 开始 结束 [代理人] 为他人登记请假（/leave 开始 结束：本人）",
    "help.rhythm.admin": "<b>督办节奏</b>\n/settings 节奏设置 · /dispatch 立即调度 · "
    "/remind 催办 · /digest 周通报 · /review 月度研判 · /export 导出台账",
    "help.rhythm.leader": "/digest 查看最新一期周通报",
    "help.rhythm.official": "/leave 开始 结束 登记请假（请假期间不发调度），/leave 取消 销假",
    "help.rhythm.liaison": "/leave 开始 结束 登记请假（请假期间不发调度），/leave 取消 销假",
    "help.more": "其他命令：",
    "cmd.digest.leader": "最新一期周通报",
    "cmd.history": "留痕记录：/history [人员｜单位｜板块｜任务] [日期范围]",
    "cmd.search": "检索任务和反馈：/search 字词",
    "cmd.evidence": "佐证材料：/evidence 编号",
    "cmd.extend": "申请延期：/extend 编号 新时限 理由，如 /extend 3 2027-03-31 设备到货推迟",
    "cmd.instruction": "领导批示立项：/instruction，再输入或转发批示内容",
    "cmd.decision": "会议决定事项立项：/decision，再输入或转发决定事项",
    "cmd.leader": "包联领导",
}

EN: dict[str, str] = {
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
    "Plan: send the plan file (.txt/.md/.docx/.doc/.wps/.odt/.rtf/.pdf/.xlsx/.xls/.ods/.csv)\n"
    "Assign: /assign id person-or-unit… (or no arguments to pick with buttons), "
    "/unassign id [person or unit], /unassigned, /unacked\n"
    "Instructions: /instruction (a leader's), /decision (a meeting's) make tasks; extension "
    "requests are approved or refused on their notice\n"
    "Close-outs: decide each request on its notice; /closeouts lists every one still waiting\n"
    "Extensions: decide each request on its notice; /extensions lists every one still waiting\n"
    "Leaders' group: send /setgroup in the group",
    "help.admin": "<b>Admin</b>\n/newteam name: create a team\n/addlead name [unit]: add a lead",
    "help.group.leaders": "This is the leaders' group of “{team}”. The bot posts the weekly "
    "digest here every week and the monthly review every month. Registered leaders can send "
    "/task and a task number to the bot in a private chat for the task's details and history.",
    "help.group.other": "In groups the bot does one thing: a lead sends /setgroup in the "
    "leaders' group to make it receive the weekly digest and the monthly review. For anything "
    "else, write to the bot in a private chat.",
    "help.group.link": "A personal link works only in a private chat with the bot: tap the "
    "link and press Start in the private chat it opens. Sent in a group it does nothing, and it "
    "still works.",
    "help.common": "/lang language · /help help",
    "cmd.start": "Start",
    "cmd.help": "Help",
    "cmd.lang": "Language / 语言",
    "cmd.mytasks": "My tasks",
    "cmd.report": "Report progress",
    "cmd.task": "Show a task: /task number (in the plan) or id",
    "cmd.closeout": "Ask to close: /closeout id",
    "cmd.closeouts": "Close-out requests awaiting a decision",
    "cmd.extensions": "Extension requests awaiting a decision",
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
    "cmd.settings": "Rhythm settings",
    "cmd.dispatch": "Send this week's check-in now",
    "cmd.digest": "Send the weekly digest now",
    "cmd.review": "Send the monthly review now",
    "cmd.remind": "Remind: /remind name|unit|all",
    "cmd.leave": "Leave: /leave from to",
    "cmd.export": "The year's ledger: /export [year]",
    "start.hello": "Hello!",
    "start.admin": "You are this bot's admin. /newteam name creates a team, /addlead name [unit] "
    "adds its lead; leads import the roster and the plan once they have joined. Your commands:",
    "help.rhythm.lead": "<b>Rhythm</b>\n/settings rhythm settings (days, cutoff, reminders, "
    "language, pause)\n/dispatch check-in now (while one is open: only to whoever has not got "
    "it)\n/remind name|unit|all remind now\n/digest weekly digest now\n/review monthly review "
    "now\n/export [year] the year's ledger (default: this year)\n/leave name from to [deputy] "
    "someone's leave (/leave from to: your own)",
    "help.rhythm.admin": "<b>Rhythm</b>\n/settings · /dispatch · /remind · /digest · /review · "
    "/export",
    "help.rhythm.leader": "/digest the latest weekly digest",
    "help.rhythm.official": "/leave from to register leave (no check-ins meanwhile), "
    "/leave cancel to cancel it",
    "help.rhythm.liaison": "/leave from to register leave (no check-ins meanwhile), "
    "/leave cancel to cancel it",
    "help.more": "More commands:",
    "cmd.digest.leader": "The latest weekly digest",
    "cmd.history": "Record: /history [person|unit|section|task] [dates]",
    "cmd.search": "Search tasks and updates: /search words",
    "cmd.evidence": "Evidence: /evidence id",
    "cmd.extend": "Ask for more time: /extend id new-deadline reason, e.g. /extend 3 2027-03-31 "
    "equipment delivered late",
    "cmd.instruction": "Make a task of a leader's instruction: /instruction, then type or "
    "forward it",
    "cmd.decision": "Make a task of a meeting decision: /decision, then type or forward it",
    "cmd.leader": "Leader in charge",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
