"""The `reportgen parse --json` contract (see CONTRACT.md) and a human-readable summary."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportgen.model import Amount, Filing, Period, Statement
from reportgen.validate import figure
from reportgen.vocabulary import BALANCE_FIGURES, COLUMNS, INCOME_FIGURES



def to_contract(filing: Filing) -> dict[str, Any]:
    """The contract's JSON object: amounts as exact decimal strings, null where not printed."""
    return {
        "company": {"name": filing.company.name, "cik": filing.company.cik, "ticker": filing.company.ticker},
        "form": filing.form,
        "period": _period(filing),
        "prior_period": _prior(filing.prior_period),
        "figures": _figures(filing.income, INCOME_FIGURES, with_date=False),
        "balance_sheet": _figures(filing.balance, BALANCE_FIGURES, with_date=True),
        "checks": [
            {"name": c.name, "passed": c.passed, "detail": c.detail, "figures": list(c.figures)}
            for c in filing.checks
        ],
        "unverified": unverified(filing),
        "warnings": list(filing.warnings),
        "document": filing.document,
        "encoding": filing.encoding,
    }


def decimal_text(value: Decimal) -> str:
    """An exact Decimal as plain text, without exponent or needless trailing zeros.

    >>> decimal_text(Decimal("11425") * 1000), decimal_text(Decimal("-0.02")), decimal_text(Decimal("1.2E+3"))
    ('11425000', '-0.02', '1200')
    """
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _amount(amount: Amount | None) -> str | None:
    return decimal_text(amount.value) if amount is not None else None


def _period(filing: Filing) -> dict[str, Any] | None:
    period = filing.period
    if period is None:
        return None
    return {
        "end": period.end.isoformat(),
        "months": period.months,
        "fiscal_year": period.fiscal_year,
        "fiscal_quarter": period.fiscal_quarter,
    }


def _prior(period: Period | None) -> dict[str, Any] | None:
    if period is None:
        return None
    return {"end": period.end.isoformat(), "months": period.months}


def _figures(statement: Statement | None, keys: tuple[str, ...], with_date: bool) -> dict[str, Any]:
    """Per column, the key figures of a statement (all null when the statement is absent)."""
    out: dict[str, Any] = {}
    for column, name in enumerate(COLUMNS):
        values: dict[str, Any] = {}
        if with_date:
            period = statement.columns[column] if statement and column < len(statement.columns) else None
            values["date"] = period.end.isoformat() if period else None
        for key in keys:
            values[key] = _amount(figure(statement, key, column)) if statement else None
        out[name] = values
    return out


def figure_ids(filing: Filing) -> list[str]:
    """The ids of every key figure the filing prints."""
    ids: list[str] = []
    for statement, keys, kind in ((filing.income, INCOME_FIGURES, "income"), (filing.balance, BALANCE_FIGURES, "balance")):
        if statement is None:
            continue
        for column, name in enumerate(COLUMNS):
            for key in keys:
                if figure(statement, key, column) is not None:
                    ids.append(f"{kind}.{name}.{key}")
    return ids


def unverified(filing: Filing) -> list[str]:
    """Figures printed but not proved by a passing check (failed or unchecked)."""
    return [fid for fid in figure_ids(filing) if filing.figure_status(fid) != "verified"]


def summary_lines(filing: Filing) -> list[str]:
    """A short human-readable account of what was read, for `reportgen parse`."""
    lines = [f"{filing.company.name} ({filing.company.ticker or 'no ticker'}), form {filing.form}"]
    if filing.period:
        lines.append(f"Period: {filing.period.label}, {filing.period.months} months ended {filing.period.end}")
    if filing.prior_period:
        lines.append(f"Compared with: {filing.prior_period.months} months ended {filing.prior_period.end}")
    for statement, keys, kind in ((filing.income, INCOME_FIGURES, "income"), (filing.balance, BALANCE_FIGURES, "balance")):
        if statement is None:
            lines.append(f"{kind}: not found")
            continue
        lines.append(f"{statement.title} ({statement.units or 'whole dollars'})")
        for key in keys:
            cells = []
            for column, name in enumerate(COLUMNS):
                amount = figure(statement, key, column)
                status = filing.figure_status(f"{kind}.{name}.{key}")
                flag = "" if status == "verified" or amount is None else f" [{status}]"
                cells.append((decimal_text(amount.value) if amount else "-") + flag)
            lines.append(f"  {key:<26} {cells[0]:>22} {cells[1]:>22}")
    failed = [c for c in filing.checks if not c.passed]
    lines.append(f"Checks: {len(filing.checks) - len(failed)} passed, {len(failed)} failed")
    lines.extend(f"  FAILED {c.name}: {c.detail}" for c in failed)
    lines.extend(f"Warning: {w}" for w in filing.warnings)
    return lines
