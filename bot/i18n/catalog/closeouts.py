"""Close-out (申请办结、销号、退回): the request, its evidence and the decision."""

from __future__ import annotations

ZH: dict[str, str] = {
    # -- close-out
    "closeout.ask_evidence": "请发送办结佐证：文字说明、照片或文件均可，可分多条发送；"
    "全部发完后点「提交办结申请」。",
    "closeout.gathered": "已收到办结佐证 {count} 项。",
    "closeout.gathered_texts": "文字说明 {count} 条",
    "closeout.more_or_submit": "还可继续发送文字、照片或文件；全部发完后请点「提交办结申请」。",
    "closeout.submit": "📤 提交办结申请",
    "closeout.cancel": "✖️ 取消",
    "closeout.cancelled": "已取消本次办结申请，所发材料未提交。",
    "closeout.amended": "✏️ 申请人修改了办结佐证：",
    "closeout.amend_done": "✏️ 已更新办结佐证，等待督办员审核。",
    "closeout.evidence_count": "佐证材料共 {count} 项：",
    "closeout.items_sent": "共提交佐证材料 {count} 项。",
    "closeout.item": "{n}. {name} {at}：{what}",
    "closeout.item.photo": "照片（见下）",
    "closeout.item.document": "文件（见下）",
    "closeout.item.video": "视频（见下）",
    "closeout.requested": "📨 已提交办结申请，等待督办员审核。",
    "closeout.unheard": "⚠️ 办结申请已登记，但目前无法通知到任何督办员（督办员均未能收到本机器人"
    "的消息）。申请不会丢失：督办员发送 /closeouts 可随时查看并审核，下一期周调度通报也会将本任务"
    "列入“待销号”。如事项紧急，请直接与督办员联系。",
    "closeout.none_pending": "目前没有待审核的办结申请。",
    "closeout.pending_count": "待审核的办结申请共 {count} 项，逐项列出如下：",
    "closeout.review_title": "🏁 {name} 申请办结销号：",
    "closeout.for_principal": "{name}（代 {principal}）",
    "closeout.requested_by": "申请人：{name}",
    "closeout.evidence": "佐证：{text}",
    "closeout.approve": "✅ 同意销号",
    "closeout.return": "↩️ 退回",
    "closeout.ask_reason": "请输入退回理由：",
    "closeout.approved": "✅ 已销号。",
    "closeout.returned": "↩️ 办结申请已退回。理由：{reason}",
}

EN: dict[str, str] = {
    "closeout.ask_evidence": "Please send evidence that it is finished: text, photos or files, "
    "in as many messages as you need; then tap “Submit”.",
    "closeout.gathered": "Evidence received: {count} {count:item|items}.",
    "closeout.gathered_texts": "Texts: {count}",
    "closeout.more_or_submit": "You can send more text, photos or files; when done, tap “Submit”.",
    "closeout.submit": "📤 Submit",
    "closeout.cancel": "✖️ Cancel",
    "closeout.cancelled": "Close-out request cancelled; nothing was submitted.",
    "closeout.amended": "✏️ The requester edited the evidence:",
    "closeout.amend_done": "✏️ Evidence updated; waiting for the lead's decision.",
    "closeout.evidence_count": "Evidence, {count} {count:item|items}:",
    "closeout.items_sent": "{count} {count:item|items} of evidence submitted.",
    "closeout.item": "{n}. {name} {at}: {what}",
    "closeout.item.photo": "photo (below)",
    "closeout.item.document": "file (below)",
    "closeout.item.video": "video (below)",
    "closeout.requested": "📨 Close-out requested; waiting for the lead's decision.",
    "closeout.unheard": "⚠️ The close-out request is recorded, but no lead could be told of it "
    "yet (none of them can receive the bot's messages). It is not lost: a lead sees it and can "
    "decide it with /closeouts at any time, and the next weekly digest lists the task under "
    "“待销号” (awaiting close-out). If it is urgent, contact a lead directly.",
    "closeout.none_pending": "No close-out requests are waiting for a decision.",
    "closeout.pending_count": "{count} close-out requests are waiting for a decision:",
    "closeout.review_title": "🏁 {name} asks to close this task:",
    "closeout.for_principal": "{name} (for {principal})",
    "closeout.requested_by": "Requested by: {name}",
    "closeout.evidence": "Evidence: {text}",
    "closeout.approve": "✅ Approve",
    "closeout.return": "↩️ Return",
    "closeout.ask_reason": "Please type the reason for returning it:",
    "closeout.approved": "✅ Closed.",
    "closeout.returned": "↩️ The close-out request was returned. Reason: {reason}",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
