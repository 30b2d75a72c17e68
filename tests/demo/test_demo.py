"""``duban demo`` end to end: the whole rhythm on the sandbox, its outputs and its failures."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.cli.main import main
from demo import readme
from demo.onboarding import set_up_the_team
from demo.player import fragment
from demo.runner import DemoOptions, run
from demo.scenario import Step
from demo.stage import Stage

README = Path(__file__).parents[2] / "README.md"
#: Loose: the demo aims at well under a minute; this only catches a hang or a crawl.
WALL_LIMIT = 120.0
KEY_MOMENTS = (
    "prompt.title",  # the weekly prompt
    "remind.auto",  # the automatic reminder
    "cutoff.silent",  # the cutoff, with who did not answer
    "rhythm.digest.title",  # the weekly digest
    "closeout.approved",  # 销号 approved
    "closeout.returned",  # 销号 returned with a reason
    "rhythm.review.title",  # the monthly review
    "instruction.created.instruction",  # a leader's instruction made a task
    "extension.approved",  # 延期申请 approved
)


def run_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run ``duban demo --quiet`` into ``tmp_path``; the exit code and what it printed."""
    code = main(["demo", "--quiet", "--no-color", "--output", str(tmp_path / "out"), *args])
    return code, capsys.readouterr().out


@pytest.mark.parametrize(
    ("lang", "counts"),
    [("zh", r"应报 \d+ 项：按时报送 \d+ 项"), ("en", r"\d+ answers owed: \d+ on time")],
)
@pytest.mark.slow
def test_the_whole_demo_runs_and_leaves_its_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, counts: str
) -> None:
    """Quiet run: exit 0, the digest, chart, ledger and transcript, every key moment, < 2 min;
    the summary's task count is the ledger's; the README's transcript excerpt is cut from it."""
    started = time.perf_counter()
    code, printed = run_cli(tmp_path, capsys, "--lang", lang, "--width", str(readme.WIDTH))
    seconds = time.perf_counter() - started
    assert code == 0, printed
    assert seconds < WALL_LIMIT
    out = tmp_path / "out"
    assert str(out.resolve()) in printed
    assert "✘" not in printed

    digest = (out / "digest.md").read_text(encoding="utf-8")
    assert re.search(counts, digest)
    assert "<b>" in (out / "digest.html").read_text(encoding="utf-8")

    assert (out / "chart.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")

    book = load_workbook(out / "ledger.xlsx")
    tasks = book.worksheets[0]
    assert tasks.max_row - 1 == 17  # a header row, the sample plan's 16 measures, the 批示
    said = f"任务 {tasks.max_row - 1} 项" if lang == "zh" else f"{tasks.max_row - 1} tasks"
    assert said in printed  # the summary counts the tasks the ledger and the digest show
    header = [cell.value for cell in tasks[1]]
    column = header.index("来源" if lang == "zh" else "Source")
    sources = [row[column].value for row in tasks.iter_rows(min_row=2)]
    assert sources.count("领导批示" if lang == "zh" else "Leader's instruction") == 1

    transcript = (out / "transcript.txt").read_text(encoding="utf-8")
    for key in KEY_MOMENTS:
        assert fragment(key, lang) in transcript, key
    assert "\x1b[" not in transcript
    if lang == "zh":  # the README's excerpt is this transcript's (python -m demo.readme)
        shown = readme.pieces(readme.excerpt(README.read_text(encoding="utf-8")))
        assert len(shown) > 5
        for piece in shown:
            assert "\n".join(piece) in transcript, piece[0]


def test_quiet_prints_only_the_summary(tmp_path: Path) -> None:
    """Without ``--quiet`` the chats stream; with it, only the summary (checked on a short run)."""
    loud, quiet = io.StringIO(), io.StringIO()
    script = (Step(0, "10:00", "demo.step.team", set_up_the_team),)
    for out, is_quiet in ((loud, False), (quiet, True)):
        options = DemoOptions(output=tmp_path / str(is_quiet), quiet=is_quiet, width=80)
        run(options, out, script=script)
    assert "╭─ 🤖 → 何建国（县委办信息科）" in loud.getvalue()
    assert "╭─" not in quiet.getvalue()
    assert "transcript.txt" in quiet.getvalue()


async def never_answered(s: Stage) -> None:
    """A step waiting for a message the bot never sends."""
    await s.admin.say("/start")
    await s.admin.expect("closeout.approved", timeout=0.5)


def test_a_step_that_fails_is_named_and_exits_non_zero(tmp_path: Path) -> None:
    """If the expected message does not come, the step and what was awaited are reported."""
    out = io.StringIO()
    script = (Step(0, "10:00", "demo.step.approved", never_answered),)
    result = run(DemoOptions(output=tmp_path, quiet=True), out, script=script)
    assert not result.ok
    assert result.failure is not None
    assert result.failure.step == "申请销号：同意"
    printed = out.getvalue()
    assert "❌ 演示在步骤「申请销号：同意」失败" in printed
    assert "已销号" in printed  # what was awaited


def test_a_used_data_dir_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--data-dir`` must be empty: the demo builds its county from scratch."""
    used = tmp_path / "data"
    used.mkdir()
    (used / "db.json").write_text("{}", encoding="utf-8")
    code = main(["demo", "--quiet", "--data-dir", str(used), "--output", str(tmp_path / "o")])
    assert code == 2
    assert "不是空的" in capsys.readouterr().err
