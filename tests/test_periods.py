"""Periods: durations and dates from headers, the compared columns, the fiscal quarter."""

from __future__ import annotations

from datetime import date

import pytest

from reportgen.extract.periods import (
    choose_balance_columns,
    choose_income_columns,
    column_period,
    fiscal_period,
    named_quarter,
)


def _periods(*headers: str) -> list:
    return [column_period(h) for h in headers]


def test_year_earlier_quarter_not_the_sequential_one() -> None:
    periods = _periods("Three Months Ended Jun 30, 2005", "Three Months Ended Mar 31 2005 (Restated)",
                       "Three Months Ended Jun 30 2004", "Twelve Months Ended Jun 30 2005", "Twelve Months Ended Jun 30 2004")
    assert choose_income_columns(periods) == (0, 2)


def test_percent_change_and_sequential_columns_skipped() -> None:
    periods = _periods("Quarter Ended Dec 31, 2008", "Three Month Change", "Quarter Ended Sept 30, 2008",
                       "One Year Change", "Quarter Ended Dec 31, 2007")
    assert periods[1] is None and periods[3] is None
    assert choose_income_columns(periods) == (0, 4)


def test_52_53_week_quarters() -> None:
    periods = _periods("13 Weeks Ended April 1, 2000", "14 Weeks Ended March 27, 1999", "26 Weeks Ended April 1, 2000")
    assert [(p.months, p.weeks) for p in periods] == [(3, 13), (3, 14), (6, 26)]
    assert choose_income_columns(periods) == (0, 1)


def test_three_date_balance_sheet() -> None:
    periods = _periods("Dec 31, 2008", "Three Month Change", "Sept 30, 2008", "One Year Change", "Dec 31, 2007")
    assert choose_balance_columns(periods, "0331") == (0, 4)  # no fiscal year end printed: a year earlier
    assert choose_balance_columns(periods, "0930") == (0, 2)  # the prior fiscal year end when printed


@pytest.mark.parametrize(
    ("end", "fye", "label"),
    [
        (date(2007, 9, 30), "0630", "Q1 FY2008"),
        (date(2005, 6, 30), "0630", "Q4 FY2005"),
        (date(2008, 12, 31), "0331", "Q3 FY2009"),
        (date(2000, 4, 1), "0930", "Q2 FY2000"),  # a few days past March: a 52/53-week quarter
        (date(2010, 12, 25), "0925", "Q1 FY2011"),
        (date(2005, 1, 1), "0101", "Q4 FY2004"),
    ],
)
def test_fiscal_quarter_from_the_fiscal_year_end(end: date, fye: str, label: str) -> None:
    assert fiscal_period(end, 3, None, fye, "").label == label


def test_fiscal_quarter_from_the_filing_words() -> None:
    period = fiscal_period(date(2007, 9, 30), 3, None, None, "Reports First Quarter Fiscal Year 2008 Results")
    assert (period.fiscal_year, period.fiscal_quarter, period.as_named) == (2008, 1, "First Quarter Fiscal Year 2008")
    unnamed = fiscal_period(date(2007, 9, 30), 3, None, None, "results for the quarter")
    assert (unnamed.fiscal_year, unnamed.fiscal_quarter) == (None, None)


def test_named_quarter_forms() -> None:
    assert named_quarter("Q4 Fiscal 2014 results")[:2] == (4, 2014)
    assert named_quarter("its fiscal 2011 first quarter ended")[:2] == (1, 2011)
