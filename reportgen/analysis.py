"""The brief's view model: every number and sentence a brief shows, computed once.

Why one model: Markdown, HTML, the fragment and the PDF all render this same object, so the
formats can never disagree on a figure. Pure functions of a `Filing`; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportgen import __version__, fmt
from reportgen.model import (
    Amount,
    Check,
    Filing,
    FiscalPeriod,
    Highlights,
    LineItem,
    LineKind,
    Period,
    Statement,
)

MONTH_WORDS = {3: "three", 6: "six", 9: "nine", 12: "twelve"}
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}
# contract keys shown as tiles: (statement, key fallbacks, higher is better)
TILE_SPECS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("income", ("total_revenue",), True),
    ("income", ("net_interest_income",), True),  # banks print no revenue line: show theirs
    ("income", ("noninterest_income",), True),
    ("income", ("total_operating_expenses",), False),
    ("income", ("operating_income",), True),
    ("income", ("net_income",), True),
    ("income", ("eps_diluted", "eps_basic_diluted", "eps_basic"), True),
    ("balance", ("cash",), True),
)
FLAGGED_KEYS = frozenset(
    {
        "total_revenue", "total_operating_expenses", "operating_income", "net_income",
        "eps_basic", "eps_diluted", "eps_basic_diluted", "cash", "total_assets", "total_liabilities",
        "total_equity",
    }
)
EMPHASIS_KEYS = frozenset({"total_revenue", "total_operating_expenses", "operating_income", "net_income",
                           "total_assets", "total_liabilities", "total_equity"})
# totals that end a section: walking up from one total, another of these is never a part
HEADLINE_KEYS = frozenset({"total_revenue", "gross_profit", "total_operating_expenses",
                           "operating_income", "income_before_taxes", "net_income", "net_interest_income"})
MAX_BARS = 6
# line keys whose checks speak under the contract's figure ids
FIGURE_IDS = {"eps_basic_diluted": ("eps_basic", "eps_diluted")}
COMPONENT_KEYS = {"total_revenue": "revenue_component", "total_operating_expenses": "expense_component"}
STATUS_TEXT = {"verified": "verified", "unchecked": "not verified", "failed": "check failed"}


@dataclass(frozen=True)
class Change:
    """A change between two figures, told by sign, arrow and words, never by colour alone."""

    ratio: Decimal | None  # (current - prior) / |prior|; None when not meaningful
    text: str  # "+47.0%" or "n/m"
    arrow: str  # "\u25b2", "\u25bc", "\u25ba" or ""
    direction: str  # "up", "down", "flat" or "nm"
    tone: str  # "good", "bad" or "neutral", for colour only


@dataclass(frozen=True)
class KeyFigure:
    """One tile: a figure this period against the comparison period."""

    id: str  # contract key, e.g. "total_revenue"
    label: str
    current: Decimal | None
    prior: Decimal | None
    current_text: str  # "$11.4M"
    prior_text: str
    current_when: str  # "Q1 FY2008" or "Sep 30, 2007"
    prior_when: str
    change: Change
    status: str  # worst of the two figures: "verified", "unchecked" or "failed"
    status_text: str
    flagged: bool
    line: int | None  # source line of the current value


@dataclass(frozen=True)
class Cell:
    """One value of a statement row, as printed in the filing's units."""

    text: str
    status: str | None  # None for lines no check speaks for
    flagged: bool


@dataclass(frozen=True)
class Row:
    """A statement line: its printed label and both columns."""

    label: str
    cells: tuple[Cell, ...]
    is_total: bool
    is_heading: bool
    kind: str
    emphasis: bool = False  # a total or a headline figure, set in bold


@dataclass(frozen=True)
class TableView:
    """A statement as shown: every line, both columns, in the filing's units."""

    title: str
    units: str
    columns: tuple[str, ...]
    column_notes: tuple[str, ...]  # "Three months ended" / "" above each column
    rows: tuple[Row, ...]
    source_line: int | None


@dataclass(frozen=True)
class Series:
    """One coloured bar series of a chart."""

    role: str  # "current" or "prior": the same colour in every chart
    label: str
    values: tuple[Decimal | None, ...]  # dollars


@dataclass(frozen=True)
class ChartData:
    """What a chart shows, kept apart from how it is drawn."""

    name: str  # file stem: "revenue", "expenses", "cash"
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    alt: str


@dataclass(frozen=True)
class CheckView:
    """One check as shown."""

    name: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class Header:
    """Who, what, when."""

    company: str
    listing: str | None  # "Nasdaq: IMGN"
    form: str | None  # None when the form type is not known
    document: str | None
    report_date: str  # "November 1, 2007"
    period_name: str  # "First quarter of fiscal 2008"
    period_span: str  # "three months ended September 30, 2007"
    prior_name: str | None  # "first quarter of fiscal 2007"
    prior_span: str | None  # "three months ended September 30, 2006"
    fiscal_year_end: str | None  # "June 30"
    current_short: str  # "Q1 FY2008"
    prior_short: str


@dataclass(frozen=True)
class Footer:
    """Where the brief came from."""

    source: str  # "ImmunoGen, Inc. Form 8-K (EX-99.1)"
    accession: str | None
    filing_date: str | None
    file: str
    sha256: str
    version: str


@dataclass(frozen=True)
class BriefView:
    """Everything a brief shows, formatted once for every output."""

    title: str
    header: Header
    tiles: tuple[KeyFigure, ...]
    charts: tuple[ChartData, ...]
    statements: tuple[TableView, ...]
    highlights: Highlights
    checks: tuple[CheckView, ...]
    checks_passed: int
    warnings: tuple[str, ...]
    any_flagged: bool
    commentary_md: str | None
    commentary_html: str | None
    footer: Footer
    as_of: date | None  # the filing's own date, used for PDF metadata (never the clock)
    keywords: tuple[str, ...]


def brief_view(filing: Filing, commentary_md: str | None = None) -> BriefView:
    """Build the brief's view model from a parsed filing (pure)."""
    header = _header(filing)
    tiles = tuple(t for t in (_tile(filing, header, *spec) for spec in TILE_SPECS) if t)
    statements = tuple(_table(filing, s) for s in (filing.income, filing.balance) if s)
    checks = tuple(CheckView(c.name, c.passed, c.detail) for c in filing.checks)
    flagged = any(t.flagged for t in tiles) or any(
        c.flagged for t in statements for r in t.rows for c in r.cells
    )
    return BriefView(
        title=f"{header.company} \u2014 {header.period_name} brief",
        header=header,
        tiles=tiles,
        charts=_charts(filing, header),
        statements=statements,
        highlights=filing.highlights,
        checks=checks,
        checks_passed=sum(c.passed for c in checks),
        warnings=filing.warnings,
        any_flagged=flagged,
        commentary_md=commentary_md.strip() if commentary_md and commentary_md.strip() else None,
        commentary_html=commentary_html(commentary_md),
        footer=_footer(filing),
        as_of=filing.filing_date or filing.report_date or (filing.period.end if filing.period else None),
        keywords=_keywords(filing, header),
    )


def commentary_html(commentary_md: str | None) -> str | None:
    """The analyst's Markdown as HTML, sanitised: it may come from anyone with the config."""
    if not commentary_md or not commentary_md.strip():
        return None
    import markdown
    import nh3

    html = markdown.markdown(commentary_md, extensions=["tables", "sane_lists"])
    tags = {"p", "ul", "ol", "li", "em", "strong", "b", "i", "code", "pre", "blockquote",
            "h3", "h4", "h5", "table", "thead", "tbody", "tr", "th", "td", "br", "hr", "a"}
    return nh3.clean(html, tags=tags, attributes={"a": {"href", "title"}},
                     url_schemes={"https", "mailto"}, link_rel="noopener noreferrer")


# --- header -------------------------------------------------------------------------------


def _header(filing: Filing) -> Header:
    """Company, listing, form and the period in the company's own words, with end dates."""
    company = filing.company
    listing = f"{company.exchange}: {company.ticker}" if company.exchange and company.ticker else company.ticker
    period = filing.period
    prior = _prior_period(filing)
    fy, fq = (period.fiscal_year, period.fiscal_quarter) if period else (None, None)
    return Header(
        company=company.name,
        listing=listing,
        form=_form(filing.form),
        document=filing.document,
        report_date=fmt.long_date(filing.report_date),
        period_name=_period_name(filing),
        period_span=_span(period.months if period else None, period.weeks if period else None, period.end if period else None),
        prior_name=_prior_name(period),
        prior_span=_span(prior.months, prior.weeks, prior.end) if prior else None,
        fiscal_year_end=fmt.month_day(filing.fiscal_year_end),
        current_short=_short(fq, fy, period.end if period else None, filing.fiscal_year_end),
        prior_short=_short(fq, fy - 1 if fy else None, prior.end if prior else None, filing.fiscal_year_end),
    )


def _prior_period(filing: Filing) -> Period | None:
    """The comparison quarter: as the filing states it, else the income statement's column."""
    if filing.prior_period:
        return filing.prior_period
    if filing.income and len(filing.income.columns) > 1:
        return filing.income.columns[1]
    return None


def _period_name(filing: Filing) -> str:
    """The quarter as the company names it, capitalised; derived or dated when it does not."""
    period = filing.period
    if period is None:
        return "Quarter"
    if period.as_named:
        return period.as_named[:1].upper() + period.as_named[1:]
    named = _quarter_name(period.fiscal_quarter, period.fiscal_year)
    if named:
        return named[:1].upper() + named[1:]
    return period.label or f"Quarter ended {fmt.long_date(period.end)}"


def _prior_name(period: FiscalPeriod | None) -> str | None:
    """The year-earlier quarter in the company's own wording: its phrase with the year before.

    >>> from datetime import date
    >>> _prior_name(FiscalPeriod(date(2018, 6, 30), 3, 2018, 2, "Q2 2018", "second quarter of 2018"))
    'second quarter of 2017'
    """
    if period is None or not period.fiscal_year:
        return None
    year = str(period.fiscal_year)
    named = period.as_named or ""
    if re.search(rf"\b{year}\b", named) and len(re.findall(rf"\b{year}\b", named)) == 1:
        earlier = re.sub(rf"\b{year}\b", str(period.fiscal_year - 1), named)
        return _lower_first(earlier)
    return _quarter_name(period.fiscal_quarter, period.fiscal_year - 1)


def _quarter_name(quarter: int | None, year: int | None) -> str | None:
    """'first quarter of fiscal 2007' from numbers, for the comparison quarter."""
    if not quarter or not year or quarter not in ORDINALS:
        return None
    return f"{ORDINALS[quarter]} quarter of fiscal {year}"


def _span(months: int | None, weeks: int | None, end: date | None) -> str:
    """'three months ended September 30, 2007' (or '13 weeks ended ...')."""
    if end is None:
        return ""
    if weeks:
        return f"{weeks} weeks ended {fmt.long_date(end)}"
    length = MONTH_WORDS.get(months or 0, f"{months} months" if months else "period")
    return f"{length} months ended {fmt.long_date(end)}" if months in MONTH_WORDS else f"{length} ended {fmt.long_date(end)}"


def _short(quarter: int | None, year: int | None, end: date | None, year_end: str | None = None) -> str:
    """A column label: 'Q1 FY2008' ('Q2 2018' for calendar-year filers), else the end date."""
    if quarter and year:
        return f"Q{quarter} {year}" if year_end == "1231" else f"Q{quarter} FY{year}"
    return fmt.short_date(end)


def _lower_first(text: str) -> str:
    """'First quarter' -> 'first quarter' mid-sentence; 'Q4 Fiscal' stays as it is."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _form(form: str | None) -> str | None:
    """The form type, or None when the reader could not tell."""
    if not form or form.strip().lower() in ("unknown", "none", "n/a"):
        return None
    return form.strip()


# --- tiles --------------------------------------------------------------------------------


def _tile(filing: Filing, header: Header, where: str, keys: tuple[str, ...], up_is_good: bool) -> KeyFigure | None:
    """A key-figure tile, or None when the filing states neither value."""
    statement: Statement | None = getattr(filing, where)
    if statement is None:
        return None
    for key in keys:
        line = _line(statement, key)
        if line is not None:
            break
    else:
        return None
    current, prior = _values(line)
    if current is None and prior is None:
        return None
    per_share = line.kind is LineKind.PER_SHARE
    show = fmt.per_share if per_share else fmt.millions
    status = _worst(_status(filing, where, col, key) for col in ("current", "prior"))
    if where == "balance":
        when = tuple(fmt.short_date(p.end) for p in statement.columns[:2])
        when = when + ("",) * (2 - len(when))
    else:
        when = (header.current_short, header.prior_short)
    cur_v = current.value if current else None
    pri_v = prior.value if prior else None
    return KeyFigure(
        id=key,
        label=_tile_label(key, line, cur_v),
        current=cur_v,
        prior=pri_v,
        current_text=show(cur_v),
        prior_text=show(pri_v),
        current_when=when[0],
        prior_when=when[1],
        change=change(cur_v, pri_v, up_is_good),
        status=status,
        status_text=STATUS_TEXT.get(status, status),
        flagged=status != "verified",
        line=current.source.line if current else None,
    )


def _tile_label(key: str, line: LineItem, current: Decimal | None) -> str:
    """A short, sign-aware label: 'Net loss' when the current figure is a loss."""
    loss = current is not None and current < 0
    labels = {
        "total_revenue": "Total revenues",
        "net_interest_income": "Net interest income",
        "noninterest_income": "Noninterest income",
        "total_operating_expenses": "Operating expenses",
        "operating_income": "Loss from operations" if loss else "Operating income",
        "net_income": "Net loss" if loss else "Net income",
        "eps_diluted": "Net loss per share" if loss else "Diluted EPS",
        "eps_basic": "Net loss per share" if loss else "EPS",
        "eps_basic_diluted": "Net loss per share" if loss else "EPS",
    }
    return labels.get(key, line.label)


def change(current: Decimal | None, prior: Decimal | None, up_is_good: bool = True) -> Change:
    """Relative change; 'n/m' when a value is missing, the base is zero or the sign flips.

    >>> change(Decimal(11425), Decimal(7770)).text
    '+47.0%'
    >>> change(Decimal(-1032), Decimal(-6253)).arrow, change(Decimal(5), Decimal(-1)).text
    ('\u25b2', 'n/m')
    """
    if current is None or prior is None or prior == 0 or (current < 0 < prior) or (prior < 0 < current):
        return Change(None, "n/m", "", "nm", "neutral")
    ratio = (current - prior) / abs(prior)
    text = fmt.percent_change(ratio)
    if text == "0.0%":
        return Change(ratio, text, "\u25ba", "flat", "neutral")
    up = ratio > 0
    return Change(ratio, text, "\u25b2" if up else "\u25bc", "up" if up else "down",
                  "good" if up == up_is_good else "bad")


def _status(filing: Filing, where: str, column: str, key: str) -> str:
    """A figure's check status under its contract id(s); the worst when a line fills two."""
    ids = FIGURE_IDS.get(key, (key,))
    return _worst(filing.figure_status(f"{where}.{column}.{figure}") for figure in ids)


def _worst(statuses: object) -> str:
    """'failed' over 'unchecked' over 'verified'."""
    found = set(statuses)  # type: ignore[arg-type]
    for status in ("failed", "unchecked"):
        if status in found:
            return status
    return "verified"


def _line(statement: Statement, key: str) -> LineItem | None:
    """The first line with a canonical key."""
    return next((line for line in statement.lines if line.key == key), None)


def _values(line: LineItem) -> tuple[Amount | None, Amount | None]:
    """The current and prior values of a line, None where not printed."""
    values = tuple(line.values) + (None, None)
    return values[0], values[1]


# --- statements ---------------------------------------------------------------------------


def _table(filing: Filing, statement: Statement) -> TableView:
    """Every line of a statement, both columns, in the filing's units, flags on key figures."""
    where = statement.kind.value
    rows = tuple(_row(filing, where, line, len(statement.columns[:2]) or 2) for line in statement.lines)
    is_income = statement.kind.value == "income"
    notes = tuple(_column_note(p) if is_income else "" for p in statement.columns[:2])
    return TableView(
        title=_title_case(statement.title),
        units=statement.units,
        columns=tuple(fmt.short_date(p.end) for p in statement.columns[:2]),
        column_notes=notes,
        rows=rows,
        source_line=statement.source.line,
    )


def _row(filing: Filing, where: str, line: LineItem, width: int) -> Row:
    """One statement row; cells of key figures carry their check status."""
    cells = []
    for col in range(width):
        amount = line.values[col] if col < len(line.values) else None
        status = None
        if line.key in FLAGGED_KEYS and amount is not None:
            status = _status(filing, where, ("current", "prior")[col], line.key)
        text = "" if line.is_heading and amount is None else fmt.in_units(amount)
        cells.append(Cell(text, status, status is not None and status != "verified"))
    emphasis = line.is_total or line.key in EMPHASIS_KEYS
    return Row(line.label, tuple(cells), line.is_total, line.is_heading, line.kind.value, emphasis)


def _column_note(period: Period) -> str:
    """'Three months ended' above an income-statement column."""
    if period.weeks:
        return f"{period.weeks} weeks ended"
    words = MONTH_WORDS.get(period.months or 0)
    return f"{words.capitalize()} months ended" if words else ""


def _title_case(title: str) -> str:
    """Statement titles printed in capitals read better in sentence case."""
    if title.isupper():
        return title[:1] + title[1:].lower()
    return title


# --- charts -------------------------------------------------------------------------------


def _charts(filing: Filing, header: Header) -> tuple[ChartData, ...]:
    """Revenue and expense components, and cash at both balance-sheet dates."""
    out: list[ChartData] = []
    income = filing.income
    if income is not None:
        for name, key, what in (("revenue", "total_revenue", "Revenue"), ("expenses", "total_operating_expenses", "Operating expenses")):
            chart = _component_chart(income, header, name, key, what)
            if chart:
                out.append(chart)
    cash = _cash_chart(filing.balance)
    if cash:
        out.append(cash)
    return tuple(out)


def components(statement: Statement, total_key: str) -> tuple[LineItem, ...]:
    """The parts of a total as printed above it: its lines, or its subtotals where a section
    is subtotalled; back to the section's heading or the previous headline total. The lines
    the parser keyed as components when that finds none, else the total alone."""
    index = next((i for i, line in enumerate(statement.lines) if line.key == total_key), None)
    if index is None:
        return ()
    found = _parts_above(statement.lines[:index])
    if not found:
        found = [line for line in statement.lines
                 if line.key is not None and line.key == COMPONENT_KEYS.get(total_key) and _has_value(line)]
    return tuple(found) if found else (statement.lines[index],)


def _parts_above(lines: tuple[LineItem, ...]) -> list[LineItem]:
    """Walk up from a total: keep lines and subtotals, skip what a kept subtotal already sums."""
    found: list[LineItem] = []
    inside_subtotal = False
    for line in reversed(lines):
        if line.is_heading:
            if not inside_subtotal:
                break
            inside_subtotal = False
            continue
        if line.is_total or line.key in HEADLINE_KEYS:
            if line.key in HEADLINE_KEYS:
                break
            inside_subtotal = True
            if _has_value(line):
                found.append(line)
            continue
        if not inside_subtotal and line.kind is LineKind.AMOUNT and _has_value(line):
            found.append(line)
    found.reverse()
    return found


def _has_value(line: LineItem) -> bool:
    """Whether a line prints a number in any column."""
    return any(v is not None for v in line.values)


def _fold(lines: tuple[LineItem, ...]) -> tuple[tuple[str, Decimal | None, Decimal | None], ...]:
    """At most MAX_BARS bars: the largest parts in statement order, the rest as 'Other (n lines)'."""
    rows = [(line.label, _value(line, 0), _value(line, 1)) for line in lines]
    if len(rows) <= MAX_BARS:
        return tuple(rows)
    ranked = sorted(range(len(rows)), key=lambda i: -abs(rows[i][1] or rows[i][2] or Decimal(0)))
    keep = sorted(ranked[: MAX_BARS - 1])
    rest = [rows[i] for i in range(len(rows)) if i not in keep]
    other = tuple(_sum([r[col] for r in rest]) for col in (1, 2))
    return tuple(rows[i] for i in keep) + ((f"Other ({len(rest)} lines)", *other),)


def _sum(values: list[Decimal | None]) -> Decimal | None:
    """Exact sum of the printed values; None when none is printed."""
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _component_chart(statement: Statement, header: Header, name: str, key: str, what: str) -> ChartData | None:
    """Components of a total, this quarter against the year-earlier quarter."""
    lines = components(statement, key)
    if not lines:
        return None
    total = _line(statement, key)
    cur, pri = _values(total) if total else (None, None)
    bars = _fold(lines)
    series = (
        Series("current", header.current_short, tuple(bar[1] for bar in bars)),
        Series("prior", header.prior_short, tuple(bar[2] for bar in bars)),
    )
    title = f"{what}: {fmt.millions(cur.value if cur else None)} vs {fmt.millions(pri.value if pri else None)}"
    parts = "; ".join(f"{label} {fmt.millions(c)} vs {fmt.millions(p)}" for label, c, p in bars)
    alt = (f"Bar chart of {what.lower()} by component, $ millions, {header.current_short} against "
           f"{header.prior_short}: {parts}.")
    return ChartData(name, title, tuple(bar[0] for bar in bars), series, alt)


def _cash_chart(balance: Statement | None) -> ChartData | None:
    """Cash at the two balance-sheet dates."""
    if balance is None:
        return None
    line = _line(balance, "cash")
    if line is None:
        return None
    dates = tuple(fmt.short_date(p.end) for p in balance.columns[:2]) + ("", "")
    series = (
        Series("current", dates[0], (_value(line, 0),)),
        Series("prior", dates[1], (_value(line, 1),)),
    )
    alt = (f"Bar chart of {line.label.lower()}, $ millions: {fmt.millions(_value(line, 0))} at {dates[0]} "
           f"against {fmt.millions(_value(line, 1))} at {dates[1]}.")
    title = f"{line.label}: {fmt.millions(_value(line, 0))} vs {fmt.millions(_value(line, 1))}"
    return ChartData("cash", title, (line.label,), series, alt)


def _value(line: LineItem, column: int) -> Decimal | None:
    """A line's value in one column, in dollars."""
    amount = line.values[column] if column < len(line.values) else None
    return amount.value if amount else None


# --- footer -------------------------------------------------------------------------------


def _footer(filing: Filing) -> Footer:
    """Source document, accession, filing date, file hash and our version."""
    doc = f" ({filing.document})" if filing.document else ""
    return Footer(
        source=f"{filing.company.name} Form {_form(filing.form)}{doc}" if _form(filing.form) else f"{filing.company.name}{doc}",
        accession=filing.accession,
        filing_date=fmt.long_date(filing.filing_date) if filing.filing_date else None,
        file=filing.source_name,
        sha256=filing.sha256,
        version=__version__,
    )


def _keywords(filing: Filing, header: Header) -> tuple[str, ...]:
    """PDF keywords: who, which form, which quarter."""
    words = [filing.company.name, *([header.form] if header.form else []), header.current_short, "earnings brief"]
    if filing.company.ticker:
        words.insert(1, filing.company.ticker)
    return tuple(words)


__all__ = ["BriefView", "Change", "Check", "KeyFigure", "brief_view", "change", "components"]
