"""Progress reports (反馈): filing, editing, confirmations and which task a reply is about."""

from __future__ import annotations

ZH: dict[str, str] = {
    # -- reports
    "report.pick": "请选择要反馈的任务：",
    "report.status_question": "本周进展如何？",
    "report.same_as_last": "↩️ 同上次",
    "report.saved": "✅ 已记录反馈：",
    "report.amended": "✅ 已更新反馈：",
    "report.progress_question": "完成进度大约多少？",
    "report.progress_custom": "✏️ 输入其他数值",
    "report.progress_type": "请输入完成进度（0 到 100 的整数）：",
    "report.details_hint": "可以直接发送文字补充（进展：… 问题：… 下步：… 需协调：…），"
    "或照片、文件作为佐证。",
    "report.finish": "✔️ 完成",
    "report.indicator_button": "📊 填写指标：{name}",
    "report.indicator_type": "请输入「{name}」的本期数值{unit}：",
    "report.indicator_unit": "（单位：{unit}）",
    "report.finished": "✅ 反馈已提交，谢谢！如需补充，回复我关于该任务的消息即可。",
    "report.reply_hint": "如需补充，回复本消息即可。",
    "report.late_note": "（已过本期截止时间，记为逾时报送）",
    "report.no_task": "请先选择任务：发送 /report，或回复我关于某项任务的消息。",
    "report.field.status": "状态：{value}",
    "report.field.progress": "进度：{value}%",
    "report.field.indicator": "指标 {name}：{value}",
    "report.field.progress_text": "进展：{value}",
    "report.field.problems": "问题：{value}",
    "report.field.next_steps": "下步打算：{value}",
    "report.column.progress_text": "进展",
    "report.column.problems": "问题",
    "report.column.next_steps": "下步打算",
    "report.field.coordination": "需协调事项：{value}",
    "report.column.coordination": "需协调事项",
    "report.digest.coordination": "<b>需协调解决事项</b>",
    "report.field.attachment_kinds": "附件：{items}",
    "report.field.late": "⏱ 逾时",
    "report.field.status_carried": "状态：未变（沿用上次：{status}）",
    "report.unread.indicator_unit": "指标「{name}」的数值未能识别（单位应为 {unit}），"
    "已按文字保存；如需更正，请回复「{example}」。",
    "report.unread.indicator_value": "指标「{name}」的数值未能识别，已按文字保存；"
    "如需更正，请回复「{example}」。",
    "report.unread.indicator_unknown": "本任务没有指标「{name}」（本任务指标：{known}），"
    "已按文字保存；如需填报指标，请回复「{example}」。",
    "report.unread.indicator_ambiguous": "「{name}」可对应多个指标（{known}），已按文字保存；"
    "如需填报，请写明指标全称，如「{example}」。",
    "report.unread.indicator_none": "本任务未设指标，「{name}」已按文字保存。",
    "report.unread.progress": "进度「{value}」未能识别（应为 0 到 100 的整数）；"
    "如需更正，请回复「进度 60%」。",
    "report.unread.text_cut": "文字超过 {max} 字，只保存了前 {max} 字；完整材料请以文件发送。",
    "report.unread.attachments_cut": "每条反馈最多 {max} 个附件，另有 {dropped} 个未保存；"
    "请合并为一个文件发送。",
    "report.unread.more": "（另有 {count} 处未能识别，已按文字保存。）",
    "report.details_hint.indicators": "指标数值也可直接发送，如 {example}（或点 📊 按钮）。",
    "reply.which_task": "这条回复是关于哪一项任务的？请点选：",
    "reply.which_task_unasked": "这条消息是关于哪一项任务的？点选后即记入该任务的反馈"
    "（不是反馈可不必理会）：",
    "reply.gone": "这条回复已记录或已过期，请重新回复。",
}

EN: dict[str, str] = {
    "report.pick": "Which task do you report on?",
    "report.status_question": "How is it going this week?",
    "report.same_as_last": "↩️ Same as last time",
    "report.saved": "✅ Report recorded:",
    "report.amended": "✅ Report updated:",
    "report.progress_question": "About how far along is it?",
    "report.progress_custom": "✏️ Type another value",
    "report.progress_type": "Please type the progress (a whole number from 0 to 100):",
    "report.details_hint": "You can send text to add details "
    "(progress: … problems: … next: … coordination: …), "
    "or photos and files as evidence.",
    "report.finish": "✔️ Done",
    "report.indicator_button": "📊 Indicator: {name}",
    "report.indicator_type": "Please type the current value of “{name}”{unit}:",
    "report.indicator_unit": " (in {unit})",
    "report.finished": "✅ Report submitted, thank you! To add more, reply to my message about "
    "the task.",
    "report.reply_hint": "To add more, reply to this message.",
    "report.late_note": "(after this round's cutoff: recorded as late)",
    "report.no_task": "Choose a task first: send /report, or reply to my message about a task.",
    "report.field.status": "Status: {value}",
    "report.field.progress": "Progress: {value}%",
    "report.field.indicator": "Indicator {name}: {value}",
    "report.field.progress_text": "Progress: {value}",
    "report.field.problems": "Problems: {value}",
    "report.field.next_steps": "Next steps: {value}",
    "report.column.progress_text": "Progress made",
    "report.column.problems": "Problems",
    "report.column.next_steps": "Next steps",
    "report.field.coordination": "Needs coordination: {value}",
    "report.column.coordination": "Needs coordination",
    "report.digest.coordination": "<b>Matters needing coordination</b>",
    "report.field.attachment_kinds": "Attachments: {items}",
    "report.field.late": "⏱ late",
    "report.field.status_carried": "Status: unchanged (still {status} from last time)",
    "report.unread.indicator_unit": "The value for “{name}” was not understood (it is counted in "
    "{unit}) and was kept as text; to correct it, reply “{example}”.",
    "report.unread.indicator_value": "The value for “{name}” was not understood and was kept as "
    "text; to correct it, reply “{example}”.",
    "report.unread.indicator_unknown": "The task has no indicator “{name}” (its indicators: "
    "{known}); kept as text. To report an indicator, reply e.g. “{example}”.",
    "report.unread.indicator_ambiguous": "“{name}” could mean several indicators ({known}); kept "
    "as text. Please write the indicator's full name, e.g. “{example}”.",
    "report.unread.indicator_none": "The task has no indicators; “{name}” was kept as text.",
    "report.unread.progress": "The progress “{value}” was not understood (a whole number from 0 "
    "to 100); to correct it, reply “progress 60%”.",
    "report.unread.text_cut": "The text is longer than {max} characters: only the first {max} "
    "were kept. Please send full material as a file.",
    "report.unread.attachments_cut": "At most {max} attachments per report: {dropped} more were "
    "not kept. Please send them together as one file.",
    "report.unread.more": "({count} more {count:part was|parts were} not understood and kept as "
    "text.)",
    "report.details_hint.indicators": "Indicator values can be typed too, e.g. {example} "
    "(or tap 📊).",
    "reply.which_task": "Which task is this reply about? Tap one:",
    "reply.which_task_unasked": "Which task is this message about? Tap one to file it as a report "
    "on that task (ignore this if it is not a report):",
    "reply.gone": "That reply was already filed or has expired; please reply again.",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
