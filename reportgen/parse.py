"""Filing bytes to a `Filing`: an ordered list of stages over one state object.

`STAGES` lists the stages in order. Each reads what the ones before it left in the
`ParseState` and adds its part; each document is read once (tables, text, inline XBRL) and
no module-level cache carries data from one stage to the next. `parse_bytes` runs them, timing
each, and raises `InputError` for input that is not a filing with financial statements. No
figure is ever computed in place of one the filing prints.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from reportgen.errors import InputError
from reportgen.extract.cover import CoverFacts, read_cover
from reportgen.extract.ixbrl import XbrlDocument, cross_checks, key_facts
from reportgen.extract.narrative import read_highlights
from reportgen.extract.periods import fiscal_period, fiscal_year_end_from, period_hint
from reportgen.extract.scale import printed_money, rescaled, weigh
from reportgen.extract.siblings import fill_per_share, missing_per_share
from reportgen.extract.statements import Candidate, build_statement, candidates, find_statement
from reportgen.extract.textclean import has_match, lowered, prose
from reportgen.limits import check_size, read_capped
from reportgen.model import Check, Company, FiscalPeriod, Filing, Highlights, Statement, StatementKind
from reportgen.sources.decode import BinaryInput, decode
from reportgen.sources.edgar import Submission, split_submission
from reportgen.sources.select import DocumentRead, read_document, type_rank
from reportgen.validate import figure, note_eps_checks, run_checks
from reportgen.vocabulary import BALANCE_FIGURES, COLUMNS, INCOME_FIGURES

_SEC_MARKERS = re.compile(
    # The lookahead on the alternatives' first letters lets the scan skip other positions fast.
    r"(?=[<efpqs])(?:securities\s+and\s+exchange\s+commission|<sec-document>|<sec-header>|\bform\s+(?:8-k|10-q|10-k)\b|"
    r"\bexhibit\s+99|\bpress\s+release\b|\bearnings\b|\bquarter\b)",
    re.I,
)
# How each alternative of _SEC_MARKERS starts (see textclean.has_match).
_SEC_WORDS = ("securities", "<sec-document>", "<sec-header>", "form", "exhibit", "press", "earnings", "quarter")


@dataclass
class ParseState:
    """One filing as the stages read it; each stage fills in its part."""

    name: str  # the file name, for messages and evidence
    data: bytes
    text: str = ""
    encoding: str = ""
    submission: Submission | None = None
    documents: list[DocumentRead] = field(default_factory=list)
    selected: DocumentRead | None = None
    income_candidates: list[Candidate] = field(default_factory=list)
    income: Statement | None = None
    balance: Statement | None = None
    cover: CoverFacts = field(default_factory=CoverFacts)
    fiscal_year_end: str | None = None
    period: FiscalPeriod | None = None
    highlights: Highlights = field(default_factory=Highlights)
    checks: tuple[Check, ...] = ()
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def document(self) -> DocumentRead:
        """The document holding the statements (the select stage has run)."""
        assert self.selected is not None
        return self.selected


def _decode(state: ParseState) -> None:
    """Bytes to text: BOM, UTF-8, cp1252, latin-1; empty and binary input refused."""
    check_size(state.name, len(state.data))
    if not state.data.strip():
        raise InputError(state.name, "the file is empty")
    try:
        state.text, state.encoding = decode(state.data)
    except BinaryInput:
        raise InputError(state.name, "a binary file, not an SEC filing") from None


def _split(state: ParseState) -> None:
    """An EDGAR submission into its header and documents (a lone document is one)."""
    state.submission = split_submission(state.text)
    if not state.submission.is_edgar and not has_match(_SEC_MARKERS, state.text, _SEC_WORDS, lowered(state.text)):
        raise InputError(state.name, "not an SEC filing (no EDGAR header, form or press-release wording)")
    state.fiscal_year_end = state.submission.header.fiscal_year_end


def _read(state: ParseState) -> None:
    """Each document's tables, readable text and inline XBRL, read once."""
    assert state.submission is not None
    state.documents = [read_document(d, state.name) for d in state.submission.documents if not d.binary]


def _select(state: ParseState) -> None:
    """The document whose best statement of operations for the period the filing reports
    scores highest (type breaks ties); a filing without one (an annual report has no quarter)
    is read for its balance sheet."""
    assert state.submission is not None
    xbrl = _xbrl(state)
    if state.fiscal_year_end is None and xbrl is not None:
        state.fiscal_year_end = xbrl.fiscal_year_end
    best: tuple[tuple[float, int, int], DocumentRead, list[Candidate]] | None = None
    stated = _stated_end(state)
    for order, read in enumerate(state.documents):
        found = candidates(read.grids, StatementKind.INCOME, state.fiscal_year_end, period_hint(read.text))
        found = [c for c in found if _reports(c, stated)]
        score = found[0].score if found else -1.0
        rank = (-score, type_rank(read.document, state.submission.header.form), order)
        if best is None or rank < best[0]:
            best = (rank, read, found)
    if best is None:
        raise InputError(state.name, "no document to read")
    if _annual(state):
        state.warnings.append("an annual report: its statement of operations reports no quarter")
        best = (best[0], best[1], [])
    if not best[2]:  # no statement of operations anywhere: the document with a balance sheet
        with_balance = [r for r in state.documents if candidates(r.grids, StatementKind.BALANCE, state.fiscal_year_end)]
        state.selected = with_balance[0] if with_balance else best[1]
    else:
        state.selected = best[1]
        state.income_candidates = best[2]


_SAME_PERIOD_DAYS = 7  # a 52/53-week quarter may be stated as ending on the month's last day


def _xbrl(state: ParseState) -> XbrlDocument | None:
    """The filing's inline XBRL: that of the first document that carries any."""
    return next((r.xbrl for r in state.documents if r.xbrl is not None), None)


_ANNUAL = ("10-K", "10-KSB", "10-K405", "20-F", "40-F")


def _annual(state: ParseState) -> bool:
    """An annual report, by its form (EDGAR header, cover words, or dei:DocumentType)."""
    assert state.submission is not None
    xbrl = _xbrl(state)
    forms = (state.submission.header.form, state.cover.form, xbrl.dei.get("DocumentType") if xbrl is not None else None)
    return any(f and f.upper().split("/")[0] in _ANNUAL for f in forms)


def _stated_end(state: ParseState) -> date | None:
    """The period the filing says it reports: its inline XBRL's period end, the cover's
    "quarterly period ended ...", or the EDGAR header's period of report of a 10-Q or 10-K."""
    assert state.submission is not None
    xbrl = _xbrl(state)
    if xbrl is not None and xbrl.period_end is not None:
        return xbrl.period_end
    if state.cover.period_end is not None:
        return state.cover.period_end
    header = state.submission.header
    return header.period if header.form and header.form.upper().startswith(("10-Q", "10-K")) else None


def _reports(candidate: Candidate, stated: date | None) -> bool:
    """Whether a statement's current column is the period the filing says it reports."""
    current = candidate.periods[candidate.columns[0]]
    return stated is None or current is None or abs((current.end - stated).days) <= _SAME_PERIOD_DAYS


def _income(state: ParseState) -> None:
    """The statement of operations, with per-share lines from a sibling exhibit where it
    prints none."""
    if not state.income_candidates:
        return
    read = state.document
    income, warnings = find_statement(
        read.grids, StatementKind.INCOME, state.name, state.fiscal_year_end, period_hint(read.text),
        state.income_candidates,
    )
    state.warnings.extend(warnings)
    if income is not None and missing_per_share(income):
        siblings = [
            (r.document.type or "", r.grids) for r in state.documents
            if r is not read and (r.document.type or "").upper().startswith("EX-99")
        ]
        income, sibling_warnings = fill_per_share(income, siblings, state.name)
        state.warnings.extend(sibling_warnings)
    state.income = income


def _balance(state: ParseState) -> None:
    """The balance sheet, its comparison date chosen knowing the fiscal year end."""
    state.balance, warnings = find_statement(state.document.grids, StatementKind.BALANCE, state.name, _fye(state))
    state.warnings.extend(warnings)
    if state.income is None and state.balance is None:
        raise InputError(state.name, "no statement of operations or balance sheet found")


def _fye(state: ParseState) -> str | None:
    """The fiscal year end as known so far: the EDGAR header's, else the one the quarter implies."""
    if state.fiscal_year_end:
        return state.fiscal_year_end
    return fiscal_year_end_from(state.period) if state.period else None


def _cover(state: ParseState) -> None:
    """Who, which form and which quarter, as the filing's own words say."""
    state.cover = read_cover(state.text, {r.document.text: r.text for r in state.documents})


def _period(state: ParseState) -> None:
    """The fiscal quarter of the statement's current column, as the company names it; the
    filer's own dei tags, where the document has them, name it first. An annual report's
    period is its fiscal year."""
    xbrl = _xbrl(state)
    dei = xbrl.dei if xbrl is not None else {}
    state.period = _fiscal(state, state.fiscal_year_end)
    if state.period is not None:
        state.period = _as_tagged(state.period, dei, _stated_end(state))
    state.fiscal_year_end = _fye(state)


def _fiscal(state: ParseState, fiscal_year_end: str | None) -> FiscalPeriod | None:
    """The fiscal period of the current column (or of the period the filing says it reports)."""
    income = state.income
    named = state.cover.period_as_named or ""
    if income is not None and income.columns:
        current = income.columns[0]
        text = f"{named}\n{state.document.text}"
        return fiscal_period(current.end, current.months or 3, current.weeks, fiscal_year_end, text)
    end = _stated_end(state)
    if end is None:
        return None
    if _annual(state):  # an annual report ends on its fiscal year end
        return fiscal_period(end, 12, None, fiscal_year_end or f"{end.month:02d}{end.day:02d}", named)
    return fiscal_period(end, 3, None, fiscal_year_end, named)


def _year_end_of_balance(state: ParseState) -> None:
    """A quarterly report that states no fiscal year end compares its balance sheet with the
    last fiscal year end (June 27 against December 31): that date is the fiscal year end,
    and the quarter is named from it."""
    assert state.submission is not None
    balance, period, xbrl = state.balance, state.period, _xbrl(state)
    stated = state.submission.header.fiscal_year_end or (xbrl.fiscal_year_end if xbrl is not None else None)
    if stated or _annual(state) or balance is None or len(balance.columns) < 2 or period is None:
        return  # (a year end only a named quarter implied is weaker than the balance sheet's)
    current, prior = balance.columns[0].end, balance.columns[1].end
    months = (current.year - prior.year) * 12 + current.month - prior.month
    if abs((current - period.end).days) > _SAME_PERIOD_DAYS or months not in (3, 6, 9):
        return  # a year-earlier date says nothing of the fiscal year end
    fye = f"{prior.month:02d}{prior.day:02d}"
    refreshed = _fiscal(state, fye)
    if refreshed is not None:
        state.period = _as_tagged(refreshed, xbrl.dei if xbrl is not None else {}, _stated_end(state))
        state.fiscal_year_end = fye


def _as_tagged(period: FiscalPeriod, dei: dict[str, str], stated: date | None) -> FiscalPeriod:
    """A period with the fiscal year and quarter the filer tagged (dei:DocumentFiscalYearFocus,
    DocumentFiscalPeriodFocus), when the tags are about this period."""
    year, focus = dei.get("DocumentFiscalYearFocus", "").strip(), dei.get("DocumentFiscalPeriodFocus", "").strip().upper()
    if not year.isdigit() or stated is None or abs((period.end - stated).days) > _SAME_PERIOD_DAYS:
        return period
    quarter = int(focus[1]) if period.months == 3 and focus in ("Q1", "Q2", "Q3", "Q4") else None
    if period.months == 3 and quarter is None:
        return period
    label = f"Q{quarter} FY{year}" if quarter else f"FY{year}"
    as_named = period.as_named if period.fiscal_quarter == quarter and period.fiscal_year == int(year) else None
    return replace(period, fiscal_year=int(year), fiscal_quarter=quarter, label=label, as_named=as_named)


def _scale(state: ParseState) -> None:
    """A statement printed without a units caption is read at the scale the filing's tagged
    facts or stated amounts support; with no such evidence its figures stay as printed, and
    are flagged (a units check that fails)."""
    statements = [s for s in (state.income, state.balance) if s is not None]
    if all(s.scale_basis for s in statements):
        return
    evidence = weigh(printed_money(statements), prose(state.document.text), state.document.xbrl)
    for kind in ("income", "balance"):
        statement = getattr(state, kind)
        if statement is None or statement.scale_basis:
            continue
        if evidence.scale is None:
            state.warnings.append(f"the {kind} statement prints no units and nothing states its scale: its amounts are read as printed")
            continue
        setattr(state, kind, rescaled(statement, evidence.scale, evidence.basis))
        state.warnings.append(f"the {kind} statement prints no units: read at x{evidence.scale:,}, as {evidence.detail}")


def _highlights(state: ParseState) -> None:
    """Quotes, drivers and cash sentences from the release's narrative."""
    state.highlights = read_highlights(state.document.text)


def _checks(state: ParseState) -> None:
    """The arithmetic, the release's stated figures, the notes' per-share reconciliation and
    the inline XBRL facts against the tables."""
    state.checks = run_checks(_filing(state), state.document.text) + _note_checks(state) + _xbrl_checks(state)


_MAX_NOTES = 12  # other tables of the document that may reconcile EPS, best scored first


def _note_checks(state: ParseState) -> tuple[Check, ...]:
    """EPS the statement prints without share counts, against the document's other tables
    of the same periods that print them (built only when needed)."""
    income = state.income
    if income is None or not any(
        figure(income, eps, c) is not None and figure(income, shares, c) is None
        for c in range(len(income.columns)) for eps, shares in (("eps_basic", "shares_basic"), ("eps_diluted", "shares_diluted"))
    ):
        return ()
    built = (
        build_statement(c.grid, StatementKind.INCOME, c.columns, c.periods, state.name)[0]
        for c in state.income_candidates[:_MAX_NOTES]
    )
    notes = [note for note in built if note is not None][1:]  # the first is the statement's own (find_statement)
    return tuple(note_eps_checks(income, notes))


def _xbrl_checks(state: ParseState) -> tuple[Check, ...]:
    """Each figure against the filer's own tag, where the document carries inline XBRL."""
    xbrl = state.document.xbrl
    if xbrl is None:
        return ()
    figures = {}
    for kind, statement, keys in (("income", state.income, INCOME_FIGURES), ("balance", state.balance, BALANCE_FIGURES)):
        for column, name in enumerate(COLUMNS):
            for key in keys:
                figures[f"{kind}.{name}.{key}"] = figure(statement, key, column) if statement else None
    return cross_checks(key_facts(xbrl), figures)


Stage = Callable[[ParseState], None]
STAGES: tuple[tuple[str, Stage], ...] = (
    ("decode", _decode),
    ("split", _split),
    ("read", _read),
    ("cover", _cover),
    ("select", _select),
    ("income", _income),
    ("periods", _period),
    ("balance", _balance),
    ("year_end", _year_end_of_balance),
    ("scale", _scale),
    ("highlights", _highlights),
    ("checks", _checks),
)


def parse_path(path: Path) -> Filing:
    """Read and parse one filing file."""
    try:
        data = read_capped(Path(path))  # never more than the size limit into memory
    except OSError as error:
        raise InputError(str(path), f"cannot read the file ({error.strerror or error})") from None
    return parse_bytes(data, Path(path).name)


def parse_bytes(data: bytes, name: str, timings: dict[str, float] | None = None) -> Filing:
    """Parse a filing's bytes; `name` is used in messages and evidence, `timings` (if given)
    receives the seconds each stage took.

    Any failure is an `InputError` naming the file: a filing laid out in a way the readers
    do not handle gives one clear message, never a traceback.
    """
    state = ParseState(name, data)
    try:
        for stage, run in STAGES:
            started = time.perf_counter()
            run(state)
            state.timings[stage] = time.perf_counter() - started
    except InputError:
        raise
    except (ValueError, IndexError, KeyError, TypeError, AttributeError, ArithmeticError, RecursionError) as error:
        raise InputError(name, f"could not be read ({type(error).__name__}: {error})") from error
    finally:
        if timings is not None:
            timings.update(state.timings)
    return _filing(state)


def _filing(state: ParseState) -> Filing:
    """The Filing the state holds so far."""
    assert state.submission is not None
    header, cover, read = state.submission.header, state.cover, state.document
    income = state.income
    xbrl = _xbrl(state)
    dei = xbrl.dei if xbrl is not None else {}
    return Filing(
        source_name=state.name,
        sha256=hashlib.sha256(state.data).hexdigest(),
        encoding=state.encoding,
        company=Company(
            name=cover.company or header.company or "Unknown company",
            cik=header.cik or dei.get("EntityCentralIndexKey"),
            ticker=cover.ticker or dei.get("TradingSymbol"),
            exchange=cover.exchange,
        ),
        form=_form(state),
        report_date=cover.report_date or _report_date(state),
        filing_date=header.filed,
        accession=header.accession,
        fiscal_year_end=state.fiscal_year_end or (xbrl.fiscal_year_end if xbrl is not None else None),
        period=state.period,
        prior_period=income.columns[1] if income is not None and len(income.columns) > 1 else None,
        income=income,
        balance=state.balance,
        highlights=state.highlights,
        checks=state.checks,
        warnings=tuple(state.warnings + _missing(income, state.balance)),
        document=read.document.type or _exhibit(read),
    )


_EXHIBIT = re.compile(r"^\W*exhibit\s+(99(?:\.\d{1,2})?)\b", re.I | re.M)


def _exhibit(read: DocumentRead) -> str | None:
    """"EX-99.1" for a press release that heads itself "Exhibit 99.1" (an 8-K exhibit on its own)."""
    match = _EXHIBIT.search(read.text[:2000])
    return f"EX-{match.group(1)}" if match else None


def _form(state: ParseState) -> str:
    """The form type: EDGAR header, else the cover's words, else 8-K for an Exhibit 99
    release (furnished with an 8-K), else the document type."""
    assert state.submission is not None
    form = state.submission.header.form or state.cover.form
    if form:
        return form
    if _exhibit(state.document):
        return "8-K"
    return state.document.document.type or "unknown"


def _report_date(state: ParseState) -> date | None:
    """The EDGAR header's period of report, for an 8-K the date of the event."""
    assert state.submission is not None
    header = state.submission.header
    return header.period if header.form and header.form.upper().startswith("8-K") else None


def _missing(income: Statement | None, balance: Statement | None) -> list[str]:
    """Warnings for what could not be read, so an absence is never silent."""
    warnings: list[str] = []
    if income is None:
        warnings.append("no statement of operations found")
    elif len(income.columns) < 2:
        warnings.append("no year-earlier column found in the statement of operations")
    if income is not None and income.columns and income.columns[0].months is None:
        warnings.append("the statement's headers state no duration; its latest column is taken as the quarter")
    if balance is None:
        warnings.append("no balance sheet found")
    return warnings
