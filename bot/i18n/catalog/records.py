"""Texts of the record views: stale tasks, vague updates and the nudge, /history, /search and
/evidence (佐证材料)."""

from __future__ import annotations

HISTORY_EN = (
    "Usage: /history [filters…] [dates]\n"
    "Filters: a person's name, a unit, a section (or part of its name), a task's number or "
    "id; dates as 2026-11-01..2026-11-30, one day, or one month (2026-11).\n"
    "Without dates, the last {days} {days:day|days}. E.g. /history Zhang  /history Transport "
    "2026-11"
)
HISTORY_ZH = (
    "用法：/history [条件…] [日期范围]\n"
    "条件可写人员姓名、单位名称、板块名称（或其中的字，如「第二部分」）、任务序号或编号；"
    "日期范围写作 2026-11-01..2026-11-30，也可只写一天或一个月（2026-11）。\n"
    "不写日期时列出最近 {days} 天。例如：/history 张三　/history 县交通局 2026-11"
)
SEARCH_EN = (
    "Usage: /search word [word…]\n"
    "Tasks and updates containing every word (in Chinese, a few characters are enough). "
    "E.g. /search kindergarten"
)
SEARCH_ZH = (
    "用法：/search 字词 [字词…]\n"
    "列出标题、内容或反馈中同时含有各字词的任务和反馈（中文不需要空格，写其中几个字即可）。"
    "例如：/search 幼儿园　/search 资金 到位"
)

ZH: dict[str, str] = {
    "records.ledger.tasks_extra": "最近实质进展日期|停滞天数",
    "nudge.text": (
        "💡 感谢您对「{title}」的反馈，已如实记录。\n"
        "{reason}为便于督办室掌握实际进展，建议下次反馈写明具体数量、时间节点或已办成的事项。\n"
        "参考写法：{example}\n"
        "（此提示仅发给您本人，不影响本次反馈的记录。）"
    ),
    "nudge.reason.vague": "本次反馈未写明具体数量、时间或成果。",
    "nudge.reason.repeated": "本次反馈与上次内容基本相同。",
    "nudge.example.indicator": "{name}已完成 X{unit}，占目标 {target}{unit} 的 Y%；下步：……",
    "nudge.example.generic": (
        "本周完成 3 个村的摸底，占计划的 60%；存在问题：……；下步：月底前完成其余村。"
    ),
    "records.history.usage": HISTORY_ZH,
    "records.history.title": "共 {count} 条记录（{start} 至 {end}），新的在前：",
    "records.history.none": "{start} 至 {end} 没有符合条件的记录。",
    "records.history.line": "• {number}. {title}\n  {step}",
    "records.search.usage": SEARCH_ZH,
    "records.search.title": "找到任务 {tasks} 项、反馈 {updates} 条：",
    "records.search.none": "没有找到同时含有这些字词的任务或反馈。",
    "records.search.task_line": "📌 {number}. {title}",
    "records.search.update_line": "💬 {when} {who} · {number}. {title}\n  {text}",
    "records.evidence.usage": "用法：/evidence 任务序号或编号",
    "records.evidence.title": "📎「{title}」的佐证材料，共 {count} 件：",
    "records.evidence.none": "📎「{title}」尚无佐证材料（照片或文件）。",
    "records.evidence.line": "{n}. {kind} {who} · {when}（{source}）",
    "records.evidence.caption": "{n}. {who} · {when} · {source}",
    "records.evidence.source.report": "反馈",
    "records.evidence.source.closeout": "办结申请",
    "records.evidence.kind.photo": "照片",
    "records.evidence.kind.document": "文件",
    "records.evidence.kind.video": "视频",
}

EN: dict[str, str] = {
    "records.ledger.tasks_extra": "Last real change|Days without real change",
    "nudge.text": (
        "💡 Thank you for your update on “{title}”; it has been recorded as sent.\n"
        "{reason}To help the office follow the actual progress, next time please state "
        "numbers, dates or what has been achieved.\n"
        "For example: {example}\n"
        "(Only you receive this tip; your update is recorded either way.)"
    ),
    "nudge.reason.vague": "This update names no quantity, date or result. ",
    "nudge.reason.repeated": "This update is nearly the same as the previous one. ",
    "nudge.example.indicator": "{name}: X {unit} done, Y% of the target of {target} {unit}; "
    "next: …",
    "nudge.example.generic": (
        "Surveyed 3 of 5 villages this week (60%); problem: …; next: the other 2 by the 30th."
    ),
    "records.history.usage": HISTORY_EN,
    "records.history.title": "{count} steps ({start} to {end}), newest first:",
    "records.history.none": "No steps match between {start} and {end}.",
    "records.history.line": "• {number}. {title}\n  {step}",
    "records.search.usage": SEARCH_EN,
    "records.search.title": "{tasks} {tasks:task|tasks} and {updates} {updates:update|updates} "
    "found:",
    "records.search.none": "No task or update contains all these words.",
    "records.search.task_line": "📌 {number}. {title}",
    "records.search.update_line": "💬 {when} {who} · {number}. {title}\n  {text}",
    "records.evidence.usage": "Usage: /evidence task number or id",
    "records.evidence.title": "📎 Evidence for “{title}”: {count} {count:file|files}:",
    "records.evidence.none": "📎 No evidence (photos or files) for “{title}” yet.",
    "records.evidence.line": "{n}. {kind} {who} · {when} ({source})",
    "records.evidence.caption": "{n}. {who} · {when} · {source}",
    "records.evidence.source.report": "update",
    "records.evidence.source.closeout": "close-out",
    "records.evidence.kind.photo": "photo",
    "records.evidence.kind.document": "file",
    "records.evidence.kind.video": "video",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
