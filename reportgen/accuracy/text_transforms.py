"""Layout-changing transformations of plain-text filings: the figures stay, the layout moves.

Each function takes a `TextDoc` (the decoded lines and where the statements are) and returns
the transformed lines, or None where the transformation does not fit the filing. Edits are
made on the original line numbers through `Edits`, so one transformation never has to track
the shifts of another.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.accuracy import text_layout as T
from reportgen.accuracy.locate import Located
from reportgen.accuracy.rewrites import DISTRACTORS, WORDINGS, shifted


@dataclass(frozen=True)
class TextDoc:
    """A text filing to transform."""

    lines: list[str]
    statements: dict[str, Located]
    company: str
    body: int  # the first line after the EDGAR header (0 when there is none)

    def caption(self, kind: str) -> T.Caption | None:
        """The units caption of a statement."""
        others = [s for k, s in self.statements.items() if k != kind]
        return T.caption_of(self.lines, self.statements[kind], others)


@dataclass
class Edits:
    """Replacements keyed by original line index; lines inserted before or after a line."""

    lines: list[str]
    replace: dict[int, str | None] = field(default_factory=dict)  # None: delete the line
    before: dict[int, list[str]] = field(default_factory=dict)
    after: dict[int, list[str]] = field(default_factory=dict)

    def line(self, i: int) -> str:
        """The line as edited so far."""
        value = self.replace.get(i, self.lines[i])
        return "" if value is None else value

    def set(self, i: int, text: str | None) -> None:
        """Replace (or delete, with None) line i."""
        self.replace[i] = text

    def insert_before(self, i: int, new: list[str]) -> None:
        """Put lines before line i (after any inserted earlier)."""
        self.before.setdefault(i, []).extend(new)

    def insert_after(self, i: int, new: list[str]) -> None:
        """Put lines after line i (after any inserted earlier)."""
        self.after.setdefault(i, []).extend(new)

    def result(self) -> list[str]:
        """The edited document."""
        out: list[str] = []
        for i, line in enumerate(self.lines):
            out.extend(self.before.get(i, []))
            value = self.replace.get(i, line)
            if value is not None:
                out.append(value)
            out.extend(self.after.get(i, []))
        return out


Transform = Callable[[TextDoc], list[str] | None]

# ---------------------------------------------------------------- spacing and pages


def double_spaced(doc: TextDoc) -> list[str] | None:
    """Every line of the documents followed by a blank line (wire-service double spacing)."""
    out: list[str] = []
    inside = doc.body == 0  # a file without an EDGAR header is all text
    for line in doc.lines:
        mark = line.strip().upper()
        if mark.startswith("<TEXT>"):
            inside = True
        elif mark.startswith("</TEXT>"):
            inside = False
        out.extend((line, "") if inside and not mark.startswith("<TEXT>") else (line,))
    return out


def page_breaks(doc: TextDoc) -> list[str] | None:
    """A form feed and a running page header (company name, page number) in the middle of
    each statement, between two of its rows."""
    edits = Edits(doc.lines)
    for page, statement in enumerate(doc.statements.values(), start=7):
        rows = statement.rows
        if len(rows) < 4:
            continue
        middle = rows[len(rows) // 2]
        edits.insert_after(middle, ["", "\f", f"{doc.company:^78}".rstrip(), f"{'Page ' + str(page):>78}", ""])
    return edits.result() if edits.after else None


# ---------------------------------------------------------------- the units caption


def _captions(doc: TextDoc) -> list[tuple[T.Caption, list[Located]]] | None:
    """Each units caption with the statements it heads (one caption may head two)."""
    found: dict[tuple[tuple[int, int, int], ...], tuple[T.Caption, list[Located]]] = {}
    for kind, statement in doc.statements.items():
        caption = doc.caption(kind)
        if caption is not None:
            found.setdefault(caption.pieces, (caption, []))[1].append(statement)
    return list(found.values()) or None


def _remove_caption(edits: Edits, caption: T.Caption) -> None:
    """Blank the caption out of its lines; a line left empty goes."""
    for i, start, end in caption.pieces:
        before = edits.line(i)
        after = T.blank_out(before, start, end)
        edits.set(i, after if after.strip() else None)


def _moved_caption(place: Callable[[Edits, TextDoc, Located, str], bool]) -> Transform:
    """A transformation that takes each caption out and puts it back where `place` says."""

    def transform(doc: TextDoc) -> list[str] | None:
        captions = _captions(doc)
        if captions is None:
            return None
        edits = Edits(doc.lines)
        for caption, statements in captions:
            _remove_caption(edits, caption)
            for statement in statements:
                if not place(edits, doc, statement, caption.text):
                    return None
        return edits.result()

    transform.__doc__ = place.__doc__
    return transform


def _below_dates(edits: Edits, doc: TextDoc, statement: Located, text: str) -> bool:
    """The units caption moved below the column dates (and their underlining), above the
    table's first line."""
    end = T.header_end(doc.lines, statement)
    if end is None:
        return False
    first = doc.lines[statement.first_row]
    lead = "" if "\t" in first else " " * T.indent(first)
    edits.insert_before(end, [lead + text])
    return True


def _in_header(bottom_up: bool) -> Callable[[Edits, TextDoc, Located, str], bool]:
    """Place the caption in the label area of the header lines: ending on the date line
    (bottom_up) or starting on the first header line."""

    def place(edits: Edits, doc: TextDoc, statement: Located, text: str) -> bool:
        headers = T.header_lines(doc.lines, statement)
        if not headers:
            return False
        order = list(reversed(headers)) if bottom_up else headers
        words = text.split()
        if bottom_up:
            words.reverse()
        edge = T.label_area(doc.lines, statement)
        for i in order:
            if not words:
                break
            line = edits.line(i)
            if "\t" in line:
                chunk = list(reversed(words)) if bottom_up else words
                edits.set(i, " ".join(chunk) + line[line.index("\t"):] if not line[: line.index("\t")].strip() else line)
                words = [] if not line[: line.index("\t")].strip() else words
                continue
            room = min(T.indent(line) if line.strip() else edge or 0, edge or 0) - 2
            taken: list[str] = []
            while words and len(" ".join(taken + [words[0]])) <= room:
                taken.append(words.pop(0))
            if bottom_up:
                taken.reverse()
            if taken:
                piece = " ".join(taken)
                edits.set(i, piece + line[len(piece):])
        return not words

    place.__doc__ = (
        "The units caption moved into the label area of the header lines, ending on the date line."
        if bottom_up else "The units caption moved into the label area of the header lines, from the first one down."
    )
    return place


def _in_title(edits: Edits, doc: TextDoc, statement: Located, text: str) -> bool:
    """The units caption moved onto the statement's title line."""
    title = T.title_line(doc.lines, statement)
    if title is None:
        return False
    line = edits.line(title)
    if text in line:
        return True
    edits.set(title, line.rstrip() + " " + text)
    return True


units_below_dates = _moved_caption(_below_dates)
units_on_date_line = _moved_caption(_in_header(bottom_up=True))
units_in_left_header = _moved_caption(_in_header(bottom_up=False))
units_in_title = _moved_caption(_in_title)


def _nowhere(edits: Edits, doc: TextDoc, statement: Located, caption: str) -> bool:
    """The caption put back nowhere."""
    return True


units_deleted = _moved_caption(_nowhere)
units_deleted.__doc__ = "The units caption deleted: the figures' scale can no longer be known from the table."


# ---------------------------------------------------------------- a balance sheet in two tables


def _split_balance(continued: bool) -> Transform:
    """The balance sheet split after total assets into two tables, headers repeated."""

    def transform(doc: TextDoc) -> list[str] | None:
        balance = doc.statements.get("balance")
        if balance is None or "total_assets" not in balance.keyed:
            return None
        at = balance.keyed["total_assets"]
        if at >= balance.last_row:
            return None
        opened = T.table_open(doc.lines, balance)
        end = T.header_end(doc.lines, balance)
        if end is None:
            return None
        head = doc.lines[opened if opened is not None else balance.start: end]
        title = T.title_line(doc.lines, balance)
        new = [""] + (["</TABLE>", ""] if opened is not None else [])
        if continued:
            name = doc.lines[title].strip() if title is not None else "Balance sheets"
            new += [f"{name} (continued)".center(78).rstrip(), ""]
        new += head
        edits = Edits(doc.lines)
        edits.insert_after(_after_rule(doc.lines, at, balance), new)
        return edits.result()

    transform.__doc__ = (
        "The balance sheet split after total assets into two tables, the column headers repeated"
        + (", the second titled '(continued)'." if continued else ".")
    )
    return transform


def _after_rule(lines: list[str], at: int, statement: Located) -> int:
    """The line after which a table may be cut below row `at` (past its underlining)."""
    i = at
    while i + 1 < statement.last_row and (T.is_rule(lines[i + 1]) or T.is_blank(lines[i + 1])):
        if T.is_blank(lines[i + 1]):
            break
        i += 1
    return i


balance_split_continued = _split_balance(continued=True)
balance_split = _split_balance(continued=False)


# ---------------------------------------------------------------- labels reworded

# Wordings printed by real statements (the inline-XBRL corpus and the fixtures), by key.
def _relabel(name: str) -> Transform:
    """Labels of the key lines reworded the ways real statements word them."""
    wordings = WORDINGS[name]

    def transform(doc: TextDoc) -> list[str] | None:
        edits = Edits(doc.lines)
        done = 0
        for statement in doc.statements.values():
            for key, text in wordings.items():
                at = statement.keyed.get(key)
                if at is not None and _replace_label(edits, doc.lines, at, text):
                    done += 1
        return edits.result() if done else None

    transform.__doc__ = f"Key lines reworded ({', '.join(wordings.values())})."
    return transform


def _wrapped_above(lines: list[str], at: int) -> list[int]:
    """Label-only lines directly above a row that carry the start of its wrapped label."""
    above: list[int] = []
    i = at - 1
    while i >= 0 and len(above) < 3:
        line = lines[i]
        if T.is_blank(line) or T.is_marker(line) or T.is_rule(line) or T.figures(line):
            break
        if line.rstrip().endswith(":") or T.indent(line) > T.indent(lines[at]):
            break
        own = T.label(lines[at])
        if not own or not (own[0].islower() or T.indent(lines[at]) > T.indent(line)):
            break
        above.insert(0, i)
        at = i
        i -= 1
    return above


def _replace_label(edits: Edits, lines: list[str], at: int, text: str) -> bool:
    """Put `text` as the label of row `at`, its wrapped lines above removed; a label too long
    for its room is wrapped before the figures."""
    for i in _wrapped_above(lines, at):
        edits.set(i, None)
    line = lines[at]
    new = T.set_label(line, text)
    if new is None:
        words = text.split()
        head: list[str] = []
        while words and T.set_label(line, " ".join(words)) is None:
            head.append(words.pop(0))
        if not words:
            return False
        edits.insert_before(at, [" " * T.indent(line) + " ".join(head)])
        new = T.set_label(line, " ".join(words))
    edits.set(at, new)
    return True


def single_revenue_line(doc: TextDoc) -> list[str] | None:
    """Revenue printed as one qualified line with no total: the components and their heading
    go, the total stays, labelled "Revenues, net of discounts"."""
    income = doc.statements.get("income")
    if income is None or "total_revenue" not in income.keyed:
        return None
    parts = income.components.get("revenue_component", ())
    at = income.keyed["total_revenue"]
    if not parts or any(p > at for p in parts):
        return None
    edits = Edits(doc.lines)
    first = min(parts)
    heading = first - 1
    while heading >= 0 and T.is_blank(doc.lines[heading]):
        heading -= 1
    if heading >= 0 and not T.figures(doc.lines[heading]) and doc.lines[heading].rstrip().endswith(":"):
        edits.set(heading, None)
    for i in range(first, at):
        if not T.is_marker(doc.lines[i]):
            edits.set(i, None)
    if not _replace_label(edits, doc.lines, at, "Revenues, net of discounts"):
        return None
    return edits.result()


# ---------------------------------------------------------------- distractor rows


def _row_like(line: str, label: str, factor: Decimal, plus: Decimal) -> list[str]:
    """A row printed in the columns of `line`, with another label (wrapped before its
    figures when too long for the label area) and other figures."""
    if "\t" in line:
        cells = line.split("\t")
        return ["\t".join([label] + [shifted(c.strip(), factor, plus) if c.strip() else c for c in cells[1:]])]
    figures = T.figures(line)
    out = line
    for start, end, _ in figures:
        out = T.blank_out(out, start, end).ljust(len(line))
    for start, end, text in reversed(figures):
        new = shifted(text, factor, plus)
        out = out[: max(end - len(new), 0)].ljust(end - len(new)) + new + out[end:]
    words, head = label.split(), []
    while words and T.set_label(out, " ".join(words)) is None:
        head.append(words.pop(0))
    row = T.set_label(out, " ".join(words)) if words else None
    if row is None:
        return []
    lead = " " * T.indent(line)
    return ([lead + " ".join(head)] if head else []) + [row.rstrip()]


_EPS_KEYS = ("eps_diluted", "eps_basic_diluted", "eps_basic")


def _distractors(where: str) -> Transform:
    """Non-GAAP, adjusted, segment and pro forma rows next to the GAAP key rows."""
    rows = DISTRACTORS[where]

    def transform(doc: TextDoc) -> list[str] | None:
        income = doc.statements.get("income")
        if income is None:
            return None
        edits = Edits(doc.lines)
        for key, text in rows:
            block = _block(doc.lines, income, key)
            if block is None:
                continue
            template, top, bottom = block
            plus = Decimal("0.03") if key == "eps" else Decimal("7")
            fake = _row_like(doc.lines[template], text, Decimal("1.13"), plus)
            if where == "above" or (where == "segment" and key == "operating_income"):
                edits.insert_before(top, fake)
            else:
                edits.insert_after(bottom, fake)
        return edits.result() if edits.before or edits.after else None

    transform.__doc__ = {
        "above": "Non-GAAP net income and EPS rows printed just above the GAAP rows.",
        "below": "Adjusted ('excluding one-time items') net income and EPS rows just below the GAAP rows.",
        "segment": "A segment operating profit total above operating income; a pro forma net income below net income.",
    }[where]
    return transform


def _block(lines: list[str], income: Located, key: str) -> tuple[int, int, int] | None:
    """(template row, first line, last line) of a key's rows: the EPS rows are one block,
    headed by their heading ("Earnings per share:") when it sits right above them."""
    keys = _EPS_KEYS if key == "eps" else (key,)
    found = [income.keyed[k] for k in keys if k in income.keyed]
    if not found:
        return None
    top = min(found)
    top -= len(_wrapped_above(lines, top))
    if key == "eps":
        above = top - 1
        while above > top - 3 and above > 0 and T.is_blank(lines[above]):
            above -= 1
        if lines[above].rstrip().endswith(":") and not T.figures(lines[above]):
            top = above
    return found[0], top, max(found)


# ---------------------------------------------------------------- wrapping and rules


def _wrap(before: bool) -> Transform:
    """Key labels of two words or more wrapped onto two lines, before or after the figures."""

    def transform(doc: TextDoc) -> list[str] | None:
        edits = Edits(doc.lines)
        for statement in doc.statements.values():
            for key, at in statement.keyed.items():
                line = doc.lines[at]
                words = T.label(line).split()
                if sum(1 for w in words if any(ch.isalpha() for ch in w)) < 2 or "\t" in line or _wrapped_above(doc.lines, at):
                    continue
                half = (len(words) + 1) // 2
                lead = " " * T.indent(line)
                if before:
                    edits.insert_before(at, [lead + " ".join(words[:half])])
                    edits.set(at, T.set_label(line, "  " + " ".join(words[half:])) or line)
                else:
                    edits.set(at, T.set_label(line, " ".join(words[:half])) or line)
                    edits.insert_after(at, [lead + "  " + " ".join(words[half:])])
        return edits.result() if edits.replace else None

    transform.__doc__ = (
        "Key labels wrapped: their first words on a line of their own above the figures."
        if before else "Key labels wrapped: their last words on a line of their own below the figures."
    )
    return transform


wrap_before = _wrap(before=True)
wrap_after = _wrap(before=False)


def figure_pushed(doc: TextDoc) -> list[str] | None:
    """The widest figure of each key row pushed to the next line, in its column."""
    edits = Edits(doc.lines)
    for statement in doc.statements.values():
        for at in statement.keyed.values():
            line = doc.lines[at]
            found = T.figures(line)
            if len(found) < 2 or "\t" in line:
                continue
            start, end, text = max(found, key=lambda f: (f[1] - f[0], f[0]))
            edits.set(at, T.blank_out(line, start, end))
            edits.insert_after(at, [" " * start + text])
    return edits.result() if edits.replace else None


def dot_leaders(doc: TextDoc) -> list[str] | None:
    """Dot leaders between every row's label and its figures ("Net sales ........ $ 1,945")."""
    return _leaders(doc, ".")


def underline_leaders(doc: TextDoc) -> list[str] | None:
    """Underscore rules between every row's label and its figures ("Net sales ____ $ 1,945")."""
    return _leaders(doc, "_")


def _leaders(doc: TextDoc, mark: str) -> list[str] | None:
    """Fill the gap between labels and figures with a leader character."""
    edits = Edits(doc.lines)
    for statement in doc.statements.values():
        for at in statement.rows:
            line = doc.lines[at]
            if "\t" in line or not T.label(line):
                continue
            label_text = line[: T.label_end(line)].rstrip()
            gap = T.label_end(line) - len(label_text)
            if gap >= 4:
                edits.set(at, label_text + " " + mark * (gap - 2) + " " + line[T.label_end(line):])
    return edits.result() if edits.replace else None


# ---------------------------------------------------------------- columns

_YTD = re.compile(r"six|nine|twelve|26|39|52|year", re.I)
_PHRASE = re.compile(r"\S+(?: \S+)*")
# The phrases that head a group of columns: "Three Months Ended", "For the 13 Weeks", "Year".
_DURATION = re.compile(r"\b(?:months?|weeks?|quarters?|year)\b", re.I)


def _groups(doc: TextDoc, statement: Located) -> tuple[list[tuple[int, int]], list[list[int]]] | None:
    """The statement's column slices (from cut to cut) and the groups a spanning period
    header joins (columns 0-1 under "Three Months Ended", 2-3 under "Six Months Ended")."""
    spans = T.columns(doc.lines, statement.rows)
    if len(spans) < 2 or any("\t" in doc.lines[i] for i in statement.rows):
        return None
    labels = max(len(doc.lines[i][: T.label_end(doc.lines[i])].rstrip()) for i in statement.rows)
    headers = T.header_lines(doc.lines, statement)
    first = spans[0][0] - 1
    for i in headers:
        for m in _PHRASE.finditer(doc.lines[i]):
            if m.start() <= first < m.end() and m.start() - 1 > labels:
                first = m.start() - 1
    cuts = [first] + [(spans[k][1] + spans[k + 1][0]) // 2 for k in range(len(spans) - 1)]
    cuts.append(max(len(doc.lines[i]) for i in range(statement.start, statement.last_row + 1)) + 1)
    slices = [(cuts[k], cuts[k + 1]) for k in range(len(spans))]
    durations = [
        (m.start() + m.end()) / 2
        for i in range(statement.start, statement.first_row)
        for m in _PHRASE.finditer(doc.lines[i])
        if m.start() > first and _DURATION.search(m.group(0))
    ]
    groups: dict[int, list[int]] = {}
    for k, (a, b) in enumerate(slices):
        middle = (a + b) / 2
        nearest = min(range(len(durations)), key=lambda d: abs(durations[d] - middle)) if durations else 0
        groups.setdefault(nearest, []).append(k)
    return slices, sorted(groups.values())


def _moved(
    line: str, slices: list[tuple[int, int]], shift: list[int], groups: list[list[int]], heads: set[tuple[int, int]]
) -> str | None:
    """A line with each phrase over the columns moved as its columns move (a phrase over
    several columns, or heading a group, by their mean shift); None when phrases would
    collide."""
    first = slices[0][0]
    out: list[str] = []
    placed: list[tuple[int, str]] = []
    for m in _PHRASE.finditer(line):
        if m.start() < first:  # the label (one running into the columns stays where it is)
            placed.append((m.start(), m.group(0)))
            continue
        over = [k for k, (a, b) in enumerate(slices) if m.start() < b and m.end() > a] or [len(slices) - 1]
        under_head = T.is_rule(m.group(0)) and any(abs(m.start() - a) <= 2 and abs(m.end() - b) <= 2 for a, b in heads)
        if _DURATION.search(m.group(0)) or under_head:  # "Three Months Ended" (and its rule) heads its group
            over = max(groups, key=lambda g: sum(max(0, min(m.end(), slices[k][1]) - max(m.start(), slices[k][0])) for k in g))
        elif not _spans(m, over, slices):  # a phrase of one column: the one under its middle
            middle = (m.start() + m.end()) // 2
            over = [next((k for k, (a, b) in enumerate(slices) if a <= middle < b), over[-1])]
        placed.append((m.start() + round(sum(shift[k] for k in over) / len(over)), m.group(0)))
    for start, text in sorted(placed):
        if "".join(out[max(start - 1, 0):]).strip():
            return None  # it would touch or overlap the phrase before it
        out.extend(" " * (start - len(out)))
        out.extend(text)
    return "".join(out).rstrip()


def _spans(m: re.Match[str], over: list[int], slices: list[tuple[int, int]]) -> bool:
    """A header phrase over several columns: none of them holds three quarters of it."""
    if len(over) < 2:
        return False
    shares = [min(m.end(), slices[k][1]) - max(m.start(), slices[k][0]) for k in over]
    return max(shares) < 0.75 * (m.end() - m.start())


def _reorder(doc: TextDoc, choose: Callable[[list[list[int]], list[str]], list[int] | None]) -> list[str] | None:
    """Rearrange the columns of the statements as `choose` orders their slices."""
    edits = Edits(doc.lines)
    for statement in doc.statements.values():
        found = _groups(doc, statement)
        if found is None:
            continue
        slices, groups = found
        heads = [" ".join(doc.lines[i][slices[g[0]][0]: slices[g[-1]][1]] for i in T.header_lines(doc.lines, statement))
                 for g in groups]
        order = choose(groups, heads)
        if order is None or order == list(range(len(slices))):
            continue
        # Each column's content goes to the place (right edge) of the column it replaces.
        ends = [b for _, b in T.columns(doc.lines, statement.rows)]
        shift = [ends[slot] - ends[k] for slot, k in sorted(enumerate(order), key=lambda p: p[1])]
        spans = {
            (m.start(), m.end())
            for i in range(statement.start, statement.first_row)
            for m in _PHRASE.finditer(doc.lines[i])
            if _DURATION.search(m.group(0))
        }
        moved_lines: dict[int, str] = {}
        for i in range(statement.start, statement.last_row + 1):
            line = doc.lines[i]
            if T.is_blank(line) or T.is_marker(line):
                continue
            moved = _moved(line, slices, shift, groups, spans)
            if moved is None:
                break
            moved_lines[i] = moved
        else:
            for i, line in moved_lines.items():
                edits.set(i, line)
    return edits.result() if edits.replace else None


def columns_reversed(doc: TextDoc) -> list[str] | None:
    """Each column group printed oldest first (2003 before 2004)."""
    return _reorder(doc, lambda groups, heads: [k for g in groups for k in reversed(g)] if
                    any(len(g) > 1 for g in groups) else None)


def year_to_date_first(doc: TextDoc) -> list[str] | None:
    """The six- or nine-month columns printed before the quarter's."""

    def choose(groups: list[list[int]], heads: list[str]) -> list[int] | None:
        if len(groups) < 2 or not _YTD.search(heads[-1]) or _YTD.search(heads[0]):
            return None
        return [k for g in groups[1:] + groups[:1] for k in g]

    return _reorder(doc, choose)


def restated_annotation(doc: TextDoc) -> list[str] | None:
    """An "As / Restated" annotation under the dates of the second column."""
    edits = Edits(doc.lines)
    for statement in doc.statements.values():
        spans = T.columns(doc.lines, statement.rows)
        if len(spans) < 2 or any("\t" in doc.lines[i] for i in statement.rows):
            continue
        end, at = spans[1][1], T.header_end(doc.lines, statement)
        if at is not None:
            edits.insert_before(at, [" " * (end - 2) + "As", " " * (end - 8) + "Restated"])
    return edits.result() if edits.before else None


# ---------------------------------------------------------------- amounts inside labels


def amounts_in_labels(doc: TextDoc) -> list[str] | None:
    """Amounts printed inside labels: "Cash (includes restricted cash of $5)"."""
    edits = Edits(doc.lines)
    notes = {"cash": "(includes restricted cash of $5)", "total_revenue": "(including $3 from related parties)"}
    for statement in doc.statements.values():
        for key, note in notes.items():
            at = statement.keyed.get(key)
            if at is not None:
                text = T.label(doc.lines[at])
                if text:
                    _replace_label(edits, doc.lines, at, f"{text} {note}")
    return edits.result() if edits.replace else None


TRANSFORMS: dict[str, Transform] = {
    "double_spaced": double_spaced,
    "page_breaks": page_breaks,
    "units_below_dates": units_below_dates,
    "units_on_date_line": units_on_date_line,
    "units_in_left_header": units_in_left_header,
    "units_in_title": units_in_title,
    "units_deleted": units_deleted,
    "balance_split": balance_split,
    "balance_split_continued": balance_split_continued,
    "relabel_real_a": _relabel("relabel_real_a"),
    "relabel_real_b": _relabel("relabel_real_b"),
    "relabel_word_order": _relabel("relabel_word_order"),
    "single_revenue_line": single_revenue_line,
    "distractors_above": _distractors("above"),
    "distractors_below": _distractors("below"),
    "distractors_segment": _distractors("segment"),
    "wrap_before": wrap_before,
    "wrap_after": wrap_after,
    "figure_pushed": figure_pushed,
    "dot_leaders": dot_leaders,
    "underline_leaders": underline_leaders,
    "columns_reversed": columns_reversed,
    "year_to_date_first": year_to_date_first,
    "restated_annotation": restated_annotation,
    "amounts_in_labels": amounts_in_labels,
}
