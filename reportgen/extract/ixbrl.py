"""Inline XBRL: the tagged facts behind an iXBRL filing's printed statements.

The printed statement stays the source of every figure (a line the statement does not
print stays null even when a concept for it is tagged); the tagged facts serve to read the
cover (dei) facts and to cross-check each table figure against the filer's own tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache
from decimal import Decimal, InvalidOperation

from lxml import etree

from reportgen.extract.htmldom import element_text, parse_html
from reportgen.model import Amount, Check

_IXBRL_MARK = re.compile(r"<ix:(?:nonfraction|nonnumeric|header)\b", re.I)
_SPACE = re.compile(r"\s+")
_ZERO_FORMATS = frozenset(("fixed-zero", "zerodash", "fixedzero"))
_COMMA_DECIMAL = frozenset(("num-comma-decimal", "numcommadecimal", "numspacecomma", "numdotcomma"))
_ZERO_WORDS = frozenset(("no", "none", "zero", "nil"))
_QUARTER_DAYS = range(77, 106)  # 12 to 15 weeks: calendar and 13/14-week fiscal quarters
_YEAR_APART_DAYS = range(357, 373)  # the same quarter a year (52 or 53 weeks) earlier

# Canonical keys and the us-gaap concepts that state them, most specific first.
INCOME_CONCEPTS: dict[str, tuple[str, ...]] = {
    "total_revenue": (
        "Revenues",
        "RevenueFromContractWithCustomerExcludingAssessedTax",
        "RevenueFromContractWithCustomerIncludingAssessedTax",
        "SalesRevenueNet",
        "SalesRevenueGoodsNet",
    ),
    "total_operating_expenses": ("CostsAndExpenses", "OperatingExpenses"),
    "operating_income": ("OperatingIncomeLoss",),
    "net_income": ("NetIncomeLoss", "NetIncomeLossAvailableToCommonStockholdersBasic"),
    "eps_basic": ("EarningsPerShareBasic", "EarningsPerShareBasicAndDiluted"),
    "eps_diluted": ("EarningsPerShareDiluted", "EarningsPerShareBasicAndDiluted"),
}
BALANCE_CONCEPTS: dict[str, tuple[str, ...]] = {
    "cash": (
        "CashAndCashEquivalentsAtCarryingValue",
        "Cash",
        "CashCashEquivalentsAndShortTermInvestments",
    ),
    "total_assets": ("Assets",),
    "total_liabilities": ("Liabilities",),
    "total_equity": (
        "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest",
        "StockholdersEquity",
    ),
}

# Every concept the contract's figures are checked against, by local name: all the parse asks
# of a document's numeric facts (`key_facts`).
KEY_CONCEPTS = frozenset(name for names in (*INCOME_CONCEPTS.values(), *BALANCE_CONCEPTS.values()) for name in names)


@dataclass(frozen=True)
class XbrlContext:
    """A context's period, and whether dimensions (segments) narrow it."""

    id: str
    end: date  # the end of a duration, or the instant
    start: date | None = None  # None for an instant
    dimensional: bool = False

    @property
    def days(self) -> int | None:
        """Length of a duration in days (inclusive end), None for an instant."""
        return None if self.start is None else (self.end - self.start).days


@dataclass(frozen=True)
class XbrlFact:
    """One tagged value as printed and as the tag means it."""

    concept: str  # prefixed name, e.g. "us-gaap:Revenues"
    context: str
    unit: str | None
    value: Decimal | None  # scaled and signed; None for text facts or unread formats
    raw: str  # the text as displayed
    scale: int = 0
    decimals: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class XbrlDocument:
    """The contexts and facts of an inline XBRL document, with its dei cover facts."""

    contexts: dict[str, XbrlContext]
    facts: tuple[XbrlFact, ...]
    dei: dict[str, str] = field(default_factory=dict)  # "DocumentType" -> "10-Q", first seen

    @property
    def period_end(self) -> date | None:
        """dei:DocumentPeriodEndDate, read from its printed form."""
        return parse_date(self.dei.get("DocumentPeriodEndDate", ""))

    @property
    def fiscal_year_end(self) -> str | None:
        """dei:CurrentFiscalYearEndDate as "MMDD" (printed "12/31" or "--12-31")."""
        digits = re.findall(r"\d+", self.dei.get("CurrentFiscalYearEndDate", ""))
        if len(digits) >= 2:
            return f"{int(digits[-2]):02d}{int(digits[-1]):02d}"
        return None

    def numeric(self, concept: str) -> list[XbrlFact]:
        """Numeric facts of a concept (by its local name), in document order."""
        return self._by_concept.get(_local(concept), [])

    @cached_property
    def _by_concept(self) -> dict[str, list[XbrlFact]]:
        """Numeric facts indexed by local concept name, built once."""
        index: dict[str, list[XbrlFact]] = {}
        for fact in self.facts:
            if fact.value is not None:
                index.setdefault(_local(fact.concept), []).append(fact)
        return index


def is_inline_xbrl(html: str) -> bool:
    """Whether the document carries inline XBRL tags."""
    return lowered_is_inline_xbrl(html.lower())  # substring tests first: far cheaper than a case-blind regex


def lowered_is_inline_xbrl(low: str) -> bool:
    """`is_inline_xbrl` of a document already lower-cased (the HTML reader lowers it once)."""
    return "<ix:" in low and _IXBRL_MARK.search(low) is not None


def read_ixbrl(html: str, concepts: frozenset[str] | None = None) -> XbrlDocument | None:
    """The document's inline XBRL, or None when it has none; `concepts` as in `read_ixbrl_tree`."""
    if not is_inline_xbrl(html):
        return None
    return read_ixbrl_tree(parse_html(html), concepts)


def read_ixbrl_tree(root: etree._Element, concepts: frozenset[str] | None = None) -> XbrlDocument | None:
    """Inline XBRL from a parsed document (before hidden content is dropped).

    `concepts` (local names) limits the numeric facts kept to those concepts' (all when None):
    a 10-Q tags some 2,000 figures and the parse checks a dozen concepts, so each other fact is
    passed over on its name (Pfizer: 23 -> 12 ms). Contexts and dei facts are always read.
    """
    contexts: dict[str, XbrlContext] = {}
    facts: list[XbrlFact] = []
    dei: dict[str, str] = {}
    tagged = False  # any numeric fact, kept or not: a document tagging figures is inline XBRL
    for el in root.iter("xbrli:context", "ix:nonfraction", "ix:nonnumeric"):
        tag = el.tag  # read once: lxml builds a new string per read
        if tag == "xbrli:context":
            ctx = _context(el)
            if ctx is not None:
                contexts[ctx.id] = ctx
        elif tag == "ix:nonfraction":
            tagged = True
            if concepts is None or _local(el.get("name", "")) in concepts:
                facts.append(numeric_fact(el))
        else:
            name = el.get("name", "")
            if name.startswith("dei:"):
                dei.setdefault(name[4:], element_text(el))
    if not tagged and not dei:
        return None
    return XbrlDocument(contexts=contexts, facts=tuple(facts), dei=dei)


def _norm(text: str) -> str:
    """Whitespace (nbsp included) collapsed."""
    return _SPACE.sub(" ", text.replace("\xa0", " ")).strip()


def _local(concept: str) -> str:
    """A concept's name without its prefix."""
    return concept.rpartition(":")[2]


_CONTEXT_PARTS = ("xbrli:instant", "xbrli:startdate", "xbrli:enddate", "xbrli:segment", "xbrli:scenario")


def _parts(el: etree._Element) -> dict[str, str]:
    """Text of the first element of each context part's tag, from one walk of the context."""
    found: dict[str, str] = {}
    for part in el.iter(*_CONTEXT_PARTS):
        if part.tag not in found:
            found[part.tag] = (part.text or "").strip()
    return found


def _context(el: etree._Element) -> XbrlContext | None:
    """An xbrli:context, None when its period cannot be read."""
    parts = _parts(el)
    instant = parts.get("xbrli:instant")
    start = parts.get("xbrli:startdate")
    end = parts.get("xbrli:enddate")
    dimensional = "xbrli:segment" in parts or "xbrli:scenario" in parts
    try:
        if instant:
            return XbrlContext(el.get("id", ""), date.fromisoformat(instant), None, dimensional)
        if start and end:
            return XbrlContext(
                el.get("id", ""), date.fromisoformat(end), date.fromisoformat(start), dimensional
            )
    except ValueError:
        return None
    return None


_MAX_SCALE = 30  # iXBRL scales in filings run from -6 (millionths) to 12 (trillions)


def numeric_fact(el: etree._Element) -> XbrlFact:
    """An ix:nonFraction as a fact with its value scaled and signed."""
    raw = element_text(el)
    value, scale = _figure(raw, el.get("format", ""), el.get("scale", "0"), el.get("sign"))
    return XbrlFact(
        concept=el.get("name", ""),
        context=el.get("contextref", ""),
        unit=el.get("unitref"),
        value=value,
        raw=raw,
        scale=scale,
        decimals=el.get("decimals"),
        line=el.sourceline,
    )


@lru_cache(maxsize=4096)
def _figure(raw: str, fmt: str, scale_attr: str, sign: str | None) -> tuple[Decimal | None, int]:
    """(value, scale) of a fact from its printed text and attributes; cached, as the same
    figure is tagged in several tables of a filing (some 45% of a 10-Q's facts repeat one)."""
    try:
        scale = int(scale_attr or 0)
    except ValueError:
        scale = 0
    value = transform_number(raw, fmt)
    if value is not None and (not value.is_finite() or abs(scale) > _MAX_SCALE):
        value = None  # NaN, Infinity or a power of ten no filing uses: not a figure
    if value is not None:
        value = value.scaleb(scale) if scale else value
        if sign == "-":
            value = -value
        try:
            value = _plain(value)
        except InvalidOperation:  # more digits than any amount has
            value = None
    return value, scale


def _plain(value: Decimal) -> Decimal:
    """A Decimal without exponent notation, so 12734E6 compares and prints as 12734000000."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value


def transform_number(text: str, fmt: str) -> Decimal | None:
    """Read a displayed number under an iXBRL transformation format (ixt:...).

    >>> transform_number("1,570", "ixt:num-dot-decimal")
    Decimal('1570')
    >>> transform_number("\u2014", "ixt:fixed-zero")
    Decimal('0')
    >>> transform_number("1.234,5", "ixt:num-comma-decimal")
    Decimal('1234.5')
    >>> transform_number("two", "ixt-sec:numwordsen") is None
    True
    """
    name = fmt.rpartition(":")[2].lower()
    if name in _ZERO_FORMATS:
        return Decimal(0)
    if name == "numwordsen":
        return Decimal(0) if text.strip().lower() in _ZERO_WORDS else None
    cleaned = text.replace(" ", "").replace("\xa0", "")
    if name in _COMMA_DECIMAL:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def parse_date(text: str) -> date | None:
    """A dei date as printed: "July 2, 2023", "2023-07-02", "07/02/2023", "2 July 2023".

    >>> parse_date("July\u00a02, 2023")
    datetime.date(2023, 7, 2)
    """
    cleaned = _norm(text).replace(".", "")
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y-%m-%d", "%m/%d/%Y", "%d %B %Y"):
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class KeyFacts:
    """The tagged facts per figure id ("income.current.total_revenue": [facts...])."""

    facts: dict[str, tuple[XbrlFact, ...]]
    quarter: XbrlContext | None = None
    prior_quarter: XbrlContext | None = None
    balance: XbrlContext | None = None
    prior_balance: XbrlContext | None = None


def key_facts(doc: XbrlDocument) -> KeyFacts:
    """Facts for the contract's figures, from the contexts without dimensions.

    The income columns are the quarter ending at the document period end and the quarter
    a year before it; the balance columns are the latest two instants that state Assets.
    """
    plain = {cid: c for cid, c in doc.contexts.items() if not c.dimensional}
    quarter = _quarter(plain.values(), doc.period_end)
    prior = _prior_quarter(plain.values(), quarter)
    balance, prior_balance = _balance_instants(doc, plain)
    found: dict[str, tuple[XbrlFact, ...]] = {}
    for column, ctx in (("current", quarter), ("prior", prior)):
        found.update(_facts_for(doc, "income", column, ctx, INCOME_CONCEPTS))
    for column, ctx in (("current", balance), ("prior", prior_balance)):
        found.update(_facts_for(doc, "balance", column, ctx, BALANCE_CONCEPTS))
    return KeyFacts(found, quarter, prior, balance, prior_balance)


def _quarter(contexts: Iterable[XbrlContext], period_end: date | None) -> XbrlContext | None:
    """The three-month duration ending at the period end (else the latest one)."""
    quarters = [c for c in contexts if c.days is not None and c.days in _QUARTER_DAYS]
    if period_end is not None:
        at_end = [c for c in quarters if c.end == period_end]
        if at_end:
            return at_end[0]
    return max(quarters, key=lambda c: c.end, default=None)


def _prior_quarter(
    contexts: Iterable[XbrlContext], quarter: XbrlContext | None
) -> XbrlContext | None:
    """The three-month duration ending about a year before the quarter."""
    if quarter is None:
        return None
    for ctx in contexts:
        if ctx.days is not None and ctx.days in _QUARTER_DAYS:
            if (quarter.end - ctx.end).days in _YEAR_APART_DAYS:
                return ctx
    return None


def _balance_instants(
    doc: XbrlDocument, plain: dict[str, XbrlContext]
) -> tuple[XbrlContext | None, XbrlContext | None]:
    """The two latest instants for which total assets are tagged."""
    tagged = (plain.get(f.context) for f in doc.numeric("Assets"))
    instants = {c for c in tagged if c is not None and c.start is None}
    ordered = sorted(instants, key=lambda c: c.end, reverse=True)
    end = doc.period_end
    if end is not None:
        ordered = [c for c in ordered if c.end <= end] or ordered
    current = ordered[0] if ordered else None
    prior = ordered[1] if len(ordered) > 1 else None
    return current, prior


def _facts_for(
    doc: XbrlDocument,
    statement: str,
    column: str,
    ctx: XbrlContext | None,
    concepts: dict[str, tuple[str, ...]],
) -> dict[str, tuple[XbrlFact, ...]]:
    """Per key, the distinct facts of its concepts in this context, in concept order."""
    if ctx is None:
        return {}
    out: dict[str, tuple[XbrlFact, ...]] = {}
    for key, names in concepts.items():
        picked: list[XbrlFact] = []
        for name in names:
            tagged = [f for f in doc.numeric(name) if f.context == ctx.id]
            # A fact repeated in rounded form ("220" billions beside "220,168" millions):
            # keep the most precise reading.
            best = max(tagged, key=_precision, default=None)
            if best is not None and all(best.value != p.value for p in picked):
                picked.append(best)
        if picked:
            out[f"{statement}.{column}.{key}"] = tuple(picked)
    return out


def _precision(fact: XbrlFact) -> float:
    """The fact's `decimals` as a number; INF (exact) ranks highest."""
    try:
        return float(fact.decimals) if fact.decimals else float("-inf")
    except ValueError:
        return float("-inf")


def cross_checks(facts: KeyFacts, figures: dict[str, Amount | None]) -> tuple[Check, ...]:
    """One check per table figure that has a tagged counterpart: do they agree?

    A figure agrees when any of its key's concepts carries the same value, so a filing
    that tags both "total equity" and "shareholders' equity" checks whichever it printed.
    """
    checks: list[Check] = []
    for figure_id, amount in figures.items():
        tagged = facts.facts.get(figure_id)
        if amount is None or not tagged:
            continue
        match = next((f for f in tagged if f.value == amount.value), None)
        shown = match or tagged[0]
        relation = "=" if match else "\u2260"
        detail = f"{amount.raw} ({amount.value}) {relation} {_local(shown.concept)} {shown.value}"
        checks.append(
            Check("XBRL fact agrees with table", match is not None, detail, (figure_id,))
        )
    return tuple(checks)
