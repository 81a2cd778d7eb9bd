"""Hand-built Filing of the sample (ImmunoGen 8-K, 2007-11-01), for render tests only.

Why: the renderer is built and tested before the parser; these figures are copied by hand
from tests/fixtures/filings/immunogen-2007q3-8k.txt, with their source lines.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from reportgen.model import (
    Amount,
    Check,
    Company,
    Filing,
    FiscalPeriod,
    Highlights,
    LineItem,
    LineKind,
    Period,
    PipelineItem,
    Quote,
    SourceRef,
    Statement,
    StatementKind,
)

FILE = "immunogen-2007q3-8k.txt"


def _amount(raw: str, line: int, scale: int = 1000) -> Amount:
    """An Amount from its printed text, scaled like the parser does."""
    negative = raw.startswith("(")
    number = Decimal(raw.strip("()").replace(",", ""))
    value = (-number if negative else number) * scale
    return Amount(value=value, raw=raw, scale=scale, source=SourceRef(FILE, line, raw))


def _line(
    label: str,
    line: int,
    current: str | None,
    prior: str | None,
    key: str | None = None,
    kind: LineKind = LineKind.AMOUNT,
    is_total: bool = False,
    is_heading: bool = False,
) -> LineItem:
    """One statement row with its two values."""
    scale = 1 if kind is LineKind.PER_SHARE else 1000
    values = tuple(None if raw is None else _amount(raw, line, scale) for raw in (current, prior))
    return LineItem(label, key, values, kind, is_total, is_heading)


def income_statement() -> Statement:
    """The statement of operations, three months ended Sep 30, 2007 and 2006."""
    lines = (
        _line("Revenues:", 189, None, None, is_heading=True),
        _line("Research and development support", 190, "4,473", "5,507"),
        _line("License and milestone fees", 191, "4,188", "1,406"),
        _line("Clinical materials reimbursement", 192, "2,764", "857"),
        _line("Total revenues", 193, "11,425", "7,770", "total_revenue", is_total=True),
        _line("Expenses:", 194, None, None, is_heading=True),
        _line("Cost of clinical materials reimbursed", 195, "1,729", "646"),
        _line("Research and development", 196, "9,105", "11,416"),
        _line("General and administrative", 197, "2,424", "2,797"),
        _line("Total operating expenses", 198, "13,258", "14,859", "total_operating_expenses", is_total=True),
        _line("Loss from operations", 199, "(1,833)", "(7,089)", "operating_income", is_total=True),
        _line("Other income, net", 200, "813", "846"),
        _line("Loss before taxes", 201, "(1,020)", "(6,243)", "pretax_income", is_total=True),
        _line("Income tax expense", 202, "12", "10"),
        _line("Net loss", 203, "(1,032)", "(6,253)", "net_income", is_total=True),
        _line(
            "Net loss per common share, basic and diluted", 204, "(0.02)", "(0.15)", "eps_basic",
            kind=LineKind.PER_SHARE,
        ),
        _line(
            "Average common shares outstanding, basic and diluted", 205, "42,416", "41,482",
            "shares_basic", kind=LineKind.SHARES,
        ),
    )
    columns = (
        Period(date(2007, 9, 30), 3, label="Three Months Ended September 30, 2007"),
        Period(date(2006, 9, 30), 3, label="Three Months Ended September 30, 2006"),
    )
    return Statement(
        StatementKind.INCOME,
        "Condensed Consolidated Statements of Operations (Unaudited)",
        "in thousands, except per share amounts",
        1000,
        columns,
        lines,
        SourceRef(FILE, 185, "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS (Unaudited)"),
    )


def balance_sheet() -> Statement:
    """The condensed balance sheet at Sep 30, 2007 and Jun 30, 2007."""
    lines = (
        _line("ASSETS", 174, None, None, is_heading=True),
        _line("Cash and marketable securities", 175, "53,603", "59,700", "cash"),
        _line("Other assets", 176, "25,555", "20,721"),
        _line("Total assets", 178, "79,158", "80,421", "total_assets", is_total=True),
        _line("LIABILITIES AND SHAREHOLDERS' EQUITY", 179, None, None, is_heading=True),
        _line("Current liabilities", 180, "12,726", "14,288"),
        _line("Long-term portion of deferred revenue and other long-term liabilities", 181, "8,371", "7,732"),
        _line("Shareholders' equity", 182, "58,061", "58,401", "total_equity"),
        _line("Total liabilities and shareholders' equity", 183, "79,158", "80,421", is_total=True),
    )
    columns = (
        Period(date(2007, 9, 30), None, label="September 30, 2007"),
        Period(date(2007, 6, 30), None, label="June 30, 2007"),
    )
    return Statement(
        StatementKind.BALANCE,
        "Condensed Consolidated Balance Sheets (Unaudited)",
        "in thousands, except per share amounts",
        1000,
        columns,
        lines,
        SourceRef(FILE, 171, "CONDENSED CONSOLIDATED BALANCE SHEETS (Unaudited)"),
    )


def highlights() -> Highlights:
    """The narrative as a highlights extractor would quote it."""
    quote = Quote(
        "There are now six targeted anticancer compounds in human clinical trials \u2014 generating"
        " data \u2014 through our own programs and those of our collaborators.",
        "Mitchel Sayare",
        "Chairman and CEO",
    )
    drivers = (
        "The first quarter fiscal 2008 revenues include $4.5 million of research and development"
        " support fees, compared to $5.5 million for the same period last year.",
        "Included in license and milestone fees for the fiscal 2008 first quarter was a $3.0 million"
        " milestone related to the initiation of Phase II clinical testing of trastuzumab-DM1"
        " (T-DM1) by Genentech.",
        "The change in research and development expenses for the quarter ended September 30, 2007"
        " versus the prior-year period was driven primarily by a decrease in antibody costs"
        " incurred during the current period.",
    )
    cash = (
        "ImmunoGen had approximately $53.6 million in cash and marketable securities as of"
        " September 30, 2007, compared with $59.7 million as of June 30, 2007, and had no debt"
        " outstanding in either period.",
        "During the first quarter fiscal 2008, cash used in operations was $5.8 million, compared"
        " to $4.6 million during the same period last year.",
    )
    pipeline = (
        PipelineItem("huC242-DM4", None, "Phase II"),
        PipelineItem("Trastuzumab-DM1 (T-DM1)", "Genentech", "Phase II"),
        PipelineItem("huN901-DM1", None, "Phase I"),
        PipelineItem("AVE9633", "sanofi-aventis", "Phase I"),
        PipelineItem("AVE1642", "sanofi-aventis", "Phase I"),
        PipelineItem("SAR3419", "sanofi-aventis", "Phase I"),
    )
    return Highlights((quote,), drivers, cash, pipeline)


def checks() -> tuple[Check, ...]:
    """The arithmetic checks a validator would run on the sample, all passing."""
    figures = ("current", "prior")
    out: list[Check] = []
    for col, (rev, opex, op) in zip(figures, (("4,473 + 4,188 + 2,764 = 11,425", "1,729 + 9,105 + 2,424 = 13,258", "11,425 - 13,258 = (1,833)"), ("5,507 + 1,406 + 857 = 7,770", "646 + 11,416 + 2,797 = 14,859", "7,770 - 14,859 = (7,089)"))):
        out.append(Check(f"revenue components sum to total revenues ({col})", True, rev, (f"income.{col}.total_revenue",)))
        out.append(Check(f"expense components sum to total operating expenses ({col})", True, opex, (f"income.{col}.total_operating_expenses",)))
        out.append(Check(f"revenues less expenses equal loss from operations ({col})", True, op, (f"income.{col}.operating_income",)))
        out.append(Check(f"net loss follows from loss before taxes ({col})", True, "", (f"income.{col}.net_income",)))
    out.append(Check("net loss per share agrees with net loss / shares (current)", True, "(1,032) / 42,416 = (0.024)", ("income.current.eps_basic", "income.current.eps_diluted")))
    out.append(Check("net loss per share agrees with net loss / shares (prior)", True, "(6,253) / 41,482 = (0.151)", ("income.prior.eps_basic", "income.prior.eps_diluted")))
    out.append(Check("cash agrees with the narrative ($53.6 million)", True, "53,603 \u2248 53.6 million", ("balance.current.cash",)))
    out.append(Check("cash agrees with the narrative ($59.7 million)", True, "59,700 \u2248 59.7 million", ("balance.prior.cash",)))
    out.append(Check("assets equal liabilities and equity (current)", True, "79,158 = 12,726 + 8,371 + 58,061", ("balance.current.total_assets",)))
    out.append(Check("assets equal liabilities and equity (prior)", True, "80,421 = 14,288 + 7,732 + 58,401", ("balance.prior.total_assets",)))
    return tuple(out)


def immunogen_filing(**changes: object) -> Filing:
    """The sample's Filing; keyword arguments replace fields (e.g. checks=())."""
    filing = Filing(
        source_name=FILE,
        sha256="0" * 64,
        encoding="utf-8",
        company=Company("ImmunoGen, Inc.", None, "IMGN", "Nasdaq"),
        form="8-K",
        report_date=date(2007, 11, 1),
        filing_date=None,
        accession=None,
        fiscal_year_end="0630",
        period=FiscalPeriod(date(2007, 9, 30), 3, 2008, 1, "Q1 fiscal 2008", "first quarter of fiscal 2008"),
        prior_period=Period(date(2006, 9, 30), 3, label="Three Months Ended September 30, 2006"),
        income=income_statement(),
        balance=balance_sheet(),
        highlights=highlights(),
        checks=checks(),
        document="EX-99.1",
    )
    return replace(filing, **changes)  # type: ignore[arg-type]


def parsed_sample() -> Filing:
    """The sample as the real parser reads it, for end-to-end render tests."""
    from pathlib import Path

    from reportgen.parse import parse_path

    return parse_path(Path(__file__).parent / "fixtures" / "filings" / FILE)
