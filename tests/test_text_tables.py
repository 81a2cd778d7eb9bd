"""Plain-text tables to Grids: aligned columns, stacked headers, wrapped labels, tab cells."""

from __future__ import annotations

from pathlib import Path

from reportgen.extract.text_tables import text_grids
from reportgen.sources.decode import decode, plain_text
from reportgen.sources.edgar import split_submission

FILINGS = Path(__file__).parent / "fixtures" / "filings"


def _grids(name: str, document: str | None = None) -> list:
    text, _ = decode((FILINGS / name).read_bytes())
    for doc in split_submission(text).documents:
        if document is None or doc.type == document:
            return text_grids(plain_text(doc.text), doc.first_line)
    raise AssertionError(document)


def _row(grid, label: str):
    return next(r for r in grid.rows if r.label == label)


ALIGNED = """\
                         STATEMENTS OF OPERATIONS
                  (in thousands, except per share data)

                                   Three Months Ended      Nine Months Ended
                                  --------------------   --------------------
                                   Dec 31,    Dec 31,     Dec 31,    Dec 31,
                                    2008       2007        2008       2007
                                  ---------  ---------   ---------  ---------
Net sales                         $  1,200   $  1,000    $  3,300   $  2,900
Selling, general and
  administrative expenses              (40)        --         120        110
Income (loss) from
 operations                       $    (12)  $     15    $    (99)  $  1,001
"""


def test_aligned_table_columns_headers_and_wrapped_labels() -> None:
    (grid,) = text_grids(ALIGNED)
    assert grid.headers == [
        "Three Months Ended Dec 31, 2008", "Three Months Ended Dec 31, 2007",
        "Nine Months Ended Dec 31, 2008", "Nine Months Ended Dec 31, 2007",
    ]
    assert [(r.label, r.cells) for r in grid.rows] == [
        ("Net sales", ["1,200", "1,000", "3,300", "2,900"]),
        ("Selling, general and administrative expenses", ["(40)", "--", "120", "110"]),
        ("Income (loss) from operations", ["(12)", "15", "(99)", "1,001"]),
    ]
    assert "(in thousands, except per share data)" in grid.context
    assert grid.title == "STATEMENTS OF OPERATIONS"
    assert grid.rows[0].line == 9


def test_tab_separated_sample_with_split_word_and_tags() -> None:
    balance, income = _grids("immunogen-2007q3-8k.txt")
    assert balance.headers == ["September 30, 2007", "June 30, 2007"]  # "Sept<TAB>ember" rejoined
    assert income.headers[0].startswith("Three Months Ended September 30, 2007")
    assert income.headers[1] == "Three Months Ended September 30, 2006"
    assert [r.label for r in balance.rows][:4] == ["ASSETS", "Cash and marketable securities", "Other assets", "Total assets"]
    assert "(in thousands, except per share amounts)" in income.context  # printed once above both


def test_stray_digit_gives_alternative_readings() -> None:
    _, income = _grids("immunogen-2007q3-8k.txt")
    net = _row(income, "Net loss")
    assert net.cells == ["(1,032)", "(6,253)"]
    assert net.alternatives == [["(1,032)", "6"], ["6", "(6,253)"]]
    assert _row(income, "Total revenues").alternatives == []


def test_sequential_quarter_header_between_compared_columns() -> None:
    gaap = _grids("pericom-2005q2-8k.txt", "EX-99.1")[0]
    assert gaap.headers == [
        "Three Months Ended Jun 30, 2005", "Three Months Ended Mar 31 2005 (Restated)",
        "Three Months Ended Jun 30 2004", "Twelve Months Ended Jun 30 2005", "Twelve Months Ended Jun 30 2004",
    ]
    assert _row(gaap, "Total").cells == ["8,193", "8,114", "7,409", "31,599", "29,924"]
    assert _row(gaap, "Shares used in computing basic earnings (loss) per share").cells[0] == "26,371"


def test_narrow_labels_wrapped_over_many_lines_and_percent_columns() -> None:
    grids = _grids("horizonfin-2008q4-8k.txt", "EX-99.1")
    balance = next(g for g in grids if "FINANCIAL CONDITION" in g.title)
    assert balance.headers == ["Dec 31, 2008", "Three Month Change", "Sept 30, 2008", "One Year Change", "Dec 31, 2007"]
    assert _row(balance, "Total liabilities").cells == ["1,353,991", "2%", "1,329,148", "7%", "1,263,377"]  # "liabil-/ities"
    assert _row(balance, "Borrowing related to investment in real estate in a joint venture").cells[0] == "23,942"
    common = next(r for r in balance.rows if r.label.startswith("Common stock, $1.00 par value; 30,000,000 shares"))
    assert common.cells[0] == "11,977"
    income = next(g for g in grids if "INCOME" in g.title)
    assert _row(income, "Diluted earnings (loss) per share").cells == ["N/A", "N/A", "N/A", "N/A", "0.39"]


def test_dash_continued_labels_and_unlabelled_total() -> None:
    (grid,) = _grids("asta-2004q2-8k.txt", "EX-99.1")
    labels = [r.label for r in grid.rows]
    assert "Net income per share - Diluted" in labels
    assert "Weighted average number of shares outstanding - Basic" in labels
    assert _row(grid, "").cells == ["2,641,000", "4,796,000", "9,937,000", "11,347,000"]
    assert _row(grid, "Third-party servicing").cells[0] == "--"


def test_label_figures_are_not_columns() -> None:
    grids = _grids("apple-2000q1-10q.txt", "10-Q")
    balance = next(g for g in grids if "BALANCE SHEETS" in g.title)
    assert balance.headers == ["April 1, 2000", "September 25, 1999"]
    row = _row(balance, "Accounts receivable, less allowances of $64 and $68, respectively")
    assert row.cells == ["940", "681"]
    preferred = next(r for r in balance.rows if r.label.startswith("Series A non-voting"))
    assert preferred.label.endswith("150,000 shares authorized, issued and outstanding")
    assert preferred.cells == ["150", "150"]


def test_figures_split_by_spaces_are_glued() -> None:
    table = (
        "                                   Three Months Ended June 30,\n"
        "                                      2005          2004\n"
        "Revenues (a)                        1,250 (a)     1,000\n"
        "Net loss                         $ (   12 )     $  (7)\n"
        "Gross margin                         12.5 %        11.0 %\n"
    )
    (grid,) = text_grids(table)
    assert [(r.label, r.cells) for r in grid.rows] == [
        ("Revenues (a)", ["1,250", "1,000"]),
        ("Net loss", ["(12)", "(7)"]),
        ("Gross margin", ["12.5%", "11.0%"]),
    ]


def test_a_wide_figure_bridging_two_columns_does_not_merge_them() -> None:
    table = (
        "                                  Three Months Ended June 30,\n"
        "                                      2005      2004\n"
        "Revenue                              1,234     1,000\n"
        "Other                                5,678       900\n"
        "Big                                    (12,345,678)\n"
        "Net income                             300       200\n"
    )
    (grid,) = text_grids(table)
    assert grid.ncols == 2
    assert [r.cells for r in grid.rows] == [["1,234", "1,000"], ["5,678", "900"], ["", "(12,345,678)"], ["300", "200"]]


def test_page_numbers_are_not_rows() -> None:
    table = (
        "                                     June 30,     June 30,\n"
        "                                       2005         2004\n"
        "Cash and cash equivalents           $ 20,902     $ 13,965\n"
        "Other assets                           6,749        8,438\n"
        "\n"
        "                                        12\n"
        "\n"
        "Total assets                        $ 27,651     $ 22,403\n"
    )
    (grid,) = text_grids(table)
    assert [r.label for r in grid.rows] == ["Cash and cash equivalents", "Other assets", "Total assets"]


def test_month_and_day_centred_over_two_year_columns() -> None:
    table = (
        "                                        Three Months Ended\n"
        "                                          September 30,\n"
        "                                   2007                  2006\n"
        "Total revenues                   $ 11,425              $  7,770\n"
        "Net loss                         $ (1,032)             $ (6,253)\n"
    )
    (grid,) = text_grids(table)
    assert grid.headers == ["Three Months Ended September 30, 2007", "Three Months Ended September 30, 2006"]


def test_period_heads_left_aligned_over_their_columns_split_them_evenly() -> None:
    table = (
        "                              Three Months Ended               Six Months Ended\n"
        "(millions of dollars)         June 30,                         June 30,\n"
        "                                           2025          2024        2025        2024\n"
        "Total revenues                     81,506        93,060      164,636     176,143\n"
        "Net income                          7,082         9,240       14,795      17,460\n"
    )
    (grid,) = text_grids(table)
    assert grid.headers == [
        "Three Months Ended June 30, 2025", "Three Months Ended June 30, 2024",
        "Six Months Ended June 30, 2025", "Six Months Ended June 30, 2024",
    ]


def test_a_label_wrapped_over_several_long_lines_stays_in_its_table() -> None:
    long_label = (
        "Common stock, $0.000006 par value; 5,000 million Class A shares authorized, 2,190 million and 2,211\n"
        "million shares issued and outstanding, as of December 31, 2024 and 2023, respectively; 4,141 million Class        --            --\n"
        "B shares authorized, 344 million and 350 million shares issued and outstanding, as of December 31, 2024\n"
        "and 2023, respectively\n"
    )
    table = (
        "                                                                                                           2024          2023\n"
        "Total liabilities                                                                                             93,417        76,455\n"
        "Stockholders' equity:\n"
        + long_label
        + "Retained earnings                                                                                            102,506        82,070\n"
        "Total stockholders' equity                                                                                   182,637       153,168\n"
    )
    (grid,) = text_grids(table)
    assert _row(grid, "Total stockholders' equity").cells == ["182,637", "153,168"]
    assert _row(grid, "Total liabilities").cells == ["93,417", "76,455"]


def test_a_paragraph_between_two_tables_parts_them() -> None:
    table = (
        "                                       2025          2024\n"
        "Cash and cash equivalents            7,087        13,801\n"
        "Total assets                       155,120       156,363\n"
        "The fair value hierarchy has three levels based on the reliability of the inputs used to determine fair value.\n"
        "                                       2025          2024\n"
        "Money market funds                   1,974         6,475\n"
        "Total assets                         2,690         7,066\n"
    )
    first, second = text_grids(table)
    assert _row(first, "Total assets").cells == ["155,120", "156,363"]
    assert _row(second, "Total assets").cells == ["2,690", "7,066"]


def test_a_rule_across_the_page_ends_a_table() -> None:
    rule = "-" * 120 + "\n"
    table = (
        "                                       2025          2024\n"
        "Net loss                              (643)       (1,794)\n"
        "Total                                  (12)          (34)\n"
        "2\n" + rule + "Condensed Statements\n"
        "(Dollars in millions)                 2025            31\n"
        "                                                    2024\n"
        "Cash and cash equivalents            7,087        13,801\n"
        "Total assets                       155,120       156,363\n"
    )
    grids = text_grids(table)
    assert [len(g.rows) for g in grids] == [2, 2]
    assert _row(grids[1], "Total assets").cells == ["155,120", "156,363"]


def test_dates_stacked_over_three_lines_with_a_footnoted_year() -> None:
    table = (
        "                                          November      February      October\n"
        "ASSETS                                    2,            3,            28,\n"
        "                                          2024          2024 (1)      2023\n"
        "Cash and cash equivalents                 $ 301,958     $ 268,213     $ 311,657\n"
        "Total assets                              $ 976,270     $ 889,810     $ 921,207\n"
    )
    (grid,) = text_grids(table)
    assert grid.headers == ["November 2, 2024", "February 3, 2024 (1)", "October 28, 2023"]
    assert [r.label for r in grid.rows] == ["Cash and cash equivalents", "Total assets"]


def test_a_header_line_ending_in_a_footnote_mark_is_no_row() -> None:
    table = (
        "                                Three Months Ended May 31,\n"
        "                              2014      % of          2013      % of       in US $     (1)\n"
        "Total revenues               11,320     100%        10,947     100%          3%\n"
        "Net income                    3,646      32%         3,807      35%         (4%)\n"
    )
    (grid,) = text_grids(table)
    assert grid.headers[0] == "Three Months Ended May 31, 2014"
    assert grid.headers[2] == "Three Months Ended May 31, 2013"
    assert [r.label for r in grid.rows] == ["Total revenues", "Net income"]


def test_a_quarter_head_over_two_columns_and_a_half_year_head_under_it() -> None:
    table = (
        "                                      Second quarter\n"
        "                                          ended             Six months ended\n"
        "                                        June 30,                June 30,\n"
        "                                      2018        2017        2018        2017\n"
        "Sales                               $ 3,579     $ 2,859     $ 6,669     $ 5,514\n"
        "Net income                               75          75         225         300\n"
    )
    (grid,) = text_grids(table)
    assert grid.headers == [
        "Second quarter ended June 30, 2018", "Second quarter ended June 30, 2017",
        "Six months ended June 30, 2018", "Six months ended June 30, 2017",
    ]


def test_a_long_label_and_its_lowercase_end_before_the_figures_stay_in_the_table() -> None:
    table = (
        "                                                                                            2010        2010\n"
        "Other non-current liabilities                                                              7,065       5,531\n"
        "Total liabilities                                                                         32,076      27,392\n"
        "Commitments and contingencies\n"
        "\n"
        "Shareholders' equity:\n"
        "Common stock, no par value; 1,800,000,000 shares authorized; 921,035,475 and 915,970,050 shares\n"
        "issued and outstanding, respectively\n"
        "                                                                                          11,502      10,668\n"
        "Total shareholders' equity                                                                54,666      47,791\n"
    )
    (grid,) = text_grids(table)
    assert _row(grid, "Total shareholders' equity").cells == ["54,666", "47,791"]
    assert _row(grid, "Total liabilities").cells == ["32,076", "27,392"]
    assert [r.cells for r in grid.rows if r.label.startswith("Common stock")] == [["11,502", "10,668"]]


def test_a_sentence_naming_a_statement_is_not_the_tables_title() -> None:
    table = (
        "Adjustments to the Statement of Consolidated Operations are not included in the segments.\n"
        "\n"
        "The information used to compute EPS was as follows (shares in millions):\n"
        "                                        2018        2017\n"
        "Net income                               75          75\n"
        "Average shares outstanding - basic      186         184\n"
    )
    (grid,) = text_grids(table)
    assert "segments" not in grid.title


def test_two_dates_a_space_apart_head_two_columns() -> None:
    table = (
        "(millions of dollars, unless noted)              June 30, 2025 December 31, 2024\n"
        "Cash and cash equivalents                          14,352           23,029\n"
        "Total Assets                                      447,597          453,475\n"
    )
    (grid,) = text_grids(table)
    assert grid.headers == ["June 30, 2025", "December 31, 2024"]


def test_a_rule_from_the_margin_parts_a_contents_page_from_the_statement() -> None:
    table = (
        "Item 1. Financial Statements                                                 1\n"
        "Item 2. Management's Discussion and Analysis                                13\n"
        "-------------------------------------------------------------------------------\n"
        "                       Three Months Ended\n"
        "                       June 28,       June 29,\n"
        "                       2025           2024\n"
        "Total net sales            94,036         85,777\n"
        "Net income                 23,434         21,448\n"
    )
    grids = text_grids(table)
    assert grids[-1].headers == ["Three Months Ended June 28, 2025", "Three Months Ended June 29, 2024"]
    assert [r.label for r in grids[-1].rows] == ["Total net sales", "Net income"]


def test_a_label_ending_on_dates_in_lower_case_is_no_header() -> None:
    table = (
        "                                                     June 30,       December 31,\n"
        "                                                         2025           2024\n"
        "Cash and cash equivalents                             601,196        512,667\n"
        "Accounts receivable -- net of allowance of $6,237     321,129        334,829\n"
        "at June 30, 2025 and $6,088 at December 31, 2024\n"
        "Deferred commission expense                           189,288        148,693\n"
    )
    (grid,) = text_grids(table)
    assert [r.label for r in grid.rows][-1] == "Deferred commission expense"
    assert grid.rows[1].label.endswith("at December 31, 2024")


def test_a_heading_wrapped_over_lines_is_one_heading_not_the_end_of_a_total() -> None:
    table = (
        "                                  2025        2024\n"
        "Net income                     $ 2,194     $ 1,834\n"
        "Total                          $  2.36     $  1.99\n"
        "Weighted-average number of\n"
        "common shares outstanding:\n"
        "(millions)\n"
        "Basic                            930.8       920.3\n"
    )
    (grid,) = text_grids(table)
    # (the units line under it is read into the table's context, as every units caption is)
    assert [r.label for r in grid.rows] == [
        "Net income", "Total", "Weighted-average number of common shares outstanding:", "Basic",
    ]
