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
