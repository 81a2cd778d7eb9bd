"""Every line of both statements of the project's sample, both columns, exactly as printed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.model import Filing, LineKind
from reportgen.parse import parse_path

SAMPLE = Path(__file__).parent / "fixtures" / "filings" / "immunogen-2007q3-8k.txt"

# (label, key, current, prior) in the table's thousands; None marks a heading
INCOME = [
    ("Revenues:", None, None, None),
    ("Research and development support", "revenue_component", "4473", "5507"),
    ("License and milestone fees", "revenue_component", "4188", "1406"),
    ("Clinical materials reimbursement", "revenue_component", "2764", "857"),
    ("Total revenues", "total_revenue", "11425", "7770"),
    ("Expenses:", None, None, None),
    ("Cost of clinical materials reimbursed", "expense_component", "1729", "646"),
    ("Research and development", "expense_component", "9105", "11416"),
    ("General and administrative", "expense_component", "2424", "2797"),
    ("Total operating expenses", "total_operating_expenses", "13258", "14859"),
    ("Loss from operations", "operating_income", "-1833", "-7089"),
    ("Other income, net", None, "813", "846"),
    ("Loss before taxes", "income_before_taxes", "-1020", "-6243"),
    ("Income tax expense", "income_tax", "12", "10"),
    ("Net loss", "net_income", "-1032", "-6253"),
]
BALANCE = [
    ("ASSETS", None, None, None),
    ("Cash and marketable securities", "cash", "53603", "59700"),
    ("Other assets", None, "25555", "20721"),
    ("Total assets", "total_assets", "79158", "80421"),
    ("LIABILITIES AND SHAREHOLDERS' EQUITY", None, None, None),
    ("Current liabilities", None, "12726", "14288"),
    ("Long-term portion of deferred revenue and other long-term liabilities", None, "8371", "7732"),
    ("Shareholders' equity", "total_equity", "58061", "58401"),
    ("Total liabilities and shareholders' equity", "total_liabilities_and_equity", "79158", "80421"),
]


@pytest.fixture(scope="module")
def filing() -> Filing:
    return parse_path(SAMPLE)


def _rows(statement) -> list[tuple[str, str | None, str | None, str | None]]:
    out = []
    for line in statement.lines:
        if line.is_heading:
            out.append((line.label, None, None, None))
            continue
        cur, prior = line.values
        out.append((line.label, line.key, str(cur.value / 1000) if cur else None, str(prior.value / 1000) if prior else None))
    return out


def test_income_statement_every_money_line(filing: Filing) -> None:
    money = [r for r, line in zip(_rows(filing.income), filing.income.lines) if line.kind is LineKind.AMOUNT]
    assert money == INCOME


def test_per_share_and_share_lines(filing: Filing) -> None:
    eps, shares = filing.income.lines[-2], filing.income.lines[-1]
    assert eps.label == "Net loss per common share, basic and diluted"
    assert (eps.key, eps.kind) == ("eps_basic_diluted", LineKind.PER_SHARE)
    assert [v.value for v in eps.values] == [Decimal("-0.02"), Decimal("-0.15")]
    assert [v.scale for v in eps.values] == [1, 1]
    assert shares.label == "Average common shares outstanding, basic and diluted"
    assert (shares.key, shares.kind) == ("shares_basic_diluted", LineKind.SHARES)
    assert [v.value for v in shares.values] == [Decimal(42416000), Decimal(41482000)]


def test_balance_sheet_every_line(filing: Filing) -> None:
    assert _rows(filing.balance) == BALANCE


def test_columns_and_units(filing: Filing) -> None:
    income, balance = filing.income, filing.balance
    assert [(p.end, p.months) for p in income.columns] == [(date(2007, 9, 30), 3), (date(2006, 9, 30), 3)]
    assert [(p.end, p.months) for p in balance.columns] == [(date(2007, 9, 30), None), (date(2007, 6, 30), None)]
    assert income.units == "in thousands, except per share amounts" and income.scale == 1000
    assert balance.scale == 1000


def test_stray_digit_resolved_by_arithmetic_and_recorded(filing: Filing) -> None:
    net = filing.income.value("net_income", 1)
    assert net.value == Decimal(-6253000) and net.raw == "(6,253)"
    assert "6 (6,253)" in net.note and "checks pass" in net.note
    assert any("line 203" in w for w in filing.warnings)
    assert filing.figure_status("income.prior.net_income") == "verified"


def test_evidence_kept(filing: Filing) -> None:
    revenue = filing.income.value("total_revenue", 0)
    assert revenue.raw == "11,425" and revenue.scale == 1000
    assert revenue.source.file == "immunogen-2007q3-8k.txt" and revenue.source.line == 193
    cash = filing.balance.value("cash", 0)
    assert cash.raw == "53,603" and cash.source.line == 175


def test_period_and_company(filing: Filing) -> None:
    assert filing.period.fiscal_year == 2008 and filing.period.fiscal_quarter == 1
    assert filing.period.label == "Q1 FY2008"
    assert filing.fiscal_year_end == "0630"
    assert filing.prior_period.end == date(2006, 9, 30)
    assert filing.company.name == "ImmunoGen, Inc." and filing.company.ticker == "IMGN"
    assert filing.form == "8-K" and filing.encoding == "utf-8"


def test_all_key_figures_verified(filing: Filing) -> None:
    assert [c.name for c in filing.checks if not c.passed] == []
    for fid in ("income.current.total_revenue", "income.prior.net_income", "balance.current.cash",
                "balance.prior.total_equity", "income.current.eps_diluted"):
        assert filing.figure_status(fid) == "verified", fid


def test_contract_json_matches_the_documented_example() -> None:
    import json

    from click.testing import CliRunner

    from reportgen.cli import cli

    result = CliRunner().invoke(cli, ["parse", str(SAMPLE), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["company"] == {"name": "ImmunoGen, Inc.", "cik": None, "ticker": "IMGN"}
    assert document["form"] == "8-K"
    assert document["period"] == {"end": "2007-09-30", "months": 3, "fiscal_year": 2008, "fiscal_quarter": 1}
    assert document["prior_period"] == {"end": "2006-09-30", "months": 3}
    assert document["figures"]["current"] == {
        "total_revenue": "11425000", "total_operating_expenses": "13258000", "operating_income": "-1833000",
        "net_income": "-1032000", "eps_basic": "-0.02", "eps_diluted": "-0.02",
    }
    assert document["figures"]["prior"] == {
        "total_revenue": "7770000", "total_operating_expenses": "14859000", "operating_income": "-7089000",
        "net_income": "-6253000", "eps_basic": "-0.15", "eps_diluted": "-0.15",
    }
    assert document["balance_sheet"]["current"] == {
        "date": "2007-09-30", "cash": "53603000", "total_assets": "79158000",
        "total_liabilities": None, "total_equity": "58061000",
    }
    assert document["balance_sheet"]["prior"] == {
        "date": "2007-06-30", "cash": "59700000", "total_assets": "80421000",
        "total_liabilities": None, "total_equity": "58401000",
    }
    assert document["unverified"] == []
    assert all(set(c) == {"name", "passed", "detail", "figures"} for c in document["checks"])
