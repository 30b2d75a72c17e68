"""Deadline extensions (延期申请): the request, the decision and the notices."""

from __future__ import annotations

ZH: dict[str, str] = {
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
    "extension.unheard": "⚠️ 延期申请已登记，但目前无法通知到任何督办员（督办员均未能收到本机器人的"
    "消息）。申请不会丢失：督办员发送 /extensions 可随时查看并审批，下一期周调度通报（督办员版）"
    "也会列出待审批的延期申请。如事项紧急，请直接与督办员联系。",
    "extension.none_pending": "目前没有待审批的延期申请。",
    "extension.pending_count": "待审批的延期申请共 {count} 项，逐项列出如下：",
    "extension.review_title": "⏳ {name} 申请延期：",
    "extension.approve": "✅ 批准延期",
    "extension.refuse": "↩️ 不批准",
    "extension.ask_reason": "请输入不批准的理由：",
    "extension.approved": "✅ 延期申请已批准：完成时限调整为 {deadline}\n"
    "（原定时限 {original}，第 {count} 次延期），序时进度按新时限计算。",
    "extension.refused": "↩️ 延期申请未获批准，仍按原时限办理。理由：{reason}",
    "extensions.ledger.tasks_extra": "原定时限|延期次数|来源",
}

EN: dict[str, str] = {
    "extension.none": "none set",
    "extension.current": "Current deadline: {deadline}",
    "extension.asked": "Asked for: {deadline}",
    "extension.reason": "Reason: {reason}",
    "extension.ask": "Please reply with the new deadline and the reason, e.g. 2027-03-31 "
    "equipment delivered late. The date may be 2027-03-31, 3月31日 or 3/31.",
    "extension.evidence_count": "Evidence: {count} {count:item|items}.",
    "extension.more_or_submit": "You can send photos or files as evidence; when it is right, "
    "tap “Submit request”.",
    "extension.submit": "📤 Submit request",
    "extension.cancel": "✖️ Cancel",
    "extension.cancelled": "Extension request cancelled; nothing was submitted.",
    "extension.requested": "📨 Extension requested (to {deadline}); waiting for the lead's "
    "decision.",
    "extension.unheard": "⚠️ The extension request is recorded, but no lead could be told of it "
    "yet (none of them can receive the bot's messages). It is not lost: a lead sees it and can "
    "decide it with /extensions at any time, and the leads' next weekly digest lists the "
    "extension requests awaiting a decision. If it is urgent, contact a lead directly.",
    "extension.none_pending": "No extension requests are waiting for a decision.",
    "extension.pending_count": "{count} extension requests are waiting for a decision:",
    "extension.review_title": "⏳ {name} asks for more time:",
    "extension.approve": "✅ Approve",
    "extension.refuse": "↩️ Refuse",
    "extension.ask_reason": "Please type the reason for refusing it:",
    "extension.approved": "✅ Extension approved, new deadline {deadline}\n(originally "
    "{original}; extension no. {count}). Expected progress follows it.",
    "extension.refused": "↩️ Extension refused; the deadline stands. Reason: {reason}",
    "extensions.ledger.tasks_extra": "Original deadline|Extensions|Source",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
