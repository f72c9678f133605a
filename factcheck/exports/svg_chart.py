"""The verdict summary chart: horizontal bars in the scale's colours, each with its label and count."""

from dataclasses import dataclass

from markupsafe import Markup

from factcheck.exports.records import Bar
from factcheck.exports.templating import environment

ROW_HEIGHT = 30
BAR_HEIGHT = 20
PADDING = 8
COUNT_SPACE = 56
CHAR_WIDTH = 7.4  # an average glyph at 13px in a sans-serif face


@dataclass(frozen=True)
class BarShape:
    label: str
    colour: str
    count: int
    y: float
    width: float
    text_y: float


@dataclass(frozen=True)
class ChartLayout:
    width: int
    height: int
    label_width: int
    bar_area: int
    bar_height: int
    total: int
    bars: tuple[BarShape, ...]


def layout(bars: list[Bar], *, width: int = 640) -> ChartLayout:
    """Where each bar goes: lengths proportional to counts, the longest filling the bar area."""
    longest_label = max((len(bar.label) for bar in bars), default=0)
    label_width = int(min(max(longest_label * CHAR_WIDTH + 16, 90), width / 3))
    bar_area = width - label_width - COUNT_SPACE
    most = max((bar.count for bar in bars), default=0)
    shapes = []
    for row, bar in enumerate(bars):
        y = PADDING + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        length = bar_area * bar.count / most if most else 0
        shapes.append(
            BarShape(
                label=bar.label,
                colour=bar.colour,
                count=bar.count,
                y=y,
                width=round(max(length, 2.0) if bar.count else 0.0, 1),
                text_y=y + BAR_HEIGHT / 2 + 4.5,
            )
        )
    return ChartLayout(
        width=width,
        height=2 * PADDING + ROW_HEIGHT * len(bars),
        label_width=label_width,
        bar_area=bar_area,
        bar_height=BAR_HEIGHT,
        total=sum(bar.count for bar in bars),
        bars=tuple(shapes),
    )


def render(bars: list[Bar], *, title: str = "Verdicts", width: int = 640) -> Markup:
    """The chart as an inline SVG element, every label escaped."""
    template = environment().get_template("chart.svg")
    return Markup(template.render(chart=layout(bars, width=width), title=title).strip())
