"""The review chart: a PNG whose Chinese labels have real glyphs (no tofu boxes)."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.image import imread
from matplotlib.patches import Rectangle

from bot.i18n.catalog.rhythm import EN, ZH
from bot.render.rhythm import fonts
from bot.render.rhythm.chart import _draw_bars, render_review_chart
from bot.rhythm.figures import Tally
from bot.rhythm.review import MonthlyReview, Trend
from tests.factories.snapshots import local

CHART_KEYS = [key for key in ZH if key.startswith("rhythm.review.chart_")]
SAMPLE_LABELS = [
    "一、坚持创新驱动，加快建设现代化产业体系",
    "（三）深化“放管服”改革，优化营商环境",
    "濉溪县、邗江区、亳州市、婺源县、黟县、歙县、泾县、涡阳县",
    "招商引资到位资金 120 亿元；固定资产投资增长 8%",
    "其他",
]


def _review(sections: tuple[Trend, ...]) -> MonthlyReview:
    return MonthlyReview(
        team_name="县督查室",
        year=2024,
        month=10,
        generated_at=local(2024, 10, 31, 16),
        lights=(),
        responses=Tally(),
        cycles=0,
        with_progress=0,
        progress=None,
        sections=sections,
        units=(),
        changes=(),
        red=(),
    )


def _trends() -> tuple[Trend, ...]:
    named = [
        Trend(name, 5, 3, 40 + 10 * i, 30 + 10 * i, 75) for i, name in enumerate(SAMPLE_LABELS[:4])
    ]
    return (*named, Trend(None, 1, 0, None, None, 50))


@pytest.mark.parametrize("text", [ZH[key] for key in CHART_KEYS] + SAMPLE_LABELS)
def test_bundled_font_has_glyphs_for_chart_texts(text: str) -> None:
    """Every character of the chart's Chinese texts is in the bundled font's cmap."""
    have = fonts.bundled_characters()
    missing = [c for c in text if not c.isspace() and ord(c) not in have and c not in "{}"]
    assert missing == []


def test_bundled_font_covers_gb2312() -> None:
    """The bundled subset covers all of GB 2312's hanzi (levels 1 and 2)."""
    have = fonts.bundled_characters()
    hanzi = {
        bytes([hi, lo]).decode("gb2312")
        for hi in range(0xB0, 0xF8)
        for lo in range(0xA1, 0xFF)
        if (hi, lo) not in {(0xD7, lo) for lo in range(0xFA, 0xFF)}
    }
    assert len(hanzi) == 6763
    assert all(ord(c) in have for c in hanzi)


def test_matplotlib_resolves_the_bundled_family() -> None:
    """matplotlib's font manager finds Duban Sans SC as the bundled file."""
    fonts.chart_fonts()
    found = font_manager.findfont(
        font_manager.FontProperties(family=fonts.BUNDLED_FAMILY), fallback_to_default=False
    )
    assert found == str(fonts.BUNDLED)
    assert fonts.BUNDLED_FAMILY in fonts.families()
    assert fonts.families()[-1] == fonts.LAST_RESORT


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_is_a_png_without_missing_glyph_warnings(lang: str) -> None:
    """The chart renders as PNG; a missing glyph would warn, and warnings fail the test run."""
    png = render_review_chart(_review(_trends()), lang)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = imread(BytesIO(png), format="png")
    height, width = image.shape[:2]
    assert width > 600
    assert height > 300
    assert image.min() < 0.5  # something dark was drawn: bars and text


@pytest.mark.parametrize(("lang", "word"), [("zh", "未填"), ("en", "n/a")])
def test_a_section_without_a_reported_number_is_labelled_not_drawn_as_zero(
    lang: str, word: str
) -> None:
    """Each bar carries its figure, and a section no task reported a number for has no bar
    and says so (未填), so it does not read as 0 %."""
    axes = Figure().add_subplot()
    _draw_bars(axes, list(_trends()), lang)
    assert [text.get_text() for text in axes.texts] == ["40%", "50%", "60%", "70%", word]


def test_last_month_is_in_the_legend_only_when_some_section_has_its_figure() -> None:
    """上月进度 bars and legend entry come only with a figure for last month somewhere; in a first
    month the legend lists just this month's progress and 序时进度."""
    legends = []
    for rows in (_trends(), tuple(replace(trend, previous=None) for trend in _trends())):
        axes = Figure().add_subplot()
        _draw_bars(axes, list(rows), "zh")
        legends.append(set(axes.get_legend_handles_labels()[1]))
    now, expected = ZH["rhythm.review.chart_progress"], ZH["rhythm.review.chart_expected"]
    assert legends == [{ZH["rhythm.review.chart_previous"], now, expected}, {now, expected}]


def test_each_sections_bars_sit_on_its_label_with_the_expected_tick_across_them() -> None:
    """In a first month this month's bar is centred on its section's label, where the 序时进度
    tick is; with last month's figures the two bars straddle the label, one on each side."""
    for rows, centres in (
        (tuple(replace(trend, previous=None) for trend in _trends()), [[0.0]]),
        (_trends(), [[-0.2, 0.2]]),
    ):
        axes = Figure().add_subplot()
        _draw_bars(axes, list(rows), "zh")
        bars = [patch for patch in axes.patches if isinstance(patch, Rectangle)]
        for row in range(len(rows)):
            mine = sorted(
                round(bar.get_y() + bar.get_height() / 2 - row, 6)
                for bar in bars
                if abs(bar.get_y() + bar.get_height() / 2 - row) < 0.5
            )
            assert [mine] == centres
        (ticks,) = axes.collections
        assert [y for _, y in ticks.get_offsets()] == list(range(len(rows)))


def test_chart_of_an_empty_plan() -> None:
    """A plan without sections still gives a titled PNG."""
    assert render_review_chart(_review(()), "zh").startswith(b"\x89PNG")


def test_uncovered_characters_are_replaced_not_drawn_as_boxes() -> None:
    """A character no chart font has becomes '?', so the chart never shows a tofu box."""
    assert fonts.printable("进度\ue000ok") == "进度?ok"
    weird = (Trend("私用区\ue000字符", 1, 1, 50, 40, 60),)
    assert render_review_chart(replace(_review(weird)), "zh").startswith(b"\x89PNG")


def test_english_catalog_chart_texts_are_ascii_or_covered() -> None:
    """The English chart texts need no font beyond the chain."""
    have = fonts.covered()
    for key in CHART_KEYS:
        assert all(c.isspace() or ord(c) in have or c in "{}" for c in EN[key])


def test_missing_glyphs_would_be_caught() -> None:
    """Guard of the guard: drawing Chinese with DejaVu alone warns, which fails a test run."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with mpl.rc_context({"font.family": ["DejaVu Sans"]}):
        figure = Figure()
        FigureCanvasAgg(figure)
        figure.add_subplot().set_title("进度")
        with pytest.warns(UserWarning, match="Glyph"):
            figure.savefig(BytesIO(), format="png")
