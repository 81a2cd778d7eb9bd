"""Phrasings and layouts that real filings print beyond the fixtures, in small synthetic tables.

Each test states a layout or a label seen in filings of the same kinds (EDGAR text releases,
HTML exhibits) and asserts the exact values read from it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from reportgen.extract.lines import income_key, line_kind, normalize
from reportgen.extract.periods import column_period
from reportgen.extract.text_tables import text_grids
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
