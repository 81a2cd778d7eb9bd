"""HTML (and inline-XBRL) documents reduced to Grids and to readable narrative text.

Filing tables put the `$`, the number and the closing `)` or `%` in cells of their own,
use colspans freely, and stack spanning headers ("Three Months Ended") over dated ones
("December 25, 2010"). Columns are therefore found by content: every cell holding a
number marks a physical column, and physical columns that never hold two different
numbers of one row are one logical column. Headers are then composed per logical column
from the header rows above the first row of figures.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from reportgen.extract.grid import Grid, GridRow, continued_by, is_page_furniture, join_wrapped
from reportgen.extract.textclean import lowered
from reportgen.extract.htmldom import element_text, parse_html
from reportgen.extract.ixbrl import KEY_CONCEPTS, XbrlDocument, lowered_is_inline_xbrl, read_ixbrl_tree
from reportgen.limits import cap_rows

# A printed figure: optional sign, $ and parentheses, digits with thousands separators,
# optional decimals and percent. Text around it is not allowed: "2.5 million" is prose.
_NUMBER = re.compile(
    r"^\(?\s*[-\u2013\u2014\u2212]?\s*\$?\s*\(?\s*(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?"
    r"\s*\)?\s*%?\s*\)?$"
)
_HAS_DIGIT = re.compile(r"\d")
# Cells that stand for a value without digits: nil dashes and "not meaningful" marks.
_NIL = re.compile(r"^\(?\s*(?:[-\u2013\u2014\u2212]{1,3}|n/?a|n/?m|nmf?)\s*\)?\s*%?$", re.I)
# Cells that only decorate the neighbouring number.
_PREFIX = re.compile(r"^[$(\s]+$")
_SUFFIX = re.compile(r"^[)%\s]+$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# Footnote markers: "(1)", "(a)", "(C & E)", "*", daggers, at the end of a label or number.
_NOTE = r"(?:\d{1,2}|[A-Za-z])"
_MARKER = re.compile(
    rf"\s*(?:\({_NOTE}(?:\s*(?:,|&|and)\s*{_NOTE})*\)|\*+|[\u2020\u2021\u00a7]+)(?=\s*:?\s*$)"
)
_MARKER_ENDS = (")", "*", "\u2020", "\u2021", "\u00a7")  # the last character of a _MARKER match
_SUP_MARKER = re.compile(
    r"^\(?\s*(?:\d{1,2}|[a-zA-Z]|\*+|[\u2020\u2021\u00a7]+)(?:\s*,\s*\w{1,2})*\s*\)?$"
)
_BLOCK_TAGS = frozenset(
    "p div br tr li ul ol h1 h2 h3 h4 h5 h6 table center hr blockquote pre dt dd title".split()
)
_SKIP_TAGS = frozenset(("script", "style", "head", "ix:header"))
_CONTEXT_LINES = 4  # text lines before a table kept as its context
_CONTEXT_CHARS = 600


@dataclass
class _Token:
    """A non-empty cell of one row: its physical column span and its text."""

    start: int
    end: int  # inclusive
    text: str
    value: bool = False  # holds a figure (digits) or a nil mark
    digits: bool = False
    line: int | None = None  # source line of the cell


@dataclass
class _Pre:
    """A <pre> block: plain text laid out in columns, read by the text-table reader."""

    text: str
    line: int | None


@dataclass
class _Row:
    """A table row as tokens, with its source line."""

    tokens: list[_Token]
    line: int | None


_HIDDEN = re.compile(r"display\s*:\s*none", re.I)


# Superscripts set by style rather than <sup>: Workiva raises "(a)" with a negative top.
_SUPER = re.compile(r"vertical-align\s*:\s*super", re.I)
_RELATIVE = re.compile(r"position\s*:\s*relative", re.I)
_NEGATIVE_TOP = re.compile(r"(?<![\w-])top\s*:\s*-", re.I)


def _is_raised(style: str) -> bool:
    """Whether a style lifts its text above the line (in either order of its properties)."""
    if _SUPER.search(style):
        return True
    return bool(_RELATIVE.search(style) and _NEGATIVE_TOP.search(style))


# Whether the raw (lower-cased) document may hold a style `prepare` acts on: its property, any
# blanks, and a colon written plainly or as a character reference (the parser decodes those
# before `_HIDDEN` and `_is_raised` see the style). A superset of what they match, so a "no"
# safely spares the pass over every element.
_BLANKS = r"(?:\s|&#0*(?:9|10|13|32);|&#x0*(?:9|a|d|20);)*"
_COLON = rf"{_BLANKS}(?::|&#0*58;|&#x0*3a;|&colon;){_BLANKS}"
_MAY_HIDE = re.compile(rf"display{_COLON}none")
_MAY_TOP = re.compile(rf"top{_COLON}(?:-|&#0*45;|&#x0*2d;)")  # with "super", what may raise a mark


def load(html: str) -> tuple[etree._Element, XbrlDocument | None]:
    """A document parsed and prepared for reading (see `prepare`), with its inline XBRL.

    The inline XBRL (contexts, dei facts and the key concepts' facts) is read from the same
    parse before `prepare` drops the hidden ix:header: an iXBRL document is parsed once.
    """
    low = lowered(html)  # substring tests on it are far cheaper than case-blind regexes
    root = parse_html(html)
    xbrl = read_ixbrl_tree(root, KEY_CONCEPTS) if lowered_is_inline_xbrl(low) else None
    hidden, raised = bool(_MAY_HIDE.search(low)), "super" in low or bool(_MAY_TOP.search(low))
    return prepare(root, hidden=hidden, raised=raised), xbrl


def prepare(root: etree._Element, hidden: bool = True, raised: bool = True) -> etree._Element:
    """Drop hidden content and footnote superscripts; make line breaks spaces in text.

    Hidden elements go as a browser would hide them: Workiva documents carry hidden
    (display:none) table cells and the hidden ix:header. A footnote mark raised by <sup> or
    by style goes, so "12,734" with a raised "1" is not read as 127,341. `hidden=False` and
    `raised=False` say the source has no such styles, which spares a search of every element.
    """
    marks = list(root.iter("sup"))
    doomed: list[etree._Element] = []
    if hidden or raised:
        # One pass in Python: faster here than XPath's contains() over every element; each
        # distinct style judged once (a Workiva 10-Q repeats some 750 styles over 30,000 elements)
        judged: dict[str, str] = {}
        for el in root.iter(etree.Element):
            style = el.get("style")
            if not style:
                continue
            effect = judged.get(style)
            if effect is None:
                effect = judged[style] = _style_effect(style, hidden, raised)
            if effect == "hidden":
                doomed.append(el)
            elif effect == "raised":
                marks.append(el)
    for el in doomed:
        _drop(el)
    for mark in marks:
        if _SUP_MARKER.match(element_text(mark)):
            mark.text = None
            for child in list(mark):
                mark.remove(child)  # a child's tail is marker text too: it goes with it
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return root


def _style_effect(style: str, hidden: bool, raised: bool) -> str:
    """What an inline style does to its element's text: "hidden", "raised" (a footnote mark) or ""."""
    low = style.lower()
    if hidden and "none" in low and _HIDDEN.search(style):
        return "hidden"
    if raised and ("super" in low or ("top" in low and "relat" in low)) and _is_raised(style):
        return "raised"
    return ""


def _drop(el: etree._Element) -> None:
    """Remove an element but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _norm(text: str) -> str:
    """Collapse whitespace (nbsp and line breaks included) to single spaces."""
    return " ".join(text.split())


def _strip_markers(text: str) -> str:
    """Remove trailing footnote markers from a label or a figure."""
    if not _may_end_in_marker(text):
        return text.strip()  # what the loop below returns when _MARKER cannot match
    previous = None
    while previous != text:
        previous = text
        text = _MARKER.sub("", text).strip()
    return text


def _may_end_in_marker(text: str) -> bool:
    """Whether the text ends as a _MARKER match must: a marker's last character, then at
    most spaces and one colon. Tested first, it spares the regex's scan of long labels."""
    end = text.rstrip()
    if end.endswith(":"):
        end = end[:-1].rstrip()
    return end.endswith(_MARKER_ENDS)


def _strip_value_markers(text: str) -> str:
    """Drop a footnote marker after a figure, but never the figure itself: "(71)" stays."""
    stripped = _strip_markers(text)
    return stripped if _HAS_DIGIT.search(stripped) else text


def _own_rows(table: etree._Element) -> list[etree._Element]:
    """The table's rows, not those of tables nested in its cells."""
    rows: list[etree._Element] = []
    for child in table:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("tbody", "thead", "tfoot"):
            rows.extend(c for c in child if c.tag == "tr")
    return cap_rows(rows)[0]  # statements are short; rows past the limit are not one


def _span(cell: etree._Element, attribute: str = "colspan") -> int:
    """A cell's colspan (or rowspan), sane even when the attribute is not."""
    value = cell.get(attribute)
    return _span_value(value) if value else 1


@lru_cache(maxsize=256)
def _span_value(value: str) -> int:
    """A span attribute's value read once: a Workiva table repeats the same few thousands of times."""
    try:
        return max(1, min(int(value), 100))
    except ValueError:
        return 1


def _rowspan(cell: etree._Element) -> int:
    """A cell's rowspan, sane even when the attribute is not."""
    return _span(cell, "rowspan")


# Whether a table (nested ones included) spans any cell: when not, no cell's attribute is read.
# Most tables span columns: "[1]" lets libxml2 stop at the first spanning cell (3x faster
# there), where `.//@colspan` collects every one. Rowspans are rare, and on a table without
# any "[1]" is slower, so that test stays a plain node-set.
_HAS_COLSPAN = etree.XPath("boolean(descendant-or-self::*[@colspan][1])")
_HAS_ROWSPAN = etree.XPath("boolean(.//@rowspan)")


def _is_blank(tr: etree._Element) -> bool:
    """Whether a row prints nothing: one serialisation in C instead of a visit to each cell."""
    text = etree.tostring(tr, method="text", encoding=str, with_tail=False)
    return not text or text.isspace()


def _table_tokens(trs: list[etree._Element], colspans: bool = True, rowspans: bool = True) -> list[list[_Token]]:
    """Each row's non-empty cells as tokens with physical spans.

    A cell spanning rows (rowspan) takes its columns in the rows below too, so their cells
    start further right, as a browser lays them out. `colspans=False` and `rowspans=False`
    say no cell has the attribute (an attribute read costs as much as the cell's text).
    """
    taken: dict[int, int] = {}  # physical column -> rows it stays taken for
    out: list[list[_Token]] = []
    for tr in trs:
        if not rowspans and _is_blank(tr):
            out.append([])  # a spacer row: no cell to read, and no rowspan to carry down
            continue
        tokens: list[_Token] = []
        col = 0
        below: dict[int, int] = {}
        for cell in tr.iterchildren("td", "th"):  # lxml filters the tags in C
            while taken and taken.get(col, 0) > 0:
                col += 1
            colspan = cell.get("colspan") if colspans else None
            span = _span_value(colspan) if colspan else 1
            # A cell without children holds just its text: no serialisation needed to read it.
            text = etree.tostring(cell, method="text", encoding=str, with_tail=False) if len(cell) else cell.text
            if text and not text.isspace():  # most cells of a filing table are bare spacers
                text = " ".join(text.split())
                tokens.append(_Token(col, col + span - 1, text, False, False, cell.sourceline))
            if rowspans and cell.get("rowspan"):
                rows = _rowspan(cell)
                for c in range(col, col + span):
                    below[c] = rows - 1
            col += span
        if taken:
            taken = {c: n - 1 for c, n in taken.items() if n > 1}
        if below:
            taken.update(below)
        out.append(tokens)
    return out


@lru_cache(maxsize=4096)
def _value_reading(text: str) -> tuple[str, bool] | None:
    """(figure without markers or spaces, has digits) for a value cell, else None; cached, as
    "$", "—" and the column dates recur in every table of a filing."""
    if not _HAS_DIGIT.search(text):
        # No digit: markers stay (see _strip_value_markers) and only a nil mark is a value.
        return (text.replace(" ", ""), False) if _NIL.match(text) else None
    text = _strip_value_markers(text)
    if bool(_HAS_DIGIT.search(text) and _NUMBER.match(text)) or bool(_NIL.match(text)):
        return text.replace(" ", ""), bool(_HAS_DIGIT.search(text))
    return None


def _merge(tokens: list[_Token]) -> list[_Token]:
    """Join `$`, `(` cells to the figure after them and `)`, `%` cells to the one before."""
    out: list[_Token] = []
    pending: _Token | None = None
    for tok in tokens:
        value = _value_reading(tok.text)
        if value is not None:
            tok.text, tok.value, tok.digits = value[0], True, value[1]  # the row's own token: no copy needed
            if pending is not None:
                tok.text = (pending.text + tok.text).replace(" ", "")
                pending = None
            out.append(tok)
        elif _PREFIX.match(tok.text):
            if pending is not None:
                out.append(pending)
            pending = tok
        elif _SUFFIX.match(tok.text) and out and out[-1].value and out[-1].end < tok.start:
            out[-1].text = (out[-1].text + tok.text).replace(" ", "")
        else:
            if pending is not None:
                out.append(pending)
                pending = None
            out.append(tok)
    if pending is not None:
        out.append(pending)
    return out


_NOTE_NUMBER = re.compile(r"^(?:\(\d{1,2}\)|\d{1,2}\.|\*+)$")


def _unmark_notes(tokens: list[_Token]) -> list[_Token]:
    """A row opening with "(1)" followed by text is a footnote, not a figure."""
    if len(tokens) >= 2 and tokens[0].value and _NOTE_NUMBER.match(tokens[0].text):
        if not tokens[1].value:
            tokens[0].value = tokens[0].digits = False
    return tokens


def _is_header_value(tok: _Token) -> bool:
    """A figure-looking header cell: a bare year such as 2014."""
    return bool(_YEAR.match(tok.text))


def _columns(rows: list[_Row]) -> list[tuple[int, int]]:
    """Logical numeric columns as physical (start, end) ranges, left to right.

    Anchors are the right edges of figure cells (figures are right-aligned). Neighbouring
    anchors belong to one column unless some row holds separate figures at both.
    """
    # For each anchor, the rows with a figure ending there and the leftmost start of those
    # figures, gathered in one pass over the rows.
    rows_at: dict[int, set[int]] = {}
    first_start: dict[int, int] = {}
    for i, row in enumerate(rows):
        for t in row.tokens:
            if t.digits:
                rows_at.setdefault(t.end, set()).add(i)
                if t.start < first_start.get(t.end, t.start + 1):
                    first_start[t.end] = t.start
    groups: list[set[int]] = []
    touched: set[int] = set()  # the rows with a figure ending in the last group
    for anchor in sorted(rows_at):
        here = rows_at[anchor]
        if groups and touched.isdisjoint(here):
            groups[-1].add(anchor)
            touched |= here
        else:
            groups.append({anchor})
            touched = set(here)
    return _without_overlaps([(min(first_start[end] for end in group), max(group)) for group in groups])


def _without_overlaps(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Column ranges clipped so none overlaps the one before: each start moved just past its end."""
    clipped: list[tuple[int, int]] = []
    for start, end in ranges:
        if clipped and start <= clipped[-1][1]:
            start = clipped[-1][1] + 1
        clipped.append((start, end))
    return clipped


def _column_of(tok: _Token, columns: list[tuple[int, int]], starts: list[int]) -> int | None:
    """The logical column a value token sits in: the last one its span reaches.

    Columns are disjoint and in order (see _columns), with `starts` their starts: the last
    one starting at or before the token's end is the only one that may reach it.
    """
    i = bisect_right(starts, tok.end) - 1
    return i if i >= 0 and columns[i][1] >= tok.start else None


def _label(tokens: list[_Token], first_col: int) -> str:
    """The row's label: text printed left of the first numeric column."""
    # Start, not end: a heading cell may span the whole row ("Operating expenses:").
    parts = [t.text for t in tokens if t.start < first_col and not t.value]
    return _strip_markers(" ".join(parts))


def _is_data_row(row: _Row) -> bool:
    """A row of figures: one that is not a bare header year, or a labelled row of nil marks."""
    if any(t.digits and not _is_header_value(t) for t in row.tokens):
        return True
    nils = [i for i, t in enumerate(row.tokens) if t.value and not t.digits]
    return bool(nils) and nils[0] > 0 and not any(t.value for t in row.tokens[: nils[0]])


def html_grids(html: str, source_name: str, first_line: int = 1) -> list[Grid]:
    """Every table of an HTML filing with figures in it, as a Grid."""
    return html_document(html, source_name, first_line).grids


@dataclass(frozen=True)
class HtmlRead:
    """What one parse of an HTML document gives: its tables, its narrative text, and its
    inline XBRL (None when it carries none)."""

    grids: list[Grid]
    text: str
    xbrl: XbrlDocument | None


def html_document(html: str, source_name: str, first_line: int = 1) -> HtmlRead:
    """The grids, the narrative text and the inline XBRL of an HTML document, from one parse.

    `first_line` is the document's first line in the file (EDGAR submissions hold several
    documents), so every row's line points into the file as given.
    """
    del source_name  # rows carry their lines; the caller knows the file
    root, xbrl = load(html)
    walker = _Walker(rowspans="rowspan" in lowered(html))  # the copy load() lowered
    walker.walk(root)
    del root  # the tree is not needed past the walk
    walker.flush()
    text = "\n".join(walker.lines)
    offset = first_line - 1
    grids: list[Grid] = []
    previous: Grid | None = None  # the last grid of the table before, while it may continue
    for item in walker.tables:
        if isinstance(item, _Pre):
            grids.extend(_pre_grids(item))
            previous = None
            continue
        rows, context, line, between = item
        new = _table_grids(rows, context, line)
        if new and previous is not None and _continues(previous, new[0], between):
            previous.rows.extend(new[0].rows)
            new = new[1:]
        grids.extend(new)
        if new:
            previous = new[-1]
        elif not rows:
            continue  # an empty layout table changes nothing
        elif between:
            previous = None
    if offset:
        _shift_lines(grids, offset)
    return HtmlRead(grids, text, xbrl)


_FURNITURE = re.compile(
    r"^(?:page\s*)?[-\u2013\u2014\s]*\d{1,3}[-\u2013\u2014\s]*$|^table\s+of\s+contents$"
    r"|^\(?continued\)?$|^\(?unaudited\)?$",
    re.I,
)
_CONTINUED = re.compile(r"[\s,\-\u2013\u2014]*\(?\bcontinued\b\)?", re.I)
_MAX_BETWEEN = 8  # lines of page footer and header a page break may put between two parts


def _continues(before: Grid, grid: Grid, between: list[str]) -> bool:
    """Whether a table is the rest of the one before, split by a page break.

    Its columns are the same and headed the same or not at all, and only page furniture lies
    between: page numbers, "Table of Contents", or the first part's own title lines repeated.
    """
    if grid.ncols != before.ncols or len(between) > _MAX_BETWEEN:
        return False
    if any(grid.headers) and _squash(grid.headers) != _squash(before.headers):
        return False
    repeated = {_CONTINUED.sub("", line).strip().casefold() for line in before.context.split("\n")}
    broken = any(_FURNITURE.match(line) for line in between) or not between
    return all(
        _FURNITURE.match(line) or _CONTINUED.sub("", line).strip().casefold() in repeated
        or broken and is_page_furniture(line)  # a running header beside the page number
        for line in between
    )


def _squash(headers: list[str]) -> list[str]:
    """Headers compared without case or spacing."""
    return [" ".join(h.split()).casefold() for h in headers]


def _pre_grids(pre: _Pre) -> list[Grid]:
    """Tables in a <pre> block (older EDGAR HTML wraps whole text filings in one)."""
    from reportgen.extract.text_tables import text_grids

    return text_grids(pre.text, pre.line or 1)


def _shift_lines(grids: list[Grid], offset: int) -> None:
    """Make document lines file lines."""
    for grid in grids:
        grid.line = grid.line + offset if grid.line is not None else None
        for row in grid.rows:
            row.line = row.line + offset if row.line is not None else None


def _table_grids(rows: list[_Row], context: str, line: int | None) -> list[Grid]:
    """A table as one Grid per header block (a table may restate its headers midway)."""
    if not any(_is_data_row(r) for r in rows):
        return []
    grids = []
    for block in _blocks(rows):
        grid = _grid(block, context, line)
        if grid is not None:
            grids.append(grid)
    return grids


def _blocks(rows: list[_Row]) -> list[list[_Row]]:
    """Split rows where a new header block starts after figures (text-only column heads)."""
    columns = _columns(rows)
    if not columns:
        return [rows]
    first = columns[0][0]
    blocks: list[list[_Row]] = [[]]
    seen_data = False
    for row in rows:
        heads = [t for t in row.tokens if t.start >= first and not t.value]
        labels = [t for t in row.tokens if t.start < first]
        data = _is_data_row(row)
        is_head = bool(heads) and not labels and not data
        if is_head and seen_data:
            blocks.append([])
            seen_data = False
        if data:
            seen_data = True
        blocks[-1].append(row)
    return [b for b in blocks if b]


def _grid(rows: list[_Row], context: str, line: int | None) -> Grid | None:
    """One header block and the rows under it as a Grid."""
    start = next((i for i, r in enumerate(rows) if _is_data_row(r)), None)
    if start is None:
        return None
    columns = _columns(rows[start:])
    if not columns:
        return None
    first = columns[0][0]
    label_end = max((t.end for r in rows[start:] for t in r.tokens if t.end < first), default=-1)
    top = _wrapped_start(rows, start, first)
    headers, titles = _headers(rows[:top], columns, label_end)
    grid_rows = join_wrapped([_grid_row(r, columns, first) for r in rows[top:]])
    ctx = "\n".join(x for x in [context, *titles] if x)
    title = _title(ctx)
    return Grid(headers=headers, rows=grid_rows, context=ctx, line=line, title=title)


def _wrapped_start(rows: list[_Row], start: int, first: int) -> int:
    """The first body row: the first row of figures, or the label-only row just above it
    whose label does not end there (the start of a label wrapped over two rows)."""
    if start == 0:
        return start
    above = rows[start - 1]
    label = _label(above.tokens, first)
    if above.tokens and all(t.end < first for t in above.tokens) and label and continued_by(label, _label(rows[start].tokens, first)):
        return start - 1
    return start


def _headers(
    rows: list[_Row], columns: list[tuple[int, int]], label_end: int
) -> tuple[list[str], list[str]]:
    """One header string per column from the rows above the figures, plus title lines.

    `label_end` is the last physical column the row labels use: a header cell reaching
    into it spans labels and figures alike, so it is a title, not a column head.
    """
    parts: list[list[str]] = [[] for _ in columns]
    titles: list[str] = []
    first = columns[0][0]
    for row in rows:
        heads = any(tok.start >= first and tok.start > label_end for tok in row.tokens)
        for tok in row.tokens:
            if heads and tok.end < first and _PERIOD_STUB.search(tok.text):
                # "Three Months Ended March 31," printed over the labels, beside "2024 2023":
                # it heads every column of its row.
                for part in parts:
                    part.append(tok.text)
            if tok.end < first or tok.start <= label_end:
                # Over the labels ("(MILLIONS, EXCEPT PER SHARE DATA)") or across the whole
                # table: a title or units line, read with the text before the table.
                titles.append(tok.text)
                continue
            hit = [i for i, (s, e) in enumerate(columns) if tok.start <= e and tok.end >= s]
            anchored = [i for i in hit if tok.start <= columns[i][1] <= tok.end]
            for i in anchored or hit[-1:] or _nearest(tok, columns):
                parts[i].append(_strip_markers(tok.text))
    return [" ".join(p) for p in parts], titles


_HEADER_SLACK = 2  # physical columns a header cell may sit off its figures (")" cells)


def _nearest(tok: _Token, columns: list[tuple[int, int]]) -> list[int]:
    """The column a header cell sits just beside, when it overlaps none (misaligned heads)."""
    distances = [(min(abs(tok.start - e), abs(s - tok.end)), i) for i, (s, e) in enumerate(columns)]
    distance, index = min(distances)
    return [index] if distance <= _HEADER_SLACK else []


_PERIOD_STUB = re.compile(r"\b(?:months?|weeks?|quarters?|years?|period)\s+ended\b", re.I)


def _grid_row(row: _Row, columns: list[tuple[int, int]], first: int) -> GridRow:
    """A data row: label and one raw figure per column ("" where blank)."""
    cells = [""] * len(columns)
    starts = [start for start, _ in columns]
    for tok in row.tokens:
        if not tok.value or tok.end < first:
            continue
        col = _column_of(tok, columns, starts)
        if col is not None and not cells[col]:
            cells[col] = tok.text
    raw = " ".join(t.text for t in row.tokens)
    return GridRow(label=_label(row.tokens, first), cells=cells, line=row.line, raw=raw)


_TITLE_CHARS = 160  # a statement title is a heading, not a paragraph that names one
_TITLE = re.compile(r"statements?\s+of|balance\s+sheets?|financial\s+position", re.I)


def _title(context: str) -> str:
    """The statement title among the context lines, if one reads like one."""
    for line in reversed(context.splitlines()):
        if len(line) <= _TITLE_CHARS and _TITLE.search(line):
            return line.strip()
    return ""


class _Walker:
    """One pass over the document: narrative lines in order, and each table's context."""

    def __init__(self, rowspans: bool = True) -> None:
        # False when the document holds no "rowspan" at all: no table need be searched for one
        self._rowspans = rowspans
        self.lines: list[str] = []
        # (rows, context, line, lines of text since the table before) or a <pre> block
        self.tables: list[tuple[list[_Row], str, int | None, list[str]] | _Pre] = []
        self._buf: list[str] = []
        self._since_table = 0  # index in lines where text after the last table starts

    def walk(self, el: etree._Element) -> None:
        """Visit an element and its children in document order."""
        tag = el.tag  # each read of .tag, .text or .tail builds a new string: read once
        if not isinstance(tag, str) or tag in _SKIP_TAGS:
            return
        if tag == "table":
            self._table(el)
            return
        if tag == "pre":
            self._pre(el)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        self._walk_content(el)
        if block:
            self.flush()

    def flush(self) -> None:
        """End the current line of text."""
        if not self._buf:
            return  # nothing since the last block edge: the usual case, from nested blocks
        text = _norm("".join(self._buf))
        self._buf.clear()
        if text:
            self.lines.append(text)

    def _table(self, table: etree._Element) -> None:
        """Record the table with the text just before it, then its own text if narrative."""
        self.flush()
        recent = self.lines[max(self._since_table, len(self.lines) - _CONTEXT_LINES):]
        context = "\n".join(recent)[-_CONTEXT_CHARS:]
        trs = _own_rows(table)
        # A row's line is where its first cell (the label, as a rule) is printed. A row without
        # tokens is left out at once: merging keeps every token, so it is the only empty one.
        rows = [
            _Row(_unmark_notes(_merge(tokens)), tokens[0].line)
            for tokens in _table_tokens(trs, _HAS_COLSPAN(table), self._rowspans and _HAS_ROWSPAN(table))
            if tokens
        ]
        # Past _MAX_BETWEEN lines only the count matters (_continues), so no more are copied:
        # a document of layout tables would otherwise copy its whole text once per table.
        between = self.lines[self._since_table : self._since_table + _MAX_BETWEEN + 1]
        self.tables.append((rows, context, table.sourceline, between))
        is_data = any(sum(t.digits for t in r.tokens) >= 2 for r in rows)
        if not is_data:
            for tr in trs:
                cells = [c for c in tr if c.tag in ("td", "th")]
                texts = []
                for cell in cells:
                    sub = _Walker(self._rowspans)
                    sub.walk_children(cell)
                    texts.append(" ".join(sub.lines))
                    self.tables.extend(sub.tables)
                line = _norm(" ".join(t for t in texts if t))
                if line:
                    self.lines.append(line)
            return  # a layout table's text is context for the table after it
        self._since_table = len(self.lines)

    def _pre(self, pre: etree._Element) -> None:
        """Keep a <pre> block's layout for the text-table reader; its lines join the text."""
        self.flush()
        text = etree.tostring(pre, method="text", encoding=str, with_tail=False)
        self.tables.append(_Pre(text, pre.sourceline))
        self.lines.extend(line for line in (_norm(raw) for raw in text.split("\n")) if line)
        self._since_table = len(self.lines)

    def walk_children(self, el: etree._Element) -> None:
        """Visit an element's content as if it were a block of its own."""
        self._walk_content(el)
        self.flush()

    def _walk_content(self, el: etree._Element) -> None:
        """An element's own text, its children and their tails, in document order."""
        text = el.text
        if text:
            self._buf.append(text)
        for child in el:
            self.walk(child)
            tail = child.tail
            if tail:
                self._buf.append(tail)


def html_to_text(html: str) -> str:
    """The document's readable text, one paragraph a line; tables of figures left out."""
    return text_from_tree(load(html)[0])


def text_from_tree(root: etree._Element) -> str:
    """Narrative text from an already parsed and prepared document."""
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    return "\n".join(walker.lines)
