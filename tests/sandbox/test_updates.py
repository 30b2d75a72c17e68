"""Tests for the update queue: ids, offsets, allowed types and the long-poll slot."""

from __future__ import annotations

from sandbox.counters import Counters
from sandbox.notify import Notifier
from sandbox.updates import FIRST_UPDATE_ID, UpdateQueue, update_kind


def queue() -> UpdateQueue:
    """An empty queue."""
    return UpdateQueue(Notifier(), Counters())


def test_ids_increase_and_offset_confirms() -> None:
    """Updates get consecutive ids; an offset forgets everything before it."""
    updates = queue()
    ids = [updates.push({"message": {"n": n}})["update_id"] for n in range(3)]
    assert ids == [FIRST_UPDATE_ID, FIRST_UPDATE_ID + 1, FIRST_UPDATE_ID + 2]
    updates.confirm(ids[1])
    assert [u["update_id"] for u in updates.deliverable()] == ids[1:]


def test_negative_offset_keeps_the_last_updates() -> None:
    """``offset=-1`` keeps only the newest update."""
    updates = queue()
    for n in range(3):
        updates.push({"message": {"n": n}})
    updates.confirm(-1)
    assert [u["message"]["n"] for u in updates.deliverable()] == [2]


def test_default_allowed_updates_skip_chat_member() -> None:
    """chat_member updates are only delivered when asked for."""
    updates = queue()
    updates.push({"chat_member": {}})
    updates.push({"message": {}})
    assert [update_kind(u) for u in updates.deliverable()] == ["message"]
    updates.push({"chat_member": {}})
    updates.set_allowed(["chat_member"])
    assert [update_kind(u) for u in updates.deliverable()] == ["chat_member"]


def test_empty_allowed_list_means_default() -> None:
    """``allowed_updates=[]`` restores the default set."""
    updates = queue()
    updates.set_allowed(["message"])
    updates.set_allowed([])
    assert updates.is_allowed("callback_query")


def test_a_new_poll_terminates_the_previous_one() -> None:
    """Starting a second long poll marks the first as terminated by getUpdates."""
    updates = queue()
    first = updates.begin_poll()
    second = updates.begin_poll()
    assert first.terminated_by == "getUpdates"
    assert second.terminated_by is None
    updates.end_poll(second)
    assert not updates.polling


def test_forged_update_ids_move_the_counter_forward() -> None:
    """An injected update with a larger id is kept, and later ids continue after it."""
    updates = queue()
    updates.push({"update_id": FIRST_UPDATE_ID + 100, "message": {}})
    assert updates.push({"message": {}})["update_id"] == FIRST_UPDATE_ID + 101
