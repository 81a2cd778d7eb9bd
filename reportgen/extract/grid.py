"""The one table shape every extractor produces, whatever the filing's format.

Text tables (tab-separated or space-aligned) and HTML tables are both reduced to a `Grid`:
column headers as text per numeric column, and rows of a label plus one cell text per
numeric column. Statement detection, period parsing, column choice and label matching all
work on grids, so they are written once for every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportgen.vocabulary import is_caption

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


# Words a label does not end on ("Total Operating" over "Expenses"): it goes on below.
_NEVER_LAST = frozenset("and of for from before after per in on at as by to the with less or total operating gross".split())
# Words a label's rest may start on in capitals ("AND EQUITY"); not "Less", which starts a line.
_GOES_ON = frozenset("and of for from to the with or per in on".split())
# Words that are no label alone: "NET" over "INCOME".
_FRAGMENTS = frozenset("net cost costs income loss earnings provision benefit".split())


def join_wrapped(rows: list[GridRow]) -> list[GridRow]:
    """Rows a layout broke over two lines made one. A figure pushed to the next line goes back
    to its row. A label-only row that does not end
    (on "and", "of", an open parenthesis; or a lone "Total") or is continued in lower case
    is the start of the next row's label; a label-only row that goes on in lower case (or
    after a lone "Total") just below a row of figures is the end of that row's label."""
    out: list[GridRow] = []
    for row in rows:
        previous = out[-1] if out else None
        if previous is not None and _pushed(previous, row):  # a figure pushed to the line below
            cells = [p or r for p, r in zip(previous.cells, row.cells)]
            out[-1] = GridRow(previous.label, cells, previous.line, f"{previous.raw} {row.raw}", previous.alternatives)
            continue
        if previous is not None and any(row.cells) and not any(previous.cells) and continued_by(previous.label, row.label):
            out[-1] = GridRow(f"{previous.label} {row.label}", row.cells, row.line, row.raw, row.alternatives)
            continue
        if previous is not None and not any(row.cells) and not any(previous.cells) and _heading_goes_on(previous.label, row.label):
            out[-1] = GridRow(f"{previous.label} {row.label}", [], previous.line, f"{previous.raw} {row.raw}",
                              previous.alternatives)  # a heading wrapped over lines, or its units after it
            continue
        if previous is not None and not any(row.cells) and any(previous.cells) and ends(previous.label, row.label):
            out[-1] = GridRow(f"{previous.label} {row.label}", previous.cells, previous.line, previous.raw,
                              previous.alternatives)
            continue
        out.append(row)
    return out


def _pushed(above: GridRow, row: GridRow) -> bool:
    """An unlabelled row of figures only in the columns the row above left empty: the end
    of that row, its widest figures pushed to the next line."""
    if row.label.strip() or not any(row.cells) or not any(above.cells) or len(row.cells) != len(above.cells):
        return False
    return all(not (a and r) for a, r in zip(above.cells, row.cells))


def _open(label: str) -> bool:
    """A label that does not end: on a connective, an open parenthesis, a dash or comma, or a
    lone word that is no label alone."""
    words = label.lower().replace("(", " ( ").split()
    return (
        label.count("(") > label.count(")")
        or label.endswith(("-", ",", "&"))
        or bool(words) and (words[-1] in _NEVER_LAST or len(words) == 1 and words[0] in _FRAGMENTS)
    )


def _goes_on(label: str) -> bool:
    """A label that starts in lower case or on a connective ("AND EQUITY"): the rest of one."""
    words = label.lower().split()
    return _lower_start(label) or bool(words) and words[0] in _GOES_ON


def _lower_start(label: str) -> bool:
    """Whether a label's first letter is lower case ("(exclusive of ...)" too)."""
    first = next((ch for ch in label if ch.isalpha()), "")
    return first.islower()


def _heading_goes_on(start: str, rest: str) -> bool:
    """Whether a label-only row goes on in the next ("Weighted-average number of" over "common
    shares outstanding:", then "(millions)"): never after a colon, but a parenthesised
    units line joins its heading."""
    start, rest = start.strip(), rest.strip()
    if not start or not rest:
        return False
    if rest.startswith("(") and rest.endswith(")") and is_caption(rest):
        return True
    return continued_by(start, rest)


def continued_by(start: str, rest: str) -> bool:
    """Whether a label-only row is the first part of the label that follows it."""
    start, rest = start.strip(), rest.strip()
    if not start or not rest or start.endswith(":"):
        return False
    return _goes_on(rest) or _open(start)


def ends(above: str, label: str) -> bool:
    """Whether a label-only row ends the label of the row of figures above it (after a lone
    "Total", only a label that ends there: "Weighted-average number of" starts the next)."""
    label = label.strip()
    if not label or ":" in label:
        return False
    if _goes_on(label):
        return True
    if above.strip().lower() == "total":
        return not _open(label)
    return _open(above)
