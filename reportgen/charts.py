"""Bar charts of the brief as SVG (vector, for HTML and PDF) and PNG (for Markdown).

Why this shape: matplotlib's object API with the Agg canvas (no pyplot state, safe in
threads and workers), math text off so a '$' in a label stays a dollar, text kept as text
in SVG (`svg.fonttype = none`) and fixed hash salt and metadata so rebuilds are identical.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen import fmt
from reportgen.analysis import BriefView, ChartData

if TYPE_CHECKING:
    from matplotlib.axes import Axes
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
AXIS_IN = 0.36
PNG_DPI = 160
# tick length 2.5 + tick pad 3.5 + one 6.5 pt Inter tick-label line (7.87) + 2 pt gap, in points:
# where matplotlib's automatic placement put the "$ millions" label
XLABEL_DROP_PT = 15.8665
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
    role_colors: tuple[tuple[str, str], ...]  # (series label, colour) for HTML legends


KINDS = frozenset({"svg", "png"})


def make_charts(view: BriefView, kinds: frozenset[str] = KINDS) -> list[Chart]:
    """Draw every chart the view asks for, saved only in the `kinds` asked for (b"" for the rest):
    each format is a whole redraw, and a PDF-only build needs no PNG."""
    if not view.charts:
        return []
    import matplotlib

    _register_fonts()
    with matplotlib.rc_context(RC):
        return [_draw(data, kinds) for data in view.charts]


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
    height = figure.get_figheight()
    bottom, top = AXIS_IN / height, 1 - LEGEND_IN / height
    axes = figure.add_axes((0.03, bottom, 0.9, top - bottom))
    _bars(axes, data)
    _legend(figure, data)
    _style(axes)
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
        role_colors=tuple((s.label, PALETTE[s.role]) for s in data.series),
    )


def _figure(categories: int) -> Figure:
    """A white figure sized so every category gets the same height."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    slots = SLOT_IN * max(categories, 1) if categories > 1 else SLOT_IN * 0.75
    figure = Figure(figsize=(WIDTH_IN, LEGEND_IN + AXIS_IN + slots), facecolor=BACKGROUND)
    FigureCanvasAgg(figure)
    return figure


def _bars(axes: Axes, data: ChartData) -> None:
    """Per category: its label on top, then one bar per series with its value at the end."""
    labelled = len(data.categories) > 1  # a lone category is named by the chart's title
    first = 0.4 if labelled else 0.08
    thickness = (0.92 - first) / max(len(data.series), 1)
    values = [float(v) / 1e6 for s in data.series for v in s.values if v is not None]
    span = max([abs(v) for v in values] + [0.1])
    low = min(values + [0.0])
    for s_index, series in enumerate(data.series):
        for c_index, value in enumerate(series.values):
            y = c_index + first + (s_index + 0.5) * thickness
            _bar(axes, y, value, thickness * 0.88, PALETTE[series.role], span)
    if labelled:
        for c_index, category in enumerate(data.categories):
            axes.text(low + span * 0.01, c_index + 0.04, _clip(category), va="top", ha="left", color=INK, fontsize=7)
    axes.set_ylim(len(data.categories), 0)
    axes.set_xlim(low * 1.25, span * 1.2)


def _bar(axes: Axes, y: float, value: Decimal | None, thickness: float, color: str, span: float) -> None:
    """One bar and its value label (or 'not stated' where the filing gives no figure)."""
    if value is None:
        axes.text(0, y, " not stated", va="center", ha="left", color=MUTED, fontsize=6.5)
        return
    millions = float(value) / 1e6
    axes.barh(y, millions, height=thickness, color=color, linewidth=0)
    label = fmt.accounting(Decimal(value) / fmt.MILLION, 1)
    offset = span * 0.02 * (1 if millions >= 0 else -1)
    axes.text(millions + offset, y, label, va="center", ha="left" if millions >= 0 else "right",
              color=INK, fontsize=7)


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


def _style(axes: Axes) -> None:
    """Only a value axis in $ millions: no frame, grid or tick marks on the categories."""
    from matplotlib.ticker import MaxNLocator

    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(MUTED)
    axes.spines["bottom"].set_linewidth(0.6)
    axes.axvline(0, color=MUTED, linewidth=0.6)
    axes.set_yticks([])
    axes.tick_params(axis="x", colors=MUTED, labelsize=6.5, width=0.6, length=2.5)
    # at most five value ticks: labels like 25000 no longer crowd a 2.6-inch axis, and each tick
    # costs matplotlib a text layout per format (charts about 20% faster)
    axes.xaxis.set_major_locator(MaxNLocator(nbins=4))
    axes.set_xlabel("$ millions", color=MUTED, fontsize=6.5)
    _pin_xlabel(axes)
    axes.yaxis.set_visible(False)  # no y ticks or label: skipping its draw saves a tick update per format
    axes.set_facecolor(BACKGROUND)


def _pin_xlabel(axes: Axes) -> None:
    """The value-axis label at a fixed drop below the axis: matplotlib otherwise lays out every
    tick label a second time per format just to place it (same spot, charts about 5% faster)."""
    from matplotlib.transforms import ScaledTranslation

    drop = ScaledTranslation(0, -XLABEL_DROP_PT / 72, axes.figure.dpi_scale_trans)
    axes.xaxis.set_label_coords(0.5, 0, transform=axes.transAxes + drop)


def _render(figure: Figure, kind: str) -> bytes:
    """Bytes of one format, without dates or version stamps (identical on rebuild)."""
    buffer = io.BytesIO()
    if kind == "svg":
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None},
                       facecolor=BACKGROUND)
    else:
        figure.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None},
                       facecolor=BACKGROUND)
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
