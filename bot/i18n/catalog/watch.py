"""Texts of 签收时限 (claim limit, 领办逾期), 包联领导 (/leader) and escalation on red."""

from __future__ import annotations

ZH: dict[str, str] = {
    "watch.span.days_hours": "{days}天{hours}小时",
    "watch.span.days": "{days}天",
    "watch.span.hours": "{hours}小时",
    "watch.claim": "✍️ {name}，以下 {count} 项交办任务已超过签收时限，尚未签收：",
    "watch.claim_line": "{task}\n   交办时间：{assigned}（{party}）",
    "watch.claim_hint": "请点「签收」确认领办；如有疑问，请与督查室联系。",
    "watch.claim_overdue": "⚠️ <b>领办逾期</b>：以下 {count} 项交办经提醒后仍未签收：",
    "watch.claim_overdue_line": "• {task}\n   {party}，交办时间 {assigned}，已超时限 {late}",
    "watch.claim_overdue_hint": "可发送 /unacked 查看全部未签收任务，或 /remind 姓名 催办。",
    "watch.escalation": "🔴 <b>提请关注</b>：{name}，您包联的以下任务已转为红灯，请予关注。",
    "watch.escalation_deputy": "（包联领导{leader}请假，由您代为知悉。）",
    "watch.escalation_no_answer": "各责任方尚无反馈。",
    "watch.escalation_hint": "发送 /task {id} 查看详情与办理过程。",
    "leader.none": "包联领导：未设置",
    "leader.line": "包联领导：{name}",
    "leader.line_section": "包联领导：{name}（按所属板块）",
    "leader.unmatched": "（尚未在名单中，请添加该领导）",
    "leader.set": "✅ 已设置 {target} 的包联领导：{name}。任务转为红灯时将提请其关注。",
    "leader.set_unmatched": "✅ 已设置 {target} 的包联领导：{name}。该领导尚未在名单中，"
    "以姓名记录；添加为领导并加入后即提请其关注。",
    "leader.cleared": "✅ 已清除 {target} 的包联领导。",
    "leader.list_empty": "尚未设置包联领导。发送 /leader 编号或板块 姓名 设置。",
    "leader.list_title": "<b>包联领导</b>（{count} 项）：",
    "leader.usage": "设置：/leader 编号或板块 姓名；清除：/leader 编号或板块 -。"
    "任务本身的设置优先于所属板块。",
    "leader.unmatched_import": "计划所列责任领导中，以下尚未在名单中：{names}。"
    "请添加为领导，或发送 /leader 查看、调整。",
    "watch.ledger_header": "包联领导|交办时间|签收时间（签收人）|领办逾期",
    "watch.ledger_by": "（{name}）",
    "watch.ledger_overdue": "{party}：超时限 {late} 未签收",
}

EN: dict[str, str] = {
    "watch.span.days_hours": "{days} d {hours} h",
    "watch.span.days": "{days} d",
    "watch.span.hours": "{hours} h",
    "watch.claim": "✍️ {name}, {count} assigned {count:task has|tasks have} passed the claim limit "
    "and {count:is|are} not acknowledged yet:",
    "watch.claim_line": "{task}\n   Assigned: {assigned} ({party})",
    "watch.claim_hint": "Press Acknowledge to confirm you have taken it on; if in doubt, "
    "contact the supervision office.",
    "watch.claim_overdue": "⚠️ <b>Claim overdue</b>: {count} {count:assignment|assignments} still "
    "not "
    "acknowledged after a reminder:",
    "watch.claim_overdue_line": "• {task}\n   {party}, assigned {assigned}, {late} past the limit",
    "watch.claim_overdue_hint": "Send /unacked for every unacknowledged task, or /remind "
    "name to chase.",
    "watch.escalation": "🔴 <b>For your attention</b>: {name}, this task you are in charge "
    "of turned red.",
    "watch.escalation_deputy": "(Its leader in charge, {leader}, is on leave; you are told "
    "in their place.)",
    "watch.escalation_no_answer": "No party has answered yet.",
    "watch.escalation_hint": "Send /task {id} for details and history.",
    "leader.none": "Leader in charge: not set",
    "leader.line": "Leader in charge: {name}",
    "leader.line_section": "Leader in charge: {name} (through its section)",
    "leader.unmatched": " (not in the roster yet: add this leader)",
    "leader.set": "✅ Leader in charge of {target}: {name}. They are told when it turns red.",
    "leader.set_unmatched": "✅ Leader in charge of {target}: {name}. Not in the roster "
    "yet, kept by name; told once added as a leader and joined.",
    "leader.cleared": "✅ Leader in charge of {target} cleared.",
    "leader.list_empty": "No leader in charge is set. Send /leader task-or-section name.",
    "leader.list_title": "<b>Leaders in charge</b> ({count}):",
    "leader.usage": "Set: /leader task-or-section name; clear: /leader task-or-section -. "
    "A task's own setting overrides its section's.",
    "leader.unmatched_import": "Leaders named by the plan and not in the roster yet: "
    "{names}. Add them as leaders, or send /leader to review.",
    "watch.ledger_header": "Leader in charge|Assigned|Acknowledged (by)|Claim overdue",
    "watch.ledger_by": " ({name})",
    "watch.ledger_overdue": "{party}: not acknowledged, {late} past the limit",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
