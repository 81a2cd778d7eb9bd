"""The parsed filing: typed, frozen dataclasses that every later stage reads.

Amounts are `Decimal` in US dollars (per-share amounts in dollars per share, share counts
in shares), already scaled out of the table's units. Every amount keeps the text it was read
from and where, so a brief can always say where a number came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum


class LineKind(str, Enum):
    """What a statement line measures, which decides whether the table's scale applies."""

    AMOUNT = "amount"  # money, scaled by the table's units
    PER_SHARE = "per_share"  # dollars per share, never scaled
    SHARES = "shares"  # share counts, scaled only by an explicit "shares in thousands"
    PERCENT = "percent"  # ratios; never scaled


class StatementKind(str, Enum):
    """The statements a brief shows."""

    INCOME = "income"
    BALANCE = "balance"


@dataclass(frozen=True)
class SourceRef:
    """Where a value was read: the file, the 1-based line in the decoded document, the raw text."""

    file: str
    line: int | None
    text: str


@dataclass(frozen=True)
class Amount:
    """One number as printed and as understood."""

    value: Decimal  # scaled: dollars, dollars per share or shares
    raw: str  # the cell text as printed, e.g. "(1,032)"
    scale: int  # the multiplier applied to the printed number (1, 1_000, 1_000_000)
    source: SourceRef
    note: str | None = None  # how an ambiguous reading was resolved, e.g. a dropped stray digit


@dataclass(frozen=True)
class Period:
    """A reporting period as a column header states it."""

    end: date
    months: int | None  # 3, 6, 9, 12; None for a balance-sheet date (an instant)
    weeks: int | None = None  # 13 or 14 for 52/53-week filers that say so
    label: str = ""  # the header text, e.g. "Three Months Ended September 30, 2007"


@dataclass(frozen=True)
class LineItem:
    """One row of a statement, with one value per chosen column (current, prior)."""

    label: str  # as printed, whitespace-normalised
    key: str | None  # canonical key (see reportgen.extract.lines), None if not a key line
    values: tuple[Amount | None, ...]
    kind: LineKind = LineKind.AMOUNT
    is_total: bool = False
    is_heading: bool = False  # a label-only row such as "Revenues:"


@dataclass(frozen=True)
class Statement:
    """A statement of operations or a balance sheet, reduced to its two compared columns."""

    kind: StatementKind
    title: str
    units: str  # as printed, e.g. "in thousands, except per share amounts"
    scale: int
    columns: tuple[Period, ...]  # (current, prior)
    lines: tuple[LineItem, ...]
    source: SourceRef
    # What states the scale: "caption" (the units printed with the table), "text" (amounts
    # the filing's sentences state), "xbrl" (the filer's tagged facts), or "" (nothing: the
    # money figures are read as printed and flagged).
    scale_basis: str = "caption"

    def value(self, key: str, column: int) -> Amount | None:
        """The amount of the first line with this canonical key in a column, if printed.

        A single "basic and diluted" line (key `eps_basic_diluted` / `shares_basic_diluted`)
        answers for both its basic and its diluted key.
        """
        for wanted in (key, _BOTH.get(key)):
            for line in self.lines:
                if wanted and line.key == wanted and column < len(line.values):
                    return line.values[column]
        return None


_BOTH = {
    "eps_basic": "eps_basic_diluted",
    "eps_diluted": "eps_basic_diluted",
    "shares_basic": "shares_basic_diluted",
    "shares_diluted": "shares_basic_diluted",
}


@dataclass(frozen=True)
class Company:
    """Who filed."""

    name: str
    cik: str | None = None  # ten digits, from the EDGAR header
    ticker: str | None = None
    exchange: str | None = None  # "Nasdaq", "NYSE", ...


@dataclass(frozen=True)
class FiscalPeriod:
    """The quarter a filing reports, as the company names it."""

    end: date
    months: int
    fiscal_year: int | None
    fiscal_quarter: int | None
    label: str  # e.g. "Q1 fiscal 2008" as derived; the filing's own words go in `as_named`
    as_named: str | None = None  # e.g. "first quarter of fiscal 2008", quoted from the filing
    weeks: int | None = None


@dataclass(frozen=True)
class Check:
    """One arithmetic or cross-source check and its outcome."""

    name: str  # e.g. "revenue components sum to total revenues"
    passed: bool
    detail: str  # e.g. "4,473 + 4,188 + 2,764 = 11,425"
    figures: tuple[str, ...] = ()  # figure ids involved, e.g. ("income.current.total_revenue",)


@dataclass(frozen=True)
class Quote:
    """A quotation from the release, with who said it."""

    text: str
    speaker: str | None
    title: str | None


@dataclass(frozen=True)
class PipelineItem:
    """One compound or product in a pipeline update."""

    name: str
    partner: str | None
    status: str | None


@dataclass(frozen=True)
class Highlights:
    """What the release's narrative says, quoted rather than paraphrased."""

    quotes: tuple[Quote, ...] = ()
    drivers: tuple[str, ...] = ()  # sentences naming what drove revenue or expenses
    cash: tuple[str, ...] = ()  # sentences on cash, cash used in operations, capital spending
    pipeline: tuple[PipelineItem, ...] = ()


@dataclass(frozen=True)
class Filing:
    """Everything reportgen read from one filing."""

    source_name: str  # the file name as given, for messages
    sha256: str  # of the input bytes
    encoding: str  # the codec that decoded it: utf-8, utf-8-sig, cp1252 or latin-1
    company: Company
    form: str  # "8-K", "10-Q", ...
    report_date: date | None  # date of report / filing date of the document
    filing_date: date | None = None  # EDGAR "FILED AS OF DATE"
    accession: str | None = None  # 0001275287-05-003130
    fiscal_year_end: str | None = None  # "MMDD", from the EDGAR header or XBRL
    period: FiscalPeriod | None = None
    prior_period: Period | None = None
    income: Statement | None = None
    balance: Statement | None = None
    highlights: Highlights = field(default_factory=Highlights)
    checks: tuple[Check, ...] = ()
    warnings: tuple[str, ...] = ()
    document: str | None = None  # which document of a submission was read, e.g. "EX-99.1"

    def figure_status(self, figure_id: str) -> str:
        """'failed' if a check on it failed, 'verified' if one passed, else 'unchecked'.

        Figure ids read like the contract's paths: "income.current.total_revenue",
        "balance.prior.cash". Only 'verified' figures are shown without a flag.
        """
        involved = [c for c in self.checks if figure_id in c.figures]
        if any(not c.passed for c in involved):
            return "failed"
        return "verified" if involved else "unchecked"
