"""Items written without numbers, in texts that have no numbered items."""

from __future__ import annotations

from bot.importer import parse_plan
from bot.importer.unmarked import unmarked_items


def test_counted_list_is_split_into_its_items() -> None:
    """A 、-list followed by its count (五大重点工作) gives one item per phrase."""
    text = ("会议强调，要突出重点，抓好招商引资、项目建设、城市更新、乡村振兴、"
            "民生保障五大重点工作；")
    items = [text[start:end] for start, end in unmarked_items(text)]
    assert items == ["招商引资", "项目建设", "城市更新", "乡村振兴", "民生保障"]


def test_count_before_the_list() -> None:
    """三项重点任务：A、B、C works the same way."""
    text = "今年要完成三项重点任务：建成污水处理厂、改造老旧小区、新建幼儿园。"
    assert [text[s:e] for s, e in unmarked_items(text)] == ["建成污水处理厂", "改造老旧小区",
                                                            "新建幼儿园"]


def test_a_count_that_does_not_match_is_no_list() -> None:
    """When the stated count differs from the phrases listed, nothing is split."""
    assert unmarked_items("抓好招商引资、项目建设十大重点工作。") == []


def test_imperative_sentences_are_items() -> None:
    """会议要求，要A。…要B。… gives one measure per short 要 sentence with its explanation."""
    text = ("会议要求，要压实整改责任。党组书记履行第一责任人责任。要细化推进措施。建立整改台账。"
            "要强化跟踪督办。定期通报进展。\n")
    measures = parse_plan(text.encode(), "news.txt").measures
    assert [m.title for m in measures] == ["要压实整改责任", "要细化推进措施", "要强化跟踪督办"]
    assert measures[0].body == "要压实整改责任。党组书记履行第一责任人责任。"


def test_numbered_text_ignores_unmarked_forms() -> None:
    """A text with numbered items is read by its numbers only."""
    text = "一、重点工作\n1.抓好招商引资、项目建设两大重点工作。\n2.要压实责任。要细化措施。\n"
    assert len(parse_plan(text.encode(), "plan.txt").measures) == 2
