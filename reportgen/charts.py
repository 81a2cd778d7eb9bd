"""Bar charts of the brief as SVG (vector, for HTML and PDF) and PNG (for Markdown).

Why this shape: matplotlib's object API with the Agg canvas (no pyplot state, safe in
threads and workers), artists placed on the figure without an Axes (see _Plot), math text off so a '$' in a label stays a dollar, text kept as text
in SVG (`svg.fonttype = none`) and fixed hash salt and metadata so rebuilds are identical.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen import fmt
from reportgen.analysis import BriefView, ChartData

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Okabe-Ito-derived, colour-blind-safe pair (blue/orange differ in hue and lightness);
# both >= 4.5:1 against the background, so bars stand out for every reader.
PALETTE = {"current": "#0b4f8c", "prior": "#b05a00"}
BACKGROUND = "#ffffff"
INK = "#1a1a1a"
MUTED = "#555555"
FONT_FAMILY = "Inter"
FONT_FILES = ("Inter-Regular.otf", "Inter-SemiBold.otf")
WIDTH_IN = 2.6
SLOT_IN = 0.37  # height per category, so bars are equally thick in every chart
LEGEND_IN = 0.2
UNIT_IN = 0.2  # the strip under the bars that says "$ millions"
PNG_DPI = 160
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "reportgen",
    "text.parse_math": False,
    "font.family": "sans-serif",
    "font.sans-serif": [FONT_FAMILY, "Arial", "Helvetica", "DejaVu Sans"],
    "font.size": 7.5,
    "axes.unicode_minus": False,
}


@dataclass(frozen=True)
class Chart:
    """One drawn chart, with its numbers as a table for readers who cannot see it."""

    name: str  # file stem: revenue, expenses, cash
    title: str
    alt: str
    svg: bytes
    png: bytes
    columns: tuple[str, ...]  # table head: ("", "Q1 FY2008", "Q1 FY2007")
    rows: tuple[tuple[str, ...], ...]  # ("License and milestone fees", "$4.2M", "$1.4M")


KINDS = frozenset({"svg", "png"})

# matplotlib writes every SVG label with transform="rotate(-0 x y)": a turn by nothing, which
# WeasyPrint still applies to each letter. No label here is turned.
_NO_TURN = re.compile(rb' transform="rotate\(-0 [-+0-9.e]+ [-+0-9.e]+\)"')
# The labels' font list, as matplotlib writes it from RC: the fallbacks are for browsers, which do
# not give an <img> SVG the page's fonts.
_FONT_LIST = ("font-family: " + ", ".join(f"'{f}'" for f in RC["font.sans-serif"]) + ", sans-serif").encode()


def make_charts(view: BriefView, kinds: frozenset[str] = KINDS) -> list[Chart]:
    """Draw every chart the view asks for, saved only in the `kinds` asked for (b"" for the rest):
    each format is a whole redraw, and a PDF-only build needs no PNG."""
    if not view.charts:
        return []
    import matplotlib

    _register_fonts()
    with matplotlib.rc_context(RC):
        return [_draw(data, kinds) for data in view.charts]


def for_print(chart: Chart) -> Chart:
    """The chart as the PDF draws it: labels in Inter alone, the font the page's @font-face gives
    WeasyPrint, without the browser fallbacks it would otherwise weigh for every letter (same
    look; about 7 ms a brief)."""
    return replace(chart, svg=chart.svg.replace(_FONT_LIST, f"font-family: '{FONT_FAMILY}'".encode()))


def fonts_dir() -> Path:
    """The folder of the shipped fonts (wheel or checkout)."""
    from reportgen.render import builtin_dir

    return builtin_dir("styles") / "fonts"


@cache
def _register_fonts() -> None:
    """Make the shipped Inter known to matplotlib once per process."""
    from matplotlib import font_manager

    for name in FONT_FILES:
        path = fonts_dir() / name
        if path.is_file():
            font_manager.fontManager.addfont(str(path))


def _draw(data: ChartData, kinds: frozenset[str] = KINDS) -> Chart:
    """One horizontal grouped bar chart: category labels above their bars, values at the ends."""
    figure = _figure(len(data.categories))
    plot = _Plot.for_chart(figure, data)
    _bars(figure, plot, data)
    _zero_line(figure, plot)
    _legend(figure, data)
    return Chart(
        name=data.name,
        title=data.title,
        alt=data.alt,
        svg=_render(figure, "svg") if "svg" in kinds else b"",
        png=_render(figure, "png") if "png" in kinds else b"",
        columns=("", *(s.label for s in data.series)),
        rows=tuple(
            (category, *(fmt.millions(s.values[i]) for s in data.series))
            for i, category in enumerate(data.categories)
        ),
    )


def _figure(categories: int) -> Figure:
    """A white figure sized so every category gets the same height."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    slots = SLOT_IN * max(categories, 1) if categories > 1 else SLOT_IN * 0.75
    figure = Figure(figsize=(WIDTH_IN, LEGEND_IN + UNIT_IN + slots), facecolor=BACKGROUND)
    FigureCanvasAgg(figure)
    return figure


@dataclass(frozen=True)
class _Plot:
    """The plotting area in inches from the figure's lower left, and its value range in $ millions.

    Why no matplotlib Axes: its tick, spine and axis machinery was over a third of each chart's
    time, for what is here a few lines, rectangles and labels placed straight on the figure."""

    left: float
    right: float
    bottom: float
    top: float
    least: float  # the smallest value, or 0
    span: float  # the largest magnitude (at least 0.1, so an all-zero chart still has a scale)
    rows: int  # category slots, top to bottom

    @classmethod
    def for_chart(cls, figure: Figure, data: ChartData) -> _Plot:
        """The area between the legend and the unit strip."""
        values = [float(v) / 1e6 for s in data.series for v in s.values if v is not None]
        return cls(left=0.03 * WIDTH_IN, right=0.93 * WIDTH_IN, bottom=UNIT_IN,
                   top=figure.get_figheight() - LEGEND_IN, least=min(values + [0.0]),
                   span=max([abs(v) for v in values] + [0.1]), rows=max(len(data.categories), 1))

    @property
    def low(self) -> float:
        """The value at the left edge: room for a negative bar's label, as on the right."""
        return self.least - self.span * 0.2 if self.least < 0 else 0.0

    @property
    def high(self) -> float:
        """The value at the right edge: room for the longest bar's label."""
        return self.span * 1.2

    def x(self, millions: float) -> float:
        """Inches from the figure's left edge of a value."""
        return self.left + (millions - self.low) / (self.high - self.low) * (self.right - self.left)

    def y(self, slot: float) -> float:
        """Inches from the figure's bottom of a position counted in category slots from the top."""
        return self.top - slot / self.rows * (self.top - self.bottom)

    def height(self, slots: float) -> float:
        """Inches of a height counted in category slots."""
        return slots / self.rows * (self.top - self.bottom)


def _bars(figure: Figure, plot: _Plot, data: ChartData) -> None:
    """Per category: its label on top, then one bar per series with its value at the end."""
    labelled = len(data.categories) > 1  # a lone category is named by the chart's title
    first = 0.4 if labelled else 0.08
    thickness = (0.92 - first) / max(len(data.series), 1)
    for s_index, series in enumerate(data.series):
        for c_index, value in enumerate(series.values):
            slot = c_index + first + (s_index + 0.5) * thickness
            _bar(figure, plot, slot, value, thickness * 0.88, PALETTE[series.role])
    if labelled:
        for c_index, category in enumerate(data.categories):
            _text(figure, plot.x(plot.least + plot.span * 0.01), plot.y(c_index + 0.04), _clip(category),
                  va="top", ha="left", color=INK, fontsize=7)


def _bar(figure: Figure, plot: _Plot, slot: float, value: Decimal | None, thickness: float, color: str) -> None:
    """One bar and its value label (or 'not stated' where the filing gives no figure)."""
    from matplotlib.patches import Rectangle

    if value is None:
        _text(figure, plot.x(0), plot.y(slot), " not stated", va="center", ha="left", color=MUTED, fontsize=6.5)
        return
    millions = float(value) / 1e6
    start, end = sorted((plot.x(0), plot.x(millions)))
    figure.patches.append(Rectangle((start, plot.y(slot + thickness / 2)), end - start, plot.height(thickness),
                                    transform=figure.dpi_scale_trans, facecolor=color, linewidth=0,
                                    figure=figure))
    label = fmt.accounting(Decimal(value) / fmt.MILLION, 1)
    offset = plot.span * 0.02 * (1 if millions >= 0 else -1)
    _text(figure, plot.x(millions + offset), plot.y(slot), label, va="center",
          ha="left" if millions >= 0 else "right", color=INK, fontsize=7)


def _text(figure: Figure, x_in: float, y_in: float, text: str, **style: object) -> None:
    """A label placed in inches from the figure's lower left."""
    figure.text(x_in, y_in, text, transform=figure.dpi_scale_trans, **style)


def _clip(label: str, limit: int = 44) -> str:
    """Long line labels shortened with an ellipsis; the table beside gives them in full."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "\u2026"


def _legend(figure: Figure, data: ChartData) -> None:
    """Series names in their colours, drawn as swatches plus text (never colour alone)."""
    x = 0.02
    for series in data.series:
        figure.patches.append(_swatch(figure, x, PALETTE[series.role]))
        figure.text(x + 0.055, 1 - 0.04 / figure.get_figheight(), series.label, va="top", ha="left", fontsize=7, color=INK)
        x += 0.46


def _swatch(figure: Figure, x: float, color: str):  # type: ignore[no-untyped-def]
    """A small legend square in figure coordinates."""
    from matplotlib.patches import Rectangle

    height_in = figure.get_figheight()
    side = 0.09 / height_in
    top = 1 - 0.04 / height_in
    return Rectangle((x, top - side * 0.95), 0.09 / WIDTH_IN, side, transform=figure.transFigure,
                     facecolor=color, linewidth=0, figure=figure)


def _zero_line(figure: Figure, plot: _Plot) -> None:
    """The zero line the bars start from, and the unit under it.

    No value axis: every bar carries its value, so ticks would repeat them in a coarser form
    (and each tick label cost a text layout in matplotlib and, in the PDF, one per letter in WeasyPrint)."""
    from matplotlib.collections import LineCollection

    zero = [((plot.x(0), plot.bottom), (plot.x(0), plot.top))]
    figure.add_artist(LineCollection(zero, colors=MUTED, linewidths=0.6, transform=figure.dpi_scale_trans))
    _text(figure, plot.left, plot.bottom - 0.05, "$ millions", va="top", ha="left", color=MUTED, fontsize=6.5)


def _render(figure: Figure, kind: str) -> bytes:
    """Bytes of one format, without dates or version stamps (identical on rebuild)."""
    buffer = io.BytesIO()
    if kind == "svg":
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None},
                       facecolor=BACKGROUND)
        return _NO_TURN.sub(b"", buffer.getvalue())
    # zlib level 3 instead of PIL's 6: a third less encoding time, and no larger on these charts
    figure.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None},
                   facecolor=BACKGROUND, pil_kwargs={"compress_level": 3})
    return buffer.getvalue()


def contrast_ratio(color: str, background: str = BACKGROUND) -> float:
    """WCAG 2 contrast ratio of two hex colours.

    >>> round(contrast_ratio("#000000", "#ffffff"), 1)
    21.0
    """
    def luminance(hex_color: str) -> float:
        channels = [int(hex_color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(color), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
