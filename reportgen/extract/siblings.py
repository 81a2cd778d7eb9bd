"""Per-share figures a statement of operations leaves out, read from a sibling exhibit.

Some earnings 8-Ks print the statement in one exhibit and earnings per share only in
another ("Financial Highlights"). A sibling table is trusted only when it states the same
period columns and prints the same net income in both, to the unit; nothing is computed.
"""

from __future__ import annotations

from dataclasses import replace

from reportgen.extract.grid import Grid
from reportgen.extract.periods import choose_income_columns
from reportgen.extract.statements import build_statement, grid_periods
from reportgen.model import LineItem, Statement, StatementKind

PER_SHARE_KEYS = ("eps_basic", "eps_diluted", "eps_basic_diluted")
SHARE_KEYS = ("shares_basic", "shares_diluted", "shares_basic_diluted")


def missing_per_share(income: Statement) -> bool:
    """Whether the statement prints no EPS line at all (the only case a sibling may fill)."""
    return not any(line.key in PER_SHARE_KEYS for line in income.lines)


def fill_per_share(
    income: Statement, siblings: list[tuple[str, list[Grid]]], source_file: str
) -> tuple[Statement, list[str]]:
    """The statement with the EPS lines (and share counts, if it has none) of the first
    sibling table that agrees with it.

    `siblings` holds (document name, grids) of the submission's other exhibits.
    """
    if not missing_per_share(income) or len(income.columns) < 2 or not _net_incomes(income):
        return income, []
    for document, grids in siblings:
        for grid in grids:
            lines = _agreeing_per_share(income, grid, source_file)
            if lines:
                read = "; ".join(f"{line.label!r} (line {_line_number(line)})" for line in lines)
                warning = (
                    f"earnings per share read from {document}: {read}, a table whose columns and net income "
                    "agree with the statement of operations"
                )
                return replace(income, lines=income.lines + tuple(lines)), [warning]
    return income, []


def _line_number(line: LineItem) -> int | None:
    """The source line of a line item's first printed value."""
    return next((v.source.line for v in line.values if v is not None), None)


def _net_incomes(statement: Statement) -> tuple | None:
    """(period, net income) per column, or None when a column prints none."""
    out = []
    for column, period in enumerate(statement.columns):
        amount = statement.value("net_income", column)
        if amount is None:
            return None
        out.append(((period.end, period.months), amount.value))
    return tuple(out)


def _agreeing_per_share(income: Statement, grid: Grid, source_file: str) -> list[LineItem]:
    """The EPS lines of a grid whose chosen columns and net income match the statement's."""
    periods = grid_periods(grid)
    columns = choose_income_columns(periods)
    if columns is None or columns[1] is None:
        return []
    sibling, _ = build_statement(grid, StatementKind.INCOME, columns, periods, source_file)
    if sibling is None or _net_incomes(sibling) != _net_incomes(income):
        return []
    # the share counts come too, when the statement prints none, so that EPS can be checked
    keys = PER_SHARE_KEYS + (SHARE_KEYS if not any(line.key in SHARE_KEYS for line in income.lines) else ())
    return [line for line in sibling.lines if line.key in keys]
