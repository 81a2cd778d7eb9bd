"""Charts: three of them, vector text, same colours for the same series, contrast, determinism."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from reportgen.analysis import brief_view
from reportgen.charts import BACKGROUND, FONT_FAMILY, PALETTE, contrast_ratio, for_print, make_charts
from tests.factories import immunogen_filing

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def charts():  # type: ignore[no-untyped-def]
    return make_charts(brief_view(immunogen_filing()))


def bar_fills(svg: bytes) -> list[str]:
    """Fill colours of the bars (patches that are not the background)."""
    root = etree.fromstring(svg)
    fills = []
    for group in root.iter(f"{SVG_NS}g"):
        if group.get("id", "").startswith("patch_"):
            for path in group.iter(f"{SVG_NS}path"):
                match = re.search(r"fill:\s*(#[0-9a-fA-F]{6})", path.get("style", ""))
                if match and match.group(1).lower() != BACKGROUND:
                    fills.append(match.group(1).lower())
    return fills


def texts(svg: bytes) -> list[str]:
    root = etree.fromstring(svg)
    return ["".join(t.itertext()).strip() for t in root.iter(f"{SVG_NS}text")]


def test_three_charts_with_titles_and_tables(charts) -> None:  # type: ignore[no-untyped-def]
    assert [c.name for c in charts] == ["revenue", "expenses", "cash"]
    assert [c.title for c in charts] == [
        "Revenue: $11.4M vs $7.8M",
        "Operating expenses: $13.3M vs $14.9M",
        "Cash and marketable securities: $53.6M vs $59.7M",
    ]
    assert charts[0].columns == ("", "Q1 FY2008", "Q1 FY2007")
    assert charts[0].rows[1] == ("License and milestone fees", "$4.2M", "$1.4M")
    assert charts[2].rows == (("Cash and marketable securities", "$53.6M", "$59.7M"),)


def test_every_bar_contrasts_at_least_3_to_1_with_the_background(charts) -> None:  # type: ignore[no-untyped-def]
    for chart in charts:
        fills = bar_fills(chart.svg)
        assert fills, chart.name
        for fill in fills:
            assert contrast_ratio(fill, BACKGROUND) >= 3.0, (chart.name, fill)


def test_this_quarter_and_a_year_ago_keep_their_colours_in_every_chart(charts) -> None:  # type: ignore[no-untyped-def]
    for chart in charts:
        fills = set(bar_fills(chart.svg))
        assert {PALETTE["current"], PALETTE["prior"]} <= fills, chart.name
    assert contrast_ratio(PALETTE["current"], PALETTE["prior"]) > 1.2  # told apart by lightness too


def test_svg_keeps_text_as_text_with_values_and_unit_in_millions(charts) -> None:  # type: ignore[no-untyped-def]
    revenue = texts(charts[0].svg)
    for label in ("4.5", "5.5", "4.2", "1.4", "2.8", "0.9", "$ millions", "License and milestone fees", "Q1 FY2008", "Q1 FY2007"):
        assert label in revenue, label
    assert b"<script" not in charts[0].svg


def test_bars_are_labelled_directly_with_no_value_axis(charts) -> None:  # type: ignore[no-untyped-def]
    """Each value once, at its bar: no tick labels restating them coarsely."""
    assert sorted(texts(charts[2].svg)) == sorted(["53.6", "59.7", "$ millions", "Sep 30, 2007", "Jun 30, 2007"])


def label_styles(svg: bytes) -> list[tuple[str | None, str]]:
    """(transform, font-family) of every label."""
    root = etree.fromstring(svg)
    return [
        (t.get("transform"), re.search(r"font-family:\s*([^;]+)", t.get("style", "")).group(1).strip())
        for t in root.iter(f"{SVG_NS}text")
    ]


def test_labels_carry_no_turn_and_browser_fallback_fonts(charts) -> None:  # type: ignore[no-untyped-def]
    """matplotlib's rotate(-0 ...) is dropped; an <img> SVG gets no page fonts, so fallbacks stay."""
    styles = [style for chart in charts for style in label_styles(chart.svg)]
    assert len(styles) > 20
    assert {transform for transform, _ in styles} == {None}
    assert {family for _, family in styles} == {"'Inter', 'Arial', 'Helvetica', 'DejaVu Sans', sans-serif"}


def test_print_charts_name_the_page_font_alone_and_change_nothing_else(charts) -> None:  # type: ignore[no-untyped-def]
    for chart in charts:
        printed = for_print(chart)
        assert {family for _, family in label_styles(printed.svg)} == {f"'{FONT_FAMILY}'"}
        assert texts(printed.svg) == texts(chart.svg)
        assert bar_fills(printed.svg) == bar_fills(chart.svg)
        assert printed.png == chart.png and printed.rows == chart.rows and printed.alt == chart.alt


def test_png_and_alt_text(charts) -> None:  # type: ignore[no-untyped-def]
    for chart in charts:
        assert chart.png.startswith(b"\x89PNG\r\n\x1a\n")
        assert chart.alt.startswith("Bar chart of")
    assert "$53.6M at Sep 30, 2007 against $59.7M at Jun 30, 2007" in charts[2].alt


def test_charts_are_identical_on_rebuild(charts) -> None:  # type: ignore[no-untyped-def]
    again = make_charts(brief_view(immunogen_filing()))
    assert [c.svg for c in again] == [c.svg for c in charts]
    assert [c.png for c in again] == [c.png for c in charts]


def test_a_dollar_sign_in_a_label_is_a_dollar_not_math() -> None:
    from dataclasses import replace

    filing = immunogen_filing()
    lines = tuple(
        replace(l, label="Fees $ and $x^2$ milestones") if l.label == "License and milestone fees" else l
        for l in filing.income.lines
    )
    charts = make_charts(brief_view(replace(filing, income=replace(filing.income, lines=lines))))
    assert "Fees $ and $x^2$ milestones" in texts(charts[0].svg)


def test_a_negative_bar_runs_left_of_zero_and_a_missing_figure_says_so() -> None:
    from decimal import Decimal

    from reportgen.analysis import ChartData, Series

    data = ChartData(
        name="expenses", title="t", alt="a", categories=("Gain on sale", "Research and development"),
        series=(Series("current", "Q2 2024", (Decimal(-2_000_000), Decimal(5_000_000))),
                Series("prior", "Q2 2023", (None, Decimal(4_000_000)))),
    )
    (chart,) = make_charts(_view_of(data))
    labels = texts(chart.svg)
    for label in ("(2.0)", "5.0", "4.0", "not stated", "$ millions", "Gain on sale"):
        assert label in labels, label
    bars = _bar_spans(chart.svg, PALETTE["current"])
    zero = _zero_line_x(chart.svg)
    assert len(bars) == 2
    negative, positive = sorted(bars)
    assert negative[0] < zero and abs(negative[1] - zero) < 0.01
    assert abs(positive[0] - zero) < 0.01 and positive[1] > zero
    # the bars are to scale: 5.0 is two and a half times as long as 2.0
    assert abs((positive[1] - zero) / (zero - negative[0]) - 2.5) < 0.01
    # and the negative bar's label has room: it ends left of the bar and starts inside the figure
    # (its width taken generously as 0.62 em a character: Inter's figures are 0.6 em, parentheses less)
    label = _text_element(chart.svg, "(2.0)")
    assert "text-anchor: end" in label.get("style", "")
    end_x = float(label.get("x"))
    assert end_x < negative[0]
    assert end_x - len("(2.0)") * 0.62 * 7 > 0
    assert len(_bar_spans(chart.svg, PALETTE["prior"])) == 1


def _view_of(data):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(brief_view(immunogen_filing()), charts=(data,))


def _points(path: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]
    return list(zip(numbers[0::2], numbers[1::2]))


def _bar_spans(svg: bytes, colour: str) -> list[tuple[float, float]]:
    """(left, right) in SVG units of the bars drawn in a colour, not counting the legend's
    swatch (it lies in the legend strip at the top, 0.2 in = 14.4 units)."""
    root = etree.fromstring(svg)
    spans = []
    for group in root.iter(f"{SVG_NS}g"):
        if group.get("id", "").startswith("patch_"):
            for path in group.iter(f"{SVG_NS}path"):
                points = _points(path.get("d", ""))
                if colour in path.get("style", "") and min(y for _, y in points) > 14.4:
                    spans.append((min(x for x, _ in points), max(x for x, _ in points)))
    return spans


def _axis_segments(svg: bytes) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight lines of the chart: its zero line."""
    root = etree.fromstring(svg)
    group = next(g for g in root.iter(f"{SVG_NS}g") if g.get("id", "").startswith("LineCollection"))
    return [tuple(_points(path.get("d", ""))[:2]) for path in group.iter(f"{SVG_NS}path")]  # type: ignore[misc]


def _zero_line_x(svg: bytes) -> float:
    """The x of the zero line: the longest vertical line."""
    return max((abs(y2 - y1), x1) for (x1, y1), (x2, y2) in _axis_segments(svg) if x1 == x2)[1]


def _text_element(svg: bytes, text: str) -> etree._Element:
    """The one <text> element that reads `text`."""
    (element,) = [t for t in etree.fromstring(svg).iter(f"{SVG_NS}text") if "".join(t.itertext()).strip() == text]
    return element
