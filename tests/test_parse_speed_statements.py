"""The statement chooser's shortcut must not reject a table its full test would keep.

`_score` rejects an income candidate without classifying its rows when no row's label
normalises to "net ..." (`_may_hold_net_income`); the full classification must then find
no net income either. Labels are built from the words statement lines use.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reportgen.extract import statements
from reportgen.extract.grid import Grid, GridRow
from reportgen.model import StatementKind

WORDS = st.sampled_from([
    "Net", "NET", "net", "income", "Income", "(loss)", "loss", "earnings", "Consolidated", "consolidated", "attributable",
    "to", "common", "shareholders", "noncontrolling", "interests", "per", "share", "basic", "diluted", "Total",
    "revenues", "(1)", "*", "-", "\u2014", "non-", "&", ":", "as reported", "(GAAP)", "Net-", "N-et", "net/", " ",
])
LABELS = st.lists(WORDS, max_size=6).map(" ".join)
ROWS = st.lists(
    st.builds(lambda label, empty: GridRow(label, [] if empty else ["1", "2"]), LABELS, st.booleans()),
    max_size=8,
)


@given(ROWS)
def test_a_table_rejected_early_holds_no_net_income(rows: list[GridRow]) -> None:
    grid = Grid(headers=["2024", "2023"], rows=rows)
    if not statements._may_hold_net_income(grid):
        assert "net_income" not in statements._keys_in(grid, StatementKind.INCOME)


def _fields(candidates: list) -> list[tuple]:
    """What a candidate list says, for comparing two of them."""
    return [(c.grid is not None and id(c.grid), c.order, c.score, c.columns, c.periods, c.penalised) for c in candidates]


def test_candidates_asked_again_are_those_worked_out() -> None:
    from pathlib import Path

    from reportgen.extract.html_tables import html_grids

    path = Path(__file__).parent / "fixtures" / "filings" / "apple-2011q1-ex99.htm"
    grids = html_grids(path.read_text(encoding="utf-8"), path.name)
    for kind, hint in ((StatementKind.INCOME, ""), (StatementKind.INCOME, "quarter ended December 25"), (StatementKind.BALANCE, "")):
        first = statements._candidates(grids, kind, "0930", hint)
        again = statements._candidates(grids, kind, "0930", hint)
        fresh = statements._find_candidates(grids, kind, "0930", hint)
        assert _fields(first) == _fields(again) == _fields(fresh)
    copy = [Grid(g.headers, g.rows, g.context, g.line, g.title, g.ncols) for g in grids]
    assert _fields(statements._candidates(copy, StatementKind.BALANCE, "0930")) == _fields(
        statements._find_candidates(copy, StatementKind.BALANCE, "0930")
    )
