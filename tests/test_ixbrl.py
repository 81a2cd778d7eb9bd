"""Inline XBRL facts, checked on the Pfizer 10-Q (Workiva) of the fixture corpus."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from reportgen.extract.ixbrl import (
    KeyFacts,
    XbrlDocument,
    cross_checks,
    key_facts,
    read_ixbrl,
)
from reportgen.model import Amount, SourceRef

FILINGS = Path(__file__).parent / "fixtures" / "filings"


@cache
def _pfizer() -> XbrlDocument:
    doc = read_ixbrl((FILINGS / "pfizer-2023q2-10q.htm").read_text(encoding="utf-8"))
    assert doc is not None
    return doc


@cache
def _keys() -> KeyFacts:
    return key_facts(_pfizer())


def _value(figure_id: str) -> Decimal:
    return _keys().facts[figure_id][0].value  # type: ignore[return-value]


def test_plain_html_filings_are_not_inline_xbrl() -> None:
    for name in ("apple-2011q1-ex99.htm", "oracle-2014q4-ex99.htm", "alcoa-2018q2-10q.htm"):
        assert read_ixbrl((FILINGS / name).read_text(encoding="utf-8")) is None


def test_dei_cover_facts() -> None:
    doc = _pfizer()
    assert doc.dei["DocumentType"] == "10-Q"
    assert doc.dei["EntityRegistrantName"] == "PFIZER INC"
    assert doc.dei["EntityCentralIndexKey"] == "0000078003"
    assert doc.dei["TradingSymbol"] == "PFE"  # the common stock, listed first
    assert doc.dei["DocumentFiscalPeriodFocus"] == "Q2"
    assert doc.dei["DocumentFiscalYearFocus"] == "2023"
    assert doc.period_end == date(2023, 7, 2)
    assert doc.fiscal_year_end == "1231"


def test_contexts_periods_and_dimensions() -> None:
    doc = _pfizer()
    assert len(doc.contexts) == 672
    quarter = doc.contexts["c-5"]
    assert (quarter.start, quarter.end, quarter.dimensional) == (
        date(2023, 4, 3), date(2023, 7, 2), False,
    )
    assert doc.contexts["c-2"].dimensional  # StatementClassOfStockAxis member
    assert doc.contexts["c-4"].start is None and doc.contexts["c-4"].end == date(2023, 8, 4)


def test_quarter_and_balance_contexts_are_chosen_by_period() -> None:
    keys = _keys()
    assert keys.quarter is not None and keys.quarter.id == "c-5"
    assert keys.prior_quarter is not None and keys.prior_quarter.end == date(2022, 7, 3)
    assert keys.balance is not None and keys.balance.end == date(2023, 7, 2)
    assert keys.prior_balance is not None and keys.prior_balance.end == date(2022, 12, 31)


def test_income_facts_scaled_and_signed() -> None:
    assert _value("income.current.total_revenue") == Decimal("12734000000")
    assert _value("income.prior.total_revenue") == Decimal("27742000000")
    assert _value("income.current.net_income") == Decimal("2327000000")
    assert _value("income.prior.eps_basic") == Decimal("1.77")
    assert _value("income.prior.eps_diluted") == Decimal("1.73")
    tax = [f for f in _pfizer().numeric("IncomeTaxExpenseBenefit") if f.context == "c-5"]
    assert tax[0].value == Decimal("-71000000")  # printed (71), tagged sign="-"


def test_no_fact_for_lines_the_statement_does_not_tag() -> None:
    facts = _keys().facts
    assert "income.current.operating_income" not in facts
    assert "income.current.total_operating_expenses" not in facts


def test_balance_facts_keep_the_most_precise_repeat() -> None:
    assert [f.value for f in _keys().facts["balance.current.total_assets"]] == [
        Decimal("220168000000")
    ]
    assert [f.value for f in _keys().facts["balance.prior.total_equity"]] == [
        Decimal("95916000000"),
        Decimal("95661000000"),
    ]
    assert _value("balance.prior.cash") == Decimal("416000000")
    assert _value("balance.current.total_liabilities") == Decimal("120875000000")


def test_fixed_zero_format_reads_a_dash_as_zero() -> None:
    per_share = _pfizer().numeric("IncomeLossFromDiscontinuedOperationsNetOfTaxPerBasicShare")
    assert [f.value for f in per_share if f.context == "c-5"] == [Decimal(0)]


def _amount(value: str, raw: str) -> Amount:
    return Amount(Decimal(value), raw, 1_000_000, SourceRef("pfizer-2023q2-10q.htm", 4, raw))


def test_cross_checks_agree_and_disagree() -> None:
    checks = cross_checks(
        _keys(),
        {
            "income.current.total_revenue": _amount("12734000000", "$12,734"),
            "balance.current.total_equity": _amount("99019000000", "99,019"),
            "income.prior.net_income": _amount("9911000000", "9,911"),
            "income.current.operating_income": None,
        },
    )
    assert [(c.figures, c.passed) for c in checks] == [
        (("income.current.total_revenue",), True),
        (("balance.current.total_equity",), True),
        (("income.prior.net_income",), False),
    ]
    assert checks[2].detail == "9,911 (9911000000) \u2260 NetIncomeLoss 9906000000"


def test_parse_checks_every_pfizer_figure_against_its_tag() -> None:
    from reportgen.contract import to_contract
    from reportgen.parse import parse_path

    filing = parse_path(FILINGS / "pfizer-2023q2-10q.htm")
    xbrl = [c for c in filing.checks if c.name == "XBRL fact agrees with table"]
    assert len(xbrl) == 16 and all(c.passed for c in xbrl)
    assert filing.company.cik == "0000078003"
    contract = to_contract(filing)
    assert contract["unverified"] == []
    # Printed statement lines only: no opex total or operating income line, so null.
    assert contract["figures"]["current"]["operating_income"] is None
    assert contract["figures"]["current"]["total_operating_expenses"] is None


def test_parse_adds_no_xbrl_checks_to_plain_html() -> None:
    from reportgen.parse import parse_path

    filing = parse_path(FILINGS / "alcoa-2018q2-10q.htm")
    assert not [c for c in filing.checks if c.name == "XBRL fact agrees with table"]
