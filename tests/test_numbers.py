"""The number reader on cells as real filings print them, grouped by where they came from."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportgen.numbers import decimals, is_nil_mark, parse_amount

CASES = {
    "immunogen (tab text)": [("\\$ 53,603", "53603"), ("(1,833)", "-1833"), ("(0.02)", "-0.02"), ("\\$ 80,421", "80421")],
    "pericom (aligned text)": [("$   21,121", "21121"), ("(12)", "-12"), ("(2,110)", "-2110"), ("0.00", "0.00")],
    "asta (whole dollars)": [("$12,050,000", "12050000"), ("--", "0"), ("$0.42", "0.42")],
    "horizon (bank)": [("-7%", "-7"), ("1011%", "1011"), ("(25,309)", "-25309"), ("$ 1,472,312", "1472312")],
    "html filings": [("( 347 )", "-347"), ("\u2014", "0"), ("$(0.15)", "-0.15"), ("1,089(1)", "1089"), ("\u2212 12", "-12")],
}
NOT_NUMBERS = ["N/A", "NM", "6 (6,253)", "2.5 million", "12,34", "(12", "Dec 31,", "$", "", "1.2.3"]


@pytest.mark.parametrize(
    ("text", "value"),
    [pytest.param(t, v, id=f"{group}: {t}") for group, cases in CASES.items() for t, v in cases],
)
def test_printed_figures(text: str, value: str) -> None:
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_one_number(text: str) -> None:
    assert parse_amount(text) is None


def test_exact_decimals_keep_their_digits() -> None:
    assert str(parse_amount("0.10")) == "0.10"
    assert decimals("$ (0.02)") == 2
    assert is_nil_mark("N/A") and is_nil_mark("n/m") and not is_nil_mark("--")
