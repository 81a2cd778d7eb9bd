"""Charts: three of them, vector text, same colours for the same series, contrast, determinism."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from reportgen.analysis import brief_view
from reportgen.charts import BACKGROUND, PALETTE, contrast_ratio, make_charts
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


def test_svg_keeps_text_as_text_with_values_and_axis_in_millions(charts) -> None:  # type: ignore[no-untyped-def]
    revenue = texts(charts[0].svg)
    for label in ("4.5", "5.5", "4.2", "1.4", "2.8", "0.9", "$ millions", "License and milestone fees", "Q1 FY2008", "Q1 FY2007"):
        assert label in revenue, label
    assert b"<script" not in charts[0].svg


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
