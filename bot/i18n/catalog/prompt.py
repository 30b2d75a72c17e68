"""The weekly prompt (调度), reminders and 催办, the dispatch and the cutoff list.

Arguments that come from users or documents (names, titles) arrive HTML-escaped."""

from __future__ import annotations

ZH: dict[str, str] = {
    # -- the weekly prompt
    "prompt.title": "📋 <b>本周调度 · {team}</b>",
    "prompt.intro": "{name}，请反馈以下任务的本周进展（待反馈 {count} 项，截止 {cutoff}）：",
    "prompt.deadline": "时限 {date}",
    "prompt.last": "上次：{status}",
    "prompt.answered": "✔️ 本周已反馈：{status}",
    "prompt.answered_by": "✔️ 本周已由 {name} 代表本单位反馈：{status}",
    "prompt.covering": "（{name} 请假中，由您代为反馈）",
    "prompt.legend": "点按钮反馈：🟢正常推进 ✅已完成 🟡滞后 🔴受阻；↺ 与上周相同。",
    "prompt.hint": "也可以直接回复本消息，补充进展、问题和下步打算。",
    "prompt.more": "其余任务请发送 /report 逐项反馈。",
    "prompt.all_done": "✅ 本周任务已全部反馈，谢谢！",
    "prompt.btn.on_track": "{n} 🟢正常",
    "prompt.btn.done": "{n} ✅完成",
    "prompt.btn.behind": "{n} 🟡滞后",
    "prompt.btn.blocked": "{n} 🔴受阻",
    "prompt.btn.same": "{n} ↺ 与上周相同",
    "prompt.saved": "已记录：{status}",
    # -- reminders
    "remind.auto": "⏰ {name}，本周调度即将截止，以下 {count} 项任务尚未报送：",
    "remind.manual": "📣 催办：{name}，请尽快报送以下 {count} 项任务的进展：",
    "remind.deadline": "⏳ {name}，以下任务临近完成时限：",
    "remind.overdue": "❗ {name}，以下任务已超过完成时限，请尽快报送进展：",
    "remind.hint": "发送 /report 反馈，或回复本周调度消息。",
    "remind.sent": "📣 已催办 {count} 人。",
    "remind.skipped": "未催办：",
    "remind.undelivered": "未送达：",
    "remind.undelivered.forbidden": "无法送达（可能已屏蔽机器人）",
    "remind.undelivered.chat_not_found": "无法送达（对方账号已不可用）",
    "remind.undelivered.refused": "Telegram 拒收了这条消息",
    "remind.undelivered.no_rights": "本机器人无权向其发送消息",
    "remind.undelivered.slow": "Telegram 要求暂缓发送，请稍后再催",
    "remind.undelivered.network": "暂时连不上 Telegram，请稍后再催",
    "remind.why.throttled": "5 分钟内已催办过（约 {minutes} 分钟后可再催）",
    "remind.why.not_joined": "尚未加入",
    "remind.why.unreachable": "无法送达（{why}）",
    "remind.why.on_leave": "请假中",
    "remind.why.answered": "本周已反馈，无待办",
    "remind.usage": "/remind 姓名｜单位｜全部",
    # -- cutoff, dispatch, notices
    "cutoff.all_answered": "✅ 本周调度已截止（{cutoff}），所有人均已反馈。",
    "cutoff.silent": "⏱ 本周调度已截止（{cutoff}），{count} 人未报：{names}",
    "cutoff.hint": "可发送 /remind 姓名 或 /remind 全部 催办。",
    "dispatch.done": "📤 {period} 所在周的调度已发出：{sent} 人（截止 {cutoff}）。",
    "dispatch.resumed": "📤 {period} 所在周的调度正在进行（截止 {cutoff}），已收到的人不再重发；"
    "本次补发 {sent} 人。",
    "dispatch.unreachable": "⚠️ 以下人员无法送达：{names}",
    "dispatch.unreachable.why": "{names}（{why}）",
    "dispatch.unreachable.sep": "；",
    "dispatch.settings_unusable": (
        "⚠️ 督办组「{team}」的调度设置无法执行（{reason}），本组的周调度、催办、通报和月研判"
        "暂停，其他督办组照常运行。请督办员用 /settings 修改（如 /settings prompt thu 09:00），"
        "改好后立即恢复。"
    ),
    "dispatch.unusable.prompt_day": "周调度日不是工作日",
    "dispatch.unusable.unschedulable": "按现有设置排不出调度时间",
    "dispatch.unusable.invalid": "有设置值超出允许范围",
    "dispatch.failed": "⚠️ {count} 条未能发出，稍后自动重试。",
    "prompt.hint.reply": "点状态后可补充进度、指标和文字；也可以直接回复本消息补充，"
    "列出多项任务时我会问是哪一项。",
}

EN: dict[str, str] = {
    "prompt.title": "📋 <b>This week's check-in · {team}</b>",
    "prompt.intro": "{name}, please report this week's progress ({count} open, due {cutoff}):",
    "prompt.deadline": "due {date}",
    "prompt.last": "last time: {status}",
    "prompt.answered": "✔️ reported this week: {status}",
    "prompt.answered_by": "✔️ {name} answered for your unit this week: {status}",
    "prompt.covering": "({name} is on leave: you answer for them)",
    "prompt.legend": "Tap to report: 🟢on track ✅done 🟡behind 🔴blocked; ↺ same as last week.",
    "prompt.hint": "Or reply to this message with progress, problems and next steps.",
    "prompt.more": "Send /report for the remaining tasks.",
    "prompt.all_done": "✅ All reported for this week, thank you!",
    "prompt.btn.on_track": "{n} 🟢on track",
    "prompt.btn.done": "{n} ✅done",
    "prompt.btn.behind": "{n} 🟡behind",
    "prompt.btn.blocked": "{n} 🔴blocked",
    "prompt.btn.same": "{n} ↺ same as last week",
    "prompt.saved": "Recorded: {status}",
    "remind.auto": "⏰ {name}, this week's check-in closes soon; {count} {count:task|tasks} not "
    "reported:",
    "remind.manual": "📣 Reminder for {name}: please report on these {count} {count:task|tasks}:",
    "remind.deadline": "⏳ {name}, these tasks are nearly due:",
    "remind.overdue": "❗ {name}, these tasks are past their deadline; please report:",
    "remind.hint": "Send /report, or reply to this week's check-in.",
    "remind.sent": "📣 Reminded {count} {count:person|people}.",
    "remind.skipped": "Not reminded:",
    "remind.undelivered": "Not delivered:",
    "remind.undelivered.forbidden": "unreachable (may have blocked the bot)",
    "remind.undelivered.chat_not_found": "unreachable (their account is no longer available)",
    "remind.undelivered.refused": "Telegram refused the message",
    "remind.undelivered.no_rights": "the bot may not send them messages",
    "remind.undelivered.slow": "Telegram asked the bot to wait; try again later",
    "remind.undelivered.network": "Telegram could not be reached; try again later",
    "remind.why.throttled": "reminded in the last 5 minutes (try again in ~{minutes} min)",
    "remind.why.not_joined": "has not joined",
    "remind.why.unreachable": "unreachable ({why})",
    "remind.why.on_leave": "on leave",
    "remind.why.answered": "nothing outstanding this week",
    "remind.usage": "/remind name|unit|all",
    "cutoff.all_answered": "✅ This week's check-in closed ({cutoff}); everyone reported.",
    "cutoff.silent": "⏱ This week's check-in closed ({cutoff}); {count} did not report: {names}",
    "cutoff.hint": "Send /remind name or /remind all to chase them.",
    "dispatch.done": "📤 Check-in for the week of {period} sent to {sent} (due {cutoff}).",
    "dispatch.resumed": "📤 The check-in for the week of {period} is under way (due {cutoff}); "
    "nobody gets it twice: {sent} more sent now.",
    "dispatch.unreachable": "⚠️ Could not reach: {names}",
    "dispatch.unreachable.why": "{names} ({why})",
    "dispatch.unreachable.sep": "; ",
    "dispatch.settings_unusable": (
        "⚠️ The rhythm settings of the team {team} cannot run ({reason}), so its prompts, "
        "reminders, digests and reviews are on hold; the other teams run as usual. A lead can "
        "fix this with /settings (e.g. /settings prompt thu 09:00); it resumes at once."
    ),
    "dispatch.unusable.prompt_day": "the weekly prompt is not on a weekday",
    "dispatch.unusable.unschedulable": "no times can be scheduled with them",
    "dispatch.unusable.invalid": "a value is out of its range",
    "dispatch.failed": "⚠️ {count} not sent; they will be retried.",
    "prompt.hint.reply": "After a status you can add progress, indicators and text; or reply "
    "to this message (when it lists several tasks I will ask which one).",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
