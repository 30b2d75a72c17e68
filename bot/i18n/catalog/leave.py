"""Leave (请假): registering and cancelling it."""

from __future__ import annotations

ZH: dict[str, str] = {
    # -- leave
    "leave.set": "🏖 已登记请假：{name}，{start} 至 {end}。期间不发送调度提醒和催办。",
    "leave.deputy": "期间由 {deputy} 代收调度提醒。",
    "leave.cancelled": "已取消 {name} 的请假（{count} 段）。",
    "leave.usage": "/leave 开始 结束（如 /leave 3月4日 3月8日）；"
    "督办员：/leave 姓名 开始 结束 [代理人]；/leave 取消 [姓名]",
}

EN: dict[str, str] = {
    "leave.set": "🏖 Leave recorded: {name}, {start} to {end}. "
    "No check-ins or reminders meanwhile.",
    "leave.deputy": "{deputy} receives the check-ins meanwhile.",
    "leave.cancelled": "Leave of {name} cancelled ({count}).",
    "leave.usage": "/leave from to (e.g. /leave 2024-03-04 2024-03-08); "
    "leads: /leave name from to [deputy]; /leave cancel [name]",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
