"""Texts of ``duban demo``: the transcript's frame, the steps, what the simulated people write,
and the summary. The bot's own messages come from the other catalogs, as in production."""

from __future__ import annotations

ZH: dict[str, str] = {
    # -- the transcript's frame
    "demo.edited": "✏️ 已更新",
    "demo.more_lines": "…（还有 {count} 行，全文见 transcript.txt）",
    "demo.offstage": "另有 {count} 条消息未逐条显示（{names}）",
    "demo.names_more": " 等 {count} 人",
    "demo.photo": "🖼️ 图片",
    "demo.document": "📎 {name}",
    # -- steps
    "demo.step.team": "组建督办组",
    "demo.step.roster": "导入人员名单，大家加入",
    "demo.step.group": "设置领导群",
    "demo.step.plan": "导入工作计划和责任分工表",
    "demo.step.assign": "交办任务",
    "demo.step.sign": "签收",
    "demo.step.leave": "请假",
    "demo.step.dispatch": "周调度",
    "demo.step.on_track": "反馈：正常推进，填写进度",
    "demo.step.behind": "反馈：滞后，说明问题",
    "demo.step.blocked": "反馈：受阻，请求协调",
    "demo.step.photo": "反馈：已完成，附现场照片",
    "demo.step.done": "反馈：已完成",
    "demo.step.liaison": "联络员代领导反馈",
    "demo.step.figures": "同单位同事补充进度",
    "demo.step.reminder": "自动催办",
    "demo.step.after_reminder": "催办后反馈",
    "demo.step.cutoff": "反馈截止",
    "demo.step.chase": "督办员催办",
    "demo.step.digest": "周调度通报",
    "demo.step.approved": "申请销号：同意",
    "demo.step.returned": "申请销号：退回",
    "demo.step.review": "月度研判",
    # -- narration
    "demo.note.team_language": "（演示设置）督办组语言：中文。",
    "demo.note.joined": "{count} 人都打开了各自的专属链接并收到欢迎消息；{missing} 一直没有打开。",
    "demo.note.signed": "其余已加入的人员也逐项点了「签收」。",
    "demo.note.dispatched": "每位责任人都收到了自己的周调度提醒；{leave} 请假中，本期不打扰。",
    "demo.note.rest": "{name} 其余 {count} 项任务点了「正常推进」。",
    "demo.note.figures": (
        "{people} 位同事用 /report 为本单位的一项任务补充了完成进度，与本单位反馈一致。"
    ),
    # -- files and words of the simulated people
    "demo.file.roster": "督办人员名单.xlsx",
    "demo.leave.dates": "7月25日 7月26日",
    "demo.say.zhang": "进展：科创服务总部选址已确定，军旅文化产业园完成规划设计招标。"
    "下步：推进潜半夏3A级工业旅游研学点创建。",
    "demo.say.li": "进展：佳源纺织扩产项目设备已进场。问题：项目用地指标尚未落实，"
    "需县自然资源局协调。下步：本周内报县政府专题会研究。",
    "demo.say.liu": "问题：潜半夏组培繁育工厂环评批复尚未下达，设备无法进场安装。"
    "请县生态环境局协调加快审批。",
    "demo.say.wu_photo": "主题党日活动现场",
    "demo.say.ma": "进展：国土空间规划已编制完成，“三区三线”划定成果已上报市自然资源局。",
    "demo.say.sun": "进展：完成燃气、自建房安全隐患排查 126 处，已整改 98 处。"
    "（代陈国强副县长报送）",
    "demo.say.zhou": "进展：本周化解信访积案 3 件，领导包案接访 2 次。",
    "demo.say.wu_closeout": "党委理论学习中心组全年计划已完成，学习记录和主题党日照片已归档。",
    "demo.say.ma_closeout": "国土空间规划已编制完成并上报，申请销号。",
    "demo.say.return_reason": "请补充市自然资源局的规划批复文件后再申请销号。",
    # -- the run
    "demo.title": "督办 Duban 演示：一个县的一周调度和月度研判（离线，模拟时间）",
    "demo.cast": "人物：督办员{lead}；领导{leaders}，联络员{liaison}代{principal}报送；"
    "{count} 名责任人分属{units}。",
    "demo.legend": "左边是机器人发出的消息（🤖 → 收件人），右边是各人发送的消息和点的按钮（👆）。"
    "机器人是真实运行的，只是连着本地的模拟 Telegram，时间也是模拟的。",
    "demo.done": "✅ 演示完成，用时 {seconds} 秒（模拟时间 {start} — {end}）。",
    "demo.summary.people": "人员 {people} 人（已加入 {joined} 人），任务 {tasks} 项，"
    "机器人共发出 {sent} 条消息，人员操作 {actions} 次。",
    "demo.summary.flood": "Telegram 限流：机器人 {count} 次收到 429（请稍后重试），"
    "均按要求等待后重发。",
    "demo.summary.moments": "关键环节：{moments}",
    "demo.summary.output": "输出目录：{path}",
    "demo.summary.file.digest_html": "周调度通报（HTML）",
    "demo.summary.file.digest_md": "周调度通报（Markdown）",
    "demo.summary.file.chart": "月度研判图表",
    "demo.summary.file.ledger": "台账",
    "demo.summary.file.transcript": "完整对话记录",
    "demo.heading.group": "领导群收到的通报",
    "demo.heading.leads": "督办员收到的通报（含未反馈名单）",
    "demo.failed": "❌ 演示在步骤「{step}」失败：{reason}",
    "demo.failed.hint": "这是一个缺陷：请附上上面的输出提交问题。",
    "demo.bot_errors": "⚠️ 机器人在运行中记录了 {count} 个错误：",
    "demo.data_dir_in_use": "数据目录 {path} 不是空的；演示需要一个全新的数据目录"
    "（或不指定 --data-dir）。",
    "demo.moment.prompt": "周调度提醒",
    "demo.moment.reminder": "自动催办",
    "demo.moment.cutoff": "截止",
    "demo.moment.digest": "周通报",
    "demo.moment.approved": "销号同意",
    "demo.moment.returned": "销号退回",
    "demo.moment.review": "月度研判",
    "demo.step.vague": "空泛反馈与提示",
    "demo.say.vague": "正在推进",
    "demo.moment.nudge": "空泛反馈提示",
    "demo.step.instruction": "领导批示立项交办",
    "demo.step.extension": "延期申请：批准",
    "demo.say.instruction": "批示人：王书记\n时限：9月30日\n标题：高标准农田建设前期工作\n"
    "请县农业农村局牵头，抓紧做好高标准农田建设项目前期工作，确保9月底前开工。",
    "demo.say.extension": "2025-03-31 项目用地报批尚需省厅审批，预计明年一季度完成",
    "demo.moment.instruction": "批示立项",
    "demo.word.instruction": "高标准农田",
    "demo.moment.extension": "延期批准",
}

EN: dict[str, str] = {
    "demo.edited": "✏️ edited",
    "demo.more_lines": "… ({count} more lines; see transcript.txt)",
    "demo.offstage": "{count} more messages not shown one by one ({names})",
    "demo.names_more": " and others, {count} in all",
    "demo.photo": "🖼️ photo",
    "demo.document": "📎 {name}",
    "demo.step.team": "Setting up the team",
    "demo.step.roster": "Roster upload; everyone joins",
    "demo.step.group": "The leaders' group",
    "demo.step.plan": "Importing the work plan and its responsibility table",
    "demo.step.assign": "Assigning the tasks",
    "demo.step.sign": "Acknowledging",
    "demo.step.leave": "Leave",
    "demo.step.dispatch": "Weekly check-in",
    "demo.step.on_track": "Report: on track, with progress",
    "demo.step.behind": "Report: behind, with the problem",
    "demo.step.blocked": "Report: blocked, asking for help",
    "demo.step.photo": "Report: done, with a site photo",
    "demo.step.done": "Report: done",
    "demo.step.liaison": "A liaison reports for a leader",
    "demo.step.figures": "Colleagues add figures",
    "demo.step.reminder": "Automatic reminder",
    "demo.step.after_reminder": "Reporting after the reminder",
    "demo.step.cutoff": "Cutoff",
    "demo.step.chase": "The lead chases",
    "demo.step.digest": "Weekly digest",
    "demo.step.approved": "Close-out: approved",
    "demo.step.returned": "Close-out: returned",
    "demo.step.review": "Monthly review",
    "demo.note.team_language": "(Demo set-up) The team's language is set to English.",
    "demo.note.joined": "All {count} {count:person|people} opened their personal links and were "
    "welcomed; "
    "{missing} never opened hers.",
    "demo.note.signed": "Everyone else who joined acknowledged their tasks too.",
    "demo.note.dispatched": "Every official got their own check-in; {leave} is on leave and is "
    "left alone this week.",
    "demo.note.rest": "{name} tapped “on track” for the other {count} {count:task|tasks}.",
    "demo.note.figures": (
        "{people} colleagues added a progress figure to one of their unit's tasks with "
        "/report, in step with the unit's answer."
    ),
    "demo.file.roster": "roster.xlsx",
    "demo.leave.dates": "2024-07-25 2024-07-26",
    "demo.say.zhang": "progress: the site of the science services hub is fixed; the design "
    "tender for the culture park is done. next: the 3A industrial tourism site.",
    "demo.say.li": "progress: the equipment for the textile expansion is on site. problems: the "
    "land quota is still missing; the natural resources bureau must help. next: raise it at "
    "this week's county meeting.",
    "demo.say.liu": "problems: the environmental approval for the seedling plant has not come, "
    "so the equipment cannot be installed. Please ask the environment bureau to speed it up.",
    "demo.say.wu_photo": "Party day activity on site",
    "demo.say.ma": "progress: the spatial plan is finished and the three zones and three lines "
    "were sent to the city.",
    "demo.say.sun": "progress: 126 gas and housing safety risks checked, 98 fixed. "
    "(for Vice County Head Chen Guoqiang)",
    "demo.say.zhou": "progress: 3 old petition cases settled this week; leaders received "
    "petitioners twice.",
    "demo.say.wu_closeout": "The year's study plan is complete; the records and photos are filed.",
    "demo.say.ma_closeout": "The spatial plan is finished and submitted; please close it.",
    "demo.say.return_reason": "Please attach the city's approval of the plan, then ask again.",
    "demo.title": "Duban demo: one county's weekly check-in and monthly review "
    "(offline, simulated time)",
    "demo.cast": "The cast: the lead {lead}; the county leaders {leaders}, with {liaison} "
    "reporting for {principal}; {count} {count:official|officials} in {units}.",
    "demo.legend": "Left: what the bot sends (🤖 → to whom). Right: what people send and the "
    "buttons they tap (👆). The bot runs for real against a local fake Telegram, on a "
    "simulated clock.",
    "demo.done": "✅ Demo finished in {seconds} s (simulated time {start} — {end}).",
    "demo.summary.people": "{people} {people:person|people} ({joined} joined), {tasks} "
    "{tasks:task|tasks}, {sent} {sent:message|messages} "
    "from the bot, {actions} actions by people.",
    "demo.summary.flood": "Telegram flood control: the bot got {count} × 429 (retry later) and "
    "sent each again after the wait asked for.",
    "demo.summary.moments": "Key moments: {moments}",
    "demo.summary.output": "Output folder: {path}",
    "demo.summary.file.digest_html": "weekly digest (HTML)",
    "demo.summary.file.digest_md": "weekly digest (Markdown)",
    "demo.summary.file.chart": "monthly review chart",
    "demo.summary.file.ledger": "ledger",
    "demo.summary.file.transcript": "full transcript",
    "demo.heading.group": "As the leaders' group got it",
    "demo.heading.leads": "As the leads got it (with the names of non-responders)",
    "demo.failed": "❌ The demo failed at step “{step}”: {reason}",
    "demo.failed.hint": "This is a bug: please report it with the output above.",
    "demo.bot_errors": "⚠️ The bot logged {count} {count:error|errors} during the run:",
    "demo.data_dir_in_use": "The data directory {path} is not empty; the demo needs a fresh one "
    "(or leave out --data-dir).",
    "demo.moment.prompt": "weekly check-in",
    "demo.moment.reminder": "automatic reminder",
    "demo.moment.cutoff": "cutoff",
    "demo.moment.digest": "weekly digest",
    "demo.moment.approved": "close-out approved",
    "demo.moment.returned": "close-out returned",
    "demo.moment.review": "monthly review",
    "demo.step.vague": "A vague update and the tip",
    "demo.say.vague": "in progress",
    "demo.moment.nudge": "tip after a vague update",
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

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
