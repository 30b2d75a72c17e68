"""The names of the trail's (留痕) entries."""

from __future__ import annotations

ZH: dict[str, str] = {
    # -- history (audit actions)
    "audit.task.assigned": "交办",
    "audit.task.unassigned": "取消交办",
    "audit.task.acknowledged": "签收",
    "audit.task.reported": "反馈",
    "audit.task.report_edited": "修改反馈",
    "audit.task.closeout_requested": "申请办结",
    "audit.task.closeout_approved": "销号",
    "audit.task.closeout_returned": "退回",
    "audit.task.reminded": "催办",
    "audit.plan.updated": "计划修订",
    "audit.task.extension_requested": "申请延期",
    "audit.task.extension_approved": "批准延期",
    "audit.task.extension_refused": "不批准延期",
    "audit.task.instruction_created": "批示事项立项",
    "audit.task.leader_linked": "设置包联领导",
    "audit.task.escalated": "提请包联领导关注",
}

EN: dict[str, str] = {
    "audit.task.assigned": "assigned",
    "audit.task.unassigned": "unassigned",
    "audit.task.acknowledged": "acknowledged",
    "audit.task.reported": "reported",
    "audit.task.report_edited": "edited a report",
    "audit.task.closeout_requested": "asked to close",
    "audit.task.closeout_approved": "closed",
    "audit.task.closeout_returned": "returned",
    "audit.task.reminded": "reminded",
    "audit.plan.updated": "plan revised",
    "audit.task.extension_requested": "asked for more time",
    "audit.task.extension_approved": "extension approved",
    "audit.task.extension_refused": "extension refused",
    "audit.task.instruction_created": "task made from an instruction",
    "audit.task.leader_linked": "leader in charge set",
    "audit.task.escalated": "escalated to the leader in charge",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
