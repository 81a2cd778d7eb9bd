"""Plain-text tables to Grids: space-aligned columns (EDGAR .txt) and tab-separated cells.

Space-aligned tables are cut into columns by the character positions of the figures across
rows; tab-separated ones by the order of the figures in a row. Labels wrapped over several
lines are joined, headers stacked over several lines are composed per column, and a row that
prints more figures than the table has columns keeps its other readings as alternatives.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from reportgen.extract.grid import Grid, GridRow, ends, is_page_furniture, join_wrapped
from reportgen.limits import MAX_TABLE_ROWS
from reportgen.numbers import is_nil_mark, parse_amount
from reportgen.vocabulary import UNITS, is_caption

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_MARKER = re.compile(r"^\s*</?(?:TABLE|CAPTION|S|C|FN|PAGE)\b[^>]*>", re.I)
_TABLE_OPEN = re.compile(r"^\s*<TABLE\b", re.I)
_TABLE_CLOSE = re.compile(r"^\s*</TABLE>", re.I)
_PAGE = re.compile(r"^[ \t]*(?:<PAGE>|\f)", re.I)  # not \s*: it would eat the form feed
_TOKEN = re.compile(r"\S+")
_PHRASE = re.compile(r"\S+(?: \S+)*")
_DASHES = re.compile(r"^[\s\-=_]+$")
_YEAR = re.compile(r"^\(?(?:19[89]\d|20[0-3]\d)\)?(?:\*{1,3}|[\u2020\u2021]|\([a-z1-9]\))?$")  # "2003*", "2008(a)": a footnoted year
_MONTH_WORD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_MONTH = re.compile(r"\b" + _MONTH_WORD, re.IGNORECASE)
# Where two dates printed a space apart part: "June 30, December 31," and "June 30, 2025 December 31, 2024".
_DATE_JOIN = re.compile(r"(?:(?<=\d,)|(?<=\b(?:19|20)\d\d)) (?=" + _MONTH_WORD + r" \d)", re.IGNORECASE)
_HEADER_WORDS = re.compile(r"\b(?:unaudited|audited|reported|actual|pro forma|gaap|as adjusted)\b|%", re.I)
_PERIOD_WORDS = re.compile(
    r"\b(?:months?|weeks?|quarters?|year|ended|ending|as of|restated|previously|change|"
    r"fiscal|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(_MONTH_WORD + r"\s*$", re.IGNORECASE)  # "June 30": a day after its month
_SPELLED_PERIOD = re.compile(r"\b(?:for the|the|first|last|fiscal) $", re.I)
_BULLET = re.compile(r"^\s*(?:[\u00b7\u2022\u25cf\u25aa]\s*)?$")  # one \s* per space: linear
_CONTINUES = re.compile(r"(?:[-,;(&/]|\b(?:and|of|for|in|on|to|the|from|per|before|after|with|at|by|as|less|net|including|excluding))$", re.I)
_DURATION = re.compile(r"months|weeks|quarter|year|\bend(?:ed|ing)\b", re.I)  # a period's length, not its date
_PAGE_RULE = re.compile(r"[-=_]{60,}\s*$")  # one unbroken rule from the margin: a page or section break
_FOOTNOTE_MARK = re.compile(r"\(\d\)")
_YEARS_IN = re.compile(r"\b(?:19|20)\d\d\b")
_SENTENCE_END = re.compile(r"[a-z)]\.$")
_SENTENCE_BREAK = re.compile(r"[a-z0-9)]\. [A-Z]")
_MAX_GAP = 16  # non-figure lines that may sit between two rows of one table
_CONTEXT_LINES = 8  # lines of text before a table read as its context (title, units)
_CONTEXT_SPAN = 16  # ... looked for this far up, blank lines and markers included


@dataclass
class _Line:
    """One text line read for tables: label part, figures and their positions."""

    number: int  # 1-based in the file
    text: str
    indent: int = 0
    label: str = ""
    tokens: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, text
    tabbed: bool = False
    marker: str = ""  # "open", "close", "page" or "" for table/page markers
    folio: bool = False  # a page number, read as a blank line
    under_months: bool = False  # day numbers printed under the month names of the line above

    @property
    def blank(self) -> bool:
        return not self.text.strip() or bool(_BULLET.match(self.text)) and not self.tokens

    @property
    def is_data(self) -> bool:
        return bool(self.tokens) and not self.is_header

    @cached_property  # asked again and again by the region and header readers; a line is final once read
    def is_header(self) -> bool:
        return bool(self.tokens) and _header_tokens(self)

    @property
    def is_dashes(self) -> bool:
        return bool(self.text.strip()) and bool(_DASHES.match(self.text)) and any(c in self.text for c in "-=_")


def text_grids(text: str, first_line: int = 1) -> list[Grid]:
    """Every table of a plain-text document as a Grid, in document order."""
    raw_lines = text.split("\n")
    cells = tabs_are_cells(raw_lines)
    lines = _drop_page_numbers([_read_line(raw, first_line + i, cells) for i, raw in enumerate(raw_lines)])
    lines = _days_under_months(single_spaced(lines))
    grids: list[Grid] = []
    previous_end = 0
    last: tuple[Grid, list[tuple[int, int]]] | None = None  # the grid before, with its columns
    for start, end in _regions(lines):
        built = _grid(lines, start, min(end, start + MAX_TABLE_ROWS), previous_end)  # statements are short
        if built is not None:
            grid, columns = built
            carried = _next_page(lines, previous_end, start, last, built) if last is not None else None
            if last is not None and carried is not None:
                last[0].rows.extend(_remapped(grid.rows, carried, last[0].ncols))  # carried over a page break
                previous_end = end
                continue
            if not _units_in(grid) and grids and _close(lines, previous_end, start):
                inherited = _units_in(grids[-1])
                if inherited:
                    grid.context = f"{grid.context}\n({inherited})".strip()
            grids.append(grid)
            last = built
        previous_end = end
    return grids


_MAX_FURNITURE = 8  # lines of running header and footer a page break may put inside a table
_ANY_TITLE = re.compile(
    r"statements?\s+of|balance\s+sheets?|financial\s+(?:condition|position)|cash\s+flows?|notes?\s+to\b", re.I
)
_CONTINUED_WORD = re.compile(r"\bcontinued\b", re.I)


def _next_page(
    lines: list[_Line], previous_end: int, start: int,
    last: tuple[Grid, list[tuple[int, int]]], new: tuple[Grid, list[tuple[int, int]]],
) -> list[int] | None:
    """Whether a table is the rest of the one before, carried over a page break: a page break
    (form feed, <PAGE>, a page number) and only page furniture lie between (running headers,
    short title lines, the column headers repeated), and each of its columns is one of the
    table's (right edges within 3 characters; tab layouts: the same count). The column of the
    table before that each of its columns is, or None."""
    (before, before_columns), (grid, columns) = last, new
    gap = lines[previous_end:start]
    same = [" ".join(h.split()).lower() for h in grid.headers] == [" ".join(h.split()).lower() for h in before.headers]
    if any(grid.headers) and not same:
        return None
    texts = [line for line in gap if not line.blank and not line.marker and not line.folio]
    if not any(line.marker == "page" or line.folio for line in gap):
        # no page break: the same headers repeated, and no title of another table between
        # ("... (continued)" is the same table's)
        if not (same and any(grid.headers)) or any(
            _ANY_TITLE.search(line.text) and not _CONTINUED_WORD.search(line.text) for line in texts
        ):
            return None
    if len(texts) > _MAX_FURNITURE or not all(
        line.is_header or line.is_dashes or _looks_header_text(line)
        or not line.tokens and is_page_furniture(line.text)
        for line in texts
    ):
        return None
    if columns == before_columns:
        return list(range(len(columns)))
    if any(line.tabbed for line in lines[start:start + 1]):
        return None
    mapping = [next((i for i, b in enumerate(before_columns) if abs(b[1] - c[1]) <= 3), -1) for c in columns]
    return mapping if -1 not in mapping and len(set(mapping)) == len(mapping) else None


def _remapped(rows: list[GridRow], mapping: list[int], ncols: int) -> list[GridRow]:
    """Rows with their cells moved to the columns of the table they continue."""
    if mapping == list(range(ncols)):
        return rows
    out = []
    for row in rows:
        cells = [""] * ncols
        for j, cell in enumerate(row.cells):
            cells[mapping[j]] = cell
        out.append(GridRow(row.label, cells, row.line, row.raw))
    return out


# ---------------------------------------------------------------- reading lines


_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-\u2013\u2014]?\s*\d{1,3}\s*[-\u2013\u2014]?$", re.I)


def _drop_page_numbers(lines: list[_Line]) -> list[_Line]:
    """A lone page number ("12", "- 12 -", "Page 12") between blank lines or at a page break
    is not a row of figures."""
    for i, line in enumerate(lines):
        if not _PAGE_NUMBER.match(line.text.strip()):
            continue
        if line.text.strip()[:1] in "Pp":  # "Page 12" says what it is wherever it stands
            lines[i] = _Line(line.number, "", marker=line.marker, folio=True)
            continue
        before = lines[i - 1] if i else None
        after = lines[i + 1] if i + 1 < len(lines) else None
        apart = (before is None or before.blank or before.marker == "page") and (
            after is None or after.blank or after.marker == "page"
        )
        if apart or (after is not None and after.marker == "page") or (before is not None and before.marker == "page"):
            lines[i] = _Line(line.number, "", marker=line.marker, folio=True)
    return lines


_DOUBLE_SPACED = 0.1  # at most this share of lines directly followed by text: double spacing
_MIN_LINES = 20  # too few lines to tell


def single_spaced(lines: list[_Line]) -> list[_Line]:
    """A double-spaced document (a blank line after every line, as wire services print)
    read as the single-spaced one it stands for: one blank line of each run is spacing, not
    a gap. Lines keep their numbers, so evidence still points into the file.
    """
    texts = [i for i, line in enumerate(lines) if not line.blank]
    if len(texts) < _MIN_LINES:
        return lines
    adjacent = sum(1 for a, b in zip(texts, texts[1:]) if b == a + 1)
    if adjacent > _DOUBLE_SPACED * len(texts):
        return lines
    out: list[_Line] = []
    run: list[_Line] = []
    for line in lines:
        if line.blank and not line.marker:
            run.append(line)
            continue
        out.extend(run[: (len(run) - 1) // 2])  # 1 blank line: none; 3 (a paragraph break): 1
        run = []
        out.append(line)
    return out + run[: (len(run) - 1) // 2]


def _days_under_months(lines: list[_Line]) -> list[_Line]:
    """Mark lines of day numbers each printed under a month name of the line above ("November"
    over "2,", over "2024"): a date header split over lines, not a row of figures."""
    above: _Line | None = None
    for line in lines:
        if line.blank:
            continue
        if (
            above is not None and len(line.tokens) >= 2 and not line.tabbed
            and all(re.fullmatch(r"\d{1,2},?", t[2]) for t in line.tokens)
        ):
            months = [(m.start(), m.end()) for m in _MONTH.finditer(above.text)]
            line.under_months = all(any(ms - 2 <= te and ts <= me + 2 for ms, me in months) for ts, te, _ in line.tokens)
        above = line
    return lines


def tabs_are_cells(raw_lines: list[str]) -> bool:
    """Whether tabs separate cells (a text rendering) rather than align columns (EDGAR text).

    Aligned text pads with runs of spaces as well as tabs; a rendering of cells does not.
    """
    tabbed = [r for r in raw_lines if "\t" in r.strip("\t ") and re.search(r"\d", r)]
    if len(tabbed) < 3:
        return bool(tabbed)
    padded = sum(1 for r in tabbed if re.search(r"\S {3,}\S|\S\t {2,}\S", r))
    return padded * 3 < len(tabbed)


def _read_line(raw: str, number: int, tab_cells: bool = True) -> _Line:
    """Split a line into label and trailing figures (tab cells or aligned text)."""
    marker = ""
    if "<" in raw or "\f" in raw:  # every marker and tag pattern needs one: most lines skip them
        if _TABLE_OPEN.match(raw):
            marker = "open"
        elif _TABLE_CLOSE.match(raw):
            marker = "close"
        elif _PAGE.match(raw):
            marker = "page"
        if _MARKER.match(raw):
            raw = ""
        raw = _TAG.sub("", raw)
    raw = raw.replace("\u00a0", " ").replace("\\$", "$")
    if tab_cells and "\t" in raw and raw.strip():
        return _read_tabbed(raw, number, marker)
    text = raw.expandtabs(8).rstrip()
    line = _Line(number, text, len(text) - len(text.lstrip()), marker=marker)
    tokens = _glue([(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)])
    cut = len(tokens)
    while cut > 0 and _is_figure(tokens[cut - 1][2]):
        cut -= 1
    line.tokens = [t for t in tokens[cut:] if t[2] != "$"]
    label_end = tokens[cut][0] if cut < len(tokens) else len(text)
    line.label = " ".join(text[:label_end].split())
    return line


_OPEN = ("(", "$(")  # an opening parenthesis cell, "$" before it or not
_CLOSE = (")", ")%", "%", "%)")
_LETTER_MARK = re.compile(r"^\([a-z]\)$|^\*{1,3}$|^[\u2020\u2021]$")
_MARK_STARTS = ("(", "*", "\u2020", "\u2021")


def _glue(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join a figure split by spaces ("( 1,234 )", "12.5 %"); drop letter footnote marks after one."""
    out: list[tuple[int, int, str]] = []
    for start, end, text in tokens:
        previous = out[-1] if out else None
        # A footnote mark opens with one of _MARK_STARTS: tested first, in C.
        if previous and previous[2] in _OPEN and re.match(r"^\$?[\d.]", text):
            out[-1] = (previous[0], end, previous[2] + text)
        elif previous and text in _CLOSE and re.search(r"\d%?$", previous[2]):
            out[-1] = (previous[0], end, previous[2] + text)
        elif previous and text[:1] in _MARK_STARTS and _LETTER_MARK.match(text) and re.search(r"\d\)?%?$", previous[2]):
            continue
        else:
            out.append((start, end, text))
    return out


def _read_tabbed(raw: str, number: int, marker: str) -> _Line:
    """A tab-separated line: first cell the label, figures in order from the others."""
    cells = _join_split_words([c.strip() for c in raw.split("\t")])
    line = _Line(number, raw, 0, tabbed=True, marker=marker)
    label_cells: list[str] = []
    ordinal = 0
    for index, cell in enumerate(cells):
        words = cell.split()
        if words and all(_is_figure(w) for w in words) and (index > 0 or not label_cells):
            for word in words:
                if word != "$":
                    line.tokens.append((ordinal, ordinal, word))
                    ordinal += 1
        elif cell and not line.tokens:
            label_cells.append(cell)
    line.label = " ".join(" ".join(label_cells).split())
    line.text = "\t".join(cells)
    return line


def _join_split_words(cells: list[str]) -> list[str]:
    """Rejoin a word a tab split in two ("Sept", "ember 30, 2007")."""
    out: list[str] = []
    for cell in cells:
        if out and out[-1] and cell and out[-1][-1].isalpha() and cell[0].islower():
            out[-1] += cell
        else:
            out.append(cell)
    return out


@lru_cache(maxsize=8192)  # "$", "-" and the years recur on every line of a statement
def _is_figure(token: str) -> bool:
    """A token that prints a figure, a nil mark or a lone dollar sign."""
    if token in {"$", "$-", "-$"}:
        return True
    return parse_amount(token) is not None or is_nil_mark(token)


def _header_tokens(line: _Line) -> bool:
    """Figures that are only years, or day numbers after month names: a header line."""
    words = [t[2] for t in line.tokens]
    if line.under_months or all(_YEAR.match(w) for w in words):
        return True
    if any(_YEAR.match(w) for w in words) and all(
        _YEAR.match(w) or _FOOTNOTE_MARK.fullmatch(w) and k and _YEAR.match(words[k - 1]) for k, w in enumerate(words)
    ):
        return True  # "2024   2024 (1)   2023": a year footnoted
    if all(_FOOTNOTE_MARK.fullmatch(w) for w in words) and (
        len(_YEARS_IN.findall(line.label)) >= 2 or _MONTH.search(line.label)
    ):
        return True  # "2014  Revenues  2013  Revenues  in US $  (1)": a header with a footnote mark
    if not line.tabbed and all(re.fullmatch(r"\d{1,2}", t[2]) and _SPELLED_PERIOD.search(line.text[:t[0]]) for t in line.tokens):
        return True  # "For the 13      For the 26" over "Weeks Ended": a period phrase split over lines
    return bool(_MONTH.search(line.text)) and all(
        _YEAR.match(t[2]) or re.fullmatch(r"\d{1,2},?", t[2]) and _MONTH_BEFORE.search(line.text[:t[0]])
        for t in line.tokens
    )


# ---------------------------------------------------------------- regions


def _regions(lines: list[_Line]) -> list[tuple[int, int]]:
    """(start, end) index ranges of tables: data rows with short gaps between them."""
    regions: list[tuple[int, int]] = []
    start: int | None = None
    last = -1
    inside_tags = False
    for i, line in enumerate(lines):
        if line.marker == "open":
            if start is not None:
                regions.append((start, last + 1))
                start = None
            inside_tags = True
            continue
        if line.marker == "close":
            if start is not None:
                regions.append((start, last + 1))
                start = None
            inside_tags = False
            continue
        if not line.is_data:
            continue
        if start is not None and not _same_table(lines, last, i, inside_tags):
            regions.append((start, last + 1))
            start = None
        if start is None:
            start = i
        last = i
    if start is not None:
        regions.append((start, last + 1))
    return [r for r in regions if sum(1 for line in lines[r[0]:r[1]] if line.is_data) >= 2]


def _same_table(lines: list[_Line], last: int, nxt: int, inside_tags: bool) -> bool:
    """Whether the lines between two data rows keep them in one table."""
    gap = lines[last + 1:nxt]
    if lines[last].tabbed != lines[nxt].tabbed:
        return False
    figures_from = min(t[0] for t in lines[last].tokens) - 2
    if any(_heads_columns(line, figures_from) for line in gap):
        return False
    if inside_tags:
        return True
    blanks = 0
    texts = [line for line in gap if not line.blank and not line.folio and not line.is_dashes]
    for line in gap:
        if line.marker == "page":
            return False
        if line.folio:  # a page number: the blank lines around it are one gap
            blanks = 0
            continue
        if line.blank:
            blanks += 1
            if blanks > 2:
                return False
            continue
        blanks = 0
        text = line.text.strip()
        if line.is_dashes and _PAGE_RULE.match(line.text):
            return False  # a rule across the page
        if line.is_dashes:
            continue
        if len(text) > 60 and _SENTENCE_BREAK.search(text):
            return False  # prose: one sentence ends and the next begins on the line
        if (len(text) > 90 or len(text) > 60 and _SENTENCE_END.search(text)) and not _wrapped_label(gap, texts, line):
            return False  # prose
    return len(texts) <= _MAX_GAP


def _wrapped_label(gap: list[_Line], texts: list[_Line], line: _Line) -> bool:
    """Whether a long gap line is part of one label wrapped next to its row ("Common stock,
    $0.001 par value; 4,990,000,000 shares authorized at June 30, 2025 and December 31,"):
    the long lines run together, touching the row above or the row below with no blank line
    between (a label has none inside it), and none ends a sentence."""
    long = [i for i, t in enumerate(texts) if len(t.text.strip()) > 60]
    if len(long) > 4 or long != list(range(long[0], long[-1] + 1)) or line not in (texts[i] for i in long):
        return False
    # just below the row above, or running (with the label's lowercase end) into the row below
    tail = texts[long[-1] + 1:]
    below_row = long[0] == 0 and gap[0] is texts[0]
    above_row = all(t.text.strip()[:1].islower() for t in tail) and gap[len(gap) - len(texts) + long[0]:] == texts[long[0]:]
    return (below_row or above_row) and not any(_SENTENCE_END.search(texts[i].text.strip()) for i in long)


def _heads_columns(line: _Line, figures_from: int) -> bool:
    """A header line (dates, periods) that reaches over the figure columns, not label text."""
    if not (line.is_header or _looks_header_text(line)) or _label_end(line):
        return False
    return line.tabbed or len(line.text.rstrip()) > figures_from


def _label_end(line: _Line) -> bool:
    """A label's last line, going on in lower case in one run of words ("at June 30, 2025 and
    $6,088 at December 31, 2024"), where a header's phrases stand apart over their columns."""
    text = line.text.strip()
    return text[:1].islower() and "   " not in text


def _looks_header_text(line: _Line) -> bool:
    """A text line that heads columns: period words with a month or a year in it."""
    text = line.text
    if line.tokens and not line.is_header:
        return False
    return bool(
        re.search(r"\b(?:months?|weeks?|quarters?|year)s?\s+end(?:ed|ing)\b", text, re.I)
    ) or (bool(_MONTH.search(text)) and bool(re.search(r"\b(?:19|20)\d\d\b", text)) and
          len(text.strip()) < 90 and line.tabbed)


def _close(lines: list[_Line], previous_end: int, start: int) -> bool:
    """Two tables near each other on one page: units printed once above both apply to both."""
    gap = lines[previous_end:start]
    return len(gap) <= 12 and not any(line.marker == "page" for line in gap)


# ---------------------------------------------------------------- one grid


def _grid(lines: list[_Line], start: int, end: int, previous_end: int) -> tuple[Grid, list[tuple[int, int]]] | None:
    """Build one Grid from a region: columns, header block, rows and context; with the
    columns' character spans (tab layouts: their ordinals)."""
    body = lines[start:end]
    tabbed = body[0].tabbed
    columns = _tab_columns(body) if tabbed else _aligned_columns(body)
    if not columns:
        return None
    head_start, header_lines = _header_block(lines, start, previous_end, columns, tabbed)
    label_top = start
    while label_top - 1 >= head_start + len(header_lines) and _label_only(
        lines[label_top - 1], columns, tabbed
    ) and label_top - 1 > previous_end:
        label_top -= 1
    edge = _label_edge(lines[start:end], columns, tabbed)
    headers = _compose_headers(header_lines, columns, tabbed, edge)
    context_lines = _context(lines, max(previous_end, head_start - _CONTEXT_SPAN), head_start)
    left_header = [p for line in header_lines for p in _left_phrases(line, columns, tabbed, edge)]
    # a units caption printed between the headers and the first row (over the columns too)
    captions = [" ".join(line.text.split()) for line in lines[head_start:end] if not line.tokens and is_caption(line.text)]
    context = "\n".join(context_lines + ([" ".join(left_header)] if left_header else []) + captions)
    rows = join_wrapped(_rows(lines[label_top:end], columns, tabbed))
    if sum(1 for r in rows if any(r.cells)) < 2:
        return None
    grid = Grid(
        headers=headers,
        rows=rows,
        context=context,
        line=lines[head_start].number if header_lines else lines[start].number,
        title=_title(context_lines),
        ncols=len(columns),
    )
    return grid, columns


def _context(lines: list[_Line], start: int, end: int) -> list[str]:
    """The last few lines of text before a table (its title and units), blanks and markers
    not counted."""
    texts = [line.text.strip() for line in lines[start:end] if line.text.strip() and not line.marker]
    return texts[-_CONTEXT_LINES:]


def _tab_columns(body: list[_Line]) -> list[tuple[int, int]]:
    """Tab tables: as many columns as most rows print figures."""
    counts = [len(line.tokens) for line in body if line.is_data]
    if not counts:
        return []
    n = max(set(counts), key=lambda c: (counts.count(c), -c))
    return [(i, i) for i in range(n)]


def _aligned_columns(body: list[_Line]) -> list[tuple[int, int]]:
    """Aligned tables: union the character spans of figures; keep well-supported columns."""
    spans = sorted((s, e) for line in body if line.is_data for s, e, _ in line.tokens)
    clusters: list[list[int]] = []  # start, end, support
    for s, e in spans:
        if clusters and s < clusters[-1][1]:
            clusters[-1][1] = max(clusters[-1][1], e)
            clusters[-1][2] += 1
        else:
            clusters.append([s, e, 1])
    if not clusters:
        return []
    best = max(c[2] for c in clusters)
    if best < 2:
        return []
    kept = [c for c in clusters if c[2] >= max(2, best * 0.2)]
    # a figure column never sits left of the labels: drop clusters before the first strong one
    first_strong = min(i for i, c in enumerate(kept) if c[2] >= best * 0.5)
    columns = [(c[0], c[1]) for c in kept[first_strong:]]
    return [part for column in columns for part in _split_merged(column, body)]


def _split_merged(column: tuple[int, int], body: list[_Line]) -> list[tuple[int, int]]:
    """Two columns that one wide figure bridged: rows printing two figures in the span show
    where they part (a lone stray digit in one row does not)."""
    cs, ce = column
    cuts = []
    for line in body:
        inside = [t for t in line.tokens if t[0] < ce and t[1] > cs]
        if len(inside) == 2 and len(inside[0][2].strip("$()-")) > 1 and len(inside[1][2].strip("$()-")) > 1:
            cuts.append((inside[0][1] + inside[1][0]) // 2)
    if len(cuts) < 2:
        return [column]
    cut = sorted(cuts)[len(cuts) // 2]
    return [(cs, cut), (cut, ce)]


def _column_of(token: tuple[int, int, str], columns: list[tuple[int, int]], tabbed: bool) -> int | None:
    """Which column a figure belongs to (by overlap), or None when it is in the label area."""
    if tabbed:
        return token[0] if token[0] < len(columns) else None
    s, e, _ = token
    over = [index for index, (cs, ce) in enumerate(columns) if s < ce and e > cs]
    if not over:
        return None
    return min(over, key=lambda index: abs(columns[index][1] - e))  # figures align on the right


def _label_only(line: _Line, columns: list[tuple[int, int]], tabbed: bool) -> bool:
    """A line of label text (wrapped label or heading) above the first row of figures."""
    if line.blank or line.marker or line.is_dashes:
        return line.blank and not line.marker
    if tabbed:
        short = len(line.text.strip()) <= 80
        return not line.tokens and not _looks_header_text(line) and (line.tabbed or short)
    text_end = len(line.text)
    return not line.is_header and (not columns or text_end <= columns[0][0] + 1)


def _header_block(
    lines: list[_Line], start: int, previous_end: int, columns: list[tuple[int, int]], tabbed: bool
) -> tuple[int, list[_Line]]:
    """The header lines above a table's first row (stacked period and date lines)."""
    i = start - 1
    while i >= previous_end and i >= 0 and _label_only(lines[i], columns, tabbed):
        i -= 1
    block: list[_Line] = []
    top = start  # index of the highest line in the block (lines are numbered uniquely)
    while i >= previous_end and i >= 0 and start - i <= 16:
        line = lines[i]
        if line.marker in ("open", "close", "page"):
            break
        if line.blank and block and not _header_above(lines, i, previous_end, columns, tabbed):
            break
        if not line.blank and not line.marker:
            if tabbed and not line.tabbed:
                break
            if not tabbed and not (line.is_dashes or _in_columns(line, columns) and _is_header_text(line, columns)):
                if block and not _in_columns(line, columns) and _header_above(lines, i, previous_end, columns, tabbed):
                    block.append(line)  # a caption in the label area between stacked header lines
                    top = i
                elif block:
                    break
            else:
                block.append(line)
                top = i
        i -= 1
    block.reverse()
    return top, block


def _header_above(
    lines: list[_Line], i: int, previous_end: int, columns: list[tuple[int, int]], tabbed: bool
) -> bool:
    """Past a blank line, is the next line up still a column header (periods, dates)?"""
    j = i - 1
    while j >= max(previous_end, 0) and lines[j].blank and not lines[j].marker:
        j -= 1
    if j < max(previous_end, 0) or lines[j].marker:
        return False
    line = lines[j]
    if tabbed:
        return line.tabbed and bool(_PERIOD_WORDS.search(line.text) or _MONTH.search(line.text))
    return _in_columns(line, columns) and _is_header_text(line, columns)


def _is_header_text(line: _Line, columns: list[tuple[int, int]]) -> bool:
    """Column-heading text: period and date words, or one short phrase per column; not a
    title line ("CONSOLIDATED STATEMENTS OF INCOME", "(In thousands)") and not prose."""
    # judged on what lies over the columns: a caption may sit in the label area beside it
    text = line.text[max(columns[0][0] - 2, 0):].strip() if not line.tabbed else line.text.strip()
    if len(text) > 110 or re.search(r"[a-z]{2,}\.$", text) and len(text.split()) > 6:
        return False
    if line.is_header or _PERIOD_WORDS.search(text) or _MONTH.search(text) or _HEADER_WORDS.search(text):
        return True
    phrases = [p for p in _phrases(line) if p[1] > columns[0][0] - 2]
    if len(phrases) == 1 and phrases[0][0] >= columns[0][0] - 2 and len(phrases[0][2].split()) <= 2:
        return not line.tokens  # one short note over a column ("As" over "Restated")
    return len(phrases) >= 2 and all(len(p[2].split()) <= 4 for p in phrases)


def _in_columns(line: _Line, columns: list[tuple[int, int]]) -> bool:
    """Some phrase of the line lies over the figure columns."""
    area = columns[0][0] - 2
    return any(m.end() > area for m in _PHRASE.finditer(line.text)) and not line.is_data


def _phrases(line: _Line) -> list[tuple[int, int, str]]:
    """Phrases of a header line: runs of words separated by single spaces."""
    if line.tabbed:
        cells = [c.strip() for c in line.text.split("\t")]
        return [(i, i, c) for i, c in enumerate(cells) if c]
    out = []
    for m in _PHRASE.finditer(line.text):
        start = m.start()
        for cut in _DATE_JOIN.finditer(m.group()):
            out.append((start, m.start() + cut.start(), line.text[start:m.start() + cut.start()]))
            start = m.start() + cut.end()
        out.append((start, m.end(), line.text[start:m.end()]))
    return out


def _label_edge(body: list[_Line], columns: list[tuple[int, int]], tabbed: bool) -> int:
    """Where the first column's slot begins: header text right of it heads a column, even
    where it sits left of the column's right-aligned figures ("30," over "16,177"). The
    first column is given as much room on its left as the columns leave between them."""
    if tabbed or not columns:
        return 0
    gap = columns[1][0] - columns[0][1] if len(columns) > 1 else columns[0][1] - columns[0][0]
    return max(columns[0][0] - max(gap, 2), 0)


def _left_phrases(line: _Line, columns: list[tuple[int, int]], tabbed: bool, edge: int = 0) -> list[str]:
    """Header-line text in the label area ("(in 000s," "except share data)")."""
    if tabbed:
        cells = [c.strip() for c in line.text.split("\t")]
        return [cells[0]] if cells and cells[0] else []
    limit = max(edge + 1, 0) if edge else columns[0][0] - 1
    return [p for s, e, p in _phrases(line) if e <= min(limit, columns[0][0] - 1) and not _DASHES.match(p)]


def _compose_headers(
    header_lines: list[_Line], columns: list[tuple[int, int]], tabbed: bool, edge: int = 0
) -> list[str]:
    """Per column, the header phrases above it, top to bottom; spanning phrases shared."""
    parts: list[list[str]] = [[] for _ in columns]
    for k, line in enumerate(header_lines):
        if line.is_dashes:
            continue
        below = header_lines[k + 1] if k + 1 < len(header_lines) else None
        if tabbed:
            cells = [c for c in (x.strip() for x in line.text.split("\t")[1:]) if c]
            if not cells:
                continue
            if len(cells) == len(columns):
                for index, cell in enumerate(cells):
                    parts[index].append(cell)
            else:
                for index in range(len(columns)):
                    parts[index].append(" ".join(cells))
            continue
        phrases = [p for p in _phrases(line) if p[1] > min(columns[0][0] - 1, edge + 1 if edge else columns[0][0] - 1)]
        if len(phrases) == len(columns) > 1 and all(len(p[2].split()) <= 3 for p in phrases):
            for index, phrase in enumerate(phrases):  # one head per column: in order, however aligned
                parts[index].append(phrase[2])
            continue
        if below is not None and below.is_dashes:
            phrases = _widen_to_rules(phrases, below.text)
        groups = _even_groups(phrases, columns, edge)
        if groups:
            for index, phrase in enumerate(groups):
                parts[index].append(phrase[2])
            continue
        for index, (cs, ce) in enumerate(columns):
            over = [p for p in phrases if p[0] < ce + 1 and p[1] > cs - 1]
            if len(over) > 1:  # two dates over one column: the one it lies under most
                over = [max(over, key=lambda p: (min(p[1], ce + 1) - max(p[0], cs - 1), -abs((p[0] + p[1]) - (cs + ce))))]
            if not over:  # text left-aligned in the column's slot, left of its right-aligned figures
                slot = (columns[index - 1][1] if index else edge) + 1
                over = [p for p in phrases if slot <= p[0] and p[1] <= cs]
            if not over and not _period_below(header_lines[k + 1:], cs, ce):
                over = _nearest_spanning(phrases, cs, ce)  # unless a period phrase lower down heads it
            parts[index].extend(p[2] for p in over)
    return [" ".join(" ".join(p).split()) for p in parts]


def _widen_to_rules(phrases: list[tuple[int, int, str]], rule: str) -> list[tuple[int, int, str]]:
    """A phrase over a run of dashes spans the columns the run spans."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"[-=_]+", rule)]
    out = []
    centres = [(s + e) // 2 for s, e, _ in phrases]
    for s, e, text in phrases:
        centre = (s + e) // 2
        run = next(((rs, re_) for rs, re_ in runs if rs <= centre < re_ and re_ - rs > e - s), None)
        if run and sum(1 for c in centres if run[0] <= c < run[1]) > 1:
            run = None
        out.append((run[0], run[1], text) if run else (s, e, text))
    return out


def _is_spanning(phrase: str) -> bool:
    """A phrase that names a period shared by several columns ("Six Months Ended", "June 30,")."""
    return bool(
        _DURATION.search(phrase)
        or _MONTH.search(phrase) and not re.search(r"\b(?:19|20)\d\d\b", phrase)  # "September 30," over both years
    )


def _even_groups(
    phrases: list[tuple[int, int, str]], columns: list[tuple[int, int]], edge: int = 0
) -> list[tuple[int, int, str]]:
    """Spanning phrases that split the columns into equal runs, in order ("Three Months Ended"
    and "Six Months Ended" over four columns: two each), when each lies over its own run (from
    the end of the column before it). However the rendering aligned them; else nothing."""
    k, n = len(phrases), len(columns)
    if not 1 < k < n or n % k or not all(_is_spanning(p[2]) for p in phrases):
        return []
    size = n // k
    out = []
    for g, phrase in enumerate(phrases):
        start = columns[g * size - 1][1] + 1 if g else min(edge, columns[0][0])
        end = columns[(g + 1) * size - 1][1]
        if not (phrase[0] < end + 1 and phrase[1] > start):
            return []
        out.extend([phrase] * size)
    return out


def _period_below(lines: list[_Line], cs: int, ce: int) -> bool:
    """Whether a lower header line prints a period phrase over the column ("Six months ended"
    under a "Second quarter" that heads only the columns to its left)."""
    return any(
        p[0] < ce + 1 and p[1] > cs - 1 and _DURATION.search(p[2]) for line in lines if not line.is_dashes for p in _phrases(line)
    )


def _nearest_spanning(phrases: list[tuple[int, int, str]], cs: int, ce: int) -> list[tuple[int, int, str]]:
    """A period phrase ("Three Months Ended") nearest a column it does not quite reach."""
    spanning = [p for p in phrases if _is_spanning(p[2])]
    if not spanning:
        return []
    return [min(spanning, key=lambda p: max(p[0] - ce, cs - p[1], 0))]


# ---------------------------------------------------------------- rows


def _rows(body: list[_Line], columns: list[tuple[int, int]], tabbed: bool) -> list[GridRow]:
    """Grid rows from the body: wrapped labels joined, headings kept as label-only rows."""
    rows: list[GridRow] = []
    pending: list[_Line] = []
    previous_label = ""
    for index, line in enumerate(body):
        if line.blank or line.marker or line.is_dashes:
            if pending:
                rows.extend(_heading_rows(pending))
                pending = []
            continue
        placed = _place(line, columns, tabbed)
        if placed is None and is_caption(line.text):  # "(In thousands ...)" under the dates: in the context
            rows.extend(_heading_rows(pending))
            pending = []
            continue
        if placed is None and not pending and rows and any(rows[-1].cells) and rows[-1].line == _previous_number(body, index) \
                and ends(rows[-1].label, " ".join(line.text.split())):
            last = rows[-1]  # the end of the label above, wrapped after its figures
            previous_label = f"{last.label} {' '.join(line.text.split())}"
            rows[-1] = GridRow(previous_label, last.cells, last.line, last.raw, last.alternatives)
            continue
        if placed is None:  # no figure in a column: label text, figures in it included
            if not tabbed:
                line.label = " ".join(line.text.split())
            if pending and not _continues(pending[-1], line):
                rows.extend(_heading_rows(pending))
                pending = []
            pending.append(line)
            continue
        cells, alternatives, stray = placed
        label = _own_label(line, stray)
        if pending and _continues(pending[-1], line):
            label = _join_label([p.label for p in pending] + [label])
            pending = []
        elif pending:
            rows.extend(_heading_rows(pending))
            pending = []
        label = _inherit_dash_label(label, previous_label)
        previous_label = label or previous_label  # an unlabelled line (a figure pushed down) names nothing
        rows.append(
            GridRow(label=label, cells=cells, line=line.number, raw=line.text.strip(), alternatives=alternatives)
        )
    return rows


def _previous_number(body: list[_Line], index: int) -> int | None:
    """The line number of the line just above body[index] (None at the top)."""
    return body[index - 1].number if index > 0 else None


def _own_label(line: _Line, stray: list[str]) -> str:
    """The row's label, with label-area figures (not in a column) given back to it."""
    return " ".join([line.label] + stray).strip() if stray else line.label


def _place(
    line: _Line, columns: list[tuple[int, int]], tabbed: bool
) -> tuple[list[str], list[list[str]], list[str]] | None:
    """Figures of a line put in columns; None when none lies in a column."""
    if not line.tokens or line.is_header:
        return None
    n = len(columns)
    if tabbed:
        words = [t[2] for t in line.tokens]
        if len(words) == n:
            return words, [], []
        readings = _readings(words, n) if len(words) > n else _placements(words, n)
        return readings[0], readings[1:], []
    found: list[list[str]] = [[] for _ in range(n)]
    stray: list[str] = []
    for token in line.tokens:
        col = _column_of(token, columns, tabbed)
        if col is None and token[0] > columns[0][0]:  # between columns: the nearest one's reading
            col = min(range(n), key=lambda c: min(abs(token[0] - columns[c][1]), abs(token[1] - columns[c][0])))
        if col is None:
            stray.append(token[2])
        else:
            found[col].append(token[2])
    if not any(found):
        return None
    # a column holding two figures ("6 (6,253)"): each is a reading, the longest first
    options = [sorted(f, key=lambda t: -len(t.strip("$()"))) or [""] for f in found]
    readings = [list(r) for r in itertools.islice(itertools.product(*options), 64)]
    return readings[0], readings[1:], stray


def _readings(words: list[str], n: int) -> list[list[str]]:
    """Ways to read more figures than columns: keep n in order; the likeliest first.

    The likeliest reading drops the shortest figures (a stray digit beside a number).

    >>> _readings(["(1,032)", "6", "(6,253)"], 2)[0]
    ['(1,032)', '(6,253)']
    """
    options = [list(c) for c in itertools.combinations(range(len(words)), n)]
    options.sort(key=lambda keep: -sum(len(words[i].strip("$()")) for i in keep))
    return [[words[i] for i in keep] for keep in options]


def _placements(words: list[str], n: int) -> list[list[str]]:
    """Fewer figures than columns in a tab row: every order-keeping placement, left first.

    >>> _placements(["10"], 2)
    [['10', ''], ['', '10']]
    """
    out = []
    for slots in itertools.combinations(range(n), len(words)):
        cells = [""] * n
        for slot, word in zip(slots, words):
            cells[slot] = word
        out.append(cells)
    return out


def _continues(fragment: _Line, nxt: _Line) -> bool:
    """A label line that the next line continues (deeper indent, lower case, open end)."""
    text = fragment.label or fragment.text.strip()
    if text.endswith(":"):
        return False
    nxt_label = nxt.label or nxt.text.strip()
    if not nxt_label:
        return False
    if nxt.tabbed or fragment.tabbed:
        return False
    first_letter = next((c for c in nxt_label if c.isalpha()), "")
    starts_lower = first_letter.islower() or not nxt_label[0].isalpha() and nxt_label[0] not in "-\u2013\u2014"
    unbalanced = text.count("(") > text.count(")")
    if starts_lower or unbalanced or _CONTINUES.search(text):
        return True
    return nxt.indent > fragment.indent and not _starts_new_row(text, nxt_label)


_SMALL_WORDS = frozenset("a an and as at by for from in of on or per the to with".split())


def _starts_new_row(text: str, nxt_label: str) -> bool:
    """A capitalised deeper line after a complete label is the next row under a heading
    ("Current assets" / "Cash and cash equivalents"), unless both read as one Title Case or
    capitals phrase ("Brokered" / "Certificates", "INCOME FROM" / "OPERATIONS")."""
    if not nxt_label[:1].isupper():
        return False
    own, nxt = _case_style(text), _case_style(nxt_label)
    if own == "sentence":
        return True
    if own == "upper":
        return nxt != "upper"
    return nxt == "sentence"


def _case_style(text: str) -> str:
    """"upper" (CAPITALS), "title" (Title Case, or one word) or "sentence" (Sentence case)."""
    words = re.findall(r"[A-Za-z][A-Za-z']*", text)
    if words and all(w.isupper() for w in words if len(w) > 1):
        return "upper"
    rest = [w for w in words[1:] if w.lower() not in _SMALL_WORDS]
    return "title" if all(w[0].isupper() for w in rest) else "sentence"


def _heading_rows(pending: list[_Line]) -> list[GridRow]:
    """Label-only lines that no figure row continues: headings such as "Revenues:"."""
    groups: list[list[_Line]] = []
    for line in pending:
        if groups and _continues(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    rows = []
    for group in groups:
        label = _join_label([line.label or line.text.strip() for line in group])
        if label and not _BULLET.match(label):
            rows.append(GridRow(label=label, cells=[], line=group[0].number, raw=label))
    return rows


def _join_label(parts: list[str]) -> str:
    """Join wrapped label parts; a word broken by a hyphen ("liabil-", "ities") is rejoined."""
    out = ""
    for part in (p.strip() for p in parts if p.strip()):
        if out.endswith("-") and re.search(r"(?:^|\s)[a-z]+-$", out) and part[0].islower():
            out = out[:-1] + part
        elif out.endswith("-") and part[0].islower():
            out += part
        else:
            out = f"{out} {part}".strip()
    return " ".join(out.split())


def _inherit_dash_label(label: str, previous: str) -> str:
    """"- Diluted" under "Net income per share - Basic" reads "Net income per share - Diluted"."""
    if label.startswith("-") and " - " in previous:
        return f"{previous.rsplit(' - ', 1)[0]} {label}"
    return label


def _title(context_lines: list[str]) -> str:
    """The statement title among the lines above a table, else the nearest line."""
    for line in reversed(context_lines):
        if len(line.split()) > 6 and line.endswith("."):
            continue  # a sentence that names a statement is no title
        if re.search(r"statements?|balance sheets?|financial (?:condition|position)|operations|income", line, re.I):
            return line
    return context_lines[-1] if context_lines else ""


def _units_in(grid: Grid) -> str:
    """The units phrase printed in a grid's context or headers, if any."""
    match = UNITS.search(grid.context + "\n" + "\n".join(grid.headers))
    return match.group(0).strip("() ") if match else ""
