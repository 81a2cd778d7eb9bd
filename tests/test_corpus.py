"""Every labelled fixture filing: each key figure exactly as hand-checked (labels.json).

Amounts are compared as exact Decimals in dollars; where labels.json lists alternates, any
of them is accepted; a figure the label leaves out must come out null; the period's end,
fiscal year and fiscal quarter must be the company's own.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.accuracy.labels import load_labels
from reportgen.accuracy.score import ABSENT_OK, CORRECT, CORRECT_FLAGGED, score
from reportgen.contract import to_contract
from reportgen.parse import parse_path
from reportgen.validate import figure

FIXTURES = Path(__file__).parent / "fixtures" / "filings"
LABELLED = {fixture.expected.name: fixture for fixture in load_labels(FIXTURES / "labels.json")}
LABELS = {name: fixture.entry for name, fixture in LABELLED.items()}
TEXT = sorted(name for name, entry in LABELS.items() if entry["format"] in ("sec-txt", "plain-text"))

# Known failures, kept as strict xfails so a fix is noticed (then remove the entry).
KNOWN: dict[str, str] = {}


def _params() -> list:
    out = []
    for name in sorted(LABELS):
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN[name])] if name in KNOWN else []
        out.append(pytest.param(name, marks=marks, id=name))
    return out


@pytest.mark.parametrize("name", _params())
def test_key_figures_exact(name: str) -> None:
    fixture = LABELLED[name]
    result = score(fixture.expected, "original", to_contract(parse_path(fixture.path)))
    wrong = [(o.id, o.got, o.want) for o in result.outcomes if o.outcome not in (CORRECT, CORRECT_FLAGGED, ABSENT_OK)]
    assert wrong == []


# Figures no check can reach, and why; exactly these must stay unverified.
UNCHECKABLE = {
    # basic EPS 0.25 with only the diluted share count printed (53 / 216.5 = 0.245, the
    # diluted 0.24); the prior basic EPS equals the diluted, so a note table's 309 / 298.0 holds it
    "sears-2004q2-8k": ["income.current.eps_basic"],
}


@pytest.mark.parametrize("name", TEXT)
def test_text_filings_fully_verified(name: str) -> None:
    filing = parse_path(FIXTURES / LABELS[name]["file"])
    assert [c.name for c in filing.checks if not c.passed] == []
    assert to_contract(filing)["unverified"] == UNCHECKABLE.get(name, [])


@pytest.mark.parametrize(
    ("name", "fiscal_year", "quarter", "prior_end"),
    [
        ("immunogen-2007q3-8k", 2008, 1, "2006-09-30"),
        ("pericom-2005q2-8k", 2005, 4, "2004-06-30"),
        ("asta-2004q2-8k", 2004, 3, "2003-06-30"),
        ("horizonfin-2008q4-8k", 2009, 3, "2007-12-31"),
        ("apple-2000q1-10q", 2000, 2, "1999-03-27"),
        ("sears-2004q2-8k", 2004, 2, "2003-06-28"),
        ("buckle-2024q3-ex99", 2024, 3, "2023-10-28"),
        ("apple-1998q2-10q", 1998, 2, "1997-03-28"),
        ("southern-2006q4-8k", 2006, 4, "2005-12-31"),
    ],
)
def test_fiscal_period(name: str, fiscal_year: int, quarter: int, prior_end: str) -> None:
    filing = parse_path(FIXTURES / LABELS[name]["file"])
    assert filing.period.end.isoformat() == LABELS[name]["period_end"]
    assert (filing.period.fiscal_year, filing.period.fiscal_quarter, filing.period.months) == (fiscal_year, quarter, 3)
    assert filing.prior_period.end.isoformat() == prior_end


@pytest.mark.parametrize(
    ("name", "document", "encoding"),
    [
        ("pericom-2005q2-8k", "EX-99.1", "utf-8"),
        ("asta-2004q2-8k", "EX-99.1", "utf-8"),
        ("horizonfin-2008q4-8k", "EX-99.1", "utf-8"),
        ("apple-2000q1-10q", "10-Q", "utf-8"),
        ("sears-2004q2-8k", "EX-99", "utf-8"),
        ("southern-2006q4-8k", "EX-99.04", "utf-8"),
    ],
)
def test_document_chosen_by_content(name: str, document: str, encoding: str) -> None:
    filing = parse_path(FIXTURES / LABELS[name]["file"])
    assert (filing.document, filing.encoding) == (document, encoding)


def test_pericom_gaap_statement_not_pro_forma() -> None:
    filing = parse_path(FIXTURES / "pericom-2005q2-8k.txt")
    assert "GAAP" in filing.income.title
    assert filing.income.value("total_operating_expenses", 0).value == Decimal(8193000)
    # the preceding quarter (Mar 31, 2005) sits between the compared columns
    assert [p.end.isoformat() for p in filing.income.columns] == ["2005-06-30", "2004-06-30"]


def test_horizon_bank_lines() -> None:
    filing = parse_path(FIXTURES / "horizonfin-2008q4-8k.txt")
    income = filing.income
    assert income.value("total_revenue", 0) is None
    assert income.value("net_interest_income", 0).value == Decimal(9279000)
    assert income.value("noninterest_income", 1).value == Decimal(1516000)
    assert income.value("eps_diluted", 0) is None  # printed "N/A"
    assert figure(income, "noninterest_expense", 0).value == Decimal(8315000)
    assert [p.end.isoformat() for p in filing.balance.columns] == ["2008-12-31", "2007-12-31"]
    liabilities = filing.balance.value("total_liabilities", 0)
    assert liabilities.value == Decimal(1353991000)
    assert [line.label for line in filing.balance.lines if line.key == "total_liabilities"] == ["Total liabilities"]


def test_asta_whole_dollars_and_unlabelled_total() -> None:
    filing = parse_path(FIXTURES / "asta-2004q2-8k.txt")
    assert filing.income.scale == 1
    opex = [line for line in filing.income.lines if line.key == "total_operating_expenses"]
    assert [(line.label, line.values[0].value) for line in opex] == [("", Decimal(2641000))]
    labels = [line.label for line in filing.income.lines]
    assert "Net income per share - Diluted" in labels
    assert "Weighted average number of shares outstanding - Diluted" in labels
    shares = filing.income.value("shares_diluted", 0)
    assert shares.value == Decimal(14286000) and shares.scale == 1


def test_tab_aligned_10q_with_continued_balance_sheet() -> None:
    # figures as printed in Apple's 10-Q for the quarter ended March 28, 1997 (in millions)
    filing = parse_path(FIXTURES.parent / "snippets" / "apple-1997q2-10q-excerpt.txt")
    document = to_contract(filing)
    assert document["figures"]["current"] == {
        "total_revenue": "1601000000", "total_operating_expenses": "2317000000", "operating_income": "-716000000",
        "net_income": "-708000000", "eps_basic": "-5.64", "eps_diluted": None,
    }
    assert document["figures"]["prior"]["net_income"] == "-740000000"
    assert document["balance_sheet"]["current"] == {
        "date": "1997-03-28", "cash": "1273000000", "total_assets": "4487000000",
        "total_liabilities": None, "total_equity": "1242000000",
    }
    assert document["balance_sheet"]["prior"]["date"] == "1996-09-27"
    assert document["balance_sheet"]["prior"]["total_assets"] == "5364000000"
    assert (filing.period.fiscal_year, filing.period.fiscal_quarter) == (1997, 2)
    assert document["unverified"] == []


@pytest.mark.parametrize("name", ["apple-2000q1-10q", "pericom-2005q2-8k", "asta-2004q2-8k"])
def test_same_figures_without_the_sgml_table_tags(name: str) -> None:
    import re

    from reportgen.parse import parse_bytes

    data = (FIXTURES / LABELS[name]["file"]).read_text(encoding="utf-8")
    bare = re.sub(r"(?im)^\s*</?(?:TABLE|CAPTION|S|C)>.*$", "", data)
    tagged, untagged = (to_contract(parse_bytes(text.encode(), "x.txt")) for text in (data, bare))
    assert untagged["figures"] == tagged["figures"]
    assert untagged["balance_sheet"] == tagged["balance_sheet"]
    assert untagged["unverified"] == []
