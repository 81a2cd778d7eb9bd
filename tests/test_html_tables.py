"""HTML tables to Grids, checked on the real HTML filings of the fixture corpus."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from reportgen.extract.grid import Grid, GridRow
from reportgen.extract.html_tables import html_grids, html_to_text

FILINGS = Path(__file__).parent / "fixtures" / "filings"


@cache
def _html(name: str) -> str:
    return (FILINGS / name).read_text(encoding="utf-8")


@cache
def _grids(name: str) -> tuple[Grid, ...]:
    return tuple(html_grids(_html(name), name))


def _grid(name: str, title_part: str, header_part: str = "") -> Grid:
    """The first grid whose title and first header contain the given words."""
    for grid in _grids(name):
        if title_part.lower() in grid.title.lower() and header_part in grid.headers[0]:
            return grid
    raise AssertionError(f"no grid titled {title_part!r} in {name}")


def _row(grid: Grid, label: str, nth: int = 0) -> GridRow:
    return [r for r in grid.rows if r.label == label][nth]


def test_apple_income_headers_compose_spanning_and_dated_rows() -> None:
    grid = _grid("apple-2011q1-ex99.htm", "statements of operations")
    assert grid.headers == [
        "Three Months Ended December 25, 2010",
        "Three Months Ended December 26, 2009",
    ]
    assert "(in millions, except share amounts which are reflected in thousands" in grid.context
    assert grid.title == "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS"
    assert grid.line == 62


def test_apple_income_rows_merge_dollar_cells_and_keep_source_lines() -> None:
    grid = _grid("apple-2011q1-ex99.htm", "statements of operations")
    net_sales = _row(grid, "Net sales")
    assert net_sales.cells == ["$26,741", "$15,683"]
    assert net_sales.line == 88  # the line printing "Net sales"
    assert _row(grid, "Total operating expenses").cells == ["2,471", "1,686"]
    assert _row(grid, "Diluted").cells == ["$6.43", "$3.67"]
    assert _row(grid, "Operating expenses:").cells == ["", ""]


def test_apple_footnote_markers_leave_labels() -> None:
    grid = _grid("apple-2011q1-ex99.htm", "statements of operations")
    labels = [r.label for r in grid.rows]
    assert "Research and development" in labels
    assert not any(label.endswith("(1)") for label in labels)


def test_apple_balance_sheet_dates_and_parenthesised_negatives() -> None:
    grid = _grid("apple-2011q1-ex99.htm", "balance sheets")
    assert grid.headers == ["December 25, 2010", "September 25, 2010"]
    assert _row(grid, "Total liabilities").cells == ["32,076", "27,392"]
    assert _row(grid, "Accumulated other comprehensive income/(loss)").cells == ["114", "(46)"]


def test_oracle_percent_columns_are_their_own_columns() -> None:
    grid = _grid("oracle-2014q4-ex99.htm", "statements of operations", "Three Months")
    assert grid.headers == [
        "Three Months Ended May 31, 2014",
        "Three Months Ended May 31, % of Revenues",
        "Three Months Ended May 31, 2013",
        "Three Months Ended May 31, % of Revenues",
        "% Increase (Decrease) in US $",
        "% Increase (Decrease) in Constant Currency",
    ]
    assert _row(grid, "Acquisition related and other").cells == [
        "20", "0%", "(257)", "(2%)", "108%", "108%",
    ]
    assert _row(grid, "Basic").cells == ["$0.81", "", "$0.81", "", "", ""]


def test_oracle_full_year_statement_is_a_separate_grid() -> None:
    grid = _grid("oracle-2014q4-ex99.htm", "statements of operations", "Year Ended")
    assert grid.headers[0] == "Year Ended May 31, 2014"
    assert _row(grid, "Total Revenues").cells[:3] == ["38,275", "100%", "37,180"]
    assert "FISCAL 2014 YEAR TO DATE FINANCIAL RESULTS" in grid.context


def test_alcoa_quarter_and_six_month_columns_and_note_letters() -> None:
    grid = _grid("alcoa-2018q2-10q.htm", "statement of consolidated operations")
    assert grid.headers == [
        "Second quarter ended June 30, 2018",
        "Second quarter ended June 30, 2017",
        "Six months ended June 30, 2018",
        "Six months ended June 30, 2017",
    ]
    assert _row(grid, "Sales").cells == ["$3,579", "$2,859", "$6,669", "$5,514"]
    assert _row(grid, "Total costs and expenses").cells == ["3,169", "2,622", "5,847", "4,859"]
    assert _row(grid, "NET INCOME ATTRIBUTABLE TO ALCOA CORPORATION").cells[:2] == ["$75", "$75"]
    assert _row(grid, "Other expenses (income), net").cells[3] == "(51)"


def test_alcoa_balance_sheet_strips_note_letter_from_cash() -> None:
    grid = _grid("alcoa-2018q2-10q.htm", "balance sheet")
    assert grid.headers == ["June 30, 2018", "December 31, 2017"]
    assert _row(grid, "Cash and cash equivalents").cells == ["$1,089", "$1,358"]
    assert _row(grid, "Total equity").cells == ["7,108", "6,798"]


def test_alcoa_dash_row_is_data_not_header() -> None:
    grid = next(g for g in _grids("alcoa-2018q2-10q.htm") if any(r.label == "Segment total" for r in g.rows))
    assert grid.headers[0] == "Second quarter ended June 30, 2018"
    assert _row(grid, "Total restructuring and other charges").cells == ["$231", "$12", "$212", "$22"]


def test_pfizer_inline_xbrl_statement_of_income() -> None:
    grid = _grid("pfizer-2023q2-10q.htm", "statements of income")
    assert grid.headers == [
        "Three Months Ended July 2, 2023",
        "Three Months Ended July 3, 2022",
        "Six Months Ended July 2, 2023",
        "Six Months Ended July 3, 2022",
    ]
    assert _row(grid, "Revenues").cells == ["$12,734", "$27,742", "$31,015", "$53,402"]
    # "(71)" is a figure in parentheses, not a footnote marker.
    assert _row(grid, "Provision/(benefit) for taxes on income").cells[0] == "(71)"
    assert _row(grid, "Other (income)/deductions\u2013\u2013net").cells[0] == "(347)"
    assert _row(grid, "Net income attributable to Pfizer Inc. common shareholders").cells[:2] == [
        "$2,327", "$9,906",
    ]
    assert _row(grid, "Net income attributable to Pfizer Inc. common shareholders", 1).cells[:2] == [
        "$0.41", "$1.77",
    ]


def test_pfizer_balance_sheet() -> None:
    grid = _grid("pfizer-2023q2-10q.htm", "balance sheets")
    assert grid.headers == ["July 2, 2023 (Unaudited)", "December 31, 2022"]
    assert _row(grid, "Total liabilities").cells == ["120,875", "101,288"]
    assert _row(grid, "Total equity").cells == ["99,293", "95,916"]


def test_separate_cells_for_dollar_parentheses_and_superscript_markers() -> None:
    html = (
        "<p>Widgets Inc.</p><p>(in thousands)</p><table>"
        "<tr><td></td><td colspan='6'>Quarter Ended</td></tr>"
        "<tr><td></td><td colspan='3'>March 31, 2024</td><td colspan='3'>March 31, 2023</td></tr>"
        "<tr><td>Net loss<sup>(2)</sup></td><td>$</td><td>(1,032</td><td>)</td>"
        "<td>$</td><td>6,253</td><td></td></tr>"
        "<tr><td>Margin</td><td></td><td>12.5</td><td>%</td><td></td><td>&#8212;</td><td></td></tr>"
        "</table>"
    )
    [grid] = html_grids(html, "t.htm")
    assert grid.headers == ["Quarter Ended March 31, 2024", "Quarter Ended March 31, 2023"]
    assert grid.context == "Widgets Inc.\n(in thousands)"
    assert [(r.label, r.cells) for r in grid.rows] == [
        ("Net loss", ["$(1,032)", "$6,253"]),
        ("Margin", ["12.5%", "\u2014"]),
    ]


def test_tables_without_figures_are_not_grids() -> None:
    html = "<table><tr><td>Contact:</td><td>Jane Doe</td></tr></table>"
    assert html_grids(html, "t.htm") == []


def test_text_keeps_paragraphs_and_drops_tables_of_figures() -> None:
    text = html_to_text(_html("apple-2011q1-ex99.htm"))
    lines = text.splitlines()
    assert lines[1] == "Apple Reports First Quarter Results"
    assert any(line.startswith("\u201cWe had a phenomenal holiday quarter") for line in lines)
    assert "16,443" not in text  # cost of sales appears only in the statement


def test_text_leaves_out_hidden_inline_xbrl_header() -> None:
    text = html_to_text(_html("pfizer-2023q2-10q.htm"))
    assert "For the quarterly period ended July 2, 2023" in text.splitlines()
    assert "0000078003" not in text  # the CIK is only in the hidden ix:header


@pytest.mark.parametrize(
    "name,count",
    [("apple-2011q1-ex99.htm", 3), ("oracle-2014q4-ex99.htm", 13)],
)
def test_every_table_of_figures_becomes_a_grid(name: str, count: int) -> None:
    assert len(_grids(name)) == count


def test_rowspan_pushes_cells_of_the_rows_below_right() -> None:
    html = (
        "<p>(in millions)</p><table>"
        "<tr><td rowspan='2'>(in millions)</td><td colspan='2'>Three Months Ended</td></tr>"
        "<tr><td>June 30, 2024</td><td>June 30, 2023</td></tr>"
        "<tr><td>Revenue</td><td>1,200</td><td>1,100</td></tr>"
        "</table>"
    )
    [grid] = html_grids(html, "t.htm")
    assert grid.headers == ["Three Months Ended June 30, 2024", "Three Months Ended June 30, 2023"]
    assert grid.rows[0].cells == ["1,200", "1,100"]


def test_pre_block_statement_is_read_as_a_text_table() -> None:
    statement = _html("pericom-2005q2-8k.txt")  # a text filing, wrapped as old EDGAR HTML does
    escaped = statement.replace("&", "&amp;").replace("<", "&lt;")
    html = "<html><body><pre>" + escaped + "</pre></body></html>"
    revenue = [r for g in html_grids(html, "t.htm") for r in g.rows if r.label == "Net revenues"]
    assert (revenue[0].cells, revenue[0].line) == (
        ["21,121", "19,433", "20,029", "79,557", "66,417"], 346,
    )
    lines = html_to_text(html).splitlines()
    assert "Net revenues for the fourth quarter were $21,121,000, up 8.7% from" in lines


def test_heading_spanning_the_row_is_a_label_not_a_new_header_block() -> None:
    html = (
        "<table>"
        "<tr><td></td><td>Three Months Ended March 31, 2024</td><td>Three Months Ended March 31, 2023</td></tr>"
        "<tr><td>Revenue</td><td>1,200</td><td>1,100</td></tr>"
        "<tr><td colspan='3'>Operating expenses:</td></tr>"
        "<tr><td>Research</td><td>300</td><td>250</td></tr>"
        "</table>"
    )
    [grid] = html_grids(html, "t.htm")
    assert [(r.label, r.cells) for r in grid.rows] == [
        ("Revenue", ["1,200", "1,100"]),
        ("Operating expenses:", ["", ""]),
        ("Research", ["300", "250"]),
    ]


def test_period_phrase_over_the_labels_heads_the_year_columns() -> None:
    html = (
        "<table>"
        "<tr><td>Three Months Ended March 31,</td><td>2024</td><td>2023</td></tr>"
        "<tr><td>Revenue</td><td>$ 1,200</td><td>( 1,100 )</td></tr>"
        "</table>"
    )
    [grid] = html_grids(html, "t.htm")
    assert grid.headers == ["Three Months Ended March 31, 2024", "Three Months Ended March 31, 2023"]
    assert grid.rows[0].cells == ["$1,200", "(1,100)"]


def test_header_cell_off_its_figures_joins_the_nearest_column() -> None:
    html = (
        "<table>"
        "<tr><td></td><td></td><td></td><td>June 30, 2024</td><td></td><td></td><td>June 30, 2023</td></tr>"
        "<tr><td>Revenue</td><td>$</td><td>1,200</td><td></td><td>$</td><td>1,100</td><td></td></tr>"
        "</table>"
    )
    [grid] = html_grids(html, "t.htm")
    assert grid.headers == ["June 30, 2024", "June 30, 2023"]


_BALANCE_PART_1 = (
    "<p>Widgets Inc.</p><p>CONSOLIDATED BALANCE SHEETS</p><p>(in thousands)</p><table>"
    "<tr><td></td><td>June 30, 2024</td><td>December 31, 2023</td></tr>"
    "<tr><td>Total assets</td><td>9,000</td><td>8,000</td></tr></table>"
)
_BALANCE_PART_2 = (
    "<table><tr><td>Total liabilities</td><td>5,000</td><td>4,500</td></tr>"
    "<tr><td>Total equity</td><td>4,000</td><td>3,500</td></tr></table>"
)


def test_table_split_by_a_page_break_is_one_grid() -> None:
    between = "<p>7</p><hr/><p>Table of Contents</p><p>CONSOLIDATED BALANCE SHEETS (continued)</p>"
    [grid] = html_grids(_BALANCE_PART_1 + between + _BALANCE_PART_2, "t.htm")
    assert [r.label for r in grid.rows] == ["Total assets", "Total liabilities", "Total equity"]
    assert grid.headers == ["June 30, 2024", "December 31, 2023"]


def test_table_after_narrative_is_not_a_continuation() -> None:
    between = "<p>The following table shows our liabilities and equity at quarter end.</p>"
    grids = html_grids(_BALANCE_PART_1 + between + _BALANCE_PART_2, "t.htm")
    assert [len(g.rows) for g in grids] == [1, 2]


def test_footnote_raised_by_style_is_not_part_of_the_figure() -> None:
    raised = "<span style='font-size:6pt;position:relative;top:-3.5pt'>1</span>"
    html = (
        "<table><tr><td></td><td>2024</td><td>2023</td></tr>"
        f"<tr><td>Revenue{raised}</td><td>12,734{raised}</td>"
        "<td>9,000<span style='vertical-align:super'>(b)</span></td></tr></table>"
    )
    [grid] = html_grids(html, "t.htm")
    assert [(r.label, r.cells) for r in grid.rows] == [("Revenue", ["12,734", "9,000"])]


def test_html_exhibit_inside_an_edgar_submission_keeps_file_lines() -> None:
    from reportgen.parse import parse_bytes

    exhibit = _html("apple-2011q1-ex99.htm")
    head = (
        "<SEC-DOCUMENT>0001193125-11-009392.txt : 20110118\n<SEC-HEADER>\n"
        "ACCESSION NUMBER:\t\t0001193125-11-009392\nCONFORMED SUBMISSION TYPE:\t8-K\n"
        "FILED AS OF DATE:\t\t20110118\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\tAPPLE INC\n"
        "\t\tCENTRAL INDEX KEY:\t\t\t0000320193\n\t\tFISCAL YEAR END:\t\t\t0925\n</SEC-HEADER>\n"
        "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\n<HTML><BODY><P>FORM 8-K</P></BODY></HTML>\n"
        "</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<TEXT>\n"
    )
    submission = head + exhibit + "\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    filing = parse_bytes(submission.encode("utf-8"), "apple.txt")
    assert filing.document == "EX-99.1"
    net_sales = filing.income.value("total_revenue", 0)
    assert net_sales is not None and str(net_sales.value) == "26741000000"
    line = submission.split("\n")[net_sales.source.line - 1]
    assert ">Net sales<" in line


@pytest.mark.parametrize("style", [
    "display:none", "display :none", "DISPLAY:\tNONE", "display&#58;none", "display&#x3A; none", "display&colon;none",
])
def test_a_hidden_digit_is_dropped_however_the_style_is_spaced_or_encoded(style: str) -> None:
    """The hidden-style pass runs whenever a hiding style may be there, not only when it is
    written as "display:none": a hidden "9" after Apple's net sales must not make it 26,7419."""
    html = _html("apple-2011q1-ex99.htm").replace(">26,741</FONT>", f'>26,741<span style="{style}">9</span></FONT>', 1)
    grid = _grid_of(html, "statements of operations")
    assert _row(grid, "Net sales").cells[:2] == ["$26,741", "$15,683"]


@pytest.mark.parametrize("style", ["position:relative; top:-3px", "position:relative;top :-3px", "top&#58; &#45;3px;position:relative"])
def test_a_raised_footnote_mark_is_dropped_however_the_style_is_spaced_or_encoded(style: str) -> None:
    html = _html("apple-2011q1-ex99.htm").replace(">26,741</FONT>", f'>26,741<span style="{style}">1</span></FONT>', 1)
    grid = _grid_of(html, "statements of operations")
    assert _row(grid, "Net sales").cells[:2] == ["$26,741", "$15,683"]


def _grid_of(html: str, title_part: str) -> Grid:
    """The first grid of an HTML text whose title contains the words."""
    return next(g for g in html_grids(html, "x.htm") if title_part.lower() in g.title.lower())
