"""Texts for every service error code (``bot/services/common/errors.py``), in Chinese and English.

Parameters come from the services and are HTML-escaped by the renderer; a missing one renders
empty, so a text must read well without it."""

from __future__ import annotations

from bot.i18n.catalog.records import HISTORY_EN, HISTORY_ZH, SEARCH_EN, SEARCH_ZH

ZH: dict[str, str] = {
    "err.not_registered": "您还没有登记。请向督查工作人员索取您的专属邀请链接。",
    "err.not_allowed": "抱歉，您的角色不能进行此操作。",
    "err.other_team": "抱歉，这属于其他督办组。",
    "err.not_assignee": "抱歉，只有该任务的责任人（或其联络员）可以操作 {ref}。",
    "err.no_person_in_team": "此操作需要您在该督办组中有人员登记。",
    "err.admin_no_tasks": "管理员本人没有任务。可以用 /newteam 名称 新建督办组，"
    "/addlead 姓名 [单位] 添加督办员，/task 编号 查看任务。",
    "err.upload_not_allowed": "只有督办员可以上传计划或名单。如要提交反馈材料，"
    "请回复我关于该任务的消息再发送。",
    "err.team_not_found": "没有找到督办组 {team}。",
    "err.person_not_found": "没有找到人员「{name}」。",
    "err.unit_not_found": "没有找到单位「{name}」。",
    "err.measure_not_found": "没有找到任务 {ref}。",
    "err.measure_removed": "任务 {ref} 已从计划中删除。",
    "err.no_plan": "还没有导入工作计划。请把计划文件发给我。",
    "err.section_not_found": "没有找到第 {index} 部分。",
    "err.report_not_found": "没有找到对应的反馈。",
    "err.closeout_not_found": "没有找到该销号申请。",
    "err.proposal_not_found": "该建议已不再适用。",
    "err.no_previous_report": "任务 {ref} 还没有以前的反馈可以沿用。",
    "err.cycle_not_found": "没有找到调度周期 {cycle}。",
    "err.ledger_year": "没有“{year}”年度的台账：可导出 {first} 年至 {last} 年的年度台账，"
    "如 /export {last}。",
    "err.ledger_year_cli": "没有“{year}”年度的台账：可导出 {first} 年至 {last} 年的年度台账，"
    "如 duban export --year {last}。",
    "err.team_name_required": "请给督办组起个名字：/newteam 名称",
    "err.team_exists": "已有名为「{name}」的督办组。",
    "err.chat_invalid": "这不是一个群组。",
    "err.settings_invalid": "设置项 {field} 无效。",
    "err.settings_prompt_day": "周调度只能安排在工作日（周一至周五），本次修改未保存。",
    "err.settings_unschedulable": (
        "按修改后的设置排不出周调度时间，本次修改未保存。请检查调度、截止、通报的日期和时间。"
    ),
    "err.name_required": "请填写姓名。",
    "err.reporter_not_eligible": "{name} 不能担任填报人：填报人须为某单位的责任人或联络员。",
    "err.name_too_long": "名称太长（最多 {max} 字）。",
    "err.role_unknown": "不认识的角色「{role}」。可用：责任人、领导、联络员、督办员。",
    "err.role_forbidden": "只有管理员可以设置督办员。",
    "err.phone_invalid": "「{phone}」不是有效的电话号码。",
    "err.principal_required": "联络员需要注明代谁报送：… 联络员 代 姓名",
    "err.principal_not_found": "没有找到被代理人「{name}」。",
    "err.person_ambiguous": "有 {count} 人都叫「{name}」：{candidates}。请加上单位，"
    "如「{name} 单位」。",
    "err.line_unparsed": "看不懂这一行：{line}（格式：姓名 单位 角色 [电话] [代 姓名]）",
    "err.file_too_large": "文件太大（最多 {max_kb} KB）。",
    "err.file_type": "不支持的文件类型：{filename}",
    "err.file_not_fetched": "抱歉，暂时未能从 Telegram 取得您发送的文件，文件未作处理。"
    "请稍后重新发送该文件。",
    "err.roster_unreadable": "名单文件无法读取：{reason}",
    "err.roster_no_header": "名单缺少表头（姓名、单位、角色）。",
    "err.language_unknown": "不支持的语言：{language}（可选 zh、en）",
    "err.invite_unknown": "这个邀请链接无效。请向督查工作人员索取新的链接。",
    "err.invite_used": "这个邀请链接已经用过了。如有问题请联系督查工作人员。",
    "err.invite_expired": "这个邀请链接已过期。请向督查工作人员索取新的链接。",
    "err.invite_revoked": "这个邀请链接已被撤销。请向督查工作人员索取新的链接。",
    "err.person_bound_elsewhere": "该人员已绑定另一个 Telegram 账号。请联系督查工作人员。",
    "err.account_bound_in_team": "您的账号在本督办组已登记为「{name}」。",
    "err.person_inactive": "该人员已停用。请联系督查工作人员。",
    "err.already_joined": "「{name}」已经加入，无需邀请。",
    "err.plan_invalid": "计划文件无法导入：{message}",
    "err.preview_expired": "这次导入预览已过期或已取消，请重新发送文件。",
    "err.assignee_not_found": "没有找到人员或单位「{name}」。",
    "err.assignee_ambiguous": "「{name}」匹配到多个：{candidates}。请写得更具体些。",
    "err.no_assignees": "请至少写一个人员或单位。",
    "err.not_assigned": "任务 {ref} 没有这个责任人。",
    "err.status_unknown": "不认识的状态「{status}」。",
    "err.text_too_long": "内容太长（最多 {max} 字）。",
    "err.text_required": "内容不能为空。",
    "err.indicator_unknown": "该任务没有指标「{name}」。",
    "err.too_many_attachments": "附件太多（最多 {max} 个）。",
    "err.evidence_required": "请先发送办结佐证（文字、照片或文件），再提交办结申请。",
    "err.closeout_draft_gone": "这份办结申请的材料已失效，请重新发送 /closeout 任务编号。",
    "err.not_author": "只有反馈的填报人可以修改它。",
    "err.closeout_pending": "任务 {ref} 已有待审核的销号申请。",
    "err.closeout_decided": "该申请已经处理过了。",
    "err.measure_closed": "任务 {ref} 已经销号。",
    "err.no_longer_assigned": "任务 {ref} 已调整交办，不再由您承办，无需反馈。如有疑问，请联系"
    "督办员。",
    "err.reason_required": "退回需要写明理由。",
    "err.extension_date": "请先写新的完成时限，再写延期理由，如：2027-03-31 设备到货推迟"
    "（未能识别「{text}」）。",
    "err.extension_reason": "请写明延期理由，如：3月31日 设备到货推迟。",
    "err.extension_not_later": "申请的完成时限应晚于现时限和今天。",
    "err.extension_pending": "任务 {ref} 已有待审批的延期申请，请等待督办员审批。",
    "err.extension_decided": "该延期申请已经审批过了。",
    "err.extension_not_found": "没有找到该延期申请。",
    "err.extension_draft_gone": "这份延期申请已失效，请重新发送 /extend 任务编号。",
    "err.instruction_text": "请先发送批示或会议决定的内容（可直接输入或转发）。",
    "err.instruction_draft_gone": "这份批示事项已失效，请重新发送 /instruction 或 /decision。",
    # -- errors raised by the rhythm services
    "err.date_invalid": "看不懂日期「{text}」。请写成 2024-03-04 或 3月4日。",
    "err.leave_range": "请假日期不对：结束早于开始、超过一年，或代理人是本人。",
    "err.no_leave": "没有可以取消的请假。",
    "err.history_filter": "未找到「{word}」。\n" + HISTORY_ZH,
    "err.search_words": SEARCH_ZH,
    "err.leader_usage": "请按格式发送：/leader 编号或板块 姓名（清除用 -）。",
    "err.leader_target": "没有找到任务或板块 {ref}。",
}

EN: dict[str, str] = {
    "err.not_registered": "You are not registered yet. Please ask your supervision office for "
    "your personal invite link.",
    "err.not_allowed": "Sorry, your role cannot do that.",
    "err.other_team": "Sorry, that belongs to another team.",
    "err.not_assignee": "Sorry, only the task's assignees (or their liaisons) can act on {ref}.",
    "err.no_person_in_team": "This needs you to be registered as a person in the team.",
    "err.admin_no_tasks": "Admins have no tasks of their own. Use /newteam name to create a "
    "team, /addlead name [unit] to add a lead, and /task number to look at a task.",
    "err.upload_not_allowed": "Only leads upload plans and rosters. To send evidence for a "
    "task, reply to my message about it.",
    "err.team_not_found": "No team {team} was found.",
    "err.person_not_found": "No person “{name}” was found.",
    "err.unit_not_found": "No unit “{name}” was found.",
    "err.measure_not_found": "No task {ref} was found.",
    "err.measure_removed": "Task {ref} was removed from the plan.",
    "err.no_plan": "No work plan has been imported yet. Send me the plan file.",
    "err.section_not_found": "No section {index} was found.",
    "err.report_not_found": "No matching report was found.",
    "err.closeout_not_found": "No such close-out request was found.",
    "err.proposal_not_found": "That suggestion no longer applies.",
    "err.no_previous_report": "Task {ref} has no earlier report to carry forward.",
    "err.cycle_not_found": "No cycle {cycle} was found.",
    "err.ledger_year": "There is no ledger for “{year}”: ledgers can be exported for "
    "{first} to {last}, e.g. /export {last}.",
    "err.ledger_year_cli": "There is no ledger for “{year}”: ledgers can be exported for "
    "{first} to {last}, e.g. duban export --year {last}.",
    "err.team_name_required": "Please name the team: /newteam name",
    "err.team_exists": "A team named “{name}” already exists.",
    "err.chat_invalid": "This is not a group chat.",
    "err.settings_invalid": "The setting {field} is not valid.",
    "err.settings_prompt_day": (
        "The weekly prompt can only be on a weekday (Monday to Friday); the change was not saved."
    ),
    "err.settings_unschedulable": (
        "With this change the weekly rhythm cannot be scheduled, so it was not saved. "
        "Check the days and times of the prompt, cutoff and digest."
    ),
    "err.name_required": "Please give a name.",
    "err.reporter_not_eligible": (
        "{name} cannot be a unit reporter: a reporter is an official or liaison of a unit."
    ),
    "err.name_too_long": "The name is too long (at most {max} characters).",
    "err.role_unknown": "Unknown role “{role}”. Use: official, leader, liaison, lead.",
    "err.role_forbidden": "Only admins can make leads.",
    "err.phone_invalid": "“{phone}” is not a valid phone number.",
    "err.principal_required": "A liaison needs the person they report for: … liaison for name",
    "err.principal_not_found": "The person “{name}” to report for was not found.",
    "err.person_ambiguous": "{count} {count:person|people} are called “{name}”: {candidates}. "
    "Please add "
    "the unit, e.g. “{name} unit”.",
    "err.line_unparsed": "Could not read this line: {line} (name unit role [phone] [for name])",
    "err.file_too_large": "The file is too large (at most {max_kb} KB).",
    "err.file_type": "Unsupported file type: {filename}",
    "err.file_not_fetched": "Sorry, the file you sent could not be fetched from Telegram just "
    "now, so it was not processed. Please send it again in a moment.",
    "err.roster_unreadable": "The roster file could not be read: {reason}",
    "err.roster_no_header": "The roster has no header row (name, unit, role).",
    "err.language_unknown": "Unsupported language: {language} (zh or en)",
    "err.invite_unknown": "This invite link is not valid. Please ask your supervision office "
    "for a new one.",
    "err.invite_used": "This invite link was already used. Contact your supervision office "
    "if this is wrong.",
    "err.invite_expired": "This invite link has expired. Please ask your supervision office "
    "for a new one.",
    "err.invite_revoked": "This invite link was revoked. Please ask your supervision office "
    "for a new one.",
    "err.person_bound_elsewhere": "This person is bound to another Telegram account. Please "
    "contact your supervision office.",
    "err.account_bound_in_team": "Your account is already registered as “{name}” in this team.",
    "err.person_inactive": "This person was deactivated. Please contact your supervision office.",
    "err.already_joined": "“{name}” has already joined; no invite is needed.",
    "err.plan_invalid": "The plan could not be imported: {message}",
    "err.preview_expired": "This import preview expired or was cancelled; send the file again.",
    "err.assignee_not_found": "No person or unit “{name}” was found.",
    "err.assignee_ambiguous": "“{name}” matches several: {candidates}. Please be more precise.",
    "err.no_assignees": "Name at least one person or unit.",
    "err.not_assigned": "Task {ref} has no such assignee.",
    "err.status_unknown": "Unknown status “{status}”.",
    "err.text_too_long": "The text is too long (at most {max} characters).",
    "err.text_required": "The text is empty.",
    "err.indicator_unknown": "The task has no indicator “{name}”.",
    "err.too_many_attachments": "Too many attachments (at most {max}).",
    "err.evidence_required": "Please send evidence (text, photos or files) before submitting.",
    "err.closeout_draft_gone": "The evidence gathered for this request is gone; send /closeout "
    "with the task again.",
    "err.not_author": "Only the report's author can change it.",
    "err.closeout_pending": "Task {ref} already has a close-out request waiting.",
    "err.closeout_decided": "That request was already decided.",
    "err.measure_closed": "Task {ref} is already closed.",
    "err.no_longer_assigned": "Task {ref} was reassigned and is no longer yours to report on. "
    "Ask your supervision office if in doubt.",
    "err.reason_required": "Returning a request needs a reason.",
    "err.extension_date": "Please give the new deadline first, then the reason, e.g. "
    "2027-03-31 equipment delivered late (could not read “{text}”).",
    "err.extension_reason": "Please give a reason for the extension, e.g. 3/31 equipment "
    "delivered late.",
    "err.extension_not_later": "The new deadline must be later than the current one and today.",
    "err.extension_pending": "Task {ref} already has an extension request waiting for the "
    "lead's decision.",
    "err.extension_decided": "That extension request was already decided.",
    "err.extension_not_found": "No such extension request was found.",
    "err.extension_draft_gone": "This extension request is gone; send /extend with the task "
    "again.",
    "err.instruction_text": "Please send the instruction's or decision's text first (typed or "
    "forwarded).",
    "err.instruction_draft_gone": "This instruction is gone; send /instruction or /decision "
    "again.",
    "err.date_invalid": "Cannot read the date “{text}”. Write 2024-03-04 or 3月4日.",
    "err.leave_range": "Wrong leave dates: the end is before the start, over a year, "
    "or the deputy is the person.",
    "err.no_leave": "There is no leave to cancel.",
    "err.history_filter": "Nothing found for “{word}”.\n" + HISTORY_EN,
    "err.search_words": SEARCH_EN,
    "err.leader_usage": "Send: /leader task-or-section name (- clears).",
    "err.leader_target": "No task or section {ref} was found.",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
