"""Texts of the weekly digest, the monthly review, the ledger and the scheduler's notices.

Arguments that come from users or documents (names, titles, problems) arrive HTML-escaped.
"""

from __future__ import annotations

ZH: dict[str, str] = {
    "rhythm.date": "{year}年{month}月{day}日",
    "rhythm.datetime": "{year}年{month}月{day}日 {time}",
    "rhythm.percent": "{value}%",
    "rhythm.none": "无",
    "rhythm.no_number": "未填",
    "rhythm.list_sep": "、",
    "rhythm.no_unit": "未分配单位",
    "rhythm.no_section": "其他",
    "rhythm.light.red": "红灯",
    "rhythm.light.yellow": "黄灯",
    "rhythm.light.green": "绿灯",
    "rhythm.light.closed": "已销号",
    "rhythm.reason.blocked": "受阻",
    "rhythm.reason.overdue": "已逾期",
    "rhythm.reason.far_behind": "严重滞后于序时进度",
    "rhythm.reason.behind": "报告滞后",
    "rhythm.reason.due_soon": "临近期限",
    "rhythm.reason.silent": "连续未反馈",
    "rhythm.reason.lagging": "落后于序时进度",
    "rhythm.reason.awaiting_closeout": "待销号",
    "rhythm.reason.closed": "已销号",
    "rhythm.status.on_track": "正常推进",
    "rhythm.status.done": "已完成",
    "rhythm.status.behind": "滞后",
    "rhythm.status.blocked": "受阻",
    "rhythm.status.none": "未反馈",
    "rhythm.closeout.pending": "待销号",
    "rhythm.closeout.approved": "已销号",
    "rhythm.closeout.returned": "已退回",
    "rhythm.closeout.none": "",
    "rhythm.digest.title": "📋 <b>周调度通报｜{team}</b>",
    "rhythm.digest.period": "本周期 {start} 起，{cutoff} 截止。",
    "rhythm.digest.not_opened": "⚠️ 本周期未发出调度提醒（机器人当时停机或已暂停），无反馈数据。",
    "rhythm.digest.responses": "<b>反馈情况</b>",
    "rhythm.digest.counts": (
        "应报 {prompted} 人：按时反馈 {reported} 人，逾时反馈 {late} 人，未反馈 {not_yet} 人，"
        "请假 {on_leave} 人，无法送达 {unreachable} 人。"
    ),
    "rhythm.digest.nobody": "⚠️ <b>本周期无人反馈。</b>",
    "rhythm.digest.units": "<b>各单位反馈率</b>",
    "rhythm.digest.unit_line": "• {unit}：{responded}/{prompted}（{rate}%）",
    "rhythm.digest.sections": "<b>各板块进度</b>",
    "rhythm.digest.section_line": (
        "• {section}：平均进度 {progress}，序时进度 {expected}%　{lights}"
    ),
    "rhythm.digest.troubled": "<b>受阻、滞后事项</b>",
    "rhythm.digest.task_line": (
        "{icon} <b>{title}</b>（{units}）{reasons}；进度 {progress}，序时 {expected}%"
    ),
    "rhythm.digest.problems": "　问题：{problems}",
    "rhythm.digest.overdue": "<b>逾期未完成</b>",
    "rhythm.digest.deadline_line": "• {title}（{units}，期限 {deadline}）",
    "rhythm.digest.awaiting": "<b>待销号</b>",
    "rhythm.digest.plain_line": "• {title}（{units}）",
    "rhythm.digest.late": "<b>逾时反馈（上一周期）</b>",
    "rhythm.digest.late_line": "• {author}：{title}（{at}）",
    "rhythm.digest.non_responders": "<b>未反馈人员</b>：{names}",
    "rhythm.digest.non_responders_hidden": "未反馈 {count} 人，名单已报督办员。",
    "rhythm.review.title": "📊 <b>{year}年{month}月工作研判｜{team}</b>",
    "rhythm.review.overview": (
        "共 {tasks} 项任务：🔴 {red}　🟡 {yellow}　🟢 {green}　✅ {closed}。"
        "本月反馈 {reports} 次，反馈率 {rate}%。"
    ),
    "rhythm.review.sections": "<b>各板块</b>",
    "rhythm.review.section_line": (
        "• {section}：进度 {progress}（较上月 {change}），序时 {expected}%，本月反馈 {reports} 次"
    ),
    "rhythm.review.units": "<b>各单位</b>",
    "rhythm.review.unit_line": (
        "• {unit}：本月反馈 {reports} 次，反馈率 {rate}%，进度 {progress}（较上月 {change}）"
    ),
    "rhythm.review.changes": "<b>灯色变化（较上月末）</b>",
    "rhythm.review.change_line": "• {title}：{before} → {after}",
    "rhythm.review.no_changes": "本月无灯色变化。",
    "rhythm.review.red": "<b>红灯事项</b>",
    "rhythm.review.red_line": "🔴 <b>{title}</b>（{units}）{reasons}",
    "rhythm.review.chart_title": "{year}年{month}月各板块进度与序时进度",
    "rhythm.review.chart_progress": "本月进度",
    "rhythm.review.chart_previous": "上月进度",
    "rhythm.review.chart_expected": "序时进度",
    "rhythm.review.chart_axis": "进度（%）",
    "rhythm.review.change_up": "+{value}",
    "rhythm.review.change_down": "−{value}",
    "rhythm.review.change_none": "—",
    "rhythm.notice.calendar_fallback": (
        "⚠️ 日历未收录 {year} 年的法定节假日，调度按周末休息安排"
        "（已读取管理员假日文件 {days} 天）。"
        "请管理员补充 {year} 年的假日文件。"
    ),
    "rhythm.notice.missed": "⚠️ 机器人停机期间错过了 {what}（原定 {at}），已跳过。",
    "rhythm.notice.missed_many": "⚠️ 机器人停机期间错过了以下 {count} 项安排，均已跳过：",
    "rhythm.notice.missed_line": "• {what}（原定 {at}）",
    "rhythm.event.prompt": "周调度提醒",
    "rhythm.event.digest": "周调度通报",
    "rhythm.event.review": "月度研判",
    "rhythm.event.reminder": "催办提醒",
    "rhythm.event.cutoff": "截止处理",
    "rhythm.ledger.sheet_tasks": "台账",
    "rhythm.ledger.sheet_reports": "反馈记录",
    "rhythm.ledger.tasks_header": (
        "序号|板块|任务|牵头单位|配合单位|责任人|完成时限|最新状态|最新反馈日期|进度（%）|"
        "序时进度（%）|灯色|销号状态"
    ),
    "rhythm.ledger.reports_header": (
        "日期|任务|填报人|代报对象|状态|进度（%）|指标|进展|问题|下步打算|逾时|附件数"
    ),
    "rhythm.ledger.late_yes": "是",
    "rhythm.ledger.late_no": "否",
    "rhythm.ledger.print_title": "{team}重点工作督办台账（{date}）",
    "rhythm.ledger.page_footer": "第 &P 页，共 &N 页",
}

EN: dict[str, str] = {
    "rhythm.date": "{year}-{month:02d}-{day:02d}",
    "rhythm.datetime": "{year}-{month:02d}-{day:02d} {time}",
    "rhythm.percent": "{value}%",
    "rhythm.none": "none",
    "rhythm.no_number": "n/a",
    "rhythm.list_sep": ", ",
    "rhythm.no_unit": "No unit",
    "rhythm.no_section": "Other",
    "rhythm.light.red": "red",
    "rhythm.light.yellow": "yellow",
    "rhythm.light.green": "green",
    "rhythm.light.closed": "closed",
    "rhythm.reason.blocked": "blocked",
    "rhythm.reason.overdue": "overdue",
    "rhythm.reason.far_behind": "far behind schedule",
    "rhythm.reason.behind": "reported behind",
    "rhythm.reason.due_soon": "deadline near",
    "rhythm.reason.silent": "no recent report",
    "rhythm.reason.lagging": "behind schedule",
    "rhythm.reason.awaiting_closeout": "awaiting close-out",
    "rhythm.reason.closed": "closed",
    "rhythm.status.on_track": "on track",
    "rhythm.status.done": "done",
    "rhythm.status.behind": "behind",
    "rhythm.status.blocked": "blocked",
    "rhythm.status.none": "no report",
    "rhythm.closeout.pending": "awaiting close-out",
    "rhythm.closeout.approved": "closed",
    "rhythm.closeout.returned": "returned",
    "rhythm.closeout.none": "",
    "rhythm.digest.title": "📋 <b>Weekly digest · {team}</b>",
    "rhythm.digest.period": "Cycle from {start}, replies due {cutoff}.",
    "rhythm.digest.not_opened": (
        "⚠️ No prompts went out this cycle (the bot was down or paused), so there are no replies."
    ),
    "rhythm.digest.responses": "<b>Replies</b>",
    "rhythm.digest.counts": (
        "{prompted} asked: {reported} replied on time, {late} late, {not_yet} not yet, "
        "{on_leave} on leave, {unreachable} unreachable."
    ),
    "rhythm.digest.nobody": "⚠️ <b>Nobody has reported this cycle.</b>",
    "rhythm.digest.units": "<b>Response rate by unit</b>",
    "rhythm.digest.unit_line": "• {unit}: {responded}/{prompted} ({rate}%)",
    "rhythm.digest.sections": "<b>Progress by section</b>",
    "rhythm.digest.section_line": (
        "• {section}: average progress {progress}, expected {expected}%  {lights}"
    ),
    "rhythm.digest.troubled": "<b>Blocked or behind</b>",
    "rhythm.digest.task_line": (
        "{icon} <b>{title}</b> ({units}) {reasons}; progress {progress}, expected {expected}%"
    ),
    "rhythm.digest.problems": "  Problems: {problems}",
    "rhythm.digest.overdue": "<b>Overdue</b>",
    "rhythm.digest.deadline_line": "• {title} ({units}, due {deadline})",
    "rhythm.digest.awaiting": "<b>Awaiting close-out</b>",
    "rhythm.digest.plain_line": "• {title} ({units})",
    "rhythm.digest.late": "<b>Late replies (previous cycle)</b>",
    "rhythm.digest.late_line": "• {author}: {title} ({at})",
    "rhythm.digest.non_responders": "<b>Not replied</b>: {names}",
    "rhythm.digest.non_responders_hidden": "{count} not replied; the leads have the names.",
    "rhythm.review.title": "📊 <b>Monthly review {year}-{month:02d} · {team}</b>",
    "rhythm.review.overview": (
        "{tasks} tasks: 🔴 {red}  🟡 {yellow}  🟢 {green}  ✅ {closed}. "
        "{reports} reports this month, response rate {rate}%."
    ),
    "rhythm.review.sections": "<b>Sections</b>",
    "rhythm.review.section_line": (
        "• {section}: progress {progress} ({change} on last month), expected {expected}%, "
        "{reports} reports"
    ),
    "rhythm.review.units": "<b>Units</b>",
    "rhythm.review.unit_line": (
        "• {unit}: {reports} reports, response rate {rate}%, progress {progress} ({change})"
    ),
    "rhythm.review.changes": "<b>Colour changes since last month</b>",
    "rhythm.review.change_line": "• {title}: {before} → {after}",
    "rhythm.review.no_changes": "No colour changed this month.",
    "rhythm.review.red": "<b>Red tasks</b>",
    "rhythm.review.red_line": "🔴 <b>{title}</b> ({units}) {reasons}",
    "rhythm.review.chart_title": "Progress by section, {year}-{month:02d}",
    "rhythm.review.chart_progress": "This month",
    "rhythm.review.chart_previous": "Last month",
    "rhythm.review.chart_expected": "Expected",
    "rhythm.review.chart_axis": "Progress (%)",
    "rhythm.review.change_up": "+{value}",
    "rhythm.review.change_down": "−{value}",
    "rhythm.review.change_none": "—",
    "rhythm.notice.calendar_fallback": (
        "⚠️ The calendar has no official holidays for {year}; weekends are used "
        "({days} days from the admin's holiday file). Please ask the admin to add {year}."
    ),
    "rhythm.notice.missed": "⚠️ While the bot was down it missed the {what} due {at}; skipped.",
    "rhythm.notice.missed_many": "⚠️ While the bot was down it missed these {count}; all "
    "skipped:",
    "rhythm.notice.missed_line": "• the {what} due {at}",
    "rhythm.event.prompt": "weekly prompt",
    "rhythm.event.digest": "weekly digest",
    "rhythm.event.review": "monthly review",
    "rhythm.event.reminder": "reminder",
    "rhythm.event.cutoff": "cutoff",
    "rhythm.ledger.sheet_tasks": "Ledger",
    "rhythm.ledger.sheet_reports": "Reports",
    "rhythm.ledger.tasks_header": (
        "No.|Section|Task|Lead units|Co-units|People|Deadline|Latest status|Latest report|"
        "Progress (%)|Expected (%)|Light|Close-out"
    ),
    "rhythm.ledger.reports_header": (
        "Date|Task|Author|On behalf of|Status|Progress (%)|Indicators|Progress made|Problems|"
        "Next steps|Late|Attachments"
    ),
    "rhythm.ledger.late_yes": "yes",
    "rhythm.ledger.late_no": "no",
    "rhythm.ledger.print_title": "{team}: supervision ledger ({date})",
    "rhythm.ledger.page_footer": "Page &P of &N",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
