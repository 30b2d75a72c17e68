"""Items written without numbers, in texts that have no numbered items."""

from __future__ import annotations

from bot.importer import parse_plan
from bot.importer.unmarked import unmarked_items


def test_counted_list_is_split_into_its_items() -> None:
    """A 、-list followed by its count (五大重点工作) gives one item per phrase."""
    text = (
        "会议强调，要突出重点，抓好招商引资、项目建设、城市更新、乡村振兴、民生保障五大重点工作；"
    )
    items = [text[start:end] for start, end in unmarked_items(text)]
    assert items == ["招商引资", "项目建设", "城市更新", "乡村振兴", "民生保障"]


def test_count_before_the_list() -> None:
    """三项重点任务：A、B、C works the same way."""
    text = "今年要完成三项重点任务：建成污水处理厂、改造老旧小区、新建幼儿园。"
    assert [text[s:e] for s, e in unmarked_items(text)] == [
        "建成污水处理厂",
        "改造老旧小区",
        "新建幼儿园",
    ]


def test_a_count_that_does_not_match_is_no_list() -> None:
    """When the stated count differs from the phrases listed, nothing is split."""
    assert unmarked_items("抓好招商引资、项目建设十大重点工作。") == []


def test_imperative_sentences_are_items() -> None:
    """会议要求，要A。…要B。… gives one measure per short 要 sentence with its explanation."""
    text = (
        "会议要求，要压实整改责任。党组书记履行第一责任人责任。要细化推进措施。建立整改台账。"
        "要强化跟踪督办。定期通报进展。\n"
    )
    measures = parse_plan(text.encode(), "news.txt").measures
    assert [m.title for m in measures] == ["要压实整改责任", "要细化推进措施", "要强化跟踪督办"]
    assert measures[0].body == "要压实整改责任。党组书记履行第一责任人责任。"


def test_numbered_text_ignores_imperative_sentences() -> None:
    """In a text with numbered items, 要… sentences stay inside their item."""
    text = "一、重点工作\n1.要压实责任。要细化措施。\n2.要强化督办。要深化运用。\n"
    assert len(parse_plan(text.encode(), "plan.txt").measures) == 2


def test_processing_limits_are_no_counted_list() -> None:
    """报告书14个工作日内、报告表7个工作日内 is not a list of 7 tasks (工作日 is no label)."""
    text = "环评报告书14个工作日内、环评报告表7个工作日内、环评登记表3个工作日内完成审批。"
    assert unmarked_items(text) == []


def test_counted_list_inside_a_numbered_item() -> None:
    """A numbered item listing 三项重点工作 groups three measures under its title."""
    text = (
        "一、重点工作\n（一）抓好三项重点工作：建成污水处理厂、改造老旧小区、新建幼儿园。"
        "（县住建局负责）\n（二）推进招商引资。\n"
    )
    measures = parse_plan(text.encode(), "plan.txt").measures
    assert [m.title for m in measures] == [
        "建成污水处理厂",
        "改造老旧小区",
        "新建幼儿园",
        "推进招商引资",
    ]
    assert measures[0].section == "抓好三项重点工作"
    assert measures[0].lead_units == ("县住建局",)
