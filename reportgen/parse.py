"""Filing bytes to a `Filing`: decode, split, pick the document, read the statements, check.

The one entry point of the parse pipeline; it raises `InputError` for input that is not a
filing with a statement of operations, and never returns a figure it did not read.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from reportgen.errors import InputError
from reportgen.limits import check_size, read_capped
from reportgen.extract.periods import fiscal_period, fiscal_year_end_from, period_hint
from reportgen.extract.statements import _candidates, find_statement
from reportgen.extract.textclean import has_match, lowered
from reportgen.model import Company, FiscalPeriod, Filing, Highlights, Statement, StatementKind
from reportgen.sources.decode import BinaryInput, decode
from reportgen.sources.edgar import Header, Submission, split_submission
from reportgen.sources.select import Selected, select_document
from reportgen.validate import run_checks

_SEC_MARKERS = re.compile(
    # The lookahead on the alternatives' first letters lets the scan skip other positions fast.
    r"(?=[<efpqs])(?:securities\s+and\s+exchange\s+commission|<sec-document>|<sec-header>|\bform\s+(?:8-k|10-q|10-k)\b|"
    r"\bexhibit\s+99|\bpress\s+release\b|\bearnings\b|\bquarter\b)",
    re.I,
)
# How each alternative of _SEC_MARKERS starts (see textclean.has_match).
_SEC_WORDS = ("securities", "<sec-document>", "<sec-header>", "form", "exhibit", "press", "earnings", "quarter")


def parse_path(path: Path) -> Filing:
    """Read and parse one filing file."""
    try:
        data = read_capped(Path(path))  # never more than the size limit into memory
    except OSError as error:
        raise InputError(str(path), f"cannot read the file ({error.strerror or error})") from None
    return parse_bytes(data, Path(path).name)


def parse_bytes(data: bytes, name: str) -> Filing:
    """Parse a filing's bytes; `name` is used in messages and evidence.

    Any failure is an `InputError` naming the file: a filing laid out in a way the readers
    do not handle gives one clear message, never a traceback.
    """
    try:
        return _parse(data, name)
    except InputError:
        raise
    except (ValueError, IndexError, KeyError, TypeError, AttributeError, ArithmeticError, RecursionError) as error:
        raise InputError(name, f"could not be read ({type(error).__name__}: {error})") from error


def _parse(data: bytes, name: str) -> Filing:
    """The pipeline proper: decode, split, choose the document, read statements, check."""
    check_size(name, len(data))
    if not data.strip():
        raise InputError(name, "the file is empty")
    try:
        text, encoding = decode(data)
    except BinaryInput:
        raise InputError(name, "a binary file, not an SEC filing") from None
    submission = split_submission(text)
    if not submission.is_edgar and not has_match(_SEC_MARKERS, text, _SEC_WORDS, lowered(text)):
        raise InputError(name, "not an SEC filing (no EDGAR header, form or press-release wording)")
    fye = submission.header.fiscal_year_end
    selected = select_document(submission, name, lambda grids, doc: _income_score(grids, fye, period_hint(doc)))
    if selected is None or selected.score < 0:
        raise InputError(name, "no statement of operations found")
    hint = period_hint(selected.text)
    income, warnings = find_statement(selected.grids, StatementKind.INCOME, name, fye, hint)
    if income is None:
        raise InputError(name, "no statement of operations found")
    income, sibling_warnings = _per_share_from_siblings(income, submission, selected, name)
    warnings = warnings + sibling_warnings
    cover = _cover(text)
    period = _period(income, fye, cover, selected.text)
    fye = fye or (fiscal_year_end_from(period) if period else None)
    balance, balance_warnings = find_statement(selected.grids, StatementKind.BALANCE, name, fye)
    filing = Filing(
        source_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        company=_company(submission.header, cover),
        form=_form(submission.header, cover, selected),
        report_date=getattr(cover, "report_date", None) or _report_date(submission.header),
        filing_date=submission.header.filed,
        accession=submission.header.accession,
        fiscal_year_end=fye,
        period=period,
        prior_period=income.columns[1] if len(income.columns) > 1 else None,
        income=income,
        balance=balance,
        highlights=_highlights(selected.text),
        warnings=tuple(warnings + balance_warnings + _missing(income, balance)),
        document=selected.document.type or _exhibit(selected),
    )
    return _with_xbrl(replace(filing, checks=run_checks(filing, selected.text)), selected.document.text)


def _per_share_from_siblings(
    income: Statement, submission: Submission, selected: Selected, name: str
) -> tuple[Statement, list[str]]:
    """EPS from another EX-99 of the submission when the statement prints none (an earnings
    8-K whose "Financial Highlights" exhibit alone gives it); see extract/siblings.py."""
    from reportgen.extract.siblings import fill_per_share, missing_per_share
    from reportgen.sources.select import read_document

    if not missing_per_share(income):
        return income, []
    siblings = [
        (document.type, read_document(document, name)[0])
        for document in submission.documents
        if document is not selected.document and not document.binary
        and (document.type or "").upper().startswith("EX-99")
    ]
    return fill_per_share(income, siblings, name)


def _with_xbrl(filing: Filing, document: str) -> Filing:
    """Inline XBRL, where the document carries it: each figure checked against the filer's
    own tag, and the CIK and fiscal year end from the dei facts when nothing else gave them.
    Figures still come only from the printed statements."""
    from reportgen.contract import BALANCE_FIGURES, COLUMNS, INCOME_FIGURES
    from reportgen.extract.ixbrl import KEY_CONCEPTS, cross_checks, key_facts, read_ixbrl
    from reportgen.validate import figure

    xbrl = read_ixbrl(document, KEY_CONCEPTS)
    if xbrl is None:
        return filing
    figures = {}
    for kind, statement, keys in (("income", filing.income, INCOME_FIGURES), ("balance", filing.balance, BALANCE_FIGURES)):
        for column, name in enumerate(COLUMNS):
            for key in keys:
                figures[f"{kind}.{name}.{key}"] = figure(statement, key, column) if statement else None
    cik = filing.company.cik or xbrl.dei.get("EntityCentralIndexKey")
    ticker = filing.company.ticker or xbrl.dei.get("TradingSymbol")
    return replace(
        filing,
        company=replace(filing.company, cik=cik, ticker=ticker),
        fiscal_year_end=filing.fiscal_year_end or xbrl.fiscal_year_end,
        checks=filing.checks + cross_checks(key_facts(xbrl), figures),
    )


def _income_score(grids: list, fiscal_year_end: str | None, hint: str = "") -> float:
    """How good the best statement of operations among a document's grids is (-1: none)."""
    candidates = _candidates(grids, StatementKind.INCOME, fiscal_year_end, hint)
    return candidates[0].score if candidates else -1.0


def _cover(text: str):
    """The cover facts (H4's reader) or None while it is unavailable."""
    try:
        from reportgen.extract.cover import read_cover
    except ImportError:  # pragma: no cover - the cover reader is part of the package
        return None
    return read_cover(text)


def _highlights(text: str) -> Highlights:
    """The narrative highlights of the release, when the reader is available."""
    try:
        from reportgen.extract.narrative import read_highlights
    except ImportError:  # pragma: no cover
        return Highlights()
    return read_highlights(text)


def _company(header: Header, cover) -> Company:
    """Who filed: the cover's words first, the EDGAR header's conformed name otherwise."""
    name = getattr(cover, "company", None) or header.company or "Unknown company"
    return Company(
        name=name,
        cik=header.cik,
        ticker=getattr(cover, "ticker", None),
        exchange=getattr(cover, "exchange", None),
    )


_EXHIBIT = re.compile(r"^\W*exhibit\s+(99(?:\.\d{1,2})?)\b", re.I | re.M)


def _exhibit(selected: Selected) -> str | None:
    """"EX-99.1" for a press release that heads itself "Exhibit 99.1" (an 8-K exhibit on its own)."""
    match = _EXHIBIT.search(selected.text[:2000])
    return f"EX-{match.group(1)}" if match else None


def _form(header: Header, cover, selected: Selected) -> str:
    """The form type: EDGAR header, else the cover's words, else 8-K for an Exhibit 99
    release (furnished with an 8-K), else the document type."""
    form = header.form or getattr(cover, "form", None)
    if form:
        return form
    if _exhibit(selected):
        return "8-K"
    return selected.document.type or "unknown"


def _report_date(header: Header) -> date | None:
    """The EDGAR header's period of report, for an 8-K the date of the event."""
    return header.period if header.form and header.form.upper().startswith("8-K") else None


def _period(income: Statement, fye: str | None, cover, text: str) -> FiscalPeriod | None:
    """The fiscal quarter of the statement's current column."""
    if not income.columns:
        return None
    current = income.columns[0]
    months = current.months or 3
    named = getattr(cover, "period_as_named", None) or ""
    return fiscal_period(current.end, months, current.weeks, fye, f"{named}\n{text}")


def _missing(income: Statement, balance: Statement | None) -> list[str]:
    """Warnings for what could not be read, so an absence is never silent."""
    warnings: list[str] = []
    if len(income.columns) < 2:
        warnings.append("no year-earlier column found in the statement of operations")
    if income.columns and income.columns[0].months is None:
        warnings.append("the statement's headers state no duration; its latest column is taken as the quarter")
    if balance is None:
        warnings.append("no balance sheet found")
    return warnings
