"""Work plans in the chat: upload, preview, confirm and re-import."""

from __future__ import annotations

ZH: dict[str, str] = {
    # -- plan import
    "plan.preview_title": "📄 <b>{title}</b>",
    "plan.preview_counts": "共 {sections} 个部分、{measures} 项任务；{owned} 项写明了责任单位，"
    "其中 {matched} 项能对上名单中的单位。",
    "plan.sections": "部分",
    "plan.targets": "目标指标",
    "plan.measures": "任务及责任单位",
    "plan.marks": "标注",
    "plan.marks_line": "{sign} {meaning}：{count} 项",
    "plan.marks_unexplained": "（计划未说明）",
    "plan.warnings": "提醒",
    "plan.value_missing": "（待填）",
    "plan.no_owner": "（未写明责任单位）",
    "plan.check": "请核对",
    "plan.check_unowned": "{count} 项未识别责任单位",
    "plan.check_owner_inferred": "{count} 项的责任单位取自上级标题或合并单元格",
    "plan.check_undated": "{count} 项未写明完成时限",
    "plan.check_deadline_inferred": "{count} 项的完成时限取自上级标题或合并单元格",
    "plan.diff_none": "与当前计划相比没有变化。",
    "plan.diff_title": "<b>与当前计划相比：</b>新增 {added}，修改 {changed}，删除 {removed}，"
    "不变 {unchanged}。",
    "plan.confirm_question": "确认导入吗？",
    "plan.confirm": "✅ 确认导入",
    "plan.cancel": "✖️ 取消",
    "plan.imported": "✅ 计划「{title}」已导入。",
    "plan.updated": "✅ 计划「{title}」已更新（第 {version} 版）。",
    "plan.ended_assignments": "已删除任务的 {count} 项交办已结束。",
    "plan.next": "下一步：交办任务。可以按计划写明的单位自动建议，也可以逐项选择。",
    "plan.cancelled": "已取消导入。",
    "plan.send_file": (
        "请把工作计划文件发给我（.txt/.md/.docx/.doc/.wps/.odt/.rtf/.pdf/.xlsx/.xls/.ods/.csv）。"
    ),
    # -- the parsed plan as a workbook (duban plan parse --format xlsx)
    "plan.workbook.sheet_measures": "措施",
    "plan.workbook.sheet_targets": "目标",
    "plan.workbook.measures_header": (
        "编号|部分|章节|序号|标题|牵头领导|牵头单位|责任单位|配合单位|完成时限|截止日期|指标|内容"
    ),
    "plan.workbook.targets_header": "名称|数值|单位|待填",
    "plan.workbook.yes": "是",
}

EN: dict[str, str] = {
    "plan.preview_title": "📄 <b>{title}</b>",
    "plan.preview_counts": "{sections} {sections:section|sections}, {measures} "
    "{measures:task|tasks}; {owned} name a "
    "responsible unit, {matched} of them match a unit on the roster.",
    "plan.sections": "Sections",
    "plan.targets": "Targets",
    "plan.measures": "Tasks and responsible units",
    "plan.marks": "Key marks",
    "plan.marks_line": "{sign} {meaning}: {count} {count:task|tasks}",
    "plan.marks_unexplained": "(not explained in the plan)",
    "plan.warnings": "Warnings",
    "plan.value_missing": "(to be filled)",
    "plan.no_owner": "(no unit named)",
    "plan.check": "To check",
    "plan.check_unowned": "{count} {count:measure|measures} without a responsible unit",
    "plan.check_owner_inferred": "{count} {count:measure|measures} whose unit comes from a "
    "heading above or a "
    "merged cell",
    "plan.check_undated": "{count} {count:measure|measures} without a stated time limit",
    "plan.check_deadline_inferred": "{count} {count:measure|measures} whose time limit comes from "
    "a heading above "
    "or a merged cell",
    "plan.diff_none": "No changes compared with the current plan.",
    "plan.diff_title": "<b>Compared with the current plan:</b> {added} added, {changed} changed, "
    "{removed} removed, {unchanged} unchanged.",
    "plan.confirm_question": "Import it?",
    "plan.confirm": "✅ Import",
    "plan.cancel": "✖️ Cancel",
    "plan.imported": "✅ Plan “{title}” imported.",
    "plan.updated": "✅ Plan “{title}” updated (version {version}).",
    "plan.ended_assignments": "{count} {count:assignment|assignments} of removed tasks were "
    "ended.",
    "plan.next": "Next: assign the tasks, from the units the plan names or one by one.",
    "plan.cancelled": "Import cancelled.",
    "plan.send_file": (
        "Please send me the work plan file "
        "(.txt/.md/.docx/.doc/.wps/.odt/.rtf/.pdf/.xlsx/.xls/.ods/.csv)."
    ),
    # -- the parsed plan as a workbook (duban plan parse --format xlsx)
    "plan.workbook.sheet_measures": "Measures",
    "plan.workbook.sheet_targets": "Targets",
    "plan.workbook.measures_header": (
        "Id|Part|Section|No.|Title|Leader in charge|Lead units|Responsible units|Co-units|"
        "Deadline as written|Deadline|Indicators|Text"
    ),
    "plan.workbook.targets_header": "Name|Value|Unit|To fill in",
    "plan.workbook.yes": "yes",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
