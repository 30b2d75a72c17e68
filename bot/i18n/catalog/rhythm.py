"""Texts of the weekly digest, the monthly review, the ledger and the scheduler's notices, and the
words they share (dates, lights, owners).

Arguments that come from users or documents (names, titles, problems) arrive HTML-escaped."""

from __future__ import annotations

ZH: dict[str, str] = {
    "rhythm.date": "{year}年{month}月{day}日",
    "rhythm.datetime": "{year}年{month}月{day}日 {time}",
    "rhythm.percent": "{value}%",
    "rhythm.none": "无",
    "rhythm.no_number": "未填",
    "rhythm.list_sep": "、",
    "rhythm.no_unit": "未明确单位",
    "rhythm.no_section": "其他",
    "rhythm.light.red": "红灯",
    "rhythm.light.yellow": "黄灯",
    "rhythm.light.green": "绿灯",
    "rhythm.light.closed": "已销号",
    "rhythm.light.unassigned": "未交办",
    "rhythm.reason.blocked": "受阻",
    "rhythm.reason.overdue": "已逾期",
    "rhythm.reason.far_behind": "严重滞后于序时进度",
    "rhythm.reason.behind": "进度滞后",
    "rhythm.reason.due_soon": "临近完成时限",
    "rhythm.reason.silent": "连续两期未报",
    "rhythm.reason.lagging": "落后于序时进度",
    "rhythm.reason.awaiting_closeout": "待销号",
    "rhythm.reason.closed": "已销号",
    "rhythm.reason.unassigned": "未交办",
    "rhythm.status.on_track": "正常推进",
    "rhythm.status.done": "已完成",
    "rhythm.status.behind": "滞后",
    "rhythm.status.blocked": "受阻",
    "rhythm.status.none": "未报状态",
    "rhythm.status.unstated": "未报状态",
    "rhythm.status.closed": "已销号",
    "rhythm.role.lead": "牵头",
    "rhythm.role.co": "配合",
    "rhythm.item.on_time": "按时报送",
    "rhythm.item.late": "逾时报送",
    "rhythm.item.missing": "未报",
    "rhythm.item.unreachable": "未报（无法送达）",
    "rhythm.item.on_leave": "请假",
    "rhythm.closeout.pending": "待销号",
    "rhythm.closeout.approved": "已销号",
    "rhythm.closeout.returned": "已退回",
    "rhythm.closeout.none": "",
    "rhythm.digest.title": "📋 <b>周调度通报</b>",
    "rhythm.digest.masthead": "第{issue}期　{team}　{date}",
    "rhythm.digest.masthead_no_issue": "{team}　{date}",
    "rhythm.digest.period": "调度周期：{start}起，{cutoff}截止。",
    "rhythm.digest.not_opened.not_yet": "本周期调度提醒尚未发出，暂无反馈数据。",
    "rhythm.digest.not_opened.paused": "⚠️ 本周期调度已暂停，未发出调度提醒，无反馈数据。",
    "rhythm.digest.not_opened.missed": (
        "⚠️ 本周期调度提醒未能按时发出（机器人当时停机），无反馈数据。"
    ),
    "rhythm.digest.responses": "<b>一、反馈情况</b>",
    "rhythm.digest.counts": (
        "应报 {expected} 项：按时报送 {on_time} 项，逾时报送 {late} 项，未报 {unanswered} 项"
        "{unreachable}；反馈率 {rate}。"
    ),
    "rhythm.digest.unreachable": "（其中无法送达 {count} 项）",
    "rhythm.digest.on_leave": "另有请假 {count} 项，不计入应报。",
    "rhythm.digest.nobody": "⚠️ <b>本周期尚无反馈。</b>",
    "rhythm.digest.units": "<b>各单位反馈</b>",
    "rhythm.digest.unit_line": (
        "• {unit}：应报 {expected} 项，已报 {answered} 项（逾时 {late} 项），反馈率 {rate}"
    ),
    "rhythm.digest.overall": "<b>二、任务总体情况</b>",
    "rhythm.digest.totals": "共 {tasks} 项：{lights}。",
    "rhythm.digest.sections": "<b>各板块进度</b>",
    "rhythm.digest.section_line": (
        "• {section}（{tasks} 项）：平均进度 {progress}（{with_progress} 项已报进度），"
        "序时进度 {expected}%；{lights}"
    ),
    "rhythm.digest.troubled": "<b>三、受阻、滞后事项</b>",
    "rhythm.digest.task_line": (
        "{light}｜<b>{title}</b>（{owners}）{reasons}；进度 {progress}，序时进度 {expected}%"
    ),
    "rhythm.digest.problems": "　问题：{problems}",
    "rhythm.digest.raised_line": "• <b>{title}</b>（{owners}）：{text}",
    "rhythm.digest.overdue": "<b>逾期未完成</b>",
    "rhythm.digest.deadline_line": "• {title}（{owners}；完成时限 {deadline}）",
    "rhythm.digest.awaiting": "<b>待销号</b>",
    "rhythm.digest.plain_line": "• {title}（{owners}）",
    "rhythm.digest.disputed": "<b>同一单位反馈不一致（请核实）</b>",
    "rhythm.digest.disputed_line": "• {title}（{party}）：{answers}",
    "rhythm.digest.disputed_answer": "{name}报「{status}」",
    "rhythm.digest.late": "<b>逾时报送（上一周期）</b>",
    "rhythm.digest.late_line": "• {author}：{title}（{at}）",
    "rhythm.digest.non_responders": "<b>未报单位和人员</b>：{names}",
    "rhythm.digest.missing_name": "{name}（{count} 项）",
    "rhythm.digest.non_responders_hidden": "未报 {count} 个单位和人员，名单已报督办员。",
    "rhythm.owners.lead": "牵头：{names}",
    "rhythm.owners.co": "配合：{names}",
    "rhythm.owners.sep": "；",
    "rhythm.owners.unassigned": "未交办",
    "rhythm.owners.suggested": "未交办，计划所列：{names}",
    "rhythm.lights.sep": "，",
    "rhythm.lights.count": "{light} {count} 项",
    "rhythm.lights.short": "{light} {count}",
    "rhythm.rate.none": "—",
    "rhythm.review.title": "📊 <b>{year}年{month}月工作研判</b>",
    "rhythm.review.masthead": "{team}　{date}",
    "rhythm.review.overall": "<b>一、总体情况</b>",
    "rhythm.review.overview": "共 {tasks} 项任务：{lights}。",
    "rhythm.review.responses": (
        "本月 {cycles} 个调度周期，应报 {expected} 项：按时报送 {on_time} 项，逾时报送 {late} 项，"
        "未报 {unanswered} 项；反馈率 {rate}。"
    ),
    "rhythm.review.missed_cycles": (
        "另有 {missed} 个调度周期因机器人停机未发出调度提醒，不计应报。"
    ),
    "rhythm.review.progress": "平均进度 {progress}（{tasks} 项中 {with_progress} 项已报进度）。",
    "rhythm.review.sections": "<b>二、各板块</b>",
    "rhythm.review.section_line": (
        "• {section}（{tasks} 项）：平均进度 {progress}"
        "（{with_progress} 项已报进度，较月初 {change}），序时进度 {expected}%；"
        "应报 {expected_items} 项，已报 {answered} 项，反馈率 {rate}"
    ),
    "rhythm.review.units": "<b>三、各单位</b>",
    "rhythm.review.unit_line": (
        "• {unit}：牵头 {tasks} 项{shared}、配合 {co_tasks} 项；应报 {expected_items} 项，"
        "已报 {answered} 项，反馈率 {rate}；牵头任务平均进度 {progress}（较月初 {change}）"
    ),
    "rhythm.review.unit_shared": "（其中 {count} 项与其他单位共同牵头）",
    "rhythm.review.changes": "<b>四、灯色变化（较月初）</b>",
    "rhythm.review.change_line": "• {title}：{before} → {after}",
    "rhythm.review.no_changes": "本月无灯色变化。",
    "rhythm.review.new_tasks": "另有 {count} 项任务月初尚未交办，无月初灯色，不作比较。",
    "rhythm.review.all_new": "本月各项任务均为月内交办（{count} 项），无月初灯色，不作比较。",
    "rhythm.review.none_then": "月初尚无任务交办（{count} 项），无月初灯色，不作比较。",
    "rhythm.review.red": "<b>五、红灯事项</b>",
    "rhythm.review.red_line": "{light}｜<b>{title}</b>（{owners}）{reasons}",
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
    "rhythm.notice.missed_digest": "停机期间的周调度通报未发出；如需补发，请发送 /digest。",
    "rhythm.notice.missed_review": "停机期间的月度研判未发出；如需补发，请发送 /review。",
    "rhythm.event.prompt": "周调度提醒",
    "rhythm.event.digest": "周调度通报",
    "rhythm.event.review": "月度研判",
    "rhythm.event.reminder": "催办提醒",
    "rhythm.event.cutoff": "截止处理",
    "rhythm.ledger.sheet_tasks": "台账",
    "rhythm.ledger.sheet_reports": "反馈记录",
    "rhythm.ledger.tasks_header": (
        "序号|板块|任务|牵头单位|配合单位|责任人|计划所列单位|完成时限|状态|最新反馈日期|"
        "进度（%）|序时进度（%）|灯色|销号状态|存在问题"
    ),
    "rhythm.ledger.tasks_marks": "标注",
    "rhythm.ledger.reports_header": "日期|任务|填报人|代报对象|责任方|状态|进度（%）|指标",
    "rhythm.ledger.reports_tail": "逾时|附件数",
    "rhythm.ledger.sheet_items": "应报事项",
    "rhythm.ledger.items_header": "调度周期|期数|任务|责任方|分工|单位|报送情况",
    "rhythm.ledger.late_yes": "是",
    "rhythm.ledger.late_no": "否",
    "rhythm.ledger.print_title": "{team}{year}年度重点工作督办台账（{date}）",
    "rhythm.ledger.page_footer": "第 &P 页，共 &N 页",
    "runnow.digest": "📊 周通报已发出。",
    "runnow.review": "📈 月度研判已发出。",
    "runnow.review.month": "📈 {year}年{month}月月度研判已发出。",
    "runnow.review.rest": "领导群此前已收到{had}，本次只补发{rest}。",
    "runnow.review.part.chart": "图表",
    "runnow.review.part.text": "研判正文",
    "runnow.review.part.ledger": "台账",
    "runnow.review.part_sep": "、",
    "runnow.digest.issue": "📊 第{issue}期（{start}起）周调度通报已发出。",
    "runnow.digest.week": "📊 {start}起一周的周调度通报已发出。",
    "rhythm.nobody_reached": "⚠️ {what}未能送达：{why}。{todo}",
    "rhythm.to_admins": "📣 督办组“{team}”的负责同志均未能收到以下通知，现告知管理员，请督促处理"
    "（此后仍无人收到的，不再重复告知）：",
    "rhythm.group_missed.nobody": "尚未设置领导群，且无一位负责同志收到",
    "rhythm.group_missed.setup": "请在领导群内发送 /setgroup，或请负责同志私聊本机器人后，"
    "发送 /{command} 重发。",
    "rhythm.group_missed": "⚠️ {what}未能发到领导群：{why}。{todo}",
    "rhythm.group_missed.forbidden": "本机器人已被移出领导群，或无权在群内发言",
    "rhythm.group_missed.chat_not_found": "领导群已解散，或本机器人已不在群内",
    "rhythm.group_missed.no_rights": "本机器人在领导群内没有发言权限（被群管理员限制，"
    "或本群设为仅管理员可发言）",
    "rhythm.group_missed.grant": "请群管理员解除对本机器人的限制（或将其设为管理员），"
    "然后发送 /{command} 重发。",
    "rhythm.group_missed.slow": "领导群开启了慢速模式，Telegram 要求间隔较长时间再发",
    "rhythm.group_missed.unslow": "请群管理员关闭慢速模式（或将本机器人设为管理员），"
    "然后发送 /{command} 重发。",
    "rhythm.group_missed.refused": "Telegram 拒收了这条消息",
    "rhythm.group_missed.network": "暂时连不上 Telegram",
    "rhythm.group_missed.rejoin": "请将本机器人重新加入领导群（如改用其他群，请在新群内发送 "
    "/setgroup），然后发送 /{command} 重发。",
    "rhythm.group_missed.later": "请稍后发送 /{command} 重发。",
    # -- export
    "export.caption": "📒 台账（{count} 项任务）",
    "rhythm.digest.paused": "⏸ 督办节奏已暂停：不自动发调度、催办和通报"
    "（督办员可在 /settings 恢复）。",
    "rhythm.digest.stale": "<b>长期无实质进展（{weeks}周以上）</b>",
    "rhythm.digest.stale_line": "• {title}（{owners}）：{days} 天无实质进展（最近一次：{since}）",
    "rhythm.digest.vague": "<b>反馈内容空泛或与上期重复</b>",
    "rhythm.digest.vague_line": "• {title}（{owners}）：{flag}——“{words}”",
    "rhythm.flag.vague": "反馈内容空泛",
    "rhythm.flag.repeated": "与上期重复",
    "digest.extensions": "<b>延期申请待审批</b>（发送 /extensions 逐项审批）",
    "digest.extension_line": "• {title}（{owners}；现时限 {current}，申请延至 {asked}）",
    "review.decisions": "<b>六、会议决定事项落实情况</b>",
    "review.decision_line": "{light}｜<b>{title}</b>（{owners}）{status}，进度 {progress}",
    "digest.claim_overdue": "<b>领办逾期（交办后经提醒仍未签收）</b>",
    "digest.claim_overdue_line": "• {task}（{party}）交办于 {assigned}，已超时限 {late}",
    "digest.escalated": "<b>已提请包联领导关注</b>",
    "digest.escalated_line": "• {task} → {leader}（{at}）",
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
    "rhythm.light.unassigned": "not assigned",
    "rhythm.reason.blocked": "blocked",
    "rhythm.reason.overdue": "overdue",
    "rhythm.reason.far_behind": "far behind schedule",
    "rhythm.reason.behind": "reported behind",
    "rhythm.reason.due_soon": "deadline near",
    "rhythm.reason.silent": "no answer for two cycles",
    "rhythm.reason.lagging": "behind schedule",
    "rhythm.reason.awaiting_closeout": "awaiting close-out",
    "rhythm.reason.closed": "closed",
    "rhythm.reason.unassigned": "not assigned",
    "rhythm.status.on_track": "on track",
    "rhythm.status.done": "done",
    "rhythm.status.behind": "behind",
    "rhythm.status.blocked": "blocked",
    "rhythm.status.none": "no status stated",
    "rhythm.status.unstated": "no status stated",
    "rhythm.status.closed": "closed",
    "rhythm.role.lead": "lead",
    "rhythm.role.co": "support",
    "rhythm.item.on_time": "on time",
    "rhythm.item.late": "late",
    "rhythm.item.missing": "missing",
    "rhythm.item.unreachable": "missing (unreachable)",
    "rhythm.item.on_leave": "on leave",
    "rhythm.closeout.pending": "awaiting close-out",
    "rhythm.closeout.approved": "closed",
    "rhythm.closeout.returned": "returned",
    "rhythm.closeout.none": "",
    "rhythm.digest.title": "📋 <b>Weekly digest</b>",
    "rhythm.digest.masthead": "No. {issue} · {team} · {date}",
    "rhythm.digest.masthead_no_issue": "{team} · {date}",
    "rhythm.digest.period": "Cycle from {start}, answers due {cutoff}.",
    "rhythm.digest.not_opened.not_yet": "This cycle's prompts have not gone out yet; no answers.",
    "rhythm.digest.not_opened.paused": (
        "⚠️ The rhythm was paused over this cycle: no prompts went out, so there are no answers."
    ),
    "rhythm.digest.not_opened.missed": (
        "⚠️ This cycle's prompts did not go out on time (the bot was down); no answers."
    ),
    "rhythm.digest.responses": "<b>1. Answers</b>",
    "rhythm.digest.counts": (
        "{expected} {expected:answer|answers} owed: {on_time} on time, {late} late, {unanswered} "
        "missing"
        "{unreachable}; response rate {rate}."
    ),
    "rhythm.digest.unreachable": " ({count} unreachable)",
    "rhythm.digest.on_leave": "{count} more on leave, not owed.",
    "rhythm.digest.nobody": "⚠️ <b>No answers yet this cycle.</b>",
    "rhythm.digest.units": "<b>Answers by unit</b>",
    "rhythm.digest.unit_line": (
        "• {unit}: {expected} owed, {answered} answered ({late} late), response rate {rate}"
    ),
    "rhythm.digest.overall": "<b>2. Tasks overall</b>",
    "rhythm.digest.totals": "{tasks} {tasks:task|tasks}: {lights}.",
    "rhythm.digest.sections": "<b>Progress by section</b>",
    "rhythm.digest.section_line": (
        "• {section} ({tasks} {tasks:task|tasks}): average progress {progress} ({with_progress} "
        "with a "
        "number), expected {expected}%; {lights}"
    ),
    "rhythm.digest.troubled": "<b>3. Blocked or behind</b>",
    "rhythm.digest.task_line": (
        "{light} | <b>{title}</b> ({owners}) {reasons}; progress {progress}, expected {expected}%"
    ),
    "rhythm.digest.problems": "  Problems: {problems}",
    "rhythm.digest.raised_line": "• <b>{title}</b> ({owners}): {text}",
    "rhythm.digest.overdue": "<b>Overdue</b>",
    "rhythm.digest.deadline_line": "• {title} ({owners}; deadline {deadline})",
    "rhythm.digest.awaiting": "<b>Awaiting close-out</b>",
    "rhythm.digest.plain_line": "• {title} ({owners})",
    "rhythm.digest.disputed": "<b>Conflicting answers within one unit (please check)</b>",
    "rhythm.digest.disputed_line": "• {title} ({party}): {answers}",
    "rhythm.digest.disputed_answer": "{name}: {status}",
    "rhythm.digest.late": "<b>Late answers (previous cycle)</b>",
    "rhythm.digest.late_line": "• {author}: {title} ({at})",
    "rhythm.digest.non_responders": "<b>Units and people with answers missing</b>: {names}",
    "rhythm.digest.missing_name": "{name} ({count})",
    "rhythm.digest.non_responders_hidden": (
        "{count} units and people have answers missing; the leads have the names."
    ),
    "rhythm.owners.lead": "lead: {names}",
    "rhythm.owners.co": "support: {names}",
    "rhythm.owners.sep": "; ",
    "rhythm.owners.unassigned": "not assigned",
    "rhythm.owners.suggested": "not assigned; the plan names {names}",
    "rhythm.lights.sep": ", ",
    "rhythm.lights.count": "{light} {count}",
    "rhythm.lights.short": "{light} {count}",
    "rhythm.rate.none": "—",
    "rhythm.review.title": "📊 <b>Monthly review {year}-{month:02d}</b>",
    "rhythm.review.masthead": "{team} · {date}",
    "rhythm.review.overall": "<b>1. Overall</b>",
    "rhythm.review.overview": "{tasks} {tasks:task|tasks}: {lights}.",
    "rhythm.review.responses": (
        "{cycles} weekly {cycles:cycle|cycles} this month, {expected} {expected:answer|answers} "
        "owed: {on_time} on time, "
        "{late} late, {unanswered} missing; response rate {rate}."
    ),
    "rhythm.review.missed_cycles": (
        " {missed} more weekly cycles were missed while the bot was down "
        "(no prompts, nothing owed)."
    ),
    "rhythm.review.progress": (
        "Average progress {progress} ({with_progress} of {tasks} {tasks:task|tasks} with a "
        "number)."
    ),
    "rhythm.review.sections": "<b>2. Sections</b>",
    "rhythm.review.section_line": (
        "• {section} ({tasks} {tasks:task|tasks}): average progress {progress} ({with_progress} "
        "with a number, "
        "{change} since the month began), expected {expected}%; {expected_items} owed, "
        "{answered} answered, response rate {rate}"
    ),
    "rhythm.review.units": "<b>3. Units</b>",
    "rhythm.review.unit_line": (
        "• {unit}: leads {tasks}{shared}, supports {co_tasks}; {expected_items} owed, "
        "{answered} answered, response rate {rate}; its tasks' progress {progress} ({change})"
    ),
    "rhythm.review.unit_shared": " ({count} led jointly with another unit)",
    "rhythm.review.changes": "<b>4. Colour changes since the month began</b>",
    "rhythm.review.change_line": "• {title}: {before} → {after}",
    "rhythm.review.no_changes": "No colour changed this month.",
    "rhythm.review.new_tasks": "{count} more {count:task was|tasks were} not yet assigned when "
    "the month "
    "began: "
    "no colour then to compare with.",
    "rhythm.review.all_new": "Every task was assigned during the month ({count}): no colour at "
    "its start to compare with.",
    "rhythm.review.none_then": "No task was assigned yet when the month began ({count}): no "
    "colour then to compare with.",
    "rhythm.review.red": "<b>5. Red tasks</b>",
    "rhythm.review.red_line": "{light} | <b>{title}</b> ({owners}) {reasons}",
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
        "({days} {days:day|days} from the admin's holiday file). Please ask the admin to add "
        "{year}."
    ),
    "rhythm.notice.missed": "⚠️ While the bot was down it missed the {what} due {at}; skipped.",
    "rhythm.notice.missed_many": "⚠️ While the bot was down it missed these {count}; all skipped:",
    "rhythm.notice.missed_line": "• the {what} due {at}",
    "rhythm.notice.missed_digest": (
        "The weekly digest of that time was not sent; send /digest to send it."
    ),
    "rhythm.notice.missed_review": (
        "The monthly review of that time was not sent; send /review to send it."
    ),
    "rhythm.event.prompt": "weekly prompt",
    "rhythm.event.digest": "weekly digest",
    "rhythm.event.review": "monthly review",
    "rhythm.event.reminder": "reminder",
    "rhythm.event.cutoff": "cutoff",
    "rhythm.ledger.sheet_tasks": "Ledger",
    "rhythm.ledger.sheet_reports": "Reports",
    "rhythm.ledger.tasks_header": (
        "No.|Section|Task|Lead|Support|People|Units named in the plan|Deadline|Status|"
        "Latest report|Progress (%)|Expected (%)|Light|Close-out|Problems"
    ),
    "rhythm.ledger.tasks_marks": "Key mark",
    "rhythm.ledger.reports_header": (
        "Date|Task|Author|On behalf of|Party|Status|Progress (%)|Indicators"
    ),
    "rhythm.ledger.reports_tail": "Late|Attachments",
    "rhythm.ledger.sheet_items": "Answers owed",
    "rhythm.ledger.items_header": "Cycle|No.|Task|Party|Role|Unit|Answer",
    "rhythm.ledger.late_yes": "yes",
    "rhythm.ledger.late_no": "no",
    "rhythm.ledger.print_title": "{team}: supervision ledger {year} ({date})",
    "rhythm.ledger.page_footer": "Page &P of &N",
    "runnow.digest": "📊 Weekly digest sent.",
    "runnow.review": "📈 Monthly review sent.",
    "runnow.review.month": "📈 Monthly review for {year}-{month:02d} sent.",
    "runnow.review.rest": "The leaders' group had {had} already; only {rest} went out now.",
    "runnow.review.part.chart": "the chart",
    "runnow.review.part.text": "the review text",
    "runnow.review.part.ledger": "the ledger",
    "runnow.review.part_sep": ", ",
    "runnow.digest.issue": "📊 Weekly digest no. {issue} (week from {start}) sent.",
    "runnow.digest.week": "📊 Weekly digest for the week from {start} sent.",
    "rhythm.nobody_reached": "⚠️ The {what} reached nobody: {why}. {todo}",
    "rhythm.to_admins": (
        "📣 No lead of the team “{team}” could be told the following, so the admins are told"
        " instead; please see that it is dealt with (if it goes on reaching nobody, you are not"
        " told again):"
    ),
    "rhythm.group_missed.nobody": "no leaders' group is set and no lead received it",
    "rhythm.group_missed.setup": "Send /setgroup in the leaders' group, or have a lead open a "
    "private chat with the bot, then send /{command} again.",
    "rhythm.group_missed": "⚠️ The {what} did not reach the leaders' group: {why}. {todo}",
    "rhythm.group_missed.forbidden": "the bot was removed from the group, or may not post there",
    "rhythm.group_missed.chat_not_found": (
        "the group no longer exists, or the bot is no longer in it"
    ),
    "rhythm.group_missed.no_rights": "the bot may not post in the group (a group admin "
    "restricted it, or only admins may send there)",
    "rhythm.group_missed.grant": "Ask a group admin to lift the bot's restriction (or make it "
    "an admin), then send /{command} to send it again.",
    "rhythm.group_missed.slow": "the group is in slow mode, and Telegram asked for a long "
    "wait between messages",
    "rhythm.group_missed.unslow": "Ask a group admin to turn slow mode off (or make the bot an "
    "admin), then send /{command} to send it again.",
    "rhythm.group_missed.refused": "Telegram refused the message",
    "rhythm.group_missed.network": "Telegram could not be reached",
    "rhythm.group_missed.rejoin": "Add the bot to the leaders' group again (or send /setgroup "
    "in another group to use that one instead), then send /{command} to send it again.",
    "rhythm.group_missed.later": "Send /{command} again in a while.",
    "export.caption": "📒 Ledger ({count} {count:task|tasks})",
    "rhythm.digest.paused": "⏸ The rhythm is paused: no automatic check-ins, reminders or "
    "digests (a lead can resume it in /settings).",
    "rhythm.digest.stale": "<b>No real progress for {weeks} {weeks:week|weeks} or more</b>",
    "rhythm.digest.stale_line": (
        "• {title} ({owners}): no real progress for {days} {days:day|days} (last: {since})"
    ),
    "rhythm.digest.vague": "<b>Vague updates, or the same as last time</b>",
    "rhythm.digest.vague_line": "• {title} ({owners}): {flag}: “{words}”",
    "rhythm.flag.vague": "vague",
    "rhythm.flag.repeated": "same as last time",
    "digest.extensions": "<b>Extension requests awaiting decision</b> "
    "(decide them with /extensions)",
    "digest.extension_line": "• {title} ({owners}; deadline {current}, asked {asked})",
    "review.decisions": "<b>6. Meeting decisions and their follow-up</b>",
    "review.decision_line": "{light} | <b>{title}</b> ({owners}) {status}, progress {progress}",
    "digest.claim_overdue": "<b>Claim overdue (not acknowledged after a reminder)</b>",
    "digest.claim_overdue_line": "• {task} ({party}) assigned {assigned}, {late} past the limit",
    "digest.escalated": "<b>Escalated to the leader in charge</b>",
    "digest.escalated_line": "• {task} → {leader} ({at})",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
