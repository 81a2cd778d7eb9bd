"""Formatting: half-up rounding, parentheses for negatives, $ millions, Markdown escaping."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from reportgen import fmt
from reportgen.model import Amount, SourceRef


def amount(raw: str, value: str, scale: int) -> Amount:
    return Amount(Decimal(value), raw, scale, SourceRef("f.txt", 1, raw))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("11425000", "$11.4M"),
        ("7770000", "$7.8M"),
        ("-1032000", "$(1.0)M"),
        ("-6253000", "$(6.3)M"),
        ("53603000", "$53.6M"),
        ("11450000", "$11.5M"),  # half-up, where banker's rounding would give 11.4
        ("-11450000", "$(11.5)M"),
        ("1234567890123", "$1,234,567.9M"),
        ("-40000", "$(40)K"),  # would round to $0.0M: in thousands, so the loss keeps its sign
        ("49999", "$50K"),
        ("50000", "$0.1M"),
        ("0", "$0.0M"),
    ],
)
def test_millions(value: str, expected: str) -> None:
    assert fmt.millions(Decimal(value)) == expected


def test_millions_of_nothing_is_a_dash() -> None:
    assert fmt.millions(None) == "\u2014"


@pytest.mark.parametrize(
    ("raw", "value", "scale", "expected"),
    [
        ("11,425", "11425000", 1000, "11,425"),
        ("(1,032)", "-1032000", 1000, "(1,032)"),
        ("(0.15)", "-0.15", 1, "(0.15)"),
        ("0.10", "0.1", 1, "0.10"),
        ("42,416", "42416000", 1000, "42,416"),
        ("$ 2,764", "2764", 1, "2,764"),
        ("1.5", "1500000", 1000000, "1.5"),
    ],
)
def test_amounts_in_the_filing_units(raw: str, value: str, scale: int, expected: str) -> None:
    assert fmt.in_units(amount(raw, value, scale)) == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [("0.470399", "+47.0%"), ("-0.10775", "-10.8%"), ("0.00049", "0.0%"), ("12.3456", "+1,234.6%"), (None, "n/m")],
)
def test_percent_change(change: str | None, expected: str) -> None:
    assert fmt.percent_change(None if change is None else Decimal(change)) == expected


def test_per_share_and_dates() -> None:
    assert fmt.per_share(Decimal("-0.02")) == "$(0.02)"
    assert fmt.per_share(Decimal("0.125")) == "$0.13"
    assert fmt.short_date(date(2007, 9, 30)) == "Sep 30, 2007"
    assert fmt.long_date(date(2007, 6, 30)) == "June 30, 2007"
    assert fmt.month_day("0630") == "June 30"
    assert fmt.month_day("0230") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Net loss | per share", "Net loss \\| per share"),
        ("[click](https://evil.example)", "\\[click\\](https\\://evil.example)"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("`code` *bold* _em_", "\\`code\\` \\*bold\\* \\_em\\_"),
        ("mail ir@example.com", "mail ir&#64;example.com"),
        ("www.example.com", "www\\.example.com"),
        ("two\n\nparagraphs", "two paragraphs"),
    ],
)
def test_markdown_escape(text: str, expected: str) -> None:
    assert fmt.md_escape(text) == expected


def test_escaped_markdown_renders_as_the_same_text() -> None:
    """What a Markdown renderer shows is the filing's text, with no link, tag or code."""
    import markdown

    hostile = "Revenue | up [here](javascript:alert(1)) <b>bold</b> `x` ~~s~~"
    html = markdown.markdown(fmt.md_escape(hostile))
    assert "<a" not in html and "<b>" not in html and "<code>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
