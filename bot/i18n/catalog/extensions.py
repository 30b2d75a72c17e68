"""Texts of deadline extensions (延期申请) and of tasks made from a leader's instruction (批示)
or a meeting decision (会议决定事项)."""

from __future__ import annotations

ZH: dict[str, str] = {
    "cmd.extend": "申请延期：/extend 编号 新时限 理由，如 /extend 3 2027-03-31 设备到货推迟",
    "task.extend_button": "⏳ 申请延期",
    "extension.none": "未定",
    "extension.current": "现时限：{deadline}",
    "extension.asked": "申请延至：{deadline}",
    "extension.reason": "延期理由：{reason}",
    "extension.ask": "请回复新的完成时限和延期理由，如：2027-03-31 设备到货推迟。"
    "时限可写 2027-03-31、3月31日 或 3/31。",
    "extension.evidence_count": "佐证材料 {count} 项。",
    "extension.more_or_submit": "如有佐证，可继续发送照片或文件；确认无误后请点「提交延期申请」。",
    "extension.submit": "📤 提交延期申请",
    "extension.cancel": "✖️ 取消",
    "extension.cancelled": "已取消本次延期申请，未提交。",
    "extension.requested": "📨 已提交延期申请（申请延至 {deadline}），等待督办员审批。",
    "extension.review_title": "⏳ {name} 申请延期：",
    "extension.approve": "✅ 批准延期",
    "extension.refuse": "↩️ 不批准",
    "extension.ask_reason": "请输入不批准的理由：",
    "extension.approved": "✅ 延期申请已批准：完成时限调整为 {deadline}\n"
    "（原定时限 {original}，第 {count} 次延期），序时进度按新时限计算。",
    "extension.refused": "↩️ 延期申请未获批准，仍按原时限办理。理由：{reason}",
    "task.deadlines": "⏰ 原定时限：{original}；现时限：{current}（延期 {count} 次）",
    "task.extension_pending": "⏳ 延期申请待审批：申请延至 {deadline}",
    "audit.task.extension_requested": "申请延期",
    "audit.task.extension_approved": "批准延期",
    "audit.task.extension_refused": "不批准延期",
    "audit.task.instruction_created": "批示事项立项",
    "task.history.deadline": "（至 {deadline}）",
    "extensions.ledger.tasks_extra": "原定时限|延期次数|来源",
    "source.plan": "工作计划",
    "source.instruction": "领导批示",
    "source.meeting": "会议决定事项",
    "source.mark.instruction": "【批示】",
    "source.mark.meeting": "【会议】",
    "digest.extensions": "<b>延期申请待审批</b>",
    "digest.extension_line": "• {title}（{owners}；现时限 {current}，申请延至 {asked}）",
    "review.decisions": "<b>六、会议决定事项落实情况</b>",
    "review.decision_line": "{light}｜<b>{title}</b>（{owners}）{status}，进度 {progress}",
}

EN: dict[str, str] = {
    "cmd.extend": "Ask for more time: /extend id new-deadline reason, e.g. /extend 3 2027-03-31 "
    "equipment delivered late",
    "task.extend_button": "⏳ Ask for more time",
    "extension.none": "none set",
    "extension.current": "Current deadline: {deadline}",
    "extension.asked": "Asked for: {deadline}",
    "extension.reason": "Reason: {reason}",
    "extension.ask": "Please reply with the new deadline and the reason, e.g. 2027-03-31 "
    "equipment delivered late. The date may be 2027-03-31, 3月31日 or 3/31.",
    "extension.evidence_count": "Evidence: {count} item(s).",
    "extension.more_or_submit": "You can send photos or files as evidence; when it is right, "
    "tap “Submit request”.",
    "extension.submit": "📤 Submit request",
    "extension.cancel": "✖️ Cancel",
    "extension.cancelled": "Extension request cancelled; nothing was submitted.",
    "extension.requested": "📨 Extension requested (to {deadline}); waiting for the lead's "
    "decision.",
    "extension.review_title": "⏳ {name} asks for more time:",
    "extension.approve": "✅ Approve",
    "extension.refuse": "↩️ Refuse",
    "extension.ask_reason": "Please type the reason for refusing it:",
    "extension.approved": "✅ Extension approved, new deadline {deadline}\n(originally "
    "{original}; extension no. {count}). Expected progress follows it.",
    "extension.refused": "↩️ Extension refused; the deadline stands. Reason: {reason}",
    "task.deadlines": "⏰ Original deadline: {original}; current deadline: {current} "
    "(extended {count}×)",
    "task.extension_pending": "⏳ Extension requested, awaiting decision: to {deadline}",
    "audit.task.extension_requested": "asked for more time",
    "audit.task.extension_approved": "extension approved",
    "audit.task.extension_refused": "extension refused",
    "audit.task.instruction_created": "task made from an instruction",
    "task.history.deadline": " (to {deadline})",
    "extensions.ledger.tasks_extra": "Original deadline|Extensions|Source",
    "source.plan": "Work plan",
    "source.instruction": "Leader's instruction",
    "source.meeting": "Meeting decision",
    "source.mark.instruction": "[Instruction] ",
    "source.mark.meeting": "[Meeting] ",
    "digest.extensions": "<b>Extension requests awaiting decision</b>",
    "digest.extension_line": "• {title} ({owners}; deadline {current}, asked {asked})",
    "review.decisions": "<b>6. Meeting decisions and their follow-up</b>",
    "review.decision_line": "{light} | <b>{title}</b> ({owners}) {status}, progress {progress}",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}

ZH.update(
    {
        "cmd.instruction": "领导批示立项：/instruction，再输入或转发批示内容",
        "cmd.decision": "会议决定事项立项：/decision，再输入或转发决定事项",
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
)
EN.update(
    {
        "cmd.instruction": "Make a task of a leader's instruction: /instruction, then type or "
        "forward it",
        "cmd.decision": "Make a task of a meeting decision: /decision, then type or forward it",
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
)

ZH.update(
    {
        "demo.step.instruction": "领导批示立项交办",
        "demo.step.extension": "延期申请：批准",
        "demo.say.instruction": "批示人：王书记\n时限：9月30日\n标题：高标准农田建设前期工作\n"
        "请县农业农村局牵头，抓紧做好高标准农田建设项目前期工作，确保9月底前开工。",
        "demo.say.extension": "2025-03-31 项目用地报批尚需省厅审批，预计明年一季度完成",
        "demo.moment.instruction": "批示立项",
        "demo.word.instruction": "高标准农田",
        "demo.moment.extension": "延期批准",
    }
)
EN.update(
    {
        "demo.step.instruction": "A leader's instruction made a task",
        "demo.step.extension": "Extension: approved",
        "demo.say.instruction": "By: Secretary Wang\nDeadline: 9/30\nTitle: Groundwork for the "
        "farmland project\nThe county agriculture bureau is to lead the groundwork for the "
        "high-standard farmland project, so that building starts by the end of September.",
        "demo.say.extension": "2025-03-31 the land approval still waits for the province, "
        "expected in the first quarter",
        "demo.moment.instruction": "instruction made a task",
        "demo.word.instruction": "farmland",
        "demo.moment.extension": "extension approved",
    }
)
