"""Reading the layout of a plain-text statement: figures, label areas, captions, headers.

The helpers the text transformations share. They work on a document's lines and on where
`locate` found the statements, and never decide what a figure is: that is the reader's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.accuracy.locate import FIGURE, Located
from reportgen.numbers import is_nil_mark

# A units caption: "(In thousands, except per share data)", possibly over two lines, or a
# bare "In millions" line.
UNITS = re.compile(
    r"\((?:[^()]|\([^()\n]*\)){0,120}?\b(?:thousands|millions|billions|000'?s?)\b(?:[^()]|\([^()\n]*\)){0,120}?\)"
    r"|^[ \t]*(?:(?:dollars|amounts)[ \t]+)?in[ \t]+(?:thousands|millions|billions)\b[^\n]*$",
    re.I | re.M,
)
TITLE = re.compile(
    r"statements?\s+of|balance\s+sheets?|financial\s+(?:position|condition)|consolidated\s+(?:income|earnings)\b"
    r"|income\s+statements?|income\s+account",
    re.I,
)
_MARKER = re.compile(r"^\s*</?(?:TABLE|CAPTION|S|C|FN|PAGE)\b[^>]*>", re.I)
_RULE = re.compile(r"^[\s\-=_.]+$")
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Caption:
    """A units caption: its text and the (line, start, end) pieces it is printed in."""

    text: str
    pieces: tuple[tuple[int, int, int], ...]


def is_blank(line: str) -> bool:
    """Nothing but whitespace."""
    return not line.strip()


def is_marker(line: str) -> bool:
    """An EDGAR table marker line: <TABLE>, <CAPTION>, <S> <C>, </TABLE>, <PAGE>."""
    return bool(_MARKER.match(line))


def is_rule(line: str) -> bool:
    """A line of underlining only (dashes, equals signs, underscores)."""
    return bool(line.strip()) and bool(_RULE.match(line)) and any(c in line for c in "-=_")


def figures(line: str) -> list[tuple[int, int, str]]:
    """The figures that end a line, as (start, end, text); a tab layout's cells count too."""
    if "\t" in line:
        out: list[tuple[int, int, str]] = []
        position = line.index("\t")
        for cell in line.split("\t")[1:]:
            position += 1
            if cell.strip():
                out.append((position, position + len(cell), cell))
            position += len(cell)
        return out
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(line)]
    run: list[tuple[int, int, str]] = []
    for start, end, text in reversed(tokens):
        if _is_figure(text):
            run.insert(0, (start, end, text))
        else:
            break
    return [t for t in run if t[2] != "$"] if any(t[2] != "$" for t in run) else []


def _is_figure(token: str) -> bool:
    """A token of a row's figures: a number, a "$", or a nil mark ("--", "N/A", "NM")."""
    return bool(FIGURE.fullmatch(token)) or token == "$" or is_nil_mark(token)


def label_end(line: str) -> int:
    """Where the label part of a row ends: the first of its trailing figures (or "$")."""
    if "\t" in line:
        return line.index("\t")
    tokens = [(m.start(), m.group(0)) for m in _TOKEN.finditer(line)]
    end = len(line.rstrip())
    for start, text in reversed(tokens):
        if _is_figure(text):
            end = start
        else:
            break
    return end


def label(line: str) -> str:
    """The label text of a row, whitespace-normalised."""
    return " ".join(line[: label_end(line)].split())


def indent(line: str) -> int:
    """Leading spaces."""
    return len(line) - len(line.lstrip(" "))


def is_data_row(line: str) -> bool:
    """A line of some table: two figures or more at its end."""
    return len(figures(line)) >= 2


def header_lines(lines: list[str], statement: Located) -> list[int]:
    """The column-header text lines of a statement, top to bottom (no blanks, rules, markers,
    nor the section headings between the last header line and the first row)."""
    found = [
        i for i in range(statement.start, statement.first_row)
        if not is_blank(lines[i]) and not is_marker(lines[i]) and not is_rule(lines[i])
    ]
    edge = label_area(lines, statement)
    while found and not _over_columns(lines[found[-1]], edge):
        found.pop()
    return found


def header_end(lines: list[str], statement: Located) -> int | None:
    """The line after a statement's column headers and their underlining or <S> marker."""
    headers = header_lines(lines, statement)
    if not headers:
        return None
    at = headers[-1] + 1
    while at < statement.first_row and (is_rule(lines[at]) or is_marker(lines[at])):
        at += 1
    return at


def _over_columns(line: str, edge: int | None) -> bool:
    """Some text of the line lies over the figure columns."""
    if edge is None:
        return "\t" in line and bool("".join(line.split("\t")[1:]).strip())
    return bool(line[edge:].strip())


def label_area(lines: list[str], statement: Located) -> int | None:
    """Where a space layout's figure columns begin (None for a tab layout)."""
    if any("\t" in lines[i] for i in statement.rows):
        return None
    spans = columns(lines, statement.rows)
    return max(spans[0][0] - 1, 0) if spans else None


def caption_of(lines: list[str], statement: Located, others: list[Located]) -> Caption | None:
    """The units caption printed above a statement's first row (or shared with the statement
    just above it, when one caption heads both)."""
    top = statement.first_row - 1
    while top > 0 and top > statement.first_row - 40:
        if top <= statement.start and is_data_row(lines[top - 1]):
            break
        top -= 1
    found = _last_caption(lines, top, statement, label_area(lines, statement))
    if found is not None:
        return found
    above = [o for o in others if o.last_row < statement.start and o.last_row >= top - 1]
    return caption_of(lines, above[-1], [o for o in others if o is not above[-1]]) if above else None


def _part_of_header(lines: list[str], index: int, statement: Located) -> bool:
    """A line inside the statement's own header block."""
    return statement.start <= index < statement.first_row


def _last_caption(lines: list[str], start: int, statement: Located, edge: int | None) -> Caption | None:
    """The last units caption from line `start` to the first row: whole lines above the
    headers, and the label area of the header lines (where a caption may sit beside them)."""
    views: list[tuple[int, str]] = []
    for i in range(start, statement.first_row):
        line = lines[i]
        if i >= statement.start and edge is not None:
            line = line[:edge]
        elif i >= statement.start and "\t" in line:
            line = line[: line.index("\t")]
        views.append((i, line))
    offsets = []
    position = 0
    for _, view in views:
        offsets.append(position)
        position += len(view) + 1
    region = "\n".join(view for _, view in views)
    matches = list(UNITS.finditer(region))
    if not matches:
        return None
    match = matches[-1]
    pieces: list[tuple[int, int, int]] = []
    for (i, view), a in zip(views, offsets):
        lo, hi = max(a, match.start()), min(a + len(view), match.end())
        if lo < hi:
            pieces.append((i, lo - a, hi - a))
    text = " ".join(match.group(0).split())
    return Caption(text, tuple(pieces))


def title_line(lines: list[str], statement: Located) -> int | None:
    """The statement's title line, just above its headers."""
    for i in range(statement.start - 1, max(-1, statement.start - 14), -1):
        if is_data_row(lines[i]):
            return None
        if TITLE.search(lines[i]) and not UNITS.fullmatch(lines[i].strip()):
            return i
    return None


def table_open(lines: list[str], statement: Located) -> int | None:
    """The <TABLE> line that opens a statement printed in EDGAR table markers."""
    for i in range(statement.first_row - 1, max(-1, statement.start - 8), -1):
        if lines[i].strip().upper().startswith("<TABLE"):
            return i
    return None


def blank_out(line: str, start: int, end: int) -> str:
    """The line with [start, end) replaced by spaces (columns keep their places)."""
    return (line[:start] + " " * (end - start) + line[end:]).rstrip()


def set_label(line: str, text: str) -> str | None:
    """The row with its label replaced (figures kept in their columns); None if it cannot fit."""
    end = label_end(line)
    if "\t" in line:
        return text + line[end:]
    lead = " " * indent(line)
    room = end - len(lead) - 1
    if len(text) > room and end < len(line):
        return None
    return (lead + text).ljust(end) + line[end:] if end < len(line) else lead + text


def columns(lines: list[str], rows: tuple[int, ...]) -> list[tuple[int, int]]:
    """Character spans of the figure columns over a statement's rows (space layouts): the
    spans that figures of at least a third of the rows fall in."""
    spans: list[tuple[int, int]] = []
    for i in rows:
        for start, end, _ in figures(lines[i]):
            spans.append((start, end))
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2] += 1
        else:
            merged.append([start, end, 1])
    return [(a, b) for a, b, n in merged if n * 3 >= len(rows)]
