"""A damaged data directory, as ``duban store check`` and ``backup`` tell it: in Chinese by
default and in English with ``DUBAN_LANGUAGE=en``, the paths and commands as they are, and the
English of the store's own error (kept for logs) nowhere in the Chinese output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cli.main import main
from storage.layout import HISTORY_DIR, STATE_FILE, WAL_DIR
from storage.migrations import CURRENT_VERSION
from storage.wal import segment_numbers, segment_path
from tests.cli.stores import small_store

Damage = Callable[[Path], dict[str, object]]  # damages a seeded directory; returns the names


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chinese unless a test asks for English."""
    monkeypatch.delenv("DUBAN_LANGUAGE", raising=False)


def _seed(data_dir: Path, *, checkpoint: bool = True) -> None:
    """A team, a person, a plan, a measure and 40 days of reports; without ``checkpoint`` they
    stay in the log (as after a crash)."""
    store = small_store(data_dir)
    if checkpoint:
        store.close()
    else:
        store.abandon()


def _segment(data_dir: Path) -> Path:
    (number,) = segment_numbers(data_dir / WAL_DIR)
    return segment_path(data_dir / WAL_DIR, number)


def _flip_record(data_dir: Path) -> dict[str, object]:
    """Flip one byte in the body of log record 10 (of 44): that transaction is lost."""
    path = _segment(data_dir)
    content = bytearray(path.read_bytes())
    start = 0
    for _ in range(9):
        start = content.index(b"\n", start) + 1
    end = content.index(b"\n", start) + 1
    content[start + 40] ^= 0x20
    path.write_bytes(bytes(content))
    return {"file": path.name, "start": start, "end": end}


def _drop_state(data_dir: Path) -> dict[str, object]:
    (data_dir / STATE_FILE).unlink()
    return {"state": data_dir / STATE_FILE}


def _truncate_state(data_dir: Path) -> dict[str, object]:
    """Cut ``state.json`` short, as a disk fault or a copy gone wrong leaves it."""
    path = data_dir / STATE_FILE
    path.write_bytes(path.read_bytes()[:100])
    return {"state": path}


def _drop_month(data_dir: Path) -> dict[str, object]:
    month = sorted((data_dir / HISTORY_DIR).glob("????-??.json"))[0]
    month.unlink()
    return {"month": month.stem}


def _edit_state(change: Callable[[dict[str, dict[str, object]]], None]) -> Damage:
    def damage(data_dir: Path) -> dict[str, object]:
        path = data_dir / STATE_FILE
        tables = json.loads(path.read_text())
        change(tables)
        path.write_text(json.dumps(tables))
        return {"state": path, "newer": CURRENT_VERSION + 1, "current": CURRENT_VERSION}

    return damage


def _newer(tables: dict[str, dict[str, object]]) -> None:
    meta = tables["_meta"]["1"]
    assert isinstance(meta, dict)
    meta["version"] += 1


def _unknown_table(tables: dict[str, dict[str, object]]) -> None:
    tables["ballots"] = {"1": {"id": "b1"}}


def _no_meta(tables: dict[str, dict[str, object]]) -> None:
    tables["_meta"] = {}


def _segment_gap(data_dir: Path) -> dict[str, object]:
    gap = segment_path(data_dir / WAL_DIR, _number(data_dir) + 2)
    gap.write_bytes(b"")
    return {"wal": data_dir / WAL_DIR, "gap": gap.name}


def _number(data_dir: Path) -> int:
    return segment_numbers(data_dir / WAL_DIR)[-1]


def _bad_status(data_dir: Path) -> dict[str, object]:
    month = sorted((data_dir / HISTORY_DIR).glob("????-??.json"))[0]
    tables = json.loads(month.read_text())
    first = next(iter(tables["reports"].values()))
    first["status"] = "exploded"
    month.write_text(json.dumps(tables))
    return {"key": first["id"]}


# (damage, seeded with a checkpoint, the Chinese problem, the English problem)
CASES: dict[str, tuple[Damage, bool, str, str]] = {
    "lost-record": (
        _flip_record,
        False,
        "问题：第 10 条日志记录因损坏而丢失（{file} 第 {start}–{end} 字节）：1 个事务的写入不在"
        "数据中；其后 34 条完好的记录（至 {file}）已保留",
        "problem: log record 10 lost to damage ({file} bytes {start}-{end}): the writes of 1 "
        "transaction are not in the store; 34 intact later records (through {file}) are kept",
    ),
    "state-missing": (
        _drop_state,
        True,
        "问题：{state} 缺失，但仍有",
        "problem: {state} is missing but",
    ),
    "truncated-state": (
        _truncate_state,
        True,
        "问题：{state} 不是有效的 JSON 文件（Expecting ",
        "problem: {state}: not valid JSON (Expecting ",
    ),
    "history-missing": (
        _drop_month,
        True,
        "问题：history/ 中缺少历史文件（{month}）：请从备份恢复（见 deploy/README.md 第 6 节）",
        "problem: history files missing in history/ ({month}); restore them from a backup",
    ),
    "newer": (
        _edit_state(_newer),
        True,
        "问题：数据由较新版本的督办写入（数据结构版本 {newer}，本版本最高读取 {current}）："
        "请升级督办",
        "problem: the data was written by a newer Duban (schema {newer}, this one reads up to "
        "{current}); upgrade Duban",
    ),
    "unknown-collection": (
        _edit_state(_unknown_table),
        True,
        "问题：state 中有本版本无法识别的数据集 'ballots'：数据可能由较新版本的督办写入，"
        "或文件已损坏",
        "problem: unknown collection 'ballots' in state: a newer Duban wrote it, or the file is "
        "damaged",
    ),
    "no-meta": (
        _edit_state(_no_meta),
        True,
        "问题：{state} 中没有 _meta 表：该文件已损坏，请从备份恢复",
        "problem: {state} has no _meta table: the file is damaged; restore it from a backup",
    ),
    "segment-gap": (
        _segment_gap,
        True,
        "问题：{wal} 中的日志分段不连续（现有 ",
        "problem: log segments missing in {wal} (found ",
    ),
    "undecodable": (
        _bad_status,
        True,
        "问题：reports/{key}：无法解码（",
        "problem: reports/{key}: cannot decode Report",
    ),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_store_check_names_the_damage_in_the_operators_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    case: str,
    lang: str,
) -> None:
    """Each kind of damage is one problem line in the operator's language, exit 1."""
    damage, checkpoint, zh, en = CASES[case]
    _seed(tmp_path, checkpoint=checkpoint)
    names = damage(tmp_path)
    if lang == "en":
        monkeypatch.setenv("DUBAN_LANGUAGE", "en")
    assert main(["store", "check", "--data-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    wanted = (zh if lang == "zh" else en).format(**names)
    assert wanted in out, out
    if lang == "zh":  # not even the sentence the error keeps in English for logs
        assert en.format(**names).removeprefix("problem: ") not in out
    assert out.rstrip().endswith("发现 1 处问题" if lang == "zh" else "1 problem found")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "提示：{file} 第 0–19 字节没有完整的日志记录（因崩溃或磁盘已满而中断的写入，"),
        ("en", "warning: {file} bytes 0-19 hold no complete log record (a write cut short"),
    ],
)
def test_a_torn_log_tail_is_a_warning_in_the_operators_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    expected: str,
) -> None:
    """An unfinished last log record is named by file and byte range in either language, and
    the check still passes."""
    _seed(tmp_path)
    segment = _segment(tmp_path)
    segment.write_bytes(b"0000abcd 00000099 {")
    monkeypatch.setenv("DUBAN_LANGUAGE", lang)
    assert main(["store", "check", "--data-dir", str(tmp_path)]) == 0
    assert expected.format(file=segment.name) in capsys.readouterr().out


BACKUP = {
    "newer": (
        _edit_state(_newer),
        "备份失败：数据由较新版本的督办写入（数据结构版本 {newer}，本版本最高读取 {current}）："
        "请升级督办\n",
        "backup failed: the data was written by a newer Duban (schema {newer}, this one reads up "
        "to {current}); upgrade Duban\n",
    ),
    "truncated-state": (
        _truncate_state,
        "备份失败：{state} 不是有效的 JSON 文件（Expecting ",
        "backup failed: {state}: not valid JSON (Expecting ",
    ),
    "history-missing": (
        _drop_month,
        "备份失败：无法读取 {data}：history/ 中缺少历史文件（{month}）：请从备份恢复"
        "（见 deploy/README.md 第 6 节）\n",
        "backup failed: cannot read {data}: history files missing in history/ ({month}); restore "
        "them from a backup (deploy/README.md section 6)\n",
    ),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", list(BACKUP))
def test_backup_of_a_damaged_store_says_why_in_the_operators_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    case: str,
    lang: str,
) -> None:
    """The store's error, also inside the backup's own, is said in the operator's language."""
    damage, zh, en = BACKUP[case]
    data = tmp_path / "data"
    _seed(data)
    names = damage(data)
    monkeypatch.setenv("DUBAN_LANGUAGE", lang)
    assert main(["store", "backup", str(tmp_path / "copy"), "--data-dir", str(data)]) == 1
    expected = (zh if lang == "zh" else en).format(data=data, **names)
    err = capsys.readouterr().err
    assert err.startswith(expected), err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "迁移失败：{state} 不是有效的 JSON 文件（Expecting "),
        ("en", "migration failed: {state}: not valid JSON (Expecting "),
    ],
)
def test_migrating_a_damaged_store_says_why_in_the_operators_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    expected: str,
) -> None:
    """``duban store migrate`` from a directory whose ``state.json`` was cut short: one line in
    the operator's language naming the file, exit 1, no "unexpected error" and no traceback."""
    data = tmp_path / "data"
    _seed(data)
    names = _truncate_state(data)
    monkeypatch.setenv("DUBAN_LANGUAGE", lang)
    url = "postgresql://duban@127.0.0.1:1/duban"
    assert main(["store", "migrate", "--from", str(data), "--to", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith(expected.format(**names)), err
    assert "Traceback" not in err
    assert "unexpected" not in err
