"""Help and greeting texts beyond each role's summary: the rhythm commands per role, the list of
other menu commands, and the greeting of an admin who has no person record."""

from __future__ import annotations

ZH: dict[str, str] = {
    "start.hello": "您好！",
    "start.admin": "您是本机器人的管理员。/newteam 名称 新建督办组，"
    "/addlead 姓名 [单位] 添加督办员；督办员加入后由其导入名单和计划。下面是您可用的命令：",
    "help.rhythm.lead": "<b>督办节奏</b>\n"
    "/settings 节奏设置（调度日、截止、催办次数、语言、暂停）\n"
    "/dispatch 立即调度（本期进行中时只补发给未收到的人）\n"
    "/remind 姓名｜单位｜all 催办\n/digest 立即发出周通报\n/review 立即发出月度研判\n"
    "/export 导出台账\n/leave 姓名 开始 结束 [代理人] 为他人登记请假（/leave 开始 结束：本人）",
    "help.rhythm.admin": "<b>督办节奏</b>\n/settings 节奏设置 · /dispatch 立即调度 · "
    "/remind 催办 · /digest 周通报 · /review 月度研判 · /export 导出台账",
    "help.rhythm.leader": "/digest 查看最新一期周通报",
    "help.rhythm.official": "/leave 开始 结束 登记请假（请假期间不发调度），/leave 取消 销假",
    "help.rhythm.liaison": "/leave 开始 结束 登记请假（请假期间不发调度），/leave 取消 销假",
    "help.more": "其他命令：",
    "rhythm.digest.paused": "⏸ 督办节奏已暂停：不自动发调度、催办和通报"
    "（督办员可在 /settings 恢复）。",
    "settings.state.running": "状态：▶️ 运行中",
    "settings.state.paused": "状态：⏸ 已暂停（不发调度、催办、通报）",
    "settings.language": "团队语言（通报、研判、台账、领导群菜单）：{name}",
    "settings.btn.pause_on": "⏸ 暂停督办",
    "settings.btn.pause_off": "▶️ 恢复督办",
    "settings.btn.language": "🌐 团队语言改为 {name}",
    "cmd.digest.leader": "最新一期周通报",
    "report.details_hint.indicators": "指标数值也可直接发送，如 {example}（或点 📊 按钮）。",
    "prompt.hint.reply": "点状态后可补充进度、指标和文字；也可以直接回复本消息补充，"
    "列出多项任务时我会问是哪一项。",
    "reply.which_task": "这条回复是关于哪一项任务的？请点选：",
    "reply.which_task_unasked": "这条消息是关于哪一项任务的？点选后即记入该任务的反馈"
    "（不是反馈可不必理会）：",
    "reply.gone": "这条回复已记录或已过期，请重新回复。",
}

EN: dict[str, str] = {
    "start.hello": "Hello!",
    "start.admin": "You are this bot's admin. /newteam name creates a team, /addlead name [unit] "
    "adds its lead; leads import the roster and the plan once they have joined. Your commands:",
    "help.rhythm.lead": "<b>Rhythm</b>\n/settings rhythm settings (days, cutoff, reminders, "
    "language, pause)\n/dispatch check-in now (while one is open: only to whoever has not got "
    "it)\n/remind name|unit|all remind now\n/digest weekly digest now\n/review monthly review "
    "now\n/export the ledger\n/leave name from to [deputy] someone's leave (/leave from to: "
    "your own)",
    "help.rhythm.admin": "<b>Rhythm</b>\n/settings · /dispatch · /remind · /digest · /review · "
    "/export",
    "help.rhythm.leader": "/digest the latest weekly digest",
    "help.rhythm.official": "/leave from to register leave (no check-ins meanwhile), "
    "/leave cancel to cancel it",
    "help.rhythm.liaison": "/leave from to register leave (no check-ins meanwhile), "
    "/leave cancel to cancel it",
    "help.more": "More commands:",
    "rhythm.digest.paused": "⏸ The rhythm is paused: no automatic check-ins, reminders or "
    "digests (a lead can resume it in /settings).",
    "settings.state.running": "Status: ▶️ running",
    "settings.state.paused": "Status: ⏸ paused (no check-ins, reminders or digests)",
    "settings.language": "Team language (digest, review, ledger, group menu): {name}",
    "settings.btn.pause_on": "⏸ Pause",
    "settings.btn.pause_off": "▶️ Resume",
    "settings.btn.language": "🌐 Team language: {name}",
    "cmd.digest.leader": "The latest weekly digest",
    "report.details_hint.indicators": "Indicator values can be typed too, e.g. {example} "
    "(or tap 📊).",
    "prompt.hint.reply": "After a status you can add progress, indicators and text; or reply "
    "to this message (when it lists several tasks I will ask which one).",
    "reply.which_task": "Which task is this reply about? Tap one:",
    "reply.which_task_unasked": "Which task is this message about? Tap one to file it as a report "
    "on that task (ignore this if it is not a report):",
    "reply.gone": "That reply was already filed or has expired; please reply again.",
}

CATALOG = {"zh": ZH, "en": EN}
