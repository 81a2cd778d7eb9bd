"""The one table shape every extractor produces, whatever the filing's format.

Text tables (tab-separated or space-aligned) and HTML tables are both reduced to a `Grid`:
column headers as text per numeric column, and rows of a label plus one cell text per
numeric column. Statement detection, period parsing, column choice and label matching all
work on grids, so they are written once for every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FURNITURE_CHARS = 80  # a running page header or footer is one short line


@dataclass
class GridRow:
    """One table row: its label, one raw cell text per numeric column ("" when blank)."""

    label: str
    cells: list[str]
    line: int | None = None  # 1-based line (text) or source line (HTML) of the row
    raw: str = ""  # the row as printed, for evidence and messages
    alternatives: list[list[str]] = field(default_factory=list)  # other defensible readings


@dataclass
class Grid:
    """A table reduced to numeric columns.

    `headers[i]` holds everything printed above numeric column i (joined header lines,
    spanning headers included), e.g. "Three Months Ended September 30, 2007".
    `context` is the text just before the table (title, "(in thousands ...)").
    """

    headers: list[str]
    rows: list[GridRow]
    context: str = ""
    line: int | None = None  # where the table starts
    title: str = ""  # the nearest heading above, if one was recognised
    ncols: int = 0

    def __post_init__(self) -> None:
        if not self.ncols:
            self.ncols = len(self.headers)


def is_page_furniture(text: str) -> bool:
    """A line a page break may put between two parts of a table: a running header or footer
    (the company's name, "Page 7", a short title), not a sentence of prose."""
    text = text.strip()
    words = text.split()
    return len(text) <= FURNITURE_CHARS and not (len(words) > 6 and words[-1].endswith("."))
