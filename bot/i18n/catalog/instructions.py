"""Tasks made from a leader's instruction (批示) or a meeting decision (会议决定事项), and
the marks of a task's source."""

from __future__ import annotations

ZH: dict[str, str] = {
    "source.plan": "工作计划",
    "source.instruction": "领导批示",
    "source.meeting": "会议决定事项",
    "source.mark.instruction": "【批示】",
    "source.mark.meeting": "【会议】",
    "instruction.ask.instruction": "请输入或转发领导批示的内容，可附批示件照片。"
    "可另起一行写明：批示人：李书记；日期：3月5日；时限：6月30日；标题：…",
    "instruction.ask.meeting": "请输入或转发会议决定事项，可附会议纪要照片。"
    "可另起一行写明：会议：县政府第12次常务会议；日期：3月5日；时限：6月30日；标题：…",
    "instruction.draft.instruction": "📝 <b>领导批示事项</b>（待立项）",
    "instruction.draft.meeting": "📝 <b>会议决定事项</b>（待立项）",
    "instruction.title": "事项：{title}",
    "instruction.deadline": "完成时限：{deadline}",
    "instruction.no_deadline": "未写明（可补充一行「时限：6月30日」）",
    "instruction.photo": "附件：批示件 1 份",
    "instruction.text": "原文：{text}",
    "instruction.more_or_create": "可继续补充（如「批示人：…」「时限：…」或照片）；"
    "核对无误后请点「立项」。",
    "instruction.create": "✅ 立项",
    "instruction.cancel": "✖️ 取消",
    "instruction.cancelled": "已取消，未立项。",
    "instruction.created.instruction": "✅ 领导批示事项已立项。",
    "instruction.created.meeting": "✅ 会议决定事项已立项。",
    "instruction.followed": "纳入周调度、通报、研判和台账，与工作计划任务一样跟踪。",
    "instruction.assign_hint": "请交办：点下方按钮选择承办单位或人员，"
    "或发送 /assign {id} 单位名称。",
    "instruction.source": "来源：{source}",
    "instruction.meeting": "会议：{meeting}",
    "instruction.given_by.instruction": "批示人：{name}",
    "instruction.given_by.meeting": "主持人：{name}",
    "instruction.given_at.instruction": "批示日期：{date}",
    "instruction.given_at.meeting": "会议日期：{date}",
}

EN: dict[str, str] = {
    "source.plan": "Work plan",
    "source.instruction": "Leader's instruction",
    "source.meeting": "Meeting decision",
    "source.mark.instruction": "[Instruction] ",
    "source.mark.meeting": "[Meeting] ",
    "instruction.ask.instruction": "Please type or forward the leader's instruction; a photo "
    "of the signed page may follow. Lines such as By: Secretary Li; Date: 3/5; "
    "Deadline: 6/30; Title: … set those fields.",
    "instruction.ask.meeting": "Please type or forward the meeting decision; a photo of the "
    "minutes may follow. Lines such as Meeting: County executive meeting no. 12; Date: 3/5; "
    "Deadline: 6/30; Title: … set those fields.",
    "instruction.draft.instruction": "📝 <b>Leader's instruction</b> (not yet a task)",
    "instruction.draft.meeting": "📝 <b>Meeting decision</b> (not yet a task)",
    "instruction.title": "Task: {title}",
    "instruction.deadline": "Deadline: {deadline}",
    "instruction.no_deadline": "none given (add a line “Deadline: 6/30”)",
    "instruction.photo": "Attached: the signed page",
    "instruction.text": "Text: {text}",
    "instruction.more_or_create": "You can add more (By: …, Deadline: …, or a photo); when "
    "it is right, tap “Create task”.",
    "instruction.create": "✅ Create task",
    "instruction.cancel": "✖️ Cancel",
    "instruction.cancelled": "Cancelled; no task was made.",
    "instruction.created.instruction": "✅ The instruction is now a task.",
    "instruction.created.meeting": "✅ The meeting decision is now a task.",
    "instruction.followed": "It is followed like the plan's tasks: weekly prompts, the "
    "digest, the review and the ledger.",
    "instruction.assign_hint": "Assign it: pick a unit or a person below, or send "
    "/assign {id} unit.",
    "instruction.source": "Source: {source}",
    "instruction.meeting": "Meeting: {meeting}",
    "instruction.given_by.instruction": "Given by: {name}",
    "instruction.given_by.meeting": "Chaired by: {name}",
    "instruction.given_at.instruction": "Given on: {date}",
    "instruction.given_at.meeting": "Held on: {date}",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
