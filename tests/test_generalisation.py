"""Phrasings and layouts that real filings print beyond the fixtures, in small synthetic tables.

Each test states a layout or a label seen in filings of the same kinds (EDGAR text releases,
HTML exhibits) and asserts the exact values read from it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportgen.extract.lines import income_key, line_kind, normalize


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
