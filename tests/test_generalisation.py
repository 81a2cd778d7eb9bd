"""Phrasings and layouts that real filings print beyond the fixtures, in small synthetic tables.

Each test states a layout or a label seen in filings of the same kinds (EDGAR text releases,
HTML exhibits) and asserts the exact values read from it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from reportgen.extract.grid import Grid, GridRow
from reportgen.extract.lines import balance_key, income_key, line_kind, normalize
from reportgen.extract.periods import column_period, fiscal_period
from reportgen.extract.statements import find_statement
from reportgen.extract.text_tables import text_grids
from reportgen.model import StatementKind
from reportgen.parse import parse_bytes


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("SALES, Net of returns and allowances", "total_revenue"),
        ("Revenues, net of discounts", "total_revenue"),
        ("Net sales", "total_revenue"),
        ("NET INCOME/ (LOSS)", "net_income"),
        ("Net (loss)/ income", "net_income"),
        ("Net (loss) income", "net_income"),
        ("NET INCOME AS REPORTED", "net_income"),
        ("Net income, as reported", "net_income"),
        ("Net income (GAAP)", "net_income"),
        ("Net Income (See Notes)", "net_income"),
        ("Net earnings", "net_income"),
        ("Net earnings (loss) attributable to Acme Corp.", "net_income"),
        ("Total costs and expenses", "total_operating_expenses"),
        ("Income (loss) from operations", "operating_income"),
        ("Operating income (loss)", "operating_income"),
        ("Sales and other operating revenues", "total_revenue"),
        ("Total sales and revenues", "total_revenue"),
        ("Total net sales and revenue", "total_revenue"),
        ("Total cost and expenses", "total_operating_expenses"),
        ("Total operating costs", "total_operating_expenses"),
        ("(Loss) income from operations", "operating_income"),
        ("Operating (loss) income", "operating_income"),
        ("Net (loss)", "net_income"),
        ("Consolidated net income", "net_income"),
    ],
)
def test_income_labels(label: str, key: str) -> None:
    assert income_key(label, "", line_kind(label))[0] == key


def test_slash_is_a_separator_and_basic_slash_diluted_is_both() -> None:
    assert normalize("Earnings/ (loss) per share") == "earnings (loss) per share"
    assert income_key("Net loss per share - basic/diluted", "", line_kind("Net loss per share - basic/diluted")) == (
        "eps_basic_diluted", 1
    )


def test_noncontrolling_net_income_is_not_the_company_line() -> None:
    label = "Net income attributable to noncontrolling interests"
    assert income_key(label, "", line_kind(label))[0] is None


# A 52/53-week retailer's release: period phrase stacked over three lines ("For the 13 /
# Weeks Ended / July 3, 2004 and June 28, 2003"), a units caption in the label area beside
# the header lines, and bare years as the columns' own heads.
STACKED = """\
FORM 8-K
    EXAMPLE STORES INC.
    CONSOLIDATED INCOME

                                          For the 13         For the 26
                                          Weeks Ended        Weeks Ended
                                        July 3, 2004 and   July 3, 2004 and
                                         June 28, 2003      June 28, 2003
    (millions, except earnings per
     common share)                       2004     2003      2004      2003

    REVENUES
     Merchandise sales and services     $8,700  $ 8,851   $16,403   $16,325
     Other revenues                         81    1,345       172     2,751
              Total revenues             8,781   10,196    16,575    19,076

    Operating income                        53      489        12       798

    NET INCOME/ (LOSS)                   $  53   $  309   $  (806)  $   501

    Diluted earnings/ (loss) per share  $ 0.24   $ 1.04   $ (3.71)  $  1.63
"""


def test_stacked_header_with_a_units_caption_beside_it() -> None:
    filing = parse_bytes(STACKED.encode(), "release.txt")
    income = filing.income
    assert [(p.end, p.months, p.weeks) for p in income.columns] == [
        (date(2004, 7, 3), 3, 13), (date(2003, 6, 28), 3, 13)
    ]
    assert income.scale == 1_000_000
    assert income.value("total_revenue", 0).value == Decimal("8781000000")
    assert income.value("total_revenue", 1).value == Decimal("10196000000")
    assert income.value("net_income", 0).value == Decimal("53000000")
    assert income.value("net_income", 1).value == Decimal("309000000")
    assert income.value("eps_diluted", 1).value == Decimal("1.04")


def test_column_year_picks_its_date_from_a_two_date_header() -> None:
    assert column_period("13 Weeks Ended July 3, 2004 and June 28, 2003 2003").end == date(2003, 6, 28)
    assert column_period("13 Weeks Ended July 3, 2004 and June 28, 2003 2004").end == date(2004, 7, 3)
    assert column_period("Three Months Ended July 3, 2004").end == date(2004, 7, 3)


HEADINGS = """\
                                            July 3,   January 3,
                                             2004       2004
    Assets
      Current assets
        Cash and cash equivalents          $ 3,559    $ 9,057
        Other receivables                      557        733
          Total current assets               4,116      9,790
      Brokered
       Certificates
       of Deposit                            2,000      1,000
    Basic
      Earnings per share before
       cumulative effect                    $ 0.25     $ 1.04
    INCOME FROM CONTINUING
      OPERATIONS                               53        309
    Net Income
      (Loss)                                   53        309
"""


def test_headings_above_deeper_rows_are_not_glued_to_their_labels() -> None:
    (grid,) = text_grids(HEADINGS)
    assert [(r.label, r.cells) for r in grid.rows] == [
        ("Assets", []),
        ("Current assets", []),
        ("Cash and cash equivalents", ["3,559", "9,057"]),
        ("Other receivables", ["557", "733"]),
        ("Total current assets", ["4,116", "9,790"]),
        ("Brokered Certificates of Deposit", ["2,000", "1,000"]),
        ("Basic", []),
        ("Earnings per share before cumulative effect", ["0.25", "1.04"]),
        ("INCOME FROM CONTINUING OPERATIONS", ["53", "309"]),
        ("Net Income (Loss)", ["53", "309"]),
    ]


# A utility's earnings exhibit: headers name the month and year only, the net income line
# is qualified "AS REPORTED (See Notes)", and a "Change" column sits beside each pair.
MONTH_YEAR = """\
FORM 8-K
                        Analysis of Consolidated Earnings
                            (In Millions of Dollars)

                                       3 Months Ended December          12 Months Ended December
                                     --------------------------       ---------------------------
                                      2006     2005     Change          2006     2005     Change
                                     ------   ------   --------       -------   ------   --------
Income Account-
Retail Revenue                       $2,505   $2,669   $ (164)        $11,801  $11,165    $ 636
Wholesale Revenue                       647      621       26           2,555    2,389      166
                                     ------   ------   ------         -------  -------    -----
Total Revenues                        3,152    3,290     (138)         14,356   13,554      802
Total Operating Expenses              2,683    2,886     (203)         11,132   10,592      540
                                     ------   ------   ------         -------  -------    -----
Operating Income                        469      404       65           3,224    2,962      262
Other Deductions, net                   281      245       36           1,651    1,371      280
                                     ------   ------   ------         -------  -------    -----
NET INCOME AS REPORTED (See Notes)   $  188   $  159   $   29         $ 1,573  $ 1,591    $ (18)
"""


def test_month_and_year_headers_end_on_the_months_last_day() -> None:
    filing = parse_bytes(MONTH_YEAR.encode(), "release.txt")
    income = filing.income
    assert [(p.end, p.months) for p in income.columns] == [(date(2006, 12, 31), 3), (date(2005, 12, 31), 3)]
    assert income.value("total_revenue", 0).value == Decimal("3152000000")
    assert income.value("operating_income", 1).value == Decimal("404000000")
    assert income.value("net_income", 0).value == Decimal("188000000")
    assert income.value("net_income", 1).value == Decimal("159000000")
    assert column_period("3 Months Ended December Change") is None
    assert column_period("February 2008") is None  # no duration: not read as a period


def test_named_quarter_of_another_year_is_not_this_periods_name() -> None:
    text = "compared with the second quarter of 1996 ... results for the second quarter of fiscal 1998"
    period = fiscal_period(date(1998, 3, 27), 3, None, "0926", text)
    assert (period.fiscal_year, period.fiscal_quarter, period.as_named) == (1998, 2, "second quarter of fiscal 1998")
    release = "net income rose from the fourth quarter of 2005"
    period = fiscal_period(date(2006, 12, 31), 3, None, "1231", release)
    assert (period.fiscal_year, period.fiscal_quarter, period.as_named) == (2006, 4, None)
    # a retailer names the fiscal year ending in January for the year before
    period = fiscal_period(date(2005, 1, 29), 3, None, "0129", "fourth quarter of fiscal 2004")
    assert (period.fiscal_year, period.fiscal_quarter) == (2004, 4)


def _income_grid(title: str, headers: list[str], revenue: list[str], net: list[str]) -> Grid:
    rows = [GridRow("Total revenues", revenue), GridRow("Operating income", net), GridRow("Net income", net)]
    return Grid(headers=headers, rows=rows, context=title, title=title)


def test_segment_table_loses_to_the_consolidated_statement_even_scoring_higher() -> None:
    quarter = ["Three Months Ended June 30, 2005", "Three Months Ended June 30, 2004"]
    segment = Grid(headers=quarter, context="Segment Income Statements", title="Segment Income Statements", rows=[
        GridRow("Total revenues", ["70", "60"]), GridRow("Cost of sales", ["40", "30"]),
        GridRow("Gross profit", ["30", "30"]), GridRow("Total operating expenses", ["20", "20"]),
        GridRow("Operating income", ["10", "10"]), GridRow("Income before income taxes", ["10", "10"]),
        GridRow("Income taxes", ["3", "4"]), GridRow("Net income", ["7", "6"]),
        GridRow("Net income per share - basic", ["0.07", "0.06"]),
        GridRow("Net income per share - diluted", ["0.07", "0.06"]),
    ])
    consolidated = Grid(headers=quarter, rows=[GridRow("Net sales", ["100", "90"]), GridRow("Net income", ["10", "9"])],
                        context="Results", title="Results")
    statement, warnings = find_statement([segment, consolidated], StatementKind.INCOME, "x.txt")
    assert [statement.value("total_revenue", c).raw for c in (0, 1)] == ["100", "90"]
    assert not any("segment" in w for w in warnings)


def test_only_a_segment_table_is_read_with_a_warning_and_its_consolidated_columns() -> None:
    headers = [f"Three Months Ended June 30, {year} {group}" for group in ("Domestic", "International", "Consolidated")
               for year in (2005, 2004)]
    grid = _income_grid("Segment Statements of Income", headers, ["60", "50", "40", "40", "100", "90"],
                        ["6", "5", "4", "4", "10", "9"])
    grid.rows[1:1] = [GridRow("Total costs and expenses", ["54", "45", "36", "36", "90", "81"])]
    grid.rows.append(GridRow("Diluted earnings per share", ["", "", "", "", "0.10", "0.09"]))
    statement, warnings = find_statement([grid], StatementKind.INCOME, "x.txt")
    assert [statement.value("total_revenue", c).raw for c in (0, 1)] == ["100", "90"]
    assert [statement.value("net_income", c).raw for c in (0, 1)] == ["10", "9"]
    assert any("segment, pro forma or non-GAAP" in w for w in warnings)


def _submission(highlights_net: str) -> bytes:
    """An earnings 8-K whose statement (EX-99.2) prints no EPS; EX-99.1's highlights do."""
    highlights = f"""\
                              Financial Highlights
               (In Millions of Dollars Except Earnings Per Share)
                                     3 Months Ended December
                                      2006           2005
Net Income - As Reported            $  {highlights_net}         $  159
Basic Earnings Per Share            $ 0.25         $ 0.21
Average Shares Outstanding (in millions)   745            742
"""
    statement = MONTH_YEAR.replace("FORM 8-K\n", "")
    return f"""<SEC-DOCUMENT>
<SEC-HEADER>
CONFORMED SUBMISSION TYPE:\t8-K
CONFORMED PERIOD OF REPORT:\t20070124
</SEC-HEADER>
<DOCUMENT>
<TYPE>EX-99.1
<TEXT>
{highlights}</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.2
<TEXT>
{statement}</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
""".encode()


def test_eps_printed_only_in_a_sibling_exhibit_with_the_same_net_income() -> None:
    filing = parse_bytes(_submission("188"), "8k.txt")
    assert filing.document == "EX-99.2"
    assert filing.income.value("eps_basic", 0).value == Decimal("0.25")
    assert filing.income.value("eps_basic", 1).value == Decimal("0.21")
    assert filing.income.value("eps_diluted", 0) is None  # not printed: never inferred from basic
    assert filing.income.value("eps_basic", 0).source.line == 14  # its line in the submission
    assert filing.income.value("shares_basic", 1).value == Decimal("742000000")
    assert filing.figure_status("income.current.eps_basic") == "verified"  # 188 / 745 = 0.2523
    assert any("read from EX-99.1" in w for w in filing.warnings)


def test_a_sibling_whose_net_income_differs_gives_no_eps() -> None:
    filing = parse_bytes(_submission("182"), "8k.txt")
    assert filing.income.value("eps_basic", 0) is None
    assert not any("read from EX-99.1" in w for w in filing.warnings)


def test_common_shares_on_a_balance_sheet_is_money_but_share_counts_are_not() -> None:
    assert line_kind("Common shares").value == "amount"
    assert line_kind("Total common shares outstanding").value == "shares"
    assert line_kind("Average common shares outstanding").value == "shares"


def test_tax_printed_as_a_deduction_still_bridges_to_net_income() -> None:
    filing = parse_bytes(STACKED.replace(
        "    NET INCOME/ (LOSS)", "    Income before income taxes             85      495        (6)       811\n"
        "    Income tax expense                     (32)    (186)       (2)      (310)\n"
        "    NET INCOME/ (LOSS)").encode(), "release.txt")
    checks = {c.name: (c.passed, c.detail) for c in filing.checks if "less tax" in c.name}
    assert checks == {
        "income before taxes less tax equals net income (current)": (True, "85 + (32) = 53"),
        "income before taxes less tax equals net income (prior)": (True, "495 + (186) = 309"),
    }



# Layouts of statements seen across releases and 10-Qs, each with its exact figures.
LAYOUTS = {
    "weeks_53": """\
FORM 8-K
               ACME STORES, INC.
    CONSOLIDATED STATEMENTS OF OPERATIONS (Dollars in thousands, except per share data)

                              Thirteen Weeks Ended        Thirty-Nine Weeks Ended
                           ------------------------     ------------------------
                           October 29,   October 30,    October 29,   October 30,
                              2005          2004           2005          2004
                           ----------    ----------     ----------    ----------
Net sales                  $  120,500    $  110,250     $  350,000    $  320,000
Cost of sales                  80,000        75,000        230,000       215,000
                           ----------    ----------     ----------    ----------
Gross profit                   40,500        35,250        120,000       105,000
Selling, general and
  administrative expenses      30,000        28,000         90,000        84,000
                           ----------    ----------     ----------    ----------
Income from operations         10,500         7,250         30,000        21,000
Income taxes                    4,000         2,750         11,000         8,000
                           ----------    ----------     ----------    ----------
Net earnings               $    6,500    $    4,500     $   19,000    $   13,000
                           ==========    ==========     ==========    ==========
Net earnings per share:
  Basic                    $     0.65    $     0.45     $     1.90    $     1.30
  Diluted                  $     0.64    $     0.44     $     1.88    $     1.29

                       CONSOLIDATED BALANCE SHEETS
                          (Dollars in thousands)
                                          October 29,   January 29,   October 30,
                                             2005          2005          2004
Cash and cash equivalents                 $  50,000     $  60,000     $  45,000
Inventories                                  90,000        70,000        85,000
                                          ---------     ---------     ---------
Total assets                              $ 140,000     $ 130,000     $ 130,000
Total liabilities                            60,000        55,000        58,000
Total stockholders' equity                   80,000        75,000        72,000
                                          ---------     ---------     ---------
Total liabilities and stockholders' equity $ 140,000    $ 130,000     $ 130,000
""",
    "fiscal_quarter": """\
FORM 8-K
                        WIDGET CORP.
           CONDENSED CONSOLIDATED STATEMENTS OF INCOME
              (In thousands, except per share amounts)
                                   Fiscal Quarter Ended           Fiscal Year Ended
                                 -------------------------    -------------------------
                                   June 28,      June 29,       June 28,      June 29,
                                     2008          2007           2008          2007
Revenues                          $ 45,000      $ 40,000      $ 170,000     $ 150,000
Total costs and expenses            40,000        36,000        150,000       135,000
                                  --------      --------      ---------     ---------
Income (loss) from operations        5,000         4,000         20,000        15,000
Net income attributable to Widget Corp.  3,000     2,500         12,000         9,000
Net income per share - diluted    $   0.30      $   0.25      $    1.20     $    0.90

                           BALANCE SHEETS
                           (In thousands)
                                                 June 28,      June 29,
                                                   2008          2007
Cash and cash equivalents                       $ 20,000      $ 15,000
Total assets                                     200,000       180,000
Total shareholders' equity                       120,000       110,000
""",
    "spanning_years": """\
FORM 10-Q
                   GADGET INC.
      CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
                   (Unaudited)
        (In millions, except per share data)

                         Three Months Ended June 30,    Six Months Ended June 30,
                         ---------------------------    -------------------------
                              2009         2008             2009         2008
                            -------      -------          -------      -------
Total net revenue           $ 1,200      $ 1,100          $ 2,300      $ 2,150
Total costs and expenses      1,000          950            1,950        1,880
Operating income                200          150              350          270
Net income                  $   130      $   100          $   230      $   180
Diluted earnings per share  $  0.52      $  0.40          $  0.92      $  0.72

                 CONDENSED CONSOLIDATED BALANCE SHEETS
                        (In millions)
                                            June 30,    December 31,
                                              2009          2008
                                           ---------    ------------
Cash and cash equivalents                   $   400        $   350
Total assets                                  5,000          4,800
Total liabilities                             2,000          1,900
Total stockholders' equity                    3,000          2,900

                 CONDENSED CONSOLIDATED BALANCE SHEETS
""",
    "bank_december": """\
FORM 8-K
                  BANKCO
           CONSOLIDATED BALANCE SHEETS
          (Dollars in thousands)
                                              December 31,
                                          2008          2007
                                       ----------    ----------
Cash and due from banks                $   12,000    $   10,000
Total assets                            1,500,000     1,400,000
Total liabilities                       1,350,000     1,260,000
Total shareholders' equity                150,000       140,000

           CONSOLIDATED STATEMENTS OF INCOME
          (Dollars in thousands, except per share data)
                                          Three Months Ended
                                             December 31,
                                          2008          2007
Total interest income                  $   25,000    $   24,000
Net interest income                        15,000        14,000
Total noninterest income                    3,000         2,500
Total noninterest expense                  10,000         9,500
Net income                             $    5,000    $    4,500
Basic earnings per share               $     0.50    $     0.45
Diluted earnings per share             $     0.49    $     0.44
""",
    "quarter_names": """\
FORM 8-K
Acme reported results for the second quarter ended June 30, 2008.
                    CONSOLIDATED STATEMENTS OF OPERATIONS
                     (in thousands, except per share data)
                                    Q2 2008      Q2 2007      Q1 2008
Revenue                           $ 10,000     $  9,000     $  9,500
Operating expenses                   8,000        7,500        7,800
Operating income                     2,000        1,500        1,700
Net income                        $  1,400     $  1,000     $  1,200
Diluted EPS                       $   0.14     $   0.10     $   0.12
""",
    "unaudited_line": """\
FORM 8-K
                    CONSOLIDATED STATEMENTS OF OPERATIONS
                     (in thousands, except per share data)
                                       Three months ended
                                    June 30,         June 30,
                                      2008             2007
                                   (unaudited)      (unaudited)
Revenue                           $ 10,000         $  9,000
Operating expenses                   8,000            7,500
Operating income                     2,000            1,500
Net income                        $  1,400         $  1,000
Net income per share:
  Basic                           $   0.14         $   0.10
  Diluted                         $   0.13         $   0.10
""",
    "slash_dates_restated": """\
FORM 8-K
                    CONSOLIDATED STATEMENTS OF OPERATIONS
                     (in thousands, except per share data)
                                    For the Three Months Ended
                                  6/30/2008        6/30/2007
                                                  (As Restated)
Revenue                           $ 10,000         $  9,000
Operating expenses                   8,000            7,500
Operating income                     2,000            1,500
Net income                        $  1,400         $  1,000
Basic and diluted net income per share  $ 0.14    $ 0.10
""",
}


@pytest.mark.parametrize(
    ("layout", "columns", "figures"),
    [
        ("weeks_53", [(date(2005, 10, 29), 3, 13), (date(2004, 10, 30), 3, 13)],
         {"total_revenue": ("120500000", "110250000"), "operating_income": ("10500000", "7250000"),
          "net_income": ("6500000", "4500000"), "eps_basic": ("0.65", "0.45"), "eps_diluted": ("0.64", "0.44"),
          "total_operating_expenses": (None, None)}),
        ("fiscal_quarter", [(date(2008, 6, 28), 3, None), (date(2007, 6, 29), 3, None)],
         {"total_revenue": ("45000000", "40000000"), "total_operating_expenses": ("40000000", "36000000"),
          "operating_income": ("5000000", "4000000"), "net_income": ("3000000", "2500000"),
          "eps_basic": (None, None), "eps_diluted": ("0.30", "0.25")}),
        ("spanning_years", [(date(2009, 6, 30), 3, None), (date(2008, 6, 30), 3, None)],
         {"total_revenue": ("1200000000", "1100000000"), "total_operating_expenses": ("1000000000", "950000000"),
          "net_income": ("130000000", "100000000"), "eps_diluted": ("0.52", "0.40")}),
        ("bank_december", [(date(2008, 12, 31), 3, None), (date(2007, 12, 31), 3, None)],
         {"total_revenue": (None, None), "total_operating_expenses": ("10000000", "9500000"),
          "net_income": ("5000000", "4500000"), "eps_basic": ("0.50", "0.45")}),
        ("quarter_names", [(date(2008, 6, 30), 3, None), (date(2007, 6, 30), 3, None)],
         {"total_revenue": ("10000000", "9000000"), "total_operating_expenses": ("8000000", "7500000"),
          "net_income": ("1400000", "1000000"), "eps_diluted": ("0.14", "0.10")}),
        ("unaudited_line", [(date(2008, 6, 30), 3, None), (date(2007, 6, 30), 3, None)],
         {"total_revenue": ("10000000", "9000000"), "eps_basic": ("0.14", "0.10"), "eps_diluted": ("0.13", "0.10")}),
        ("slash_dates_restated", [(date(2008, 6, 30), 3, None), (date(2007, 6, 30), 3, None)],
         {"operating_income": ("2000000", "1500000"), "eps_basic": ("0.14", "0.10"), "eps_diluted": ("0.14", "0.10")}),
    ],
)
def test_statement_layouts(layout: str, columns: list, figures: dict) -> None:
    income = parse_bytes(LAYOUTS[layout].encode(), "release.txt").income
    assert [(p.end, p.months, p.weeks) for p in income.columns] == columns
    for key, pair in figures.items():
        got = tuple(None if (a := income.value(key, c)) is None else a.value for c in (0, 1))
        assert got == tuple(None if v is None else Decimal(v) for v in pair), key


@pytest.mark.parametrize(
    ("layout", "dates", "figures"),
    [
        # no fiscal year end known: the year-earlier date is the comparison
        ("weeks_53", [date(2005, 10, 29), date(2004, 10, 30)],
         {"cash": ("50000000", "45000000"), "total_assets": ("140000000", "130000000"),
          "total_liabilities": ("60000000", "58000000"), "total_equity": ("80000000", "72000000")}),
        ("spanning_years", [date(2009, 6, 30), date(2008, 12, 31)],
         {"cash": ("400000000", "350000000"), "total_equity": ("3000000000", "2900000000")}),
        ("bank_december", [date(2008, 12, 31), date(2007, 12, 31)],
         {"cash": ("12000000", "10000000"), "total_liabilities": ("1350000000", "1260000000")}),
        ("fiscal_quarter", [date(2008, 6, 28), date(2007, 6, 29)],
         {"total_assets": ("200000000", "180000000"), "total_liabilities": (None, None)}),
    ],
)
def test_balance_sheet_layouts(layout: str, dates: list, figures: dict) -> None:
    balance = parse_bytes(LAYOUTS[layout].encode(), "release.txt").balance
    assert [p.end for p in balance.columns] == dates
    for key, pair in figures.items():
        got = tuple(None if (a := balance.value(key, c)) is None else a.value for c in (0, 1))
        assert got == tuple(None if v is None else Decimal(v) for v in pair), key


SEGMENTS = """\
    Segment Income Statements
    (millions)

    For the 13 Weeks Ended July 3, 2004 and June 28, 2003

                            Domestic        Sears Canada      Consolidated

                         2004     2003*    2004     2003     2004     2003

    Total revenues       7,673    9,137    1,108    1,059    8,781   10,196
        Total costs and
         expenses        7,631    8,671    1,097    1,036    8,728    9,707

    Operating income    $   42   $  466   $   11   $   23   $   53  $   489

    Net income                                              $   53  $   309

    EPS - Diluted                                           $ 0.24  $  1.04
"""


def test_footnoted_years_head_columns_and_the_consolidated_group_is_read() -> None:
    (grid,) = text_grids(SEGMENTS)
    assert grid.headers[1] == "For the 13 Weeks Ended July 3, 2004 and June 28, 2003 Domestic 2003*"
    statement, warnings = find_statement([grid], StatementKind.INCOME, "x.txt")
    assert [(p.end, p.weeks) for p in statement.columns] == [(date(2004, 7, 3), 13), (date(2003, 6, 28), 13)]
    assert [statement.value("total_revenue", c).value for c in (0, 1)] == [Decimal("8781000000"), Decimal("10196000000")]
    assert [statement.value("net_income", c).value for c in (0, 1)] == [Decimal("53000000"), Decimal("309000000")]
    assert len(warnings) == 1 and "segment" in warnings[0]


@pytest.mark.parametrize(
    ("header", "months", "weeks"),
    [
        ("Sixteen Weeks Ended May 20, 2006", 3, 16),
        ("Twelve Weeks Ended October 7, 2006", 3, 12),
        ("Twenty-Eight Weeks Ended September 9, 2006", 6, 28),
        ("24 Weeks Ended June 17, 2006", 6, 24),
        ("Forty Weeks Ended December 2, 2006", 9, 40),
        ("Thirty-Six Weeks Ended September 9, 2006", 9, 36),
        ("53 Weeks Ended February 3, 2024", 12, 53),
    ],
)
def test_grocers_12_and_16_week_quarters(header: str, months: int, weeks: int) -> None:
    period = column_period(header)
    assert (period.months, period.weeks) == (months, weeks)


def test_as_adjusted_gaap_statement_is_not_a_non_gaap_table() -> None:
    quarter = ["Three Months Ended June 30, 2009", "Three Months Ended June 30, 2008"]
    gaap = Grid(headers=quarter, context="CONDENSED STATEMENTS OF OPERATIONS\n(As Adjusted)", title="", rows=[
        GridRow("Total revenues", ["100", "90"]), GridRow("Operating income", ["20", "18"]),
        GridRow("Net income", ["10", "9"]), GridRow("Diluted earnings per share", ["0.10", "0.09"])])
    highlights = Grid(headers=quarter, context="Highlights", title="Highlights", rows=[
        GridRow("Revenues", ["100", "90"]), GridRow("Net income", ["11", "9"])])
    statement, warnings = find_statement([highlights, gaap], StatementKind.INCOME, "x.txt")
    assert [statement.value("net_income", c).raw for c in (0, 1)] == ["10", "9"]
    assert warnings == []


AND_YEARS = """\
FORM 8-K
                    STATEMENTS OF INCOME
              (in thousands, except per share data)
                          Three Months Ended         Six Months Ended
                        June 30, 2008 and 2007    June 30, 2008 and 2007
                           2008        2007         2008        2007
Net sales               $ 5,000     $ 4,000      $ 9,000     $ 7,500
Net income              $   500     $   400      $   800     $   700
Diluted net income per share $ 0.05 $ 0.04      $  0.08     $  0.07
"""


def test_one_date_and_another_year_in_a_spanning_header() -> None:
    income = parse_bytes(AND_YEARS.encode(), "release.txt").income
    assert [(p.end, p.months) for p in income.columns] == [(date(2008, 6, 30), 3), (date(2007, 6, 30), 3)]
    assert [income.value("total_revenue", c).value for c in (0, 1)] == [Decimal("5000000"), Decimal("4000000")]
    assert [income.value("eps_diluted", c).value for c in (0, 1)] == [Decimal("0.05"), Decimal("0.04")]


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Total shareholders' investment", "total_equity"),
        ("Total stockholders' equity (deficiency)", "total_equity"),
        ("Total partners' capital", "total_equity"),
        ("Total Acme Corp. shareholders' equity", "total_equity"),
        ("Total liabilities and shareholders' investment", "total_liabilities_and_equity"),
        ("Cash and due from banks", "cash"),
        ("Total capital", None),
    ],
)
def test_balance_labels(label: str, key: str | None) -> None:
    assert balance_key(label, "", line_kind(label))[0] == key


def test_a_based_in_descriptor_is_not_part_of_the_company_name() -> None:
    from reportgen.extract.cover import read_cover

    release = "Quarterly results.\n\nAbout us: Houston-based Acme Drilling Corp. (NYSE: ACD) drills wells.\n"
    assert read_cover(release).company == "Acme Drilling Corp."
    release += "The Acme Drilling Corp. board met.\n"
    assert read_cover(release).company == "The Acme Drilling Corp."
