"""Statement detection, units and column choice on generated tables in real layouts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportgen.extract.grid import Grid, GridRow
from reportgen.extract.statements import find_statement, read_units
from reportgen.model import StatementKind
from reportgen.parse import parse_bytes

RELEASE = """\
FORM 8-K
SECURITIES AND EXCHANGE COMMISSION

Example Corp. reported results for the quarter ended March 31, 2004.

                         EXAMPLE CORP.
               CONSOLIDATED STATEMENTS OF INCOME
            (In thousands, except per share amounts)
                   Three Months Ended March 31,

                                     2004          2003
                                   --------      --------
Net sales                          $ 10,500      $  9,000
Cost of sales                         6,000         5,500
                                   --------      --------
Gross profit                          4,500         3,500
Operating expenses                    2,500         2,000
                                   --------      --------
Operating income                      2,000         1,500
Income taxes                            800           600
                                   --------      --------
Net income                         $  1,200      $    900
                                   ========      ========
Net income per share:
   Basic                           $   0.12      $   0.09
   Diluted                         $   0.11      $   0.09
Weighted average shares:
   Basic                             10,000        10,000
   Diluted                           10,500        10,100
"""


def test_year_only_headers_take_month_and_day_from_the_title() -> None:
    filing = parse_bytes(RELEASE.encode(), "release.txt")
    income = filing.income
    assert [(p.end, p.months) for p in income.columns] == [(date(2004, 3, 31), 3), (date(2003, 3, 31), 3)]
    assert income.value("total_revenue", 0).value == Decimal(10500000)
    assert income.value("net_income", 1).value == Decimal(900000)
    assert income.value("eps_diluted", 0).value == Decimal("0.11")
    assert income.value("shares_diluted", 0).value == Decimal(10500000)
    assert filing.figure_status("income.current.net_income") == "verified"


def test_prose_in_parentheses_is_not_a_units_line() -> None:
    grid = Grid(headers=["2004"], rows=[], context="Revenue grew (to $10 million) in the quarter.\nSTATEMENTS OF OPERATIONS")
    assert read_units(grid).scale == 1


def test_pro_forma_statement_loses_to_the_gaap_one() -> None:
    def grid(title: str, net: str) -> Grid:
        rows = [GridRow("Total revenues", ["100", "90"]), GridRow("Net income", [net, "5"]),
                GridRow("Net income per share, basic and diluted", ["0.10", "0.05"])]
        return Grid(headers=["Three Months Ended June 30, 2005", "Three Months Ended June 30, 2004"],
                    rows=rows, context=title, title=title)

    grids = [grid("Condensed Statements of Operations - Pro Forma", "12"), grid("Condensed Statements of Operations", "10")]
    statement, _ = find_statement(grids, StatementKind.INCOME, "x.txt")
    assert statement.value("net_income", 0).raw == "10"


def test_fourth_quarter_release_takes_the_quarter_not_the_year() -> None:
    rows = [GridRow("Revenues", ["40", "30", "150", "120"]), GridRow("Net income", ["4", "3", "15", "12"])]
    headers = ["Three Months Ended May 31, 2014", "Three Months Ended May 31, 2013",
               "Year Ended May 31, 2014", "Year Ended May 31, 2013"]
    statement, _ = find_statement([Grid(headers=headers, rows=rows, context="STATEMENTS OF OPERATIONS")],
                                  StatementKind.INCOME, "x.txt")
    assert [(p.end.year, p.months) for p in statement.columns] == [(2014, 3), (2013, 3)]
    assert statement.value("total_revenue", 1).raw == "30"


def test_balance_sheet_prior_is_fiscal_year_end_over_year_earlier() -> None:
    rows = [GridRow("Cash and cash equivalents", ["10", "11", "12"]), GridRow("Total assets", ["100", "110", "120"])]
    headers = ["June 30, 2018", "December 31, 2017", "June 30, 2017"]
    grid = Grid(headers=headers, rows=rows, context="CONDENSED BALANCE SHEETS")
    statement, _ = find_statement([grid], StatementKind.BALANCE, "x.txt", fiscal_year_end="1231")
    assert [p.end.isoformat() for p in statement.columns] == ["2018-06-30", "2017-12-31"]
    statement, _ = find_statement([grid], StatementKind.BALANCE, "x.txt", fiscal_year_end="0930")
    assert [p.end.isoformat() for p in statement.columns] == ["2018-06-30", "2017-06-30"]


QUARTER_NAMES = """\
FORM 8-K
Widget Co. today reported results for the second quarter ended June 30, 2005.

                    CONSOLIDATED STATEMENTS OF OPERATIONS
                        (in thousands, except per share data)
                                  Second Quarter          Six Months
                                  2005      2004         2005      2004
Net revenues                    $ 5,000   $ 4,000      $ 9,000   $ 7,500
Net income                      $   500   $   400      $   800   $   700
Net income per share - diluted  $  0.05   $  0.04      $  0.08   $  0.07
"""


def test_quarter_named_headers_dated_from_the_narrative() -> None:
    filing = parse_bytes(QUARTER_NAMES.encode(), "release.txt")
    assert [(p.end, p.months) for p in filing.income.columns] == [(date(2005, 6, 30), 3), (date(2004, 6, 30), 3)]
    assert filing.income.value("total_revenue", 1).value == Decimal(4000000)
    assert filing.income.value("eps_diluted", 0).value == Decimal("0.05")


def test_share_counts_printed_in_full_under_thousands_units() -> None:
    rows = [GridRow("Net income", ["1,200", "900"]), GridRow("Net income per share - basic", ["0.12", "0.09"]),
            GridRow("Weighted average shares - basic", ["10,000,000", "10,000,000"])]
    grid = Grid(headers=["Three Months Ended March 31, 2004", "Three Months Ended March 31, 2003"], rows=rows,
                context="STATEMENTS OF INCOME\n(In thousands, except per share data)")
    statement, warnings = find_statement([grid], StatementKind.INCOME, "x.txt")
    assert statement.value("shares_basic", 0).value == Decimal(10000000)
    assert statement.value("net_income", 0).value == Decimal(1200000)
    assert any("share counts read as printed" in w for w in warnings)
    grid.rows[2] = GridRow("Weighted average shares - basic", ["10,000", "10,000"])
    statement, warnings = find_statement([grid], StatementKind.INCOME, "x.txt")
    assert statement.value("shares_basic", 0).value == Decimal(10000000) and warnings == []
