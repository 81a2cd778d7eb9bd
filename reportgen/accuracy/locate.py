"""Where a fixture's statements are printed, so a transformation can re-lay them out.

The statements are found by the reader on the original fixture, whose every labelled figure
it reads exactly (the fixture tests say so); the transformations then change the layout of
those lines only, and the reader is scored on the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.model import Filing, Statement

# A printed figure in a text line: "$ 1,234", "(1,032)", "0.39", "--".
FIGURE = re.compile(r"(?<!\S)\$?\s?\(?\$?\s?-?\d[\d,]*(?:\.\d+)?\)?%?(?!\S)|(?<!\S)-{1,2}(?!\S)")


@dataclass(frozen=True)
class Located:
    """One statement's lines in the decoded document (0-based line indices)."""

    kind: str  # "income" or "balance"
    start: int  # the first line of its column headers
    rows: tuple[int, ...]  # the lines that print its figures, in order
    keyed: dict[str, int]  # figure key -> the line printing its current figure
    components: dict[str, tuple[int, ...]]  # "revenue_component" -> its lines

    @property
    def first_row(self) -> int:
        """The first line with figures."""
        return self.rows[0]

    @property
    def last_row(self) -> int:
        """The last line with figures."""
        return self.rows[-1]


def locate(filing: Filing) -> dict[str, Located]:
    """The statements of a parsed filing by kind, where their lines are known."""
    out: dict[str, Located] = {}
    for statement in (filing.income, filing.balance):
        if statement is not None and statement.source.line:
            found = _located(statement)
            if found is not None:
                out[found.kind] = found
    return out


def _located(statement: Statement) -> Located | None:
    """Lines of one statement, from the sources of its amounts."""
    rows: set[int] = set()
    keyed: dict[str, int] = {}
    components: dict[str, list[int]] = {}
    for line in statement.lines:
        lines = [v.source.line - 1 for v in line.values if v is not None and v.source.line]
        if not lines:
            continue
        rows.update(lines)
        if line.key in ("revenue_component", "expense_component"):
            components.setdefault(line.key, []).append(lines[0])
        elif line.key and line.key not in keyed:
            keyed[line.key] = lines[0]
    if statement.source.line is None:
        return None
    start = statement.source.line - 1
    # Figures filled in from another document of the submission are printed elsewhere.
    rows = {r for r in rows if r >= start}
    keyed = {k: r for k, r in keyed.items() if r >= start}
    if not rows:
        return None
    return Located(
        kind=statement.kind.value,
        start=start,
        rows=tuple(sorted(rows)),
        keyed=keyed,
        components={k: tuple(r for r in v if r >= start) for k, v in components.items()},
    )
