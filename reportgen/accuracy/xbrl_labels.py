"""Expected figures from an inline-XBRL filing's own tags: the filing labels itself.

Every figure of the printed statements is tagged with its concept, period and scale, so the
contract's figures can be read from the tags of the statement tables: the three-month context
without dimensions that ends on the document's period end, the one a year earlier, and the
balance sheet's two instants. A figure is kept only when its row is unambiguous; each one left
out gets the reason, and a figure the statement does not print is expected to be null.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lxml import etree

from reportgen.accuracy.expected import BALANCE_KEYS, COLUMNS, INCOME_KEYS, Expected
from reportgen.extract.htmldom import element_text, parse_html
from reportgen.extract.ixbrl import XbrlContext, numeric_fact, parse_date, read_ixbrl_tree

_QUARTER_DAYS = range(80, 100)  # 13 or 14 weeks, or three calendar months
_YEAR_DAYS = range(357, 373)  # 52 or 53 weeks, or a calendar year

# The us-gaap concepts that tag each contract line, as the statements print them.
REVENUE = (
    "Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax",
    "RevenueFromContractWithCustomerIncludingAssessedTax", "SalesRevenueNet", "SalesRevenueGoodsNet",
    "SalesRevenueServicesNet", "RevenuesNetOfInterestExpense", "RegulatedAndUnregulatedOperatingRevenue",
)
EXPENSES = ("CostsAndExpenses", "OperatingExpenses", "BenefitsLossesAndExpenses", "NoninterestExpense")
OPERATING = ("OperatingIncomeLoss",)
NET_INCOME = ("NetIncomeLoss",)
NET_INCOME_ALTERNATES = ("ProfitLoss",)  # consolidated, before noncontrolling interests
NET_INCOME_FALLBACK = ("NetIncomeLossAvailableToCommonStockholdersBasic",)
EPS_BASIC = ("EarningsPerShareBasic", "EarningsPerShareBasicAndDiluted")
EPS_DILUTED = ("EarningsPerShareDiluted", "EarningsPerShareBasicAndDiluted")
ASSETS = ("Assets",)
LIABILITIES = ("Liabilities",)
EQUITY = (
    "StockholdersEquity", "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest",
    "PartnersCapital", "MembersEquity",
)
_INCOME_CONCEPTS = frozenset(
    REVENUE + EXPENSES + OPERATING + NET_INCOME + NET_INCOME_ALTERNATES + NET_INCOME_FALLBACK + EPS_BASIC + EPS_DILUTED
    + ("IncomeTaxExpenseBenefit", "CostOfRevenue", "CostOfGoodsAndServicesSold", "GrossProfit",
       "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest",
       "WeightedAverageNumberOfSharesOutstandingBasic", "WeightedAverageNumberOfDilutedSharesOutstanding")
)
_BALANCE_CONCEPTS = frozenset(ASSETS + LIABILITIES + EQUITY + ("LiabilitiesAndStockholdersEquity", "AssetsCurrent"))

# Row labels of lines that a company may tag with a concept of its own: when such a row is
# there and no standard concept is, the figure is not known (skipped), not absent.
_LOOKS_LIKE = {
    "total_revenue": re.compile(r"\b(?:revenues?|sales)\b", re.I),
    "total_operating_expenses": re.compile(r"^total\b.*\b(?:costs?|expenses|deductions)\b", re.I),
    "operating_income": re.compile(r"\boperating (?:income|loss|profit)|\bfrom operations\b", re.I),
    "net_income": re.compile(r"^net (?:income|earnings|loss)|^profit", re.I),
    "eps_basic": re.compile(r"per (?:common )?share|\bbasic\b", re.I),
    "eps_diluted": re.compile(r"per (?:common )?share|\bdiluted\b", re.I),
    "total_liabilities": re.compile(r"^total liabilities$", re.I),
    "total_equity": re.compile(r"^total\b.*\b(?:equity|deficit)\b", re.I),
}


@dataclass(frozen=True)
class _Fact:
    """One numeric tag where it is printed."""

    concept: str  # local name
    context: str
    value: Decimal
    table: int  # index of its <table> in the document
    row: int  # index of its <tr> within the document's rows
    label: str  # the row's label text


@dataclass(frozen=True)
class _Doc:
    """What the labels are derived from."""

    contexts: dict[str, XbrlContext]
    facts: list[_Fact]
    dei: dict[str, str]


def xbrl_expected(html: str, name: str) -> Expected:
    """The figures, period and skips that an inline-XBRL document's tags give."""
    doc = _read(html)
    period_end = parse_date(doc.dei.get("DocumentPeriodEndDate", ""))
    skipped: dict[str, str] = {}
    figures: dict[str, frozenset[Decimal] | None] = {}
    form = doc.dei.get("DocumentType", "").upper()
    income = _income(doc, period_end, form, skipped)
    figures.update(income)
    figures.update(_balance(doc, period_end, skipped))
    return Expected(name=name, figures=figures, period=_period(doc, period_end, form), skipped=skipped)


def _read(html: str) -> _Doc:
    """Contexts, dei facts and every numeric fact with its table and row."""
    root = parse_html(html)
    xbrl = read_ixbrl_tree(root)
    if xbrl is None:
        raise ValueError("no inline XBRL in the document")
    facts: list[_Fact] = []
    tables: dict[etree._Element, int] = {}
    rows: dict[etree._Element, int] = {}
    for el in root.iter("ix:nonfraction"):
        fact = numeric_fact(el)
        tr = next(el.iterancestors("tr"), None)
        table = next(el.iterancestors("table"), None)
        if fact.value is None or tr is None or table is None:
            continue
        facts.append(_Fact(
            concept=fact.concept.rpartition(":")[2], context=fact.context, value=fact.value,
            table=tables.setdefault(table, len(tables)), row=rows.setdefault(tr, len(rows)), label=_row_label(tr),
        ))
    return _Doc(xbrl.contexts, facts, xbrl.dei)


_FIGURE = re.compile(r"^[$\s(),.\d\u2014-]+$")


def _row_label(tr: etree._Element) -> str:
    """The text of a row's cells before its first figure."""
    parts: list[str] = []
    for cell in tr.iter("td", "th"):
        text = element_text(cell)
        if _FIGURE.match(text) or next(cell.iter("ix:nonfraction"), None) is not None:
            break
        if text:
            parts.append(text)
    return " ".join(" ".join(parts).split()).strip(" :")


def _plain(doc: _Doc) -> dict[str, XbrlContext]:
    """Contexts without dimensions: the consolidated company's own figures."""
    return {cid: c for cid, c in doc.contexts.items() if not c.dimensional}


def _statement_tables(doc: _Doc, concepts: frozenset[str], must: tuple[tuple[str, ...], ...]) -> list[int]:
    """The table that holds most of a statement's concepts (without dimensions), with any
    table that continues it; it must hold one concept of each group in `must`."""
    plain = _plain(doc)
    counts: dict[int, set[str]] = {}
    for f in doc.facts:
        if f.context in plain and f.concept in concepts:
            counts.setdefault(f.table, set()).add(f.concept)
    eligible = [t for t, found in counts.items() if all(found & set(group) for group in must)]
    if not eligible:
        return []
    best = max(eligible, key=lambda t: (len(counts[t]), -t))
    return [best]


def _income(
    doc: _Doc, period_end: date | None, form: str, skipped: dict[str, str]
) -> dict[str, frozenset[Decimal] | None]:
    """The income figures of the quarter and the year-earlier quarter."""
    ids = [f"income.{column}.{key}" for column in COLUMNS for key in INCOME_KEYS]
    if form.startswith("10-K"):
        return {fid: None for fid in ids}  # an annual report states no quarter: null, not the year
    tables = _statement_tables(
        doc, _INCOME_CONCEPTS, (NET_INCOME + NET_INCOME_ALTERNATES + NET_INCOME_FALLBACK, EPS_BASIC + EPS_DILUTED)
    )
    if not tables:
        for fid in ids:
            skipped[fid] = "no table holds net income and EPS tags"
        return {}
    plain = _plain(doc)
    used = {f.context for f in doc.facts if f.table in tables}
    periods = [c for cid, c in plain.items() if cid in used]
    quarter = _duration(periods, period_end, _QUARTER_DAYS)
    if quarter is None:
        # No three-month period ends on the period end (a successor's stub period, say): the
        # filing states no quarter, so its figures must be null; a year-earlier one is moot.
        for key in INCOME_KEYS:
            skipped[f"income.prior.{key}"] = "the filing states no current quarter to compare with"
        return {f"income.current.{key}": None for key in INCOME_KEYS}
    prior = next((c for c in periods if c.days in _QUARTER_DAYS and (quarter.end - c.end).days in _YEAR_DAYS), None)
    out: dict[str, frozenset[Decimal] | None] = {}
    for column, ctx in zip(COLUMNS, (quarter, prior)):
        if ctx is None:
            for key in INCOME_KEYS:
                skipped[f"income.{column}.{key}"] = "no three-month context a year before the quarter"
            continue
        facts = [f for f in doc.facts if f.table in tables and f.context == ctx.id]
        for key, (concepts, alternates) in _INCOME_LINES.items():
            _settle(out, skipped, f"income.{column}.{key}", key, facts, concepts, alternates)
    return out


_INCOME_LINES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "total_revenue": (REVENUE, ()),
    "total_operating_expenses": (EXPENSES, ()),
    "operating_income": (OPERATING, ()),
    "net_income": (NET_INCOME, NET_INCOME_ALTERNATES),
    "eps_basic": (EPS_BASIC, ()),
    "eps_diluted": (EPS_DILUTED, ()),
}


def _settle(
    out: dict[str, frozenset[Decimal] | None],
    skipped: dict[str, str],
    fid: str,
    key: str,
    facts: list[_Fact],
    concepts: tuple[str, ...],
    alternates: tuple[str, ...],
) -> None:
    """Expect one figure from the statement's facts of its concepts, or say why not."""
    main = {f.value for f in facts if f.concept in concepts}
    others = {f.value for f in facts if f.concept in alternates}
    if key == "total_revenue" and len(main) > 1:
        main = _total_of(main)
    if key == "total_operating_expenses" and len(main) > 1:
        out[fid] = frozenset(main)  # "total operating expenses" and "total costs and expenses": either
        return
    if len(main) > 1:
        skipped[fid] = f"several lines tag it with different values ({', '.join(map(str, sorted(main)))})"
        return
    if main:
        out[fid] = frozenset(main | others)
        return
    if len(others) == 1:
        out[fid] = frozenset(others)
        return
    fallback = {f.value for f in facts if f.concept in NET_INCOME_FALLBACK} if key == "net_income" else set()
    if len(fallback) == 1:
        out[fid] = frozenset(fallback)
        return
    looks = _LOOKS_LIKE.get(key)
    tagged_otherwise = looks is not None and any(looks.search(f.label) for f in facts)
    if others or tagged_otherwise:
        skipped[fid] = "its line is tagged with a company concept (or several lines could be it)"
        return
    out[fid] = None


def _total_of(values: set[Decimal]) -> set[Decimal]:
    """Of several revenue lines, the one that totals the others (else all: ambiguous)."""
    top = max(values)
    return {top} if sum(values) - top == top else values


def _duration(contexts: Iterable[XbrlContext], end: date | None, days: range) -> XbrlContext | None:
    """The context of a duration of `days` that ends on `end`."""
    if end is None:
        return None
    return next((c for c in contexts if c.days in days and c.end == end), None)


def _balance(doc: _Doc, period_end: date | None, skipped: dict[str, str]) -> dict[str, frozenset[Decimal] | None]:
    """The balance-sheet figures at its two dates."""
    plain = _plain(doc)
    ids = [f"balance.{column}.{key}" for column in COLUMNS for key in BALANCE_KEYS]
    tables = _statement_tables(doc, _BALANCE_CONCEPTS, (ASSETS,))
    if not tables:
        for fid in ids:
            skipped[fid] = "no table holds total assets"
        return {}
    # A balance sheet continued in a second table: the one that holds liabilities and equity.
    follow = _statement_tables(doc, _BALANCE_CONCEPTS, (("LiabilitiesAndStockholdersEquity",),))
    tables = sorted(set(tables + [t for t in follow if t > tables[0]][:1]))
    instants = sorted(
        {plain[f.context].end for f in doc.facts if f.table in tables and f.concept in ASSETS and f.context in plain
         and plain[f.context].start is None},
        reverse=True,
    )
    if period_end is not None and period_end in instants:
        instants = [period_end] + [d for d in instants if d < period_end]
    out: dict[str, frozenset[Decimal] | None] = {}
    for column, day in zip(COLUMNS, instants[:2] + [None] * (2 - len(instants[:2]))):
        if day is None:
            for key in BALANCE_KEYS:
                skipped[f"balance.{column}.{key}"] = "the balance sheet has no such date"
            continue
        ctxs = {cid for cid, c in plain.items() if c.start is None and c.end == day}
        facts = [f for f in doc.facts if f.table in tables and f.context in ctxs]
        _cash(out, skipped, f"balance.{column}.cash", facts)
        _settle(out, skipped, f"balance.{column}.total_assets", "total_assets", facts, ASSETS, ())
        _settle(out, skipped, f"balance.{column}.total_liabilities", "total_liabilities", facts, LIABILITIES, ())
        equity = {f.value for f in facts if f.concept in EQUITY}
        if equity:
            out[f"balance.{column}.total_equity"] = frozenset(equity)  # shareholders' or total equity: either
        else:
            _settle(out, skipped, f"balance.{column}.total_equity", "total_equity", facts, EQUITY, ())
    return out


def _cash(out: dict[str, frozenset[Decimal] | None], skipped: dict[str, str], fid: str, facts: list[_Fact]) -> None:
    """The first line of the balance sheet whose label starts with "cash"."""
    rows = sorted({(f.row, f.label) for f in facts if f.label.lower().startswith("cash")})
    if not rows:
        skipped[fid] = "no line labelled cash"
        return
    first = rows[0][0]
    values = {f.value for f in facts if f.row == first}
    if len(values) != 1:
        skipped[fid] = "the first cash line carries several values"
        return
    out[fid] = frozenset(values)


def _period(doc: _Doc, period_end: date | None, form: str) -> dict[str, str | int]:
    """The period's end, fiscal year and fiscal quarter from the dei facts."""
    period: dict[str, str | int] = {}
    if period_end is not None:
        period["end"] = period_end.isoformat()
    year = doc.dei.get("DocumentFiscalYearFocus", "").strip()
    if year.isdigit():
        period["fiscal_year"] = int(year)
    quarter = re.fullmatch(r"Q([1-4])", doc.dei.get("DocumentFiscalPeriodFocus", "").strip().upper())
    if quarter and not form.startswith("10-K"):
        period["fiscal_quarter"] = int(quarter.group(1))
    return period
