"""The words the read-back (:mod:`tests.e2e.readback`) reads, its own and in both languages:
the lights, statuses and states as the texts and the ledger write them, the ledger's columns by
their headers, and the patterns of the digest's and the review's lines and headings. Written
from the delivered texts, not imported from the catalogs, so a wording that drifts shows.
"""

from __future__ import annotations

import re

#: Each light's mark and its word, per language.
ICONS = {"🔴": "red", "🟡": "yellow", "🟢": "green", "✅": "closed", "⚪": "unassigned"}
LIGHT_WORDS = {
    "zh": {
        "红灯": "red",
        "黄灯": "yellow",
        "绿灯": "green",
        "已销号": "closed",
        "未交办": "unassigned",
    },
    "en": {
        "red": "red",
        "yellow": "yellow",
        "green": "green",
        "closed": "closed",
        "not assigned": "unassigned",
    },
}
STATUS_WORDS = {
    "zh": {
        "正常推进": "on_track",
        "已完成": "done",
        "滞后": "behind",
        "受阻": "blocked",
        "未报状态": None,
        "已销号": "closed",
    },
    "en": {
        "on track": "on_track",
        "done": "done",
        "behind": "behind",
        "blocked": "blocked",
        "no status stated": None,
        "closed": "closed",
    },
}
ITEM_WORDS = {
    "zh": {
        "按时报送": "on_time",
        "逾时报送": "late",
        "未报": "missing",
        "未报（无法送达）": "unreachable",
        "请假": "on_leave",
    },
    "en": {
        "on time": "on_time",
        "late": "late",
        "missing": "missing",
        "missing (unreachable)": "unreachable",
        "on leave": "on_leave",
    },
}
#: The ledger's 来源 words, and the marks the texts put before a task's title by its source.
SOURCE_WORDS = {
    "zh": {"工作计划": "plan", "领导批示": "instruction", "会议决定事项": "meeting"},
    "en": {
        "Work plan": "plan",
        "Leader's instruction": "instruction",
        "Meeting decision": "meeting",
    },
}
MARKS = {
    "zh": {"【批示】": "instruction", "【会议】": "meeting"},
    "en": {"[Instruction] ": "instruction", "[Meeting] ": "meeting"},
}
CLOSEOUT_WORDS = {
    "zh": {"待销号": "pending", "已销号": "approved", "已退回": "returned", None: None},
    "en": {
        "awaiting close-out": "pending",
        "closed": "approved",
        "returned": "returned",
        None: None,
    },
}
#: The ledger sheets' titles and the columns read, by their header, per language.
SHEETS = {"zh": ("台账", "应报事项", "反馈记录"), "en": ("Ledger", "Answers owed", "Reports")}
TASK_COLUMNS = {
    "zh": {
        "序号": "number",
        "板块": "section",
        "任务": "title",
        "牵头单位": "lead_units",
        "配合单位": "co_units",
        "完成时限": "deadline",
        "状态": "status",
        "进度（%）": "progress",
        "序时进度（%）": "expected",
        "灯色": "light",
        "销号状态": "closeout",
        "最近实质进展日期": "changed",
        "停滞天数": "still",
        "领办逾期": "claims",
        "原定时限": "original",
        "延期次数": "extensions",
        "来源": "source",
    },
    "en": {
        "No.": "number",
        "Section": "section",
        "Task": "title",
        "Lead": "lead_units",
        "Support": "co_units",
        "Deadline": "deadline",
        "Status": "status",
        "Progress (%)": "progress",
        "Expected (%)": "expected",
        "Light": "light",
        "Close-out": "closeout",
        "Last real change": "changed",
        "Days without real change": "still",
        "Claim overdue": "claims",
        "Original deadline": "original",
        "Extensions": "extensions",
        "Source": "source",
    },
}
ITEM_COLUMNS = {
    "zh": {
        "调度周期": "cycle",
        "任务": "title",
        "责任方": "party",
        "单位": "unit",
        "报送情况": "state",
    },
    "en": {"Cycle": "cycle", "Task": "title", "Party": "party", "Unit": "unit", "Answer": "state"},
}
REPORT_COLUMNS = {
    "zh": {
        "日期": "at",
        "任务": "title",
        "填报人": "author",
        "责任方": "party",
        "状态": "status",
        "进展": "progress_text",
        "下步打算": "next_steps",
    },
    "en": {
        "Date": "at",
        "Task": "title",
        "Author": "author",
        "Party": "party",
        "Status": "status",
        "Progress made": "progress_text",
        "Next steps": "next_steps",
    },
}
SEP = {"zh": "、", "en": ", "}
NO_NUMBER = {"zh": "未填", "en": "n/a"}
NO_SECTION = {"zh": "其他", "en": "Other"}


# -- the texts' patterns ---------------------------------------------------------------------

_LIGHT = "(?P<icon>[🔴🟡🟢✅⚪])(?P<word>[^｜|]+?)"
_P = r"(?P<progress>\d+%|未填|n/a)"
PATTERNS: dict[str, dict[str, re.Pattern[str]]] = {
    "zh": {
        "digest_totals": re.compile(r"^共 (?P<tasks>\d+) 项：(?P<lights>.*)。$"),
        "review_totals": re.compile(r"^共 (?P<tasks>\d+) 项任务：(?P<lights>.*)。$"),
        "counts": re.compile(
            r"^应报 (?P<expected>\d+) 项：按时报送 (?P<on_time>\d+) 项，"
            r"逾时报送 (?P<late>\d+) 项，未报 (?P<missing>\d+) 项"
            r"(?:（其中无法送达 (?P<unreachable>\d+) 项）)?；"
            r"反馈率 (?P<rate>\S+?)。$"
        ),
        "review_counts": re.compile(
            r"^本月 (?P<cycles>\d+) 个调度周期，应报 (?P<expected>\d+) 项："
            r"按时报送 (?P<on_time>\d+) 项，逾时报送 (?P<late>\d+) 项，"
            r"未报 (?P<missing>\d+) 项；反馈率 (?P<rate>\S+?)。"
        ),
        "review_progress": re.compile(
            rf"^平均进度 {_P}（(?P<tasks>\d+) 项中 (?P<with>\d+) 项已报进度）。$"
        ),
        "on_leave": re.compile(r"^另有请假 (?P<count>\d+) 项，不计入应报。$"),
        "unit": re.compile(
            r"^• (?P<unit>.+?)：应报 (?P<expected>\d+) 项，已报 (?P<answered>\d+) 项"
            r"（逾时 (?P<late>\d+) 项），反馈率 \S+$"
        ),
        "section": re.compile(
            rf"^• (?P<name>.+?)（(?P<tasks>\d+) 项）：平均进度 {_P}（(?P<with>\d+) 项已报进度），"
            r"序时进度 (?P<expected>\d+)%；(?P<lights>.*)$"
        ),
        "review_section": re.compile(
            rf"^• (?P<name>.+?)（(?P<tasks>\d+) 项）：平均进度 {_P}（(?P<with>\d+) 项已报进度，"
            r"较月初 [^）]+），序时进度 (?P<expected>\d+)%；应报 (?P<owed>\d+) 项，"
            r"已报 (?P<answered>\d+) 项，反馈率 \S+$"
        ),
        "review_unit": re.compile(
            r"^• (?P<unit>.+?)：牵头 (?P<tasks>\d+) 项"
            r"(?:（其中 (?P<shared>\d+) 项与其他单位共同牵头）)?、"
            r"配合 (?P<co>\d+) 项；应报 (?P<owed>\d+) 项，已报 (?P<answered>\d+) 项，反馈率 \S+；"
            rf"牵头任务平均进度 {_P}（较月初 [^）]+）$"
        ),
        "troubled": re.compile(
            rf"^{_LIGHT}｜(?P<title>.+?)（(?P<owners>[^（）]*)）(?P<reasons>[^；]*)；"
            rf"进度 {_P}，序时进度 (?P<expected>\d+)%$"
        ),
        "red": re.compile(rf"^{_LIGHT}｜(?P<title>.+?)（(?P<owners>[^（）]*)）(?P<reasons>.*)$"),
        "decision": re.compile(
            rf"^{_LIGHT}｜(?P<title>.+?)（(?P<owners>[^（）]*)）(?P<status>[^，]+)，进度 {_P}$"
        ),
        "change": re.compile(r"^• (?P<title>.+)：(?P<before>\S+) → (?P<after>\S+)$"),
        "deadline": re.compile(
            r"^• (?P<title>.+?)（(?P<owners>[^（）]*)；完成时限 (?P<deadline>.+)）$"
        ),
        "plain": re.compile(r"^• (?P<title>.+?)（(?P<owners>[^（）]*)）$"),
        "stale": re.compile(
            r"^• (?P<title>.+?)（(?P<owners>[^（）]*)）："
            r"(?P<days>\d+) 天无实质进展（最近一次：.+）$"
        ),
        "claim": re.compile(r"^• (?P<title>.+?)（(?P<party>[^（）]*)）交办于 .+，已超时限 .+$"),
        "late": re.compile(r"^• (?P<author>.+?)：(?P<title>.+)（(?P<at>[^（）]+)）$"),
        "missing": re.compile(r"^未报单位和人员：(?P<names>.+)$"),
        "missing_name": re.compile(r"^(?P<name>.+)（(?P<count>\d+) 项）$"),
        "missing_hidden": re.compile(r"^未报 (?P<count>\d+) 个单位和人员，名单已报督办员。$"),
        "lights": re.compile(r"(?P<icon>[🔴🟡🟢✅⚪])(?P<word>[^，\d]+?) (?P<count>\d+)(?: 项)?"),
        "new_some": re.compile(
            r"^另有 (?P<count>\d+) 项任务月初尚未交办，无月初灯色，不作比较。$"
        ),
        "new_all": re.compile(
            r"^本月各项任务均为月内交办（(?P<count>\d+) 项），无月初灯色，不作比较。$"
        ),
        "new_none": re.compile(r"^月初尚无任务交办（(?P<count>\d+) 项），无月初灯色，不作比较。$"),
        "disputed": re.compile(r"^• (?P<title>.+?)（(?P<party>[^（）]*)）：(?P<answers>.+)$"),
        "disputed_answer": re.compile(r"^(?P<name>.+?)报「(?P<status>.+)」$"),
        "vague": re.compile(
            r"^• (?P<title>.+?)（(?P<owners>[^（）]*)）：(?P<flag>反馈内容空泛|与上期重复)"
            r"——“(?P<words>.*)”$"
        ),
        "extension": re.compile(
            r"^• (?P<title>.+?)（(?P<owners>[^（）]*)；"
            r"现时限 (?P<current>.+)，申请延至 (?P<asked>.+)）$"
        ),
    },
    "en": {
        "digest_totals": re.compile(r"^(?P<tasks>\d+) tasks?: (?P<lights>.*)\.$"),
        "review_totals": re.compile(r"^(?P<tasks>\d+) tasks?: (?P<lights>.*)\.$"),
        "counts": re.compile(
            r"^(?P<expected>\d+) answers? owed: (?P<on_time>\d+) on time, (?P<late>\d+) late, "
            r"(?P<missing>\d+) missing(?: \((?P<unreachable>\d+) unreachable\))?; "
            r"response rate (?P<rate>\S+?)\.$"
        ),
        "review_counts": re.compile(
            r"^(?P<cycles>\d+) weekly cycles? this month, (?P<expected>\d+) answers? owed: "
            r"(?P<on_time>\d+) on time, (?P<late>\d+) late, (?P<missing>\d+) missing; "
            r"response rate (?P<rate>\S+?)\."
        ),
        "review_progress": re.compile(
            rf"^Average progress {_P} \((?P<with>\d+) of (?P<tasks>\d+) tasks? with a number\)\.$"
        ),
        "on_leave": re.compile(r"^(?P<count>\d+) more on leave, not owed\.$"),
        "unit": re.compile(
            r"^• (?P<unit>.+?): (?P<expected>\d+) owed, (?P<answered>\d+) answered "
            r"\((?P<late>\d+) late\), response rate \S+$"
        ),
        "section": re.compile(
            rf"^• (?P<name>.+?) \((?P<tasks>\d+) tasks?\): average progress {_P} "
            r"\((?P<with>\d+) with a number\), expected (?P<expected>\d+)%; (?P<lights>.*)$"
        ),
        "review_section": re.compile(
            rf"^• (?P<name>.+?) \((?P<tasks>\d+) tasks?\): average progress {_P} "
            r"\((?P<with>\d+) with a number, \S+ since the month began\), "
            r"expected (?P<expected>\d+)%; (?P<owed>\d+) owed, (?P<answered>\d+) answered, "
            r"response rate \S+$"
        ),
        "review_unit": re.compile(
            r"^• (?P<unit>.+?): leads (?P<tasks>\d+)(?: \((?P<shared>\d+) led jointly with "
            r"another unit\))?, supports (?P<co>\d+); (?P<owed>\d+) owed, "
            rf"(?P<answered>\d+) answered, response rate \S+; its tasks' progress {_P} \(\S+\)$"
        ),
        "troubled": re.compile(
            rf"^{_LIGHT} \| (?P<title>.+?) \((?P<owners>[^()]*)\) (?P<reasons>[^;]*); "
            rf"progress {_P}, expected (?P<expected>\d+)%$"
        ),
        "red": re.compile(rf"^{_LIGHT} \| (?P<title>.+?) \((?P<owners>[^()]*)\) (?P<reasons>.*)$"),
        "decision": re.compile(
            rf"^{_LIGHT} \| (?P<title>.+?) \((?P<owners>[^()]*)\) (?P<status>[^,]+), "
            rf"progress {_P}$"
        ),
        "change": re.compile(r"^• (?P<title>.+): (?P<before>[🔴🟡🟢✅⚪].*?) → (?P<after>.+)$"),
        "deadline": re.compile(
            r"^• (?P<title>.+?) \((?P<owners>[^()]*); deadline (?P<deadline>.+)\)$"
        ),
        "plain": re.compile(r"^• (?P<title>.+?) \((?P<owners>[^()]*)\)$"),
        "stale": re.compile(
            r"^• (?P<title>.+?) \((?P<owners>[^()]*)\): no real progress for (?P<days>\d+) days? "
            r"\(last: .+\)$"
        ),
        "claim": re.compile(
            r"^• (?P<title>.+?) \((?P<party>[^()]*)\) assigned .+, .+ past the limit$"
        ),
        "late": re.compile(r"^• (?P<author>.+?): (?P<title>.+) \((?P<at>[^()]+)\)$"),
        "missing": re.compile(r"^Units and people with answers missing: (?P<names>.+)$"),
        "missing_name": re.compile(r"^(?P<name>.+) \((?P<count>\d+)\)$"),
        "missing_hidden": re.compile(
            r"^(?P<count>\d+) units and people have answers missing; the leads have the names\.$"
        ),
        "lights": re.compile(r"(?P<icon>[🔴🟡🟢✅⚪])(?P<word>[^,\d]+?) (?P<count>\d+)"),
        "new_some": re.compile(
            r"^(?P<count>\d+) more tasks? (?:was|were) not yet assigned when the month began: "
            r"no colour then to compare with\.$"
        ),
        "new_all": re.compile(
            r"^Every task was assigned during the month \((?P<count>\d+)\): no colour at its "
            r"start to compare with\.$"
        ),
        "new_none": re.compile(
            r"^No task was assigned yet when the month began \((?P<count>\d+)\): no colour then "
            r"to compare with\.$"
        ),
        "disputed": re.compile(r"^• (?P<title>.+?) \((?P<party>[^()]*)\): (?P<answers>.+)$"),
        "disputed_answer": re.compile(r"^(?P<name>.+?): (?P<status>.+)$"),
        "vague": re.compile(
            r"^• (?P<title>.+?) \((?P<owners>[^()]*)\): (?P<flag>vague|same as last time): "
            r"“(?P<words>.*)”$"
        ),
        "extension": re.compile(
            r"^• (?P<title>.+?) \((?P<owners>[^()]*); deadline (?P<current>.+), "
            r"asked (?P<asked>.+)\)$"
        ),
    },
}
#: The headings whose lines the reader reads, per language.
HEADINGS = {
    "zh": {
        "各单位反馈": "units",
        "各板块进度": "sections",
        "三、受阻、滞后事项": "troubled",
        "逾期未完成": "overdue",
        "待销号": "awaiting",
        "逾时报送（上一周期）": "late",
        "领办逾期（交办后经提醒仍未签收）": "claims",
        "同一单位反馈不一致（请核实）": "disputed",
        "反馈内容空泛或与上期重复": "vague",
        "延期申请待审批（发送 /extensions 逐项审批）": "extensions",
        "二、各板块": "review_sections",
        "三、各单位": "review_units",
        "五、红灯事项": "red",
        "四、灯色变化（较月初）": "changes",
        "六、会议决定事项落实情况": "decisions",
    },
    "en": {
        "Answers by unit": "units",
        "Progress by section": "sections",
        "3. Blocked or behind": "troubled",
        "Overdue": "overdue",
        "Awaiting close-out": "awaiting",
        "Late answers (previous cycle)": "late",
        "Claim overdue (not acknowledged after a reminder)": "claims",
        "Conflicting answers within one unit (please check)": "disputed",
        "Vague updates, or the same as last time": "vague",
        "Extension requests awaiting decision (decide them with /extensions)": "extensions",
        "2. Sections": "review_sections",
        "3. Units": "review_units",
        "5. Red tasks": "red",
        "4. Colour changes since the month began": "changes",
        "6. Meeting decisions and their follow-up": "decisions",
    },
}
#: The review's count of tasks with no colour at the month's start, by its wording.
NEW_TASKS = ("new_some", "new_all", "new_none")
#: A date as the digest writes it.
DATE = {
    "zh": re.compile(r"^(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日$"),
    "en": re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$"),
}
#: The flags of the vague block, by their words.
FLAGS = {
    "反馈内容空泛": "vague",
    "与上期重复": "repeated",
    "vague": "vague",
    "same as last time": "repeated",
}
STALE_HEADING = {
    "zh": re.compile(r"^长期无实质进展（\d+周以上）$"),
    "en": re.compile(r"^No real progress for \d+ weeks? or more$"),
}
